// Finds the runbooks in a source document: the heading level and style they use (`### RB-001: ...`,
// `## Playbook 1: ...`, `### P1: ...`, `## 1. ...`, a group such as "Common Tasks", or a whole
// document in the `# AlertName` / `## Meaning` style), and the shared parts that become service pages.
import type { Code, RootContent } from 'mdast';
import { convertUntaggedFence } from './fences.ts';
import { descendants, labelLine, outline, sourceLines, walk, type Part, type SourceDoc } from './markdown.ts';
import { parseRunbookHeading, type RunbookHeading } from './metadata.ts';
import { isGroupTitle, isSharedTitle, isTableOfContents, labelRole, normaliseLabel, roleOf } from './vocabulary.ts';

export interface RunbookSource {
  part: Part;
  heading: RunbookHeading;
  /** The group heading the runbook was under ("Deployment Issues"), if any. */
  group?: Part;
}

export type PageItem =
  /** Loose blocks (the document's preamble or footer). */
  | { kind: 'blocks'; blocks: RootContent[] }
  /** A part; with its heading, or only its content when it is the page itself. */
  | { kind: 'part'; part: Part; withHeading: boolean };

export interface PageSource {
  slug: string;
  title: string;
  items: PageItem[];
  /** The document's own introduction (title, preamble, footer). */
  overview?: boolean;
  /** A sub-section of a group of runbooks that is not a runbook itself (no commands). */
  group?: Part;
}

export interface Structure {
  /** The document title (its `#` heading) and its line. */
  title?: string;
  titleLine?: number;
  /** Heading depth of the runbooks. */
  depth: number;
  runbooks: RunbookSource[];
  pages: PageSource[];
  /** Parts left out on purpose (tables of contents), with the reason. */
  dropped: { part: Part; reason: string }[];
  /** Groups that held runbooks (their headings become tags). */
  groups: Part[];
}

const COMMAND_LANGUAGES = new Set([
  'bash',
  'sh',
  'shell',
  'zsh',
  'console',
  'shell-session',
  'sql',
  'postgresql',
  'psql',
  'promql',
  'powershell',
  'ps1',
  'cmd',
]);

/** Code blocks in a part's subtree. */
function codeBlocks(part: Part): Code[] {
  const blocks: Code[] = [];
  const visit = (nodes: RootContent[]) => nodes.forEach((node) => walk(node, (child) => child.type === 'code' && blocks.push(child)));
  visit(part.blocks);
  for (const child of descendants(part)) visit(child.blocks);
  return blocks;
}

