// Parse one MDX runbook into the typed model. Never throws for bad input: problems are returned
// with positions. Memoised by content hash, so each file is parsed once per process.
import { createHash } from 'node:crypto';
import { basename, extname } from 'node:path';
import { markdownToMdast, mdxToMdast } from 'satteri';
import { toString } from 'mdast-util-to-string';
import type { Nodes, Parents, Root } from 'mdast';
import { parseFrontmatter } from '../frontmatter.ts';
import { LineIndex, problemAt, type Problem, type Span } from '../problem.ts';
import { analyzeBlock } from '../core/block.ts';
import { loadCore } from '../core/load.ts';
import { findAlternatives } from './alternatives.ts';
import { classify } from './code.ts';
import { fenceInfo, isLanguageName, parseFenceMeta } from './fence-meta.ts';
import { findUnsafeConstructs, type SourceFormat } from './mdx-safety.ts';
import { sectionFor } from './sections.ts';
import { headingAnchors, slugify } from './slug.ts';
import { STEP_SECTIONS, type Alternatives, type Block, type Link, type Runbook, type UnsafeMdx, type Section, type SectionName, type Step } from './types.ts';

// Shared across module instances in one process (Astro's config and its build load this module separately).
const CACHE_KEY = Symbol.for('runbooks.model.cache');
type Cache = Map<string, Runbook>;
const cache: Cache = ((globalThis as Record<symbol, unknown>)[CACHE_KEY] as Cache | undefined) ?? new Map();
(globalThis as Record<symbol, unknown>)[CACHE_KEY] = cache;

export function hashSource(source: string): string {
  return createHash('sha256').update(source).digest('hex');
}

/**
 * Parses one runbook file, memoised by file name and content hash. Only the latest version of each
 * file is kept, so a long `astro dev` session does not accumulate every saved version.
 */
export async function parseRunbook(file: string, source: string): Promise<Runbook> {
  await loadCore();
  return parseRunbookLoaded(file, source);
}

/** `parseRunbook` once the core's parsers are loaded (`loadCore()`): synchronous. */
export function parseRunbookLoaded(file: string, source: string): Runbook {
  const hash = hashSource(source);
  const cached = cache.get(file);
  if (cached?.hash === hash) return cached;
  const runbook = parseUncached(file, source, hash);
  cache.set(file, runbook);
  return runbook;
}

/**
 * The MDX syntax tree, from satteri: the parser the site itself renders MDX with (@astrojs/mdx 8),
 * so the model sees exactly what the page shows. Measured on 2,000 synthetic runbooks: satteri
 * 0.1 s, mdast-util-from-markdown + micromark MDX extensions 2.5 s, unified + remark-mdx 2.5 s.
 */
function parseTree(file: string, source: string, lines: LineIndex, problems: Problem[], format: SourceFormat): { tree: Root; format: SourceFormat } {
  // A .md page is Markdown on the site too: `{` is text and HTML is raw HTML.
  if (format === 'markdown') return { tree: markdownToMdast(source) as Root, format };
  try {
    return { tree: mdxToMdast(source) as Root, format };
  } catch (error) {
    // An MDX syntax error (a stray `<` or `{`): report it where it is, then read the file as
    // plain Markdown so the rest of the model (and every other check) still works.
    const message = error instanceof Error ? error.message : String(error);
    const place = /^(\d+):(\d+):\s*/.exec(message);
    const offset = place ? lines.offset(Number(place[1]), Number(place[2])) : 0;
    const reason = message
      .slice(place?.[0].length ?? 0)
      .replace(/\s*\(\d+:\d+\)/, '')
      .trim();
    problems.push(
      problemAt(file, lines.span(offset, offset + 1), {
        rule: 'mdx/syntax',
        message: `MDX syntax error: ${reason}`,
        hint: 'Outside code, write a literal `<` as `&lt;` and `{` as `\\{`, or put the text in backticks.',
      }),
    );
    return { tree: markdownToMdast(source) as Root, format: 'markdown' };
  }
}

function spanOf(lines: LineIndex, node: Nodes): Span {
  const start = node.position?.start.offset ?? 0;
  const end = node.position?.end.offset ?? start;
  return lines.span(start, end);
}

