// runbook list: the runbooks, filtered, as a table or JSON.
import { SEVERITIES, severityRank, type Severity } from '../../schema/runbook.ts';
import type { RegistryRunbook } from '../../schema/registry.ts';
import { commandBlocks, registryRunbook } from '../../lib/registry.ts';
import { Option, type Command } from 'commander';
import { UsageError } from '../errors.ts';
import { didYouMean } from '../../lib/suggest.ts';
import { withContentOptions, type CommandContext } from '../context.ts';
import { openProject, type ContentOptions } from '../options.ts';
import { renderTable } from '../table.ts';
import { COMMANDS } from '../command-table.ts';

export interface ListOptions extends ContentOptions {
  service?: string;
  severity?: string;
  stale?: boolean;
}

export type ListEntry = Omit<RegistryRunbook, 'steps' | 'commands'> & { commands: number };

export async function list(options: ListOptions): Promise<ListEntry[]> {
  if (options.severity && !(SEVERITIES as readonly string[]).includes(options.severity)) {
    throw new UsageError(`--severity: expected one of ${SEVERITIES.join(', ')}, got "${options.severity}"`);
  }
  const project = openProject(options);
  if (options.service && !project.services.some((service) => service.id === options.service) && !project.runbooks.some((runbook) => runbook.meta?.service === options.service)) {
    const known = project.services.map((service) => service.id).sort();
    throw new UsageError(`--service: no service "${options.service}"${didYouMean(options.service, known)} (services: ${known.join(', ') || 'none'})`);
  }
  return project.runbooks
    .flatMap((runbook) => {
      const entry = registryRunbook(project, runbook, { withCommands: false });
      return entry ? [{ ...entry, count: commandBlocks(runbook).length }] : [];
    })
    .filter((entry) => !options.service || entry.service === options.service)
    .filter((entry) => !options.severity || entry.severity === options.severity)
    .filter((entry) => !options.stale || entry.stale)
    .sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || a.id.localeCompare(b.id))
    .map(({ steps: _steps, commands: _commands, count, ...entry }) => ({ ...entry, commands: count }));
}

export function formatList(entries: ListEntry[]): string {
  if (!entries.length) return 'No runbooks match.';
  return renderTable(
    ['ID', 'SEVERITY', 'SERVICE', 'OWNER', 'ALERTS', 'REVIEWED', 'CMDS'],
    entries.map((entry) => [
      entry.id,
      entry.severity as Severity,
      entry.service,
      entry.owner ?? '',
      entry.alerts.map((alert) => alert.name).join(', '),
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
    const entries = await list({ cwd: io.cwd, ...options });
    if (options.json) json(entries);
    else print(formatList(entries));
  });
}