/** Whether a part holds something to run: a command block, or an untagged block with commands in it. */
export function hasCommands(part: Part): boolean {
  return codeBlocks(part).some((block) => {
    if (block.lang) return COMMAND_LANGUAGES.has(block.lang.toLowerCase());
    const converted = convertUntaggedFence(block.value);
    return converted.kind === 'markdown' ? /```(bash|sql)/.test(converted.markdown) : converted.lang !== 'text' && converted.lang !== 'json';
  });
}

/** How many of a part's sub-headings and labels name runbook sections (Symptoms, Diagnosis, Steps...). */
function sectionSignals(doc: SourceDoc, part: Part): number {
  const names = new Set<string>();
  for (const child of part.children) {
    const role = roleOf(child.title);
    if (role && role.kind !== 'metadata') names.add(role.kind === 'section' ? role.section : role.kind);
  }
  for (const block of part.blocks) {
    if (block.type !== 'paragraph') continue;
    for (const line of sourceLines(doc, block)) {
      const label = labelLine(line);
      const role = label && labelRole(label.label, false);
      // Owner and "Last Updated" say nothing about being a runbook: every document has them.
      if (role?.kind === 'metadata' && (role.field === 'lastUpdated' || role.field === 'owner')) continue;
      if (role) names.add(role.kind === 'section' ? role.section : role.kind === 'metadata' ? `meta:${role.field}` : role.kind);
    }
  }
  return names.size;
}

/** Every list item in these blocks is only a link to an anchor of the document. */
function onlyAnchorLinks(blocks: RootContent[]): boolean {
  if (!blocks.length || !blocks.every((block) => block.type === 'list')) return false;
  let links = 0;
  let other = false;
  for (const block of blocks) {
    walk(block, (node) => {
      if (node.type === 'link') links += node.url.startsWith('#') ? 1 : 0;
      if (node.type === 'code' || node.type === 'inlineCode') other = true;
    });
  }
  return links > 0 && !other;
}

function isCandidate(doc: SourceDoc, part: Part): boolean {
  // A source id ("RB-001:", "Playbook 1:") is a strong sign; a plain heading needs runbook sections.
  const heading = parseRunbookHeading(part.title);
  if (heading.style !== 'plain') return hasCommands(part) || sectionSignals(doc, part) >= 1;
  if (isSharedTitle(part.title) || isTableOfContents(part.title)) return false;
  return sectionSignals(doc, part) >= 2;
}

/** The blocks after the document's last thematic break when they are only `**Key**: value` lines (a footer). */
function splitFooter(doc: SourceDoc, nodes: RootContent[]): { body: RootContent[]; footer: RootContent[] } {
  let last = -1;
  nodes.forEach((node, index) => node.type === 'thematicBreak' && (last = index));
  if (last === -1) return { body: nodes, footer: [] };
  const tail = nodes.slice(last + 1);
  const isFooter = tail.length > 0 && tail.every((node) => node.type === 'paragraph' && sourceLines(doc, node).every((line) => labelLine(line)?.value));
  return isFooter ? { body: nodes.slice(0, last), footer: tail } : { body: nodes, footer: [] };
}

export class NoRunbooksError extends Error {}

export function detectStructure(doc: SourceDoc): Structure {
  const { body, footer } = splitFooter(doc, doc.tree.children);
  const root = outline(body);
  const parts = descendants(root);
  const candidates = parts.filter((part) => isCandidate(doc, part));
  if (!candidates.length) {
    throw new NoRunbooksError(
      `${doc.file}: found no runbooks. Expected headings such as "### RB-001: Title", "## Playbook 1: Title", "### P1: Title", "## 1. Title", or a document with "## Symptoms"/"## Diagnosis"/"## Mitigation" sections`,
    );
  }
  // The depth most runbook-like headings share (the shallower one on a tie); headings with a source
  // id ("RB-001:") decide when there are any.
  const withIds = candidates.filter((part) => parseRunbookHeading(part.title).style !== 'plain');
  const counts = new Map<number, number>();
  for (const part of withIds.length ? withIds : candidates) counts.set(part.depth, (counts.get(part.depth) ?? 0) + 1);
  const depth = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0];

  const runbookParts = new Set(candidates.filter((part) => part.depth === depth));
  // Sub-sections of a group of runbooks ("## Common Tasks" > "### Scaling") are runbooks too when they hold commands.
  for (const part of parts) {
    if (part.depth !== depth - 1 || !part.children.length) continue;
    const holdsRunbooks = part.children.some((child) => runbookParts.has(child));
    if (!holdsRunbooks && !isGroupTitle(part.title)) continue;
    if (isSharedTitle(part.title)) continue;
    for (const child of part.children) {
      if (!isSharedTitle(child.title) && !isTableOfContents(child.title) && hasCommands(child)) runbookParts.add(child);
    }
  }

  const runbooks: RunbookSource[] = [];
  const pages: PageSource[] = [];
  const dropped: Structure['dropped'] = [];
  const groups: Part[] = [];
  const documentPart = root.children.length === 1 && root.children[0].depth === 1 && !runbookParts.has(root.children[0]) ? root.children[0] : undefined;
  const overview: PageSource = { slug: 'overview', title: documentPart?.title ?? 'Overview', items: [], overview: true };
  const pageFor = (part: Part, group?: Part) =>
    pages.push({ slug: slugOf(part.title), title: part.title, items: [{ kind: 'part', part, withHeading: false }], ...(group ? { group } : {}) });
  const containsRunbook = (part: Part): boolean => runbookParts.has(part) || part.children.some(containsRunbook);

  if (root.blocks.length) overview.items.push({ kind: 'blocks', blocks: root.blocks });
  const visit = (part: Part, group?: Part) => {
    if (runbookParts.has(part)) {
      runbooks.push({ part, heading: parseRunbookHeading(part.title), ...(group ? { group } : {}) });
      return;
    }
    if (isTableOfContents(part.title) || (!part.children.length && onlyAnchorLinks(part.blocks))) {
      dropped.push({ part, reason: 'table of contents' });
      return;
    }
    if (part === documentPart) {
      if (part.blocks.length) overview.items.push({ kind: 'blocks', blocks: part.blocks });
      part.children.forEach((child) => visit(child));
      return;
    }
    if (normaliseLabel(part.title) === 'overview') {
      overview.items.push({ kind: 'part', part, withHeading: true });
      return;
    }
    if (!containsRunbook(part)) {
      pageFor(part, group);
      return;
    }
    // A group of runbooks: its own text becomes a page, its other sub-sections pages of their own.
    groups.push(part);
    if (part.blocks.some((block) => block.type !== 'thematicBreak')) {
      pages.push({ slug: slugOf(part.title), title: part.title, items: [{ kind: 'blocks', blocks: part.blocks }] });
    }
    for (const child of part.children) visit(child, part);
  };
  if (documentPart) {
    visit(documentPart);
  } else {
    for (const part of root.children) visit(part);
  }
  if (footer.length) overview.items.push({ kind: 'blocks', blocks: footer });
  const meaningful = (blocks: RootContent[]) => blocks.some((block) => block.type !== 'thematicBreak');
  if (overview.items.some((item) => (item.kind === 'blocks' ? meaningful(item.blocks) : meaningful(item.part.blocks) || item.part.children.length > 0))) {
    pages.unshift(overview);
  }
  const titlePart = documentPart ?? (root.children[0]?.depth === 1 ? root.children[0] : undefined);
  const titleInfo = titlePart ? { title: titlePart.title, titleLine: titlePart.heading!.position!.start.line } : {};
  return { ...titleInfo, depth, runbooks, pages, dropped, groups };
}

export function slugOf(title: string): string {
  return (
    normaliseLabel(title)
      .replace(/[^\p{L}\p{N}\s-]/gu, '')
      .trim()
      .replace(/\s+/g, '-')
      .replace(/-+/g, '-') || 'page'
  );
}
