// A service page: a shared part of the document (escalation, contacts, templates, reference tables)
// as a docs page with Starlight's title and description only.
import type { Code, RootContent } from 'mdast';
import { parseRunbookLoaded } from '../model/parse.ts';
import type { Consumed } from './body.ts';
import { summary } from './frontmatter.ts';
import { lineOf, withoutDecorativeEmoji, type Part, type SourceDoc } from './markdown.ts';
import { renderInline, renderNode, type ImageRewriter } from './mdx-text.ts';
import { stamp } from './provenance.ts';
import { renderPage } from './render.ts';
import type { PageSource } from './structure.ts';
import type { OutputFile } from './types.ts';
import { isFromTextAsWritten, type VerbatimRenderer } from './verbatim.ts';

/** The Markdown of a service page: its parts with headings from `##`. */
function pageContent(
  doc: SourceDoc,
  page: PageSource,
  { renderCode, rewriteUrl, rewriteImage, consumed, verbatim }: Pick<PageContext, 'renderCode' | 'rewriteUrl' | 'rewriteImage' | 'consumed' | 'verbatim'>,
): string[] {
  const render = verbatim
    ? (node: RootContent) => verbatim.block(node, rewriteUrl)
    : (node: RootContent) =>
        node.type === 'code'
          ? renderCode(node)
          : node.type === 'thematicBreak'
            ? ''
            : renderNode(doc.text, node, { renderCode, rewriteUrl, ...(rewriteImage ? { rewriteImage } : {}) });
  const heading =
    verbatim?.heading ?? ((part: Part, depth: number) => `${'#'.repeat(Math.min(depth, 6))} ${withoutDecorativeEmoji(renderInline(doc.text, part.heading!))}`);
  const renderPart = (part: Part, depth: number): string[] => [
    ...part.blocks.map(render),
    ...part.children.flatMap((child) => [heading(child, depth), ...renderPart(child, depth + 1)]),
  ];
  const out: string[] = [];
  for (const item of page.items) {
    if (item.kind === 'blocks') out.push(...item.blocks.map(render));
    else if (item.withHeading) out.push(heading(item.part, 2), ...renderPart(item.part, 3));
    else {
      if (item.part.heading) consumed.push({ line: lineOf(item.part.heading), kind: 'section-heading', output: page.title });
      out.push(...renderPart(item.part, 2));
    }
  }
  return out.filter((block) => block.trim());
}

export interface PageContext {
  doc: SourceDoc;
  /** The source document, recorded in `importedFrom`. */
  source: string;
  service: string;
  serviceName: string;
  renderCode: (node: Code) => string;
  rewriteUrl: (url: string, line: number) => string | undefined;
  rewriteImage?: ImageRewriter;
  consumed: Consumed[];
  /** `--verbatim`: blocks and headings as written. */
  verbatim?: VerbatimRenderer;
}

export function buildPage(page: PageSource, slug: string, ctx: PageContext): OutputFile {
  const content = pageContent(ctx.doc, page, ctx);
  const description = summary(content.slice(0, 1).filter((block) => !/^(#|```|\||>)/.test(block))) || `${page.title}: part of the ${ctx.serviceName} runbooks.`;
  const line = page.items.map((item) => (item.kind === 'part' ? lineOf(item.part.heading!) : lineOf(item.blocks[0]))).sort((a, b) => a - b)[0] ?? 1;
  const text = stamp(renderPage(page.title, description, content, { source: ctx.source }));
  const { problems } = parseRunbookLoaded(`import/pages/${ctx.service}/${slug}.mdx`, text);
  return {
    name: `${slug}.mdx`,
    title: page.title,
    content: text,
    line,
    problems: ctx.verbatim ? problems.filter((problem) => !isFromTextAsWritten(problem)) : problems,
  };
}
