// The escalation policy of a source document, as ordered levels (who, when, contact) for the service
// YAML. Four shapes are understood: a table with "Level N" columns, "### Level N: Who" headings, a text
// diagram of "Level N (condition)" lines, and a severity table with "Escalate After" / "Escalate To".
// Contacts are always placeholders: a source's phone numbers never reach the repository.
import type { Code, Table } from 'mdast';
import { descendants, outline, textOf, walk, type SourceDoc } from './markdown.ts';

export interface EscalationLevel {
  who: string;
  when: string;
  contact: string;
}

export interface Escalation {
  levels: EscalationLevel[];
  /** Where the policy was found, for the report; undefined when none was. */
  from?: string;
  /** What the importer could not decide. */
  todos: string[];
}

export const CONTACT_PLACEHOLDER = 'TODO: pager schedule or chat channel (placeholder)';

const cells = (table: Table, row: number) => (table.children[row]?.children ?? []).map((cell) => textOf(cell));
const isEmpty = (text: string) => !text || /^(-|–|—|n\/a|none)$/i.test(text.trim());

/** A table whose columns are levels: | Issue | Level 1 (On-Call) | Level 2 (Lead) | ... |. */
function fromLevelColumns(table: Table): EscalationLevel[] | undefined {
  const header = cells(table, 0);
  const columns = header
    .map((text, index) => ({ index, match: /^level\s*(\d+)\s*(?:\(([^)]+)\)|[:-]\s*(.+))?$/i.exec(text.trim()) }))
    .filter((column) => column.match);
  if (columns.length < 2) return undefined;
  const rows = table.children.slice(1).map((_, index) => cells(table, index + 1));
  return columns.map(({ index, match }) => {
    const who = (match![2] ?? match![3] ?? `Level ${match![1]}`).trim();
    const entries = rows.filter((row) => !isEmpty(row[index] ?? '')).map((row) => `${row[0]}: ${row[index]}`);
    const when = entries.length === rows.length && Number(match![1]) === 1 ? 'immediately, for every issue in the escalation table' : entries.join('; ');
    return { who, when: when || 'TODO: the source does not say when', contact: CONTACT_PLACEHOLDER };
  });
}

/** A severity table: | Severity | Initial Response | Escalate After | Escalate To |. */
function fromSeverityTable(table: Table): EscalationLevel[] | undefined {
  const header = cells(table, 0).map((text) => text.toLowerCase());
  const severity = header.findIndex((text) => /severity|priority/.test(text));
  const initial = header.findIndex((text) => /initial|first|respond/.test(text));
  const after = header.findIndex((text) => /escalate after|after/.test(text));
  const to = header.findIndex((text) => /escalate to/.test(text));
  if (severity < 0 || to < 0) return undefined;
  const rows = table.children.slice(1).map((_, index) => cells(table, index + 1));
  const levels: EscalationLevel[] = [];
  if (initial >= 0) {
    const counts = new Map<string, string[]>();
    for (const row of rows) if (!isEmpty(row[initial])) counts.set(row[initial], [...(counts.get(row[initial]) ?? []), row[severity]]);
    const [who, severities] = [...counts].sort((a, b) => b[1].length - a[1].length)[0] ?? [];
    if (who) levels.push({ who, when: `immediately (${severities.join(', ')})`, contact: CONTACT_PLACEHOLDER });
  }
  const targets = new Map<string, string[]>();
  for (const row of rows) {
    if (isEmpty(row[to]) || (after >= 0 && isEmpty(row[after]))) continue;
    for (const who of row[to].split(/\s*(?:\+|,|&|\band\b)\s*/).filter(Boolean)) {
      targets.set(who, [...(targets.get(who) ?? []), `${row[severity]}: after ${after >= 0 ? row[after] : 'the initial response'}`]);
    }
  }
  for (const [who, when] of targets) levels.push({ who: who.charAt(0).toUpperCase() + who.slice(1), when: when.join('; '), contact: CONTACT_PLACEHOLDER });
  return levels.length ? levels : undefined;
}

/** Lines "Level 1 (Alert)" followed by what happens ("Engineer On-Call responds within 5 minutes"). */
function fromDiagram(code: string): EscalationLevel[] | undefined {
  const lines = code
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !/^[↓↑│|v^▼]+$/.test(line));
  const levels: EscalationLevel[] = [];
  lines.forEach((line, index) => {
    const match = /^level\s*(\d+)\s*(?:\(([^)]*)\))?\s*:?\s*(.*)$/i.exec(line);
    if (!match) return;
    const next = lines[index + 1];
    const who = match[3] || (next && !/^level\s*\d/i.test(next) ? next : '');
    levels.push({ who: who || `Level ${match[1]}`, when: match[2]?.trim() || 'TODO: the source does not say when', contact: CONTACT_PLACEHOLDER });
  });
  return levels.length >= 2 ? levels : undefined;
}

export function extractEscalation(doc: SourceDoc, skip: (offset: number) => boolean): Escalation {
  const tables: Table[] = [];
  const codes: Code[] = [];
  walk(doc.tree, (node) => {
    const offset = node.position?.start.offset ?? 0;
    if (skip(offset)) return;
    if (node.type === 'table') tables.push(node);
    if (node.type === 'code' && (!node.lang || node.lang === 'text')) codes.push(node);
  });
  for (const table of tables) {
    const levels = fromLevelColumns(table);
    if (levels) return { levels, from: `the escalation table (line ${table.position?.start.line})`, todos: [] };
  }
  for (const table of tables) {
    const levels = fromSeverityTable(table);
    if (levels) return { levels, from: `the escalation matrix (line ${table.position?.start.line})`, todos: [] };
  }
  for (const part of descendants(outline(doc.tree.children))) {
    if (!/escalat/i.test(part.title) || skip(part.heading?.position?.start.offset ?? 0)) continue;
    const levelParts = part.children.filter((child) => /^level\s*\d+/i.test(child.title));
    if (levelParts.length < 2) continue;
    const levels = levelParts.map((child, index) => ({
      who: child.title.replace(/^level\s*\d+\s*[:.-]?\s*/i, '').trim() || child.title,
      when: index === 0 ? 'immediately' : `TODO: when to escalate from level ${index} (the source lists responsibilities only)`,
      contact: CONTACT_PLACEHOLDER,
    }));
    return {
      levels,
      from: `"${part.title}" (line ${part.heading?.position?.start.line})`,
      todos: levels.length > 1 ? ['the source does not say when to escalate to levels 2 and up; the YAML says TODO'] : [],
    };
  }
  for (const code of codes) {
    const levels = fromDiagram(code.value);
    if (levels) return { levels, from: `the escalation diagram (line ${code.position?.start.line})`, todos: [] };
  }
  return {
    levels: [{ who: 'On-call engineer', when: 'immediately', contact: CONTACT_PLACEHOLDER }],
    todos: ['the source has no escalation policy: the service YAML has one placeholder level'],
  };
}
