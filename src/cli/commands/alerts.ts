// runbook alerts: Prometheus alerting rules against the runbooks, both ways — `check` (every alert
// reaches a runbook that exists; every runbook alert exists; --fix writes runbook_url), `stubs`
// (skeletons for alerts without a runbook), `sync` (alert entries filled from the rules).
import { Option, type Command } from 'commander';
import { checkAlerts, type CheckResult } from '../../lib/alerts/check.ts';
import { writeFixes, type FixOutcome } from '../../lib/alerts/fix.ts';
import { ALERT_FORMATS, alertsDocsUrl, checkGithub, checkJson, checkPretty, checkSarif, type AlertFormat } from '../../lib/alerts/report.ts';
import { readRuleFiles, RulePathError, type RuleFiles } from '../../lib/alerts/rule-files.ts';
import type { Stub } from '../../lib/alerts/stubs.ts';
import type { SyncedRunbook } from '../../lib/alerts/sync.ts';
import { formatProblemList } from '../../lib/format-problems.ts';
import { KEBAB_CASE } from '../../schema/shared.ts';
import type { Project } from '../../lib/project.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { escapeControlCharacters, escapeJsonControlCharacters } from '../../lib/text/control-characters.ts';
import { withContentOptions, type CommandContext } from '../context.ts';
import { UsageError } from '../errors.ts';
import { COMMANDS } from '../command-table.ts';
import { openProject } from '../open-project.ts';
import type { ContentOptions } from '../options.ts';
import { siteUrlOption } from '../site-url.ts';

export interface AlertsCheckOptions extends ContentOptions {
  rules: string[];
  siteUrl?: string;
  format: AlertFormat;
  fix?: boolean;
  color?: boolean;
}

export interface AlertsCheckOutcome {
  result: CheckResult;
  fixed?: FixOutcome;
  text: string;
  exitCode: number;
}

/** The rule files of `paths`; a path that does not exist is a usage error, and so is one without any rule file. */
export function readRules(cwd: string, paths: string[]): RuleFiles {
  if (!paths.length) throw new UsageError('expected at least one rule file or folder (Prometheus rule files or PrometheusRule manifests)');
  let read: RuleFiles;
  try {
    read = readRuleFiles(cwd, paths);
  } catch (error) {
    if (error instanceof RulePathError) throw new UsageError(error.message);
    throw error;
  }
  if (!read.files.length && !read.problems.length) {
    throw new UsageError(
      `no alerting rules in ${paths.map((path) => `"${path}"`).join(', ')}: expected YAML with rule groups (groups: or a PrometheusRule's spec.groups)${read.read ? ` (${read.read} YAML file${read.read === 1 ? '' : 's'} read)` : ''}`,
    );
  }
  return read;
}

/** Runbooks whose frontmatter does not validate declare no alerts here: say so, or their alerts would look unanswered. */
function invalidRunbooks(project: Project): string | undefined {
  const invalid = project.runbooks.filter(
    (runbook) => !runbook.meta && runbook.frontmatter.raw && typeof (runbook.frontmatter.raw as { runbook?: unknown }).runbook === 'object',
  );
  if (!invalid.length) return undefined;
  return `runbook: warning: ${invalid.length} runbook${invalid.length === 1 ? ' does' : 's do'} not validate and ${invalid.length === 1 ? 'is' : 'are'} left out (run runbook lint): ${invalid.map((runbook) => runbook.file).join(', ')}\n`;
}

