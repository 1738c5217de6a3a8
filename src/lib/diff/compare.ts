// What changed operationally between two snapshots, by runbook id: runbooks added, removed and moved;
// per runbook, commands added, removed or changed (with their risk before and after), placeholders,
// alerts, severity, owner and service. Keys are present only when something changed.
import type { Risk } from '../model/types.ts';
import { matchCommands } from './match.ts';
import type { Snapshot, SnapshotCommand, SnapshotRunbook } from './snapshot.ts';

export interface CommandChange {
  id: string;
  step: string | null;
  change: 'added' | 'removed' | 'changed';
  before?: string;
  after?: string;
  riskBefore?: Risk;
  riskAfter?: Risk;
}

export interface RunbookChange {
  id: string;
  commands?: CommandChange[];
  placeholders?: { added: string[]; removed: string[] };
  alerts?: { added: string[]; removed: string[] };
  severity?: { before?: string; after?: string };
  owner?: { before?: string; after?: string };
  service?: { before?: string; after?: string };
}

export interface RunbookDiff {
  added: string[];
  removed: string[];
  moved: { id: string; from: string; to: string }[];
  changed: RunbookChange[];
  /** What could not be read as today's schema wants, per side. */
  notes?: string[];
}

const RISK_RANK: Record<Risk, number> = { read: 0, change: 1, destructive: 2 };

/** A change that raises what running the runbook can do: a command that became riskier, or a new command that is not read-only. */
export function raisesRisk(change: CommandChange): boolean {
  if (change.change === 'added') return change.riskAfter !== undefined && change.riskAfter !== 'read';
  if (change.change === 'changed')
    return change.riskBefore !== undefined && change.riskAfter !== undefined && RISK_RANK[change.riskAfter] > RISK_RANK[change.riskBefore];
  return false;
}

const placeholderKey = (command: SnapshotCommand) => JSON.stringify(command.placeholders.map((placeholder) => [placeholder.name, placeholder.context]));

function commandChanges(base: SnapshotRunbook, head: SnapshotRunbook): CommandChange[] {
  // The same file in both (one cache entry): nothing to match.
  if (base.commands === head.commands) return [];
  const changes: CommandChange[] = [];
  for (const [before, after] of matchCommands(base.commands, head.commands)) {
    if (before && after) {
      if (before.text === after.text && before.risk === after.risk && placeholderKey(before) === placeholderKey(after)) continue;
      changes.push({
        id: after.id,
        step: after.step,
        change: 'changed',
        before: before.text,
        after: after.text,
        riskBefore: before.risk,
        riskAfter: after.risk,
      });
    } else if (after) changes.push({ id: after.id, step: after.step, change: 'added', after: after.text, riskAfter: after.risk });
    else if (before) changes.push({ id: before.id, step: before.step, change: 'removed', before: before.text, riskBefore: before.risk });
  }
  // In the order of the head (removed ones where they were), so the report reads like the page.
  const order = new Map(head.commands.map((command, index) => [command.id, index]));
  const baseOrder = new Map(base.commands.map((command, index) => [command.id, index]));
  const rank = (change: CommandChange) => (change.change === 'removed' ? (baseOrder.get(change.id) ?? 0) - 0.5 : (order.get(change.id) ?? 0));
  return changes.sort((a, b) => rank(a) - rank(b));
}

function setChange(before: string[], after: string[]): { added: string[]; removed: string[] } | undefined {
  const was = new Set(before);
  const is = new Set(after);
  const added = [...is].filter((name) => !was.has(name)).sort();
  const removed = [...was].filter((name) => !is.has(name)).sort();
  return added.length || removed.length ? { added, removed } : undefined;
}

const placeholdersOf = (runbook: SnapshotRunbook) => runbook.commands.flatMap((command) => command.placeholders.map((placeholder) => placeholder.name));

function valueChange(before: string | undefined, after: string | undefined): { before?: string; after?: string } | undefined {
  return before === after ? undefined : { ...(before !== undefined ? { before } : {}), ...(after !== undefined ? { after } : {}) };
}

export function compareSnapshots(base: Snapshot, head: Snapshot): RunbookDiff {
  const added = [...head.runbooks.keys()].filter((id) => !base.runbooks.has(id)).sort();
  const removed = [...base.runbooks.keys()].filter((id) => !head.runbooks.has(id)).sort();
  const moved: RunbookDiff['moved'] = [];
  const changed: RunbookChange[] = [];
  for (const [id, after] of [...head.runbooks].sort(([a], [b]) => a.localeCompare(b))) {
    const before = base.runbooks.get(id);
    if (!before) continue;
    if (before.file && after.file && before.file !== after.file) moved.push({ id, from: before.file, to: after.file });
    const commands = commandChanges(before, after);
    const change: RunbookChange = {
      id,
      ...(commands.length ? { commands } : {}),
      ...optional('placeholders', setChange(placeholdersOf(before), placeholdersOf(after))),
      ...optional('alerts', setChange(before.alerts, after.alerts)),
      ...optional('severity', valueChange(before.severity, after.severity)),
      ...optional('owner', valueChange(before.owner, after.owner)),
      ...optional('service', valueChange(before.service, after.service)),
    };
    if (Object.keys(change).length > 1) changed.push(change);
  }
  const notes = [...base.notes, ...head.notes];
  return { added, removed, moved, changed, ...(notes.length ? { notes } : {}) };
}

const optional = <K extends string, V>(key: K, value: V | undefined) => (value === undefined ? {} : ({ [key]: value } as Record<K, V>));
