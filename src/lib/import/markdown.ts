// The source document as a tree of heading sections ("parts"), read with satteri's Markdown parser,
// plus small helpers over mdast nodes and the source text they came from.
import { markdownToMdast } from 'satteri';
import { toString } from 'mdast-util-to-string';
import type { Heading, Nodes, Paragraph, Root, RootContent } from 'mdast';

export interface SourceDoc {
  /** Name of the source file, for messages. */
  file: string;
  /** The source text after mojibake repair; every offset refers to it. */
  text: string;
  tree: Root;
}

export interface Part {
  heading?: Heading;
  /** Heading depth; 0 for the document itself. */
  depth: number;
  /** Heading text as written (for anchors). */
  raw: string;
  /** Heading text without decorative emoji. */
  title: string;
  /** Content before the first sub-heading. */
  blocks: RootContent[];
  children: Part[];
  parent?: Part;
}

export function parseSource(file: string, text: string): SourceDoc {
  return { file, text, tree: markdownToMdast(text) as Root };
}

// Emoji, their variation selectors and joiners, and keycaps: each a character of its own in the class, on purpose.
// eslint-disable-next-line no-misleading-character-class
const LEADING_EMOJI = /^(?:[\p{Extended_Pictographic}\u{FE0F}\u{FE0E}\u{200D}\u{20E3}\u{1F1E6}-\u{1F1FF}]|\s)+/u;
// eslint-disable-next-line no-misleading-character-class
const TRAILING_EMOJI = /(?:\s|[\p{Extended_Pictographic}\u{FE0F}\u{FE0E}\u{200D}\u{20E3}\u{1F1E6}-\u{1F1FF}])+$/u;

/** A heading without its decorative emoji (🔧 Playbook 1 → Playbook 1). */
export function withoutDecorativeEmoji(text: string): string {
  const cleaned = text.replace(LEADING_EMOJI, '').replace(TRAILING_EMOJI, '').trim();
  return cleaned || text.trim();
}

/** Builds the part tree from the top-level nodes. */
export function outline(nodes: RootContent[]): Part {
  const root: Part = { depth: 0, raw: '', title: '', blocks: [], children: [] };
  const stack: Part[] = [root];
  for (const node of nodes) {
    if (node.type === 'heading') {
      while (stack.length > 1 && stack[stack.length - 1].depth >= node.depth) stack.pop();
      const parent = stack[stack.length - 1];
      const raw = toString(node).trim();
      const part: Part = { heading: node, depth: node.depth, raw, title: withoutDecorativeEmoji(raw), blocks: [], children: [], parent };
      parent.children.push(part);
      stack.push(part);
    } else {
      stack[stack.length - 1].blocks.push(node);
    }
  }
  return root;
}

/** Every part below `part`, depth first, in document order. */
export function descendants(part: Part): Part[] {
  return part.children.flatMap((child) => [child, ...descendants(child)]);
}

/** Every node of a part's subtree (blocks of the part and of all sub-parts), in document order. */
export function partNodes(part: Part): RootContent[] {
  return [...part.blocks, ...part.children.flatMap((child) => [child.heading!, ...partNodes(child)])];
}

export const startOf = (node: Nodes) => node.position?.start.offset ?? 0;
export const endOf = (node: Nodes) => node.position?.end.offset ?? startOf(node);
export const lineOf = (node: Nodes) => node.position?.start.line ?? 1;

/** Every node below (and including) `node`, depth first. */
export function walk(node: Nodes, visit: (node: Nodes, parent?: Nodes) => void, parent?: Nodes): void {
  visit(node, parent);
  if ('children' in node) for (const child of node.children as Nodes[]) walk(child, visit, node);
}

export const textOf = (node: Nodes) => toString(node).trim();

/** The lines of a paragraph as written in the source (hard breaks and soft breaks alike). */
export function sourceLines(doc: SourceDoc, node: Nodes): string[] {
  return doc.text
    .slice(startOf(node), endOf(node))
    .split('\n')
    .map((line) => line.trim());
}

/**
 * `**Label**: value` (or `**Label:** value`, or `**Label**` alone): the label and the value, as
 * Markdown source. Undefined for a line that does not start with a bold label.
 */
export function labelLine(line: string): { label: string; value: string; bare: boolean } | undefined {
  const match = /^\*\*([^*]+?)\*\*\s*(:?)\s*(.*?)\s*\\?$/.exec(line.trim()) ?? /^__([^_]+?)__\s*(:?)\s*(.*?)\s*\\?$/.exec(line.trim());
  if (!match) return undefined;
  let label = match[1].trim();
  let colon = match[2] === ':';
  if (label.endsWith(':')) {
    label = label.slice(0, -1).trim();
    colon = true;
  }
  const value = match[3].trim();
  // A bold phrase followed by more prose ("**Note** this is...") is emphasis, not a label.
  if (!colon && value) return undefined;
  return { label, value, bare: !value };
}

/** A paragraph that is only bold text (with an optional trailing colon): a step or sub-task title. */
export function boldTitle(node: RootContent): string | undefined {
  if (node.type !== 'paragraph') return undefined;
  const children = (node as Paragraph).children;
  if (!children.length || children[0].type !== 'strong') return undefined;
  const rest = children.slice(1);
  if (rest.some((child) => child.type !== 'text' || !/^\s*:?\s*$/.test(child.value))) return undefined;
  return textOf(children[0]).replace(/:\s*$/, '').trim();
}