export async function alertsCheck(options: AlertsCheckOptions, warn: (text: string) => void = () => {}): Promise<AlertsCheckOutcome> {
  const siteUrl = siteUrlOption(options.cwd, options.siteUrl);
  if (options.fix && !siteUrl)
    throw new UsageError("--fix needs the site's address to write into runbook_url: give --site-url or set site: in runbook.config.yaml");
  let rules = readRules(options.cwd, options.rules);
  const project = await openProject({ ...options, warn, frontmatterOnly: true });
  const note = invalidRunbooks(project);
  if (note) warn(note);
  let result = checkAlerts(project, rules, { siteUrl });
  let fixed: FixOutcome | undefined;
  if (options.fix) {
    fixed = writeFixes(rules.files, result.alerts);
    // Report what is left after the fixes, as read from the files now on disk.
    if (fixed.written.length) {
      rules = readRules(options.cwd, options.rules);
      result = checkAlerts(project, rules, { siteUrl });
    }
  }
  const docsUrl = alertsDocsUrl(siteUrl ?? project.config.site ?? 'http://localhost:4321');
  const sources = new Map<string, string>([
    ...rules.files.map((file) => [file.file, file.text] as const),
    ...project.runbooks.map((runbook) => [runbook.file, runbook.source] as const),
  ]);
  const text =
    options.format === 'json'
      ? escapeJsonControlCharacters(`${JSON.stringify(checkJson(result, fixed), null, 2)}\n`)
      : options.format === 'sarif'
        ? escapeJsonControlCharacters(checkSarif(result, docsUrl))
        : options.format === 'github'
          ? escapeControlCharacters(checkGithub(result))
          : checkPretty(result, { sources, docsUrl, color: options.color, files: rules.files.length, fixed });
  const errors = result.problems.some((problem) => problem.severity === 'error');
  return { result, fixed, text, exitCode: errors ? 1 : 0 };
}

export interface AlertsStubsOptions extends ContentOptions {
  rules: string[];
  service?: string;
  out?: string;
  dryRun?: boolean;
}

export interface AlertsStubsOutcome {
  stubs: (Omit<Stub, 'content'> & { status: 'written' | 'would write' | 'skipped' })[];
  /** Problems of the rule files (broken YAML): the alerts of those files got no stub. */
  problems: RuleFiles['problems'];
  /** The project's services (for the hint of a stub without one). */
  services?: string[];
  exitCode: number;
}

export async function alertsStubs(options: AlertsStubsOptions, warn: (text: string) => void = () => {}): Promise<AlertsStubsOutcome> {
  const rules = readRules(options.cwd, options.rules);
  const project = await openProject({ ...options, warn, frontmatterOnly: true });
  if (options.service !== undefined) {
    const known = project.services.flatMap((service) => (service.data ? [service.id] : []));
    if (!KEBAB_CASE.test(options.service) || !known.includes(options.service)) {
      throw new UsageError(
        `--service: no service "${options.service}" (known: ${known.sort().join(', ') || 'none'}); add ${project.config.servicesDir}/${options.service}.yaml first`,
      );
    }
  }
  // Writing runbooks needs the importer's renderer: loaded by the commands that write.
  const [{ planStubs, stubFiles }, { planWrites, writeAll, WriteFailedError }] = await Promise.all([
    import('../../lib/alerts/stubs.ts'),
    import('../../lib/import/write.ts'),
  ]);
  const result = checkAlerts(project, rules);
  const stubs = planStubs(project, result.alerts, { service: options.service, out: options.out });
  if (!options.dryRun) {
    try {
      writeAll(planWrites(stubFiles(project.root, stubs).map((file) => ({ ...file, keepExisting: true }))));
    } catch (error) {
      if (error instanceof WriteFailedError) throw new UsageError(`stubs: ${error.message}`);
      throw error;
    }
  }
  const status = (stub: Stub) => (stub.skipped ? 'skipped' : options.dryRun ? 'would write' : 'written') as 'written' | 'would write' | 'skipped';
  return {
    stubs: stubs.map(({ content: _content, ...stub }) => ({ ...stub, status: status(stub) })),
    problems: rules.problems,
    services: project.services.flatMap((service) => (service.data ? [service.id] : [])).sort(),
    exitCode: rules.problems.some((problem) => problem.severity === 'error') || stubs.some((stub) => stub.skipped) ? 1 : 0,
  };
}