function parseUncached(file: string, source: string, hash: string): Runbook {
  const lines = new LineIndex(source);
  const problems: Problem[] = [];
  const parsedFrontmatter = parseFrontmatter(file, source, lines);
  problems.push(...parsedFrontmatter.problems);
  const data = parsedFrontmatter.data;
  const meta = data?.runbook;
  const rawTitle = (parsedFrontmatter.raw as { title?: unknown } | undefined)?.title;
  const id = meta?.id ?? basename(file, extname(file));
  const title = data?.title ?? (typeof rawTitle === 'string' ? rawTitle : id);

  const { tree, format } = parseTree(file, source, lines, problems, extname(file).toLowerCase() === '.md' ? 'markdown' : 'mdx');
  const sections: Section[] = [];
  const steps: Step[] = [];
  const blocks: Block[] = [];
  const links: Link[] = [];
  const headings: PageHeading[] = [];

  let section: SectionName | null = null;
  let step: Step | null = null;
  let anchor = 'intro'; // slug of the heading the next block belongs to
  const perAnchor = new Map<string, { commands: number; others: number }>();

  const visit = (node: Nodes) => {
    switch (node.type) {
      case 'heading': {
        const text = toString(node).trim();
        const at = headings.push({ depth: node.depth, text, span: spanOf(lines, node) }) - 1;
        if (node.depth <= 2) {
          const name = node.depth === 2 ? sectionFor(text) : null;
          section = name;
          step = null;
          anchor = slugify(text);
          if (node.depth === 2) sections.push({ name, heading: text, slug: anchor, span: spanOf(lines, node) });
        } else if (node.depth === 3 && section && STEP_SECTIONS.includes(section)) {
          step = { id: slugify(text), title: text, section, span: spanOf(lines, node) };
          steps.push(step);
          headings[at].step = step.id;
          anchor = step.id;
        }
        break;
      }
      case 'code':
        blocks.push(readBlock(node, section, step, anchor));
        return;
      case 'link':
      case 'definition':
        links.push({ url: node.url, span: spanOf(lines, node) });
        break;
      case 'mdxjsEsm':
      case 'mdxFlowExpression':
      case 'mdxTextExpression':
        return;
    }
    if ('children' in node) for (const child of (node as Parents).children) visit(child as Nodes);
  };

  const readBlock = (node: Extract<Nodes, { type: 'code' }>, blockSection: SectionName | null, blockStep: Step | null, blockAnchor: string): Block => {
    const span = spanOf(lines, node);
    const lang = (node.lang ?? '').toLowerCase();
    const metaText = node.meta ?? '';
    const { attributes, issues } = parseFenceMeta(metaText);
    const fenceLineStart = lines.starts[span.start.line - 1];
    const fenceLine = source.slice(fenceLineStart, source.indexOf('\n', fenceLineStart) >>> 0);
    const metaOffset = fenceLineStart + Math.max(0, fenceLine.lastIndexOf(metaText));
    if (node.lang && !isLanguageName(node.lang)) {
      // Not a language (`REDISCLI_AUTH=$(sudo ...` on the fence line): the whole line is text the page hides, one problem.
      const infoStart = fenceLineStart + fenceLine.indexOf(node.lang);
      const info = fenceInfo(fenceLine);
      const shown = info.length > 40 ? `${info.slice(0, 39)}…` : info;
      problems.push(
        problemAt(file, lines.span(infoStart, fenceLineStart + fenceLine.trimEnd().length), {
          rule: 'fences/attributes',
          message: `The fence line holds text, not a language and attributes: \`${shown}\` is not shown on the page; move it into the block, or give it as title="..."`,
        }),
      );
    } else {
      for (const issue of issues) {
        problems.push(problemAt(file, lines.span(metaOffset + issue.start, metaOffset + issue.end), { rule: 'fences/attributes', message: issue.message }));
      }
    }
    const { kind, language } = classify(lang, attributes.text);
    const code = node.value;
    const codeLine = span.start.line + 1;
    const codeColumn = span.start.column;
    const codeOffset = codeLine <= lines.lineCount ? lines.offset(codeLine, codeColumn) : span.end.offset;
    const toSpan = (start: number, end: number): Span => codeSpan(lines, code, codeLine, codeColumn, start, end);
    const analysis = analyzeBlock({ code, kind, ...(language ? { language } : {}) });
    const placeholders = analysis.placeholders.map((found) => ({
      name: found.name,
      span: toSpan(found.start, found.end),
      start: found.start,
      end: found.end,
      commandStart: found.commandStart,
      commandEnd: found.commandEnd,
      context: found.context,
    }));
    const env = analysis.env.map((found) => ({ name: found.name, span: toSpan(found.start, found.end) }));
    const counters = perAnchor.get(blockAnchor) ?? { commands: 0, others: 0 };
    perAnchor.set(blockAnchor, counters);
    const isCommand = kind === 'command' || kind === 'console';
    const n = isCommand ? ++counters.commands : ++counters.others;
    const derived = isCommand ? `${id}/${blockAnchor}${n > 1 ? `-${n}` : ''}` : `${id}/${blockAnchor}:${kind}-${n}`;
    return {
      id: attributes.id ?? derived,
      lang,
      ...(language ? { language } : {}),
      kind,
      meta: metaText,
      attributes,
      code,
      ...(isCommand ? { command: analysis.command } : {}),
      span,
      codeLine,
      codeColumn,
      codeOffset,
      section: blockSection,
      step: blockStep?.id ?? null,
      placeholders,
      env,
      analysis,
    };
  };

  visit(tree);
  const unsafeMdx: UnsafeMdx[] = findUnsafeConstructs(tree, source, format).map(({ start, end, message, hint }) => ({
    span: lines.span(start, end),
    message,
    hint,
  }));
  problems.push(...duplicateIds(file, steps, blocks));
  const { alternatives, issues: alternativeIssues } = alternativesOf(headings, lines);
  return {
    file,
    hash,
    source,
    frontmatter: parsedFrontmatter,
    ...(data ? { data } : {}),
    ...(meta ? { meta } : {}),
    id,
    title,
    sections,
    steps,
    alternatives,
    alternativeIssues,
    blocks,
    links,
    anchors: headingAnchors(headings.map((heading) => heading.text)),
    unsafeMdx,
    problems,
  };
}

