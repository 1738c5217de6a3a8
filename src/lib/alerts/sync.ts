// `runbook alerts sync`: each runbook's alert entry takes `expr` and `for` from the rule that defines
// the alert, and the runbook its severity from the rule's label while `severity` is in its `todo`.
// The frontmatter is edited in place (only those values change), read back and validated before
// anything is written.
import { parseDocument } from 'yaml';
import { mapSeverity } from '../import/metadata.ts';
import { parseRunbookFrontmatter } from '../model/frontmatter-only.ts';
import type { Runbook } from '../model/types.ts';
import { severityRank, type Severity } from '../../schema/runbook.ts';
import { applyEdits, mapAt, setKey, type TextEdit } from '../yaml-edit.ts';
import type { AlertResult } from './check.ts';
import { runbookDuration } from './prometheus-duration.ts';

export interface SyncChange {
  field: 'expr' | 'for' | 'severity';
  /** The alert entry changed (undefined for the runbook's severity). */
  alert?: string;
  before?: string;
  after: string;
}

export interface SyncedRunbook {
  id: string;
  file: string;
  changes: SyncChange[];
  /** Values not synced, and why (rules that disagree, a severity label this project does not know). */
  notes: string[];
  /** The new text of the file (undefined when nothing changes or the edit could not be verified). */
  text?: string;
}

/** What the rules say about one alert of one runbook. */
interface Wanted {
  runbook: Runbook;
  index: number;
  alert: string;
  rules: AlertResult[];
}

export function planSync(results: AlertResult[]): SyncedRunbook[] {
  // The rules of each declared alert (an alert may be defined by several rules: one per threshold).
  const wanted = new Map<string, Wanted>();
  for (const result of results) {
    const declaration = result.answer.declaration;
    if (!declaration) continue;
    const key = `${declaration.runbook.file}\0${declaration.index}`;
    const entry = wanted.get(key) ?? { runbook: declaration.runbook, index: declaration.index, alert: declaration.alert, rules: [] };
    entry.rules.push(result);
    wanted.set(key, entry);
  }
  const byRunbook = new Map<Runbook, Wanted[]>();
  for (const entry of wanted.values()) byRunbook.set(entry.runbook, [...(byRunbook.get(entry.runbook) ?? []), entry]);
  return [...byRunbook].map(([runbook, entries]) => syncRunbook(runbook, entries)).sort((a, b) => a.file.localeCompare(b.file));
}

/** One value agreed on by every rule, or undefined (with a note) when they disagree. */
function agreed(values: (string | undefined)[], what: string, alert: string, notes: string[]): string | undefined {
  const distinct = [...new Set(values.filter((value): value is string => value !== undefined))];
  if (distinct.length > 1) notes.push(`${alert}: ${values.length} rules define it with different ${what}; left as it is`);
  return distinct.length === 1 ? distinct[0] : undefined;
}

function syncRunbook(runbook: Runbook, entries: Wanted[]): SyncedRunbook {
  const meta = runbook.meta!;
  const changes: SyncChange[] = [];
  const notes: string[] = [];
  const edits: TextEdit[] = [];
  const [start, end] = runbook.frontmatter.yamlRange!;
  const yamlText = runbook.source.slice(start, end);
  const document = parseDocument(yamlText, { prettyErrors: false });
  const shift = (edit: TextEdit): TextEdit => ({ start: edit.start + start, end: edit.end + start, text: edit.text });
  const severities: Severity[] = [];

  for (const entry of [...entries].sort((a, b) => a.index - b.index)) {
    const current = meta.alerts[entry.index];
    const map = mapAt(document, ['runbook', 'alerts', entry.index]);
    const expr = agreed(
      entry.rules.map((result) => result.rule.expr?.replace(/\s+$/, '')).map((value) => value || undefined),
      'expressions',
      entry.alert,
      notes,
    );
    const rawFor = agreed(
      entry.rules.map((result) => result.rule.for),
      'for durations',
      entry.alert,
      notes,
    );
    const duration = rawFor === undefined ? undefined : runbookDuration(rawFor);
    if (rawFor !== undefined && duration === undefined) notes.push(`${entry.alert}: for: ${rawFor} is not a Prometheus duration; left as it is`);
    if (!map) {
      notes.push(`${entry.alert}: its entry is not a YAML map here; edit it by hand`);
      continue;
    }
    if (expr !== undefined && expr !== current.expr) {
      edits.push(shift(setKey(yamlText, map, 'expr', expr)));
      changes.push({ field: 'expr', alert: entry.alert, ...(current.expr !== undefined ? { before: current.expr } : {}), after: expr });
    }
    if (duration !== undefined && duration !== current.for?.text) {
      edits.push(shift(setKey(yamlText, map, 'for', duration)));
      changes.push({ field: 'for', alert: entry.alert, ...(current.for ? { before: current.for.text } : {}), after: duration });
    }
    for (const result of entry.rules) {
      const label = result.rule.labels.severity;
      if (label === undefined) continue;
      const mapped = mapSeverity(label);
      if (mapped) severities.push(mapped);
      else if (meta.todo.includes('severity'))
        notes.push(`${entry.alert}: severity label "${label}" means none of critical, high, medium, low here; severity left as it is`);
    }
  }
  // An alert at several thresholds (warning, critical): the runbook answers the most severe.
  if (meta.todo.includes('severity') && severities.length) {
    const severity = [...severities].sort((a, b) => severityRank(a) - severityRank(b))[0];
    const runbookMap = mapAt(document, ['runbook']);
    if (severity !== meta.severity && runbookMap) {
      edits.push(shift(setKey(yamlText, runbookMap, 'severity', severity)));
      changes.push({ field: 'severity', before: meta.severity, after: severity });
    }
  }
  const result: SyncedRunbook = { id: meta.id, file: runbook.file, changes, notes };
  if (!edits.length) return result;
  const text = applyEdits(runbook.source, edits);
  // The file must read back as a valid runbook with exactly the new values.
  const reread = parseRunbookFrontmatter(runbook.file, text).meta;
  const ok =
    reread !== undefined &&
    changes.every((change) => {
      if (change.field === 'severity') return reread.severity === change.after;
      const alert = reread.alerts.find((candidate) => candidate.name === change.alert);
      return change.field === 'expr' ? alert?.expr === change.after : alert?.for?.text === change.after;
    });
  if (!ok)
    return {
      ...result,
      changes: [],
      notes: [...notes, 'the edited frontmatter did not read back as intended; nothing was changed (please report this with the file)'],
    };
  return { ...result, text };
}
