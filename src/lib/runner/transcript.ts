// Transcripts of a run: JSON Lines (one validated event per command) and a Markdown summary to paste into
// an incident channel. Both hold only masked commands and output.
import { transcriptEventSchema, type TranscriptEvent, type TranscriptStatus } from '../../schema/transcript.ts';
import type { Runbook } from '../model/types.ts';

/** One JSON Lines record; validates the event so a transcript never holds a malformed line. */
export function transcriptLine(event: TranscriptEvent): string {
  return `${JSON.stringify(transcriptEventSchema.parse(event))}\n`;
}

const MARK: Record<TranscriptStatus, string> = {
  passed: '✅',
  failed: '❌',
  stopped: '⏹️',
  skipped: '⏭️',
  refused: '🚫',
  interrupted: '⚠️',
};

/** Lines of output shown under a command that did not pass. */
const TAIL_LINES = 15;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** A code fence longer than any backtick run in `text`. */
function fence(text: string, lang = ''): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}${lang}\n${text}\n${ticks}`;
}

export function markdownSummary(runbook: Runbook, events: TranscriptEvent[], exitCode: number): string {
  const counts = new Map<TranscriptStatus, number>();
  for (const event of events) counts.set(event.status, (counts.get(event.status) ?? 0) + 1);
  const result = exitCode === 130 ? 'interrupted' : exitCode === 0 ? 'passed' : 'failed';
  const first = events[0]?.start;
  const last = events.at(-1)?.end;
  const out: string[] = [];
  out.push(`**Runbook run: ${runbook.title}** (\`${runbook.id}\`)`);
  out.push(`Result: **${result}** · ${[...counts].map(([status, count]) => `${count} ${status}`).join(' · ') || 'no commands'}`);
  if (first && last) out.push(`Started ${first.replace('T', ' ').replace(/\.\d+Z$/, 'Z')}, took ${seconds(Date.parse(last) - Date.parse(first))}`);
  out.push(...optionsTaken(runbook, events));
  out.push('');
  events.forEach((event, index) => {
    const detail = [
      event.risk !== 'read' ? `risk: ${event.risk}` : '',
      event.reason ?? (event.exitCode !== null && event.status !== 'passed' ? `exit code ${event.exitCode}` : ''),
    ]
      .filter(Boolean)
      .join(', ');
    out.push(
      `${index + 1}. ${MARK[event.status]} \`${event.id}\` ${event.status}${event.status === 'skipped' ? '' : ` in ${seconds(event.durationMs)}`}${detail ? ` (${detail})` : ''}`,
    );
    if (event.status === 'skipped' && event.reason?.startsWith('not run:')) return;
    // Every command runs as a bash script (psql and curl included).
    out.push(indent(fence(event.command, 'bash')));
    if (event.status !== 'passed' && event.status !== 'skipped') {
      const tail = [event.stdout, event.stderr].join('\n').trim().split('\n').slice(-TAIL_LINES).join('\n');
      if (tail) out.push(indent(fence(tail)));
    }
  });
  return `${out.join('\n')}\n`;
}

/** "Option taken: B, restart the tasks": which alternative of each choice ran (the others did not). */
function optionsTaken(runbook: Runbook, events: TranscriptEvent[]): string[] {
  const taken = new Map<string, { group: string; id: string; label: string }>();
  for (const event of events) if (event.option) taken.set(`${event.option.group}:${event.option.id}`, event.option);
  return [...taken.values()].map((option) => {
    const title = runbook.alternatives.find((group) => group.id === option.group)?.options.find((candidate) => candidate.id === option.id)?.title;
    const where = runbook.alternatives.length > 1 ? ` (${option.group})` : '';
    return `Option taken${where}: **${option.label}**${title ? `, ${title}` : ''}`;
  });
}

const indent = (text: string) =>
  text
    .split('\n')
    .map((line) => `   ${line}`)
    .join('\n');
