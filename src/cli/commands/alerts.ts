// runbook alerts: Prometheus alerting rules against the runbooks, both ways — `check` (every alert
// reaches a runbook that exists; every runbook alert exists; --fix writes runbook_url), `stubs`
// (skeletons for alerts without a runbook), `sync` (alert entries filled from the rules).
import { Option, type Command } from 'commander';
import { checkAlerts, normaliseSiteUrl, type CheckResult } from '../../lib/alerts/check.ts';
import { writeFixes, type FixOutcome } from '../../lib/alerts/fix.ts';
import { ALERT_FORMATS, alertsDocsUrl, checkGithub, checkJson, checkPretty, checkSarif, type AlertFormat } from '../../lib/alerts/report.ts';
import { readRuleFiles, RulePathError, type RuleFiles } from '../../lib/alerts/rule-files.ts';
import { loadConfig } from '../../lib/config.ts';
import type { Project } from '../../lib/project.ts';
import { escapeControlCharacters, escapeJsonControlCharacters } from '../../lib/text/control-characters.ts';
import { withContentOptions, type CommandContext } from '../context.ts';
import { UsageError } from '../errors.ts';
import { openProject, type ContentOptions } from '../options.ts';

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

/** The site's address: --site-url, else `site:` of runbook.config.yaml; undefined when neither is set. */
export function siteUrlOption(cwd: string, flag: string | undefined): string | undefined {
  if (flag !== undefined) {
    let url: URL;
    try {
      url = new URL(flag);
    } catch {
      throw new UsageError(`--site-url: expected the site's address such as https://runbooks.example.com, got "${flag}"`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UsageError(`--site-url: expected an http or https address, got "${flag}"`);
    if (url.search || url.hash) throw new UsageError(`--site-url: expected the site's address without a query or fragment, got "${flag}"`);
    return normaliseSiteUrl(url.href);
  }
  const site = loadConfig(cwd).config.site;
  return site ? normaliseSiteUrl(site) : undefined;
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
    throw new UsageError(`no alerting rules in ${paths.map((path) => `"${path}"`).join(', ')}: expected YAML with rule groups (groups: or a PrometheusRule's spec.groups)${read.read ? ` (${read.read} YAML file${read.read === 1 ? '' : 's'} read)` : ''}`);
  }
  return read;
}

/** Runbooks whose frontmatter does not validate declare no alerts here: say so, or their alerts would look unanswered. */
function invalidRunbooks(project: Project): string | undefined {
  const invalid = project.runbooks.filter((runbook) => !runbook.meta && runbook.frontmatter.raw && typeof (runbook.frontmatter.raw as { runbook?: unknown }).runbook === 'object');
  if (!invalid.length) return undefined;
  return `runbook: warning: ${invalid.length} runbook${invalid.length === 1 ? ' does' : 's do'} not validate and ${invalid.length === 1 ? 'is' : 'are'} left out (run runbook lint): ${invalid.map((runbook) => runbook.file).join(', ')}\n`;
}

export async function alertsCheck(options: AlertsCheckOptions, warn: (text: string) => void = () => {}): Promise<AlertsCheckOutcome> {
  const siteUrl = siteUrlOption(options.cwd, options.siteUrl);
  if (options.fix && !siteUrl) throw new UsageError("--fix needs the site's address to write into runbook_url: give --site-url or set site: in runbook.config.yaml");
  let rules = readRules(options.cwd, options.rules);
  const project = await openProject({ ...options, warn });
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
  const sources = new Map<string, string>([...rules.files.map((file) => [file.file, file.text] as const), ...project.runbooks.map((runbook) => [runbook.file, runbook.source] as const)]);
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

export function registerAlerts(program: Command, { io, setExit }: CommandContext): void {
  const alerts = program.command('alerts').description('Check Prometheus alerting rules against the runbooks, both ways; write stubs; sync alert entries');
  const warn = (text: string) => io.stderr(escapeControlCharacters(text));

  withContentOptions(
    alerts
      .command('check')
      .description('Every alert reaches a runbook that exists, and every alert of a runbook is defined by a rule')
      .argument('<rules...>', 'Prometheus rule files, PrometheusRule manifests, or folders of them (*.yaml, *.yml)')
      .option('--site-url <url>', "the site's address, for runbook_url links (default: site: of runbook.config.yaml)")
      .addOption(new Option('-f, --format <format>', 'output format').choices([...ALERT_FORMATS]).default('pretty'))
      .option('--fix', 'write runbook_url: <site>/alerts/<AlertName>/ (with ?variable={{ $labels.x }} for variables with fromLabel) into rules whose alert has a runbook')
      .option('--color', 'colour the pretty output (default: when writing to a terminal)'),
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
      const outcome = await alertsCheck({ cwd: io.cwd, rules, ...options, color: options.color ?? Boolean(io.isTTY) }, warn);
      io.stdout(outcome.text);
      setExit(outcome.exitCode);
    });
}