interface PageHeading {
  depth: number;
  text: string;
  span: Span;
  /** Id of the step it heads, if it is one. */
  step?: string;
}

/** The groups of alternative steps (alternatives.ts reads the headings); an option ends where the next heading of depth 3 or less starts. */
function alternativesOf(headings: PageHeading[], lines: LineIndex): { alternatives: Alternatives[]; issues: Runbook['alternativeIssues'] } {
  const { groups, issues } = findAlternatives(headings);
  const endAfter = (index: number) => {
    const next = headings.slice(index + 1).find((heading) => heading.depth <= 3);
    // Up to the line before the next heading (the blank lines between belong to nobody).
    const end = next ? next.span.start.offset : lines.text.length;
    return lines.text.slice(0, end).trimEnd().length;
  };
  const alternatives = groups.map((group) => {
    const options = group.options.map((option) => {
      const first = headings[option.headings[0]];
      const span = lines.span(first.span.start.offset, endAfter(option.headings.at(-1)!));
      return { id: option.id, label: option.label, title: option.title, steps: option.headings.map((index) => headings[index].step!), span };
    });
    return { id: group.id, section: group.section, options, span: { start: options[0].span.start, end: options.at(-1)!.span.end } };
  });
  return { alternatives, issues: issues.map((issue) => ({ span: headings[issue.heading].span, message: issue.message, hint: issue.hint })) };
}

/**
 * A span inside a block's code, in file coordinates. Code lines start at `codeColumn` (the fence's
 * indentation is removed from the code by the Markdown parser).
 */
export function codeSpan(lines: LineIndex, code: string, codeLine: number, codeColumn: number, start: number, end: number): Span {
  const point = (offset: number) => {
    const before = code.slice(0, offset);
    const lineInCode = before.split('\n').length - 1;
    const column = offset - (before.lastIndexOf('\n') + 1);
    const line = Math.min(codeLine + lineInCode, lines.lineCount);
    return lines.point(lines.offset(line, codeColumn + column));
  };
  return { start: point(start), end: point(end) };
}

function duplicateIds(file: string, steps: Step[], blocks: Block[]): Problem[] {
  const problems: Problem[] = [];
  const firstStep = new Map<string, Step>();
  for (const step of steps) {
    const first = firstStep.get(step.id);
    if (!first) firstStep.set(step.id, step);
    else
      problems.push(
        problemAt(file, step.span, {
          rule: 'ids/unique',
          message: `Duplicate step id "${step.id}": the heading "${step.title}" is used twice`,
          hint: 'Give the step a distinct heading.',
          related: [{ file, line: first.span.start.line, column: first.span.start.column, message: 'first defined here' }],
        }),
      );
  }
  const firstBlock = new Map<string, Block>();
  for (const block of blocks) {
    const first = firstBlock.get(block.id);
    if (!first) firstBlock.set(block.id, block);
    else
      problems.push(
        problemAt(file, block.span, {
          rule: 'ids/unique',
          message: `Duplicate command id "${block.id}"`,
          hint: 'Give one of the blocks its own id="..." attribute.',
          related: [{ file, line: first.span.start.line, column: first.span.start.column, message: 'first defined here' }],
        }),
      );
  }
  return problems;
}
