// runbook show: one runbook's metadata, steps and commands, found by id, alias or alert name.
import type { RegistryRunbook } from '../../schema/registry.ts';
import { formatDuration } from '../../schema/duration.ts';
import type { Command } from 'commander';
import { withContentOptions, type CommandContext } from '../context.ts';
import { cachedRunbooks, findRunbookFile, type ContentOptions } from '../options.ts';
import { COMMANDS } from '../command-table.ts';
import { escapeControlCharacters } from '../../lib/text/control-characters.ts';

/** The registry entry of a runbook, from the cache (computed from the model when its file changed). */
export async function show(query: string, options: ContentOptions): Promise<RegistryRunbook> {
  const runbooks = await cachedRunbooks(options);
  return runbooks.entry(findRunbookFile(runbooks, query));
}

const RISK_MARK = { read: 'read', change: 'CHANGE', destructive: 'DESTRUCTIVE' } as const;

export function formatShow(runbook: RegistryRunbook): string {
  const out: string[] = [];
  out.push(`${runbook.title}  [${runbook.id}]`);
  if (runbook.description) out.push(runbook.description);
  out.push('');
  const field = (name: string, value: string | undefined) => value && out.push(`  ${name.padEnd(16)}${value}`);
  field('severity', runbook.severity);
  field('service', runbook.service);
  field('owner', runbook.owner);
  field('alerts', runbook.alerts.map((alert) => alert.name).join(', '));
  field('aliases', runbook.aliases.join(', '));
  field('respond within', runbook.responseTime && formatDuration(runbook.responseTime));
  field('time to resolve', runbook.timeToResolve && formatDuration(runbook.timeToResolve));
  field('last reviewed', `${runbook.lastReviewed ?? 'never'}${runbook.stale ? '  (review overdue)' : ''}`);
  field('page', runbook.url);
  field('source', runbook.source.file);
  const variables = Object.entries(runbook.variables);
  if (variables.length) {
    out.push('', 'Variables:');
    for (const [name, variable] of variables) out.push(`  <${name}>  ${variable.description} (e.g. ${variable.secret ? '***' : variable.example})`);
  }
  const env = Object.entries(runbook.env);
  if (env.length) {
    out.push('', 'Environment:');
    for (const [name, description] of env) out.push(`  $${name}  ${description}`);
  }
  const stepTitles = new Map(runbook.steps.map((step) => [step.id, step.title]));
  let heading: string | null | undefined;
  out.push('', runbook.commands.length ? `Commands (run one with: runbook run ${runbook.id} --step <number>):` : 'Commands:');
  const width = String(runbook.commands.length).length;
  for (const [index, command] of runbook.commands.entries()) {
    const place = command.step ? `${command.section} › ${stepTitles.get(command.step)}` : (command.section ?? 'intro');
    if (place !== heading) {
      out.push('', `  ${place}`);
      heading = place;
    }
    const flags = [RISK_MARK[command.risk], command.longRunning && 'long-running', command.interactive && 'interactive'].filter(Boolean).join(', ');
    out.push(`    ${`${index + 1}.`.padStart(width + 1)} ${command.id}  (${command.language}; ${flags})`);
    for (const line of command.text.split('\n')) out.push(`    ${' '.repeat(width + 2)}${line}`);
  }
  if (!runbook.commands.length) out.push('  (none)');
  out.push(...formatChoices(runbook));
  return out.join('\n');
}

const RISK_ORDER = ['read', 'change', 'destructive'] as const;

/** The runbook's choices: `run` takes one option of each (it asks, or --option says which). */
function formatChoices(runbook: RegistryRunbook): string[] {
  return runbook.alternatives.flatMap((group, index) => {
    const many = runbook.alternatives.length > 1;
    const lines = [
      '',
      `Choice${many ? ` ${index + 1} (${group.id})` : ''}: one of these options runs (runbook run asks, or --option ${many ? `${group.id}:` : ''}<letter>):`,
    ];
    for (const option of group.options) {
      const risks = runbook.commands
        .filter((command) => command.step && option.steps.includes(command.step))
        .map((command) => RISK_ORDER.indexOf(command.risk));
      const risk = risks.length ? RISK_MARK[RISK_ORDER[Math.max(...risks)]] : 'no commands';
      lines.push(`  ${option.label}  ${option.title}  (${risk}; ${option.steps.length} step${option.steps.length === 1 ? '' : 's'})`);
    }
    return lines;
  });
}

export function registerShow(program: Command, { io, print, json }: CommandContext): void {
  withContentOptions(
    program
      .command('show')
      .description(COMMANDS.show.description)
      .argument('<runbook>', 'runbook id, alias or alert name')
      .option('--json', 'print the registry entry as JSON'),
  ).action(async (query: string, options) => {
    const runbook = await show(query, { cwd: io.cwd, ...options, warn: (text) => io.stderr(escapeControlCharacters(text)) });
    if (options.json) json(runbook);
    else print(formatShow(runbook));
  });
}