export function formatStubs(outcome: AlertsStubsOutcome): string {
  const out: string[] = [];
  const done = outcome.stubs.filter((stub) => stub.status !== 'skipped');
  const skipped = outcome.stubs.filter((stub) => stub.status === 'skipped');
  if (done.length) {
    out.push(`${done[0].status === 'written' ? 'Wrote' : 'Would write'} ${done.length} stub${done.length === 1 ? '' : 's'}:`);
    for (const stub of done) out.push(`  ${stub.file}  ${stub.alert}${stub.todo.length ? `  (todo: ${stub.todo.join(', ')})` : ''}`);
  }
  if (skipped.length) {
    out.push(`Skipped ${skipped.length}:`);
    for (const stub of skipped) out.push(`  ${stub.alert} (${stub.source}): ${stub.skipped}`);
    if (outcome.services && skipped.some((stub) => stub.skipped?.startsWith('no service'))) out.push(`Services: ${outcome.services.join(', ') || '(none)'}`);
  }
  if (outcome.problems.length) out.push(`Rule files with problems (their alerts got no stub):\n${formatProblemList(outcome.problems)}`);
  if (!outcome.stubs.length) out.push('Every alert has a runbook: no stub to write.');
  else if (done.length && done[0].status === 'written') out.push('Next: fill in each stub (its TODO lines), then run: npx runbook lint');
  return `${out.join('\n')}\n`;
}

export interface AlertsSyncOptions extends ContentOptions {
  rules: string[];
  dryRun?: boolean;
}

export interface AlertsSyncOutcome {
  runbooks: (Omit<SyncedRunbook, 'text'> & { written: boolean })[];
  problems: RuleFiles['problems'];
  exitCode: number;
}

export async function alertsSync(options: AlertsSyncOptions, warn: (text: string) => void = () => {}): Promise<AlertsSyncOutcome> {
  const rules = readRules(options.cwd, options.rules);
  const project = await openProject({ ...options, warn, frontmatterOnly: true });
  const [{ planSync }, { planWrites, writeAll, WriteFailedError }] = await Promise.all([
    import('../../lib/alerts/sync.ts'),
    import('../../lib/import/write.ts'),
  ]);
  const planned = planSync(checkAlerts(project, rules).alerts);
  const files = planned.flatMap((runbook) => {
    if (runbook.text === undefined) return [];
    const path = join(project.root, runbook.file);
    // The reader drops a byte order mark; the file keeps it.
    const bom = readFileSync(path)
      .subarray(0, 3)
      .equals(Buffer.from([0xef, 0xbb, 0xbf]));
    return [{ path, content: (bom ? '\ufeff' : '') + runbook.text }];
  });
  if (!options.dryRun && files.length) {
    try {
      writeAll(planWrites(files));
    } catch (error) {
      if (error instanceof WriteFailedError) throw new UsageError(`sync: ${error.message}`);
      throw error;
    }
  }
  return {
    runbooks: planned
      .filter((runbook) => runbook.changes.length || runbook.notes.length)
      .map(({ text, ...runbook }) => ({ ...runbook, written: text !== undefined && !options.dryRun })),
    problems: rules.problems,
    exitCode: rules.problems.some((problem) => problem.severity === 'error') ? 1 : 0,
  };
}

export function formatSync(outcome: AlertsSyncOutcome, dryRun = false): string {
  const out: string[] = [];
  const shown = (text: string) => (text.includes('\n') ? `${text.split('\n')[0]} …` : text);
  for (const runbook of outcome.runbooks) {
    out.push(`${runbook.file} (${runbook.id})`);
    for (const change of runbook.changes) {
      const what = change.alert ? `${change.field} of ${change.alert}` : change.field;
      out.push(`  ${what}: ${change.before === undefined ? `set to ${shown(change.after)}` : `${shown(change.before)} → ${shown(change.after)}`}`);
    }
    for (const note of runbook.notes) out.push(`  note: ${note}`);
  }
  const changed = outcome.runbooks.filter((runbook) => runbook.changes.length);
  const values = changed.reduce((sum, runbook) => sum + runbook.changes.length, 0);
  if (outcome.problems.length) out.push(`Rule files with problems (their alerts were not synced):\n${formatProblemList(outcome.problems)}`);
  out.push(
    changed.length
      ? `${dryRun ? 'Would sync' : 'Synced'} ${values} value${values === 1 ? '' : 's'} in ${changed.length} runbook${changed.length === 1 ? '' : 's'}.`
      : 'Every alert entry already matches its rule.',
  );
  return `${out.join('\n')}\n`;
}

