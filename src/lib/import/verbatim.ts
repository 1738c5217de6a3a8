// `--verbatim`: the document is split and the frontmatter written as usual (from the repaired text),
// but the body is the source as written: mojibake, untagged fences, headings and links kept; only
// what MDX needs to parse is changed (`<`, `{`, autolinks escaped; indented code fenced).
import type { Code, Nodes, Root } from 'mdast';
import type { Problem } from '../problem.ts';
import { fence } from './fences.ts';
import { endOf, startOf, type Part, type SourceDoc } from './markdown.ts';
import { renderInline, renderNode } from './mdx-text.ts';

/** A new URL for a link, or undefined to keep it as written. */
export type UrlRewriter = (url: string, line: number) => string | undefined;

/** Renders the nodes of the repaired document from the same nodes of the document as written. */
export interface VerbatimRenderer {
  /** A block as written (a code block exactly, other blocks with MDX's escapes); `rewriteUrl` moves links the import broke. */
  block: (node: Nodes, rewriteUrl?: UrlRewriter) => string;
  /** A heading as written (emoji and all), at `depth`. */
  heading: (part: Part, depth: number) => string;
  /** A part's blocks, then its sub-parts with headings from `depth` down, as many lines apart as in the source. */
  part: (part: Part, depth: number, rewriteUrl?: UrlRewriter) => string;
}

/** A code block as it is in `source`: fenced blocks exactly, an indented one fenced without a language (MDX has no indented code). */
export function verbatimCode(source: string): (node: Code) => string {
  return (node) => {
    const start = node.position?.start.offset ?? 0;
    const end = node.position?.end.offset ?? start;
    const raw = source.slice(start, end);
    if (/^(`{3,}|~{3,})/.test(raw)) {
      // Lines inside a list item keep their indentation relative to the fence.
      const column = (node.position?.start.column ?? 1) - 1;
      return column
        ? raw
            .split('\n')
            .map((line, index) => (index === 0 ? line : line.replace(new RegExp(`^ {0,${column}}`), '')))
            .join('\n')
        : raw;
    }
    return fence('', node.value);
  };
}

/**
 * Pairs every node of `repaired` with the node at the same place in `written`. Mojibake repair only
 * changes characters inside lines, so the trees have the same shape; undefined when they do not.
 */
function pairNodes(repaired: Root, written: Root): Map<Nodes, Nodes> | undefined {
  const pairs = new Map<Nodes, Nodes>();
  const visit = (a: Nodes, b: Nodes): boolean => {
    if (a.type !== b.type || a.position?.start.line !== b.position?.start.line || a.position?.end.line !== b.position?.end.line) return false;
    pairs.set(a, b);
    const left = 'children' in a ? (a.children as Nodes[]) : [];
    const right = 'children' in b ? (b.children as Nodes[]) : [];
    return left.length === right.length && left.every((child, index) => visit(child, right[index]));
  };
  return visit(repaired, written) ? pairs : undefined;
}

/**
 * Renders parts of `repaired` (where the structure was found) from `written` (the text as it was).
 * Undefined when the repair changed the Markdown structure, so the two cannot be matched.
 */
export function verbatimRenderer(repaired: SourceDoc, written: SourceDoc): VerbatimRenderer | undefined {
  const pairs = pairNodes(repaired.tree, written.tree);
  if (!pairs) return undefined;
  const source = written.text;
  const writtenOf = <T extends Nodes>(node: T) => pairs.get(node) as T;
  const code = verbatimCode(source);
  // Links stay as written (a dead one is for the linter to report), except those the import itself
  // breaks: an anchor of a heading that went to another page of the split document (`rewriteUrl`).
  const block = (node: Nodes, rewriteUrl?: UrlRewriter) =>
    node.type === 'code' ? code(writtenOf(node)) : renderNode(source, writtenOf(node), { renderCode: code, ...(rewriteUrl ? { rewriteUrl } : {}) });
  const heading = (part: Part, depth: number) => `${'#'.repeat(Math.min(depth, 6))} ${renderInline(source, writtenOf(part.heading!))}`;
  const items = (of: Part, depth: number, rewriteUrl?: UrlRewriter): { node: Nodes; text: string }[] => [
    ...of.blocks.map((node) => ({ node: writtenOf(node), text: block(node, rewriteUrl) })),
    ...of.children.flatMap((child) => [{ node: writtenOf(child.heading!), text: heading(child, depth) }, ...items(child, depth + 1, rewriteUrl)]),
  ];
  const part = (of: Part, depth: number, rewriteUrl?: UrlRewriter): string => {
    const list = items(of, depth, rewriteUrl);
    // The source's line breaks between blocks: a list right under its label stays right under it.
    const gap = (before: Nodes, after: Nodes) => '\n'.repeat(Math.max(1, source.slice(endOf(before), startOf(after)).split('\n').length - 1));
    return list.map((item, index) => (index ? gap(list[index - 1].node, item.node) : '') + item.text).join('');
  };
  return { block, heading, part };
}

/** Model problems that come from the text as written (`ids/unique` of two equal step headings, a fence's unknown attributes): with `--verbatim` they are the source's, for the linter to report, not an importer bug. */
export function isFromTextAsWritten(problem: Problem): boolean {
  return problem.rule === 'fences/attributes' || problem.rule === 'ids/unique';
}
