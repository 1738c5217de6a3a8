// Writes the MDX files: a runbook (frontmatter with the runbook block, sections in FORMAT.md order,
// steps as `###` headings, TODO lines), a service page (title and description only), a service YAML.
import { Document, isPair, isScalar, isSeq, stringify, visit } from 'yaml';
import { slugify } from '../model/slug.ts';
import { SECTION_NAMES } from '../model/types.ts';
import type { Severity, TodoField } from '../../schema/runbook.ts';
import { SECTION_TITLES, type Draft } from './body.ts';
import { renderMarkdown } from './mdx-text.ts';
import type { VariableDraft } from './variables.ts';

export interface AlertDraft {
  name: string;
  /** The rule's expression (runbook alerts stubs). */
  expr?: string;
  for?: string;
  threshold?: string;
}

export interface RunbookFrontmatter {
  title: string;
  description: string;
  runbook: {
    id: string;
    aliases?: string[];
    service: string;
    owner?: string;
    severity: Severity;
    alerts?: AlertDraft[];
    responseTime?: string;
    timeToResolve?: string;
    lastReviewed?: string;
    reviewEvery?: string;
    variables?: Record<string, VariableDraft & { fromLabel?: string }>;
    env?: Record<string, string>;
    related?: string[];
    tags?: string[];
    /** Fields set provisionally (FORMAT `todo`). */
    todo?: TodoField[];
  };
}

/** Provenance of an imported file: its source; the hash is filled in when the file is complete (provenance.ts). */
export interface Provenance {
  source: string;
}

const provenance = (from?: Provenance) => (from ? { importedFrom: { source: from.source, sha256: '' } } : {});

/** Drops empty lists and maps so the frontmatter only says what the source said. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(
      ([, v]) => v !== undefined && !(Array.isArray(v) && !v.length) && !(v && typeof v === 'object' && !Array.isArray(v) && !Object.keys(v).length),
    ),
  ) as T;
}

function yamlText(data: object, flowLists: string[][], quoted: string[][] = []): string {
  const doc = new Document(data);
  for (const path of flowLists) {
    const node = doc.getIn(path, true);
    if (!isSeq(node)) continue;
    // One line each, like the hand-written runbooks; aliases quoted ("1. Latency Breach").
    node.flow = true;
    if (quoted.some((other) => other.join('.') === path.join('.'))) for (const item of node.items) if (isScalar(item)) item.type = 'QUOTE_DOUBLE';
  }
  // Regular expressions in single quotes, where no character is special.
  visit(doc, {
    Pair(_key, pair) {
      if (isPair(pair) && isScalar(pair.key) && pair.key.value === 'pattern' && isScalar(pair.value)) pair.value.type = 'QUOTE_SINGLE';
    },
  });
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

export function renderFrontmatter(frontmatter: RunbookFrontmatter, from?: Provenance): string {
  const data = { title: frontmatter.title, description: frontmatter.description, runbook: compact(frontmatter.runbook), ...provenance(from) };
  return `---\n${yamlText(
    data,
    [
      ['runbook', 'aliases'],
      ['runbook', 'related'],
      ['runbook', 'tags'],
      ['runbook', 'todo'],
    ],
    [['runbook', 'aliases']],
  )}---\n`;
}

/** A `> **TODO (import):** ...` line: visible on the page and easy to find; `message` is Markdown. */
export function todoLine(message: string): string {
  return renderMarkdown(`> **TODO (import):** ${message}`);
}

/** The anchor the model gives a heading written as `title` (Markdown escapes removed). */
const anchorOf = (title: string) => slugify(title.replace(/&lt;/g, '<').replace(/\\(.)/g, '$1'));

export function renderBody(draft: Draft, todos: string[]): string {
  const out: string[] = [...todos.map(todoLine), ...draft.lead];
  // Step headings are step ids and anchors of command ids: each must be unique in the runbook.
  const taken = new Set(SECTION_NAMES.map((name) => anchorOf(SECTION_TITLES[name])));
  const uniqueTitle = (title: string) => {
    let candidate = title;
    for (let n = 2; taken.has(anchorOf(candidate)); n++) candidate = `${title} (${n})`;
    taken.add(anchorOf(candidate));
    return candidate;
  };
  for (const name of SECTION_NAMES) {
    const section = draft.sections.get(name);
    if (!section || (!section.intro.length && !section.steps.length)) continue;
    out.push(`## ${SECTION_TITLES[name]}`, ...section.intro);
    for (const step of section.steps) out.push(`### ${uniqueTitle(step.title)}`, ...step.content);
  }
  for (const extra of draft.extra) out.push(`## ${extra.title}`, ...extra.content);
  return `${out.filter((block) => block.trim()).join('\n\n')}\n`;
}

export function renderRunbook(frontmatter: RunbookFrontmatter, body: string, from?: Provenance): string {
  return `${renderFrontmatter(frontmatter, from)}\n${body}`;
}

/** A docs page of the service: Starlight's `title` and `description` only (no runbook block), and its provenance. */
export function renderPage(title: string, description: string, content: string[], from?: Provenance): string {
  const body = content.filter((block) => block.trim()).join('\n\n');
  return `---\n${yamlText({ title, description, ...provenance(from) }, [])}---\n\n${body}\n`;
}

export interface ServiceDraft {
  name: string;
  owner: string;
  description?: string;
  escalation: { who: string; when: string; contact: string }[];
  /** Fields the importer set provisionally (`owner`, `escalation`). */
  todo?: string[];
}

export function renderService(service: ServiceDraft, comment: string): string {
  const header = comment
    .split('\n')
    .map((line) => `# ${line}`)
    .join('\n');
  return `${header}\n${stringify(compact(service), { lineWidth: 0 })}`;
}
