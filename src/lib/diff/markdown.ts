// `runbook diff --format markdown`: a pull-request comment. What raises the risk of running a runbook
// comes first, then everything else; one line per change, linked to the page (and step) it concerns.
import { inlineCode } from '../import/mdx-text.ts';
import { raisesRisk, type CommandChange, type RunbookDiff } from './compare.ts';
import type { Snapshot, SnapshotRunbook } from './snapshot.ts';

const MAX_COMMAND = 90;

/** A command as inline code: its first line, shortened. */
function code(text: string): string {
  const lines = text.trim().split('\n');
  let shown = lines[0];
  if (shown.length > MAX_COMMAND) shown = `${shown.slice(0, MAX_COMMAND - 1)}…`;
  else if (lines.length > 1) shown = `${shown} …`;
  return inlineCode(shown);
}

/** Markdown text that is shown as written (titles, ids, paths). */
const escape = (text: string) => text.replace(/([\\`*_[\]<>|#])/g, '\\$1');

export function formatMarkdown(diff: RunbookDiff, base: Snapshot, head: Snapshot, siteUrl?: string): string {
  const page = (runbook: SnapshotRunbook, anchor?: string | null) => {
    const title = escape(runbook.title);
    if (!siteUrl || !runbook.url) return `**${title}**`;
    return `[${title}](${siteUrl}${runbook.url}${anchor ? `#${anchor}` : ''})`;
  };
  const runbookOf = (id: string) => head.runbooks.get(id) ?? base.runbooks.get(id)!;
  const where = (runbook: SnapshotRunbook, change: CommandChange) => {
    const step = change.step ? runbook.steps[change.step] : undefined;
    return `${page(runbook, change.step)}${step ? ` › ${escape(step)}` : ''}`;
  };
  const risky: string[] = [];
  const other: string[] = [];
  for (const change of diff.changed) {
    const runbook = runbookOf(change.id);
    for (const command of change.commands ?? []) {
      const line =
        command.change === 'added'
          ? `new **${command.riskAfter}** command ${code(command.after ?? '')} in ${where(runbook, command)}`
          : command.change === 'removed'
            ? `removed ${command.riskBefore} command ${code(command.before ?? '')} from ${where(runbook, command)}`
            : command.riskBefore !== command.riskAfter
              ? `${command.riskBefore} → **${command.riskAfter}**: ${code(command.after ?? '')} in ${where(runbook, command)}${command.before !== command.after ? ` (was ${code(command.before ?? '')})` : ''}`
              : `changed ${command.riskAfter} command ${code(command.after ?? '')} in ${where(runbook, command)}${command.before !== command.after ? ` (was ${code(command.before ?? '')})` : ' (placeholder contexts)'}`;
      (raisesRisk(command) ? risky : other).push(`- ${raisesRisk(command) ? '⚠️ ' : ''}${line}`);
    }
    const names = (list: string[], wrap: (name: string) => string) => list.map(wrap).join(', ');
    if (change.placeholders) {
      const parts = [
        change.placeholders.added.length && `added ${names(change.placeholders.added, (name) => inlineCode(`<${name}>`))}`,
        change.placeholders.removed.length && `removed ${names(change.placeholders.removed, (name) => inlineCode(`<${name}>`))}`,
      ].filter(Boolean);
      other.push(`- ${page(runbook)}: placeholders ${parts.join('; ')}`);
    }
    if (change.alerts) {
      const parts = [
        change.alerts.added.length && `added ${names(change.alerts.added, inlineCode)}`,
        change.alerts.removed.length && `removed ${names(change.alerts.removed, inlineCode)}`,
      ].filter(Boolean);
      other.push(`- ${page(runbook)}: alerts ${parts.join('; ')}`);
    }
    for (const field of ['severity', 'owner', 'service'] as const) {
      const value = change[field];
      if (value) other.push(`- ${page(runbook)}: ${field} ${escape(value.before ?? '(none)')} → **${escape(value.after ?? '(none)')}**`);
    }
  }
  const added = diff.added.map((id) => head.runbooks.get(id)!);
  for (const runbook of added) {
    const risks = runbook.commands.filter((command) => command.risk !== 'read');
    const line = `new runbook ${page(runbook)} (${inlineCode(runbook.id)}, ${runbook.commands.length} command${runbook.commands.length === 1 ? '' : 's'}${
      risks.length
        ? `, ${risks
            .map((command) => command.risk)
            .filter((risk, index, all) => all.indexOf(risk) === index)
            .join(' and ')}`
        : ''
    })`;
    (risks.length ? risky : other).push(`- ${risks.length ? '⚠️ ' : ''}${line}`);
  }
  for (const id of diff.removed) other.push(`- removed runbook ${inlineCode(id)} (${escape(base.runbooks.get(id)!.file)})`);
  for (const move of diff.moved) other.push(`- moved ${page(runbookOf(move.id))} (${inlineCode(move.id)}): ${inlineCode(move.from)} → ${inlineCode(move.to)}`);

  const out = ['### Runbook changes', ''];
  if (!risky.length && !other.length) out.push('No operational changes: no runbook, command, placeholder, alert, severity, owner or service changed.');
  if (risky.length) out.push(`**Risk increases (${risky.length})**`, '', ...risky, '');
  if (other.length) out.push(risky.length ? `**Other changes (${other.length})**` : `**Changes (${other.length})**`, '', ...other, '');
  for (const note of diff.notes ?? []) out.push(`> ${escape(note).replace(/\n/g, '\n> ')}`, '');
  return `${out.join('\n').trimEnd()}\n`;
}
