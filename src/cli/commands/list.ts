// runbook list: the runbooks, filtered, as a table or JSON.
import { SEVERITIES, severityRank, type Severity } from '../../schema/severity.ts';
import type { RunbookIndexEntry, RunbookSummary } from '../../lib/cache/runbook-entries.ts';
import { Option, type Command } from 'commander';
import { UsageError } from '../errors.ts';
import { didYouMean } from '../../lib/suggest.ts';
import { withContentOptions, type CommandContext } from '../context.ts';
import { cachedRunbooks, type ContentOptions } from '../options.ts';
import { renderTable } from '../table.ts';
import { escapeControlCharacters } from '../../lib/text/control-characters.ts';
import { COMMANDS } from '../command-table.ts';

export interface ListOptions extends ContentOptions {
  service?: string;
  severity?: string;
  stale?: boolean;
}

/** A runbook's registry entry without its steps and commands, and how many commands it has. */
export type ListEntry = RunbookSummary;

/** The runbooks that match, most severe first, as the table shows them. */
export async function list(options: ListOptions): Promise<RunbookIndexEntry[]> {
  return (await listed(options)).entries;
}

/** The runbooks that match, most severe first, as registry entries without steps and commands (`--json`). */
export async function listJson(options: ListOptions): Promise<ListEntry[]> {
  const { runbooks, matching, order } = await listed(options);
  return (await runbooks.summaries()).filter(matching).sort(order);
}

async function listed(options: ListOptions) {
  if (options.severity && !(SEVERITIES as readonly string[]).includes(options.severity)) {
    throw new UsageError(`--severity: expected one of ${SEVERITIES.join(', ')}, got "${options.severity}"`);
  }
  // From the cache: an unchanged project is listed without parsing a runbook.
  const runbooks = await cachedRunbooks(options);
  const entries = runbooks.files.flatMap(({ index }) => (index.kind === 'runbook' ? [index] : []));
  if (options.service && !runbooks.serviceIds.includes(options.service) && !entries.some((entry) => entry.service === options.service)) {
    const known = [...runbooks.serviceIds].sort();
    throw new UsageError(`--service: no service "${options.service}"${didYouMean(options.service, known)} (services: ${known.join(', ') || 'none'})`);
  }
  const matching = (entry: { service: string; severity: Severity; stale: boolean }) =>
    (!options.service || entry.service === options.service) && (!options.severity || entry.severity === options.severity) && (!options.stale || entry.stale);
  // One collator for the whole sort (localeCompare per pair costs ten times more): the same order.
  const byId = new Intl.Collator().compare;
  const order = (a: { id: string; severity: Severity }, b: { id: string; severity: Severity }) =>
    severityRank(a.severity) - severityRank(b.severity) || byId(a.id, b.id);
  return { runbooks, matching, order, entries: entries.filter(matching).sort(order) };
}

export function formatList(entries: RunbookIndexEntry[]): string {
  if (!entries.length) return 'No runbooks match.';
  return renderTable(
    ['ID', 'SEVERITY', 'SERVICE', 'OWNER', 'ALERTS', 'REVIEWED', 'CMDS'],
    entries.map((entry) => [
      entry.id,
      entry.severity as Severity,
      entry.service,
      entry.owner ?? '',
      entry.alerts.join(', '),
      `${entry.lastReviewed ?? 'never'}${entry.stale ? ' (stale)' : ''}`,
      String(entry.commands),
    ]),
  );
}

export function registerList(program: Command, { io, print, json }: CommandContext): void {
  withContentOptions(
    program
      .command('list')
      .description(COMMANDS.list.description)
      .option('--service <id>', 'only runbooks of this service')
      .addOption(new Option('--severity <level>', 'only runbooks of this severity').choices([...SEVERITIES]))
      .option('--stale', 'only runbooks whose review is overdue')
      .option('--json', 'print JSON instead of a table'),
  ).action(async (options) => {
    const warn = (text: string) => io.stderr(escapeControlCharacters(text));
    if (options.json) json(await listJson({ cwd: io.cwd, ...options, warn }));
    else print(formatList(await list({ cwd: io.cwd, ...options, warn })));
  });
}