export function registerAlerts(program: Command, { io, print, json, setExit, color }: CommandContext): void {
  const alerts = program
    .command('alerts')
    .description(COMMANDS.alerts.description)
    // `runbook alerts` alone is a usage error, as `runbook` alone is: a script that forgot the subcommand fails.
    .action(() => {
      throw new UsageError('expected a subcommand: check, stubs or sync (see runbook alerts --help)');
    });
  const warn = (text: string) => io.stderr(escapeControlCharacters(text));

  withContentOptions(
    alerts
      .command('check')
      .description('Every alert reaches a runbook that exists, and every alert of a runbook is defined by a rule')
      .argument('<rules...>', 'Prometheus rule files, PrometheusRule manifests, or folders of them (*.yaml, *.yml)')
      .option('--site-url <url>', "the site's address, for runbook_url links (default: site: of runbook.config.yaml)")
      .addOption(new Option('-f, --format <format>', 'output format').choices([...ALERT_FORMATS]).default('pretty'))
      .option(
        '--fix',
        'write runbook_url: <site>/alerts/<AlertName>/ (with ?variable={{ $labels.x }} for variables with fromLabel) into rules whose alert has a runbook',
      )
      .option('--color', 'colour the pretty output (default: on a terminal, unless NO_COLOR is set; FORCE_COLOR forces it)')
      .option('--no-color', 'do not colour the output'),
  )
    .addHelpText(
      'after',
      `
Problems: missing-runbook (error) no runbook declares the alert · broken-runbook-url (error) runbook_url names no page
of the site · foreign-runbook-url (warning) runbook_url points elsewhere · mismatched-runbook-url (warning) it leads to
another runbook · missing-runbook-url (warning) no runbook_url though the alert has a runbook · ambiguous-runbook
(warning) runbooks of several services declare the alert and the labels pick none · unknown-alert (warning) a runbook
declares an alert no rule defines · yaml-syntax, invalid-rule (error) a rule file that cannot be read.

Exit codes: 0 no errors (warnings allowed), 1 errors, 2 usage.`,
    )
    .action(async (rules: string[], options) => {
      const outcome = await alertsCheck({ cwd: io.cwd, rules, ...options, color: options.color ?? color }, warn);
      io.stdout(outcome.text);
      setExit(outcome.exitCode);
    });

  withContentOptions(
    alerts
      .command('stubs')
      .description('Write a minimal runbook for each alert that has none (name, expr and description from the rule, severity from its labels)')
      .argument('<rules...>', 'Prometheus rule files, PrometheusRule manifests, or folders of them')
      .option('--service <id>', "service of the stubs (default: each rule's service label, when it names a service)")
      .option('--out <dir>', 'write the stubs under <dir>/<service>/ (default: the content folder)')
      .option('--dry-run', 'say what would be written, write nothing')
      .option('--json', 'print one entry per alert (alert, source, file, id, service, todo, status, skipped) as JSON'),
  )
    .addHelpText('after', '\nAn existing file is never replaced. Exit codes: 0 written, 1 some alert skipped or a rule file unreadable, 2 usage.')
    .action(async (rules: string[], options) => {
      const outcome = await alertsStubs({ cwd: io.cwd, rules, ...options }, warn);
      if (options.json) json({ stubs: outcome.stubs, problems: outcome.problems });
      else print(formatStubs(outcome));
      setExit(outcome.exitCode);
    });

  withContentOptions(
    alerts
      .command('sync')
      .description("Fill each runbook's alert entries (expr, for; severity while it is a todo) from the rules that define them")
      .argument('<rules...>', 'Prometheus rule files, PrometheusRule manifests, or folders of them')
      .option('--dry-run', 'say what would change, write nothing')
      .option('--json', 'print the changes per runbook as JSON'),
  )
    .addHelpText('after', '\nOnly the synced values change in each file. Exit codes: 0 done, 1 a rule file unreadable, 2 usage.')
    .action(async (rules: string[], options) => {
      const outcome = await alertsSync({ cwd: io.cwd, rules, ...options }, warn);
      if (options.json) json({ runbooks: outcome.runbooks, problems: outcome.problems });
      else print(formatSync(outcome, options.dryRun));
      setExit(outcome.exitCode);
    });
}
