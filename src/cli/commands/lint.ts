// runbook lint: the gate that rejects malformed, unsafe and stale runbooks.
import { Option, type Command } from 'commander';
import { loadConfig } from '../../lib/config.ts';
import { ruleDocsPath } from '../../lib/lint/engine.ts';
import { formatGithub } from '../../lib/lint/format/github.ts';
import { formatJson } from '../../lib/lint/format/json.ts';
import { formatPretty } from '../../lib/lint/format/pretty.ts';
import { formatSarif } from '../../lib/lint/format/sarif.ts';
import { RULES } from '../../lib/lint/rules/index.ts';
import { LintUsageError, runLint, type LintRunResult } from '../../lib/lint/run.ts';
import type { CommandContext } from '../context.ts';
import { UsageError } from '../errors.ts';
import { checkContentFolders, parseNow } from '../options.ts';
import { escapeControlCharacters, escapeJsonControlCharacters } from '../../lib/text/control-characters.ts';
import { COMMANDS } from '../command-table.ts';

export const FORMATS = ['pretty', 'json', 'sarif', 'github'] as const;

export interface LintCommandOptions {
  cwd: string;
  paths: string[];
  format: (typeof FORMATS)[number];
  fix?: boolean;
  now?: string;
  maxWarnings?: string;
  cache?: boolean;
  content?: string;
  services?: string;
  color?: boolean;
}

export interface LintOutcome {
  result: LintRunResult;
  text: string;
  exitCode: number;
}

export async function lint(options: LintCommandOptions): Promise<LintOutcome> {
  const maxWarnings = options.maxWarnings === undefined ? undefined : Number(options.maxWarnings);
  if (maxWarnings !== undefined && (!Number.isInteger(maxWarnings) || maxWarnings < 0)) {
    throw new UsageError(`--max-warnings: expected a whole number, got "${options.maxWarnings}"`);
  }
  checkContentFolders(options);
  let result: LintRunResult;
  try {
    result = await runLint({
      root: options.cwd,
      paths: options.paths,
      fix: options.fix,
      cache: options.cache === false ? false : undefined,
      config: { contentDir: options.content, servicesDir: options.services, now: parseNow(options.now) },
    });
  } catch (error) {
    if (error instanceof LintUsageError) throw new UsageError(error.message);
    throw error;
  }
  const site = loadConfig(options.cwd).config.site ?? 'http://localhost:4321';
  const docsUrl = (rule: string) => `${site.replace(/\/$/, '')}${rule ? ruleDocsPath(rule) : '/reference/lint-rules/'}`;
  const { problems } = result;
  // Messages and code frames quote the runbooks: control characters in them are printed escaped
  // (the pretty format escapes each quoted part itself, so that its own colours stay).
  const text =
    options.format === 'json'
      ? escapeJsonControlCharacters(formatJson(problems))
      : options.format === 'sarif'
        ? escapeJsonControlCharacters(formatSarif(problems, RULES, docsUrl))
        : options.format === 'github'
          ? escapeControlCharacters(formatGithub(problems))
          : formatPretty(problems, { sources: result.sources, docsUrl, color: options.color }) ||
            `✔ ${result.files.length} page${result.files.length === 1 ? '' : 's'} checked, no problems${result.fixed ? ` (${result.fixed} fixed)` : ''}.\n`;
  const errors = problems.filter((problem) => problem.severity === 'error').length;
  const warnings = problems.length - errors;
  const tooManyWarnings = maxWarnings !== undefined && warnings > maxWarnings;
  return { result, text, exitCode: errors > 0 || tooManyWarnings ? 1 : 0 };
}

export function registerLint(program: Command, { io, setExit, color }: CommandContext): void {
  program
    .command('lint')
    .description(COMMANDS.lint.description)
    .argument('[paths...]', 'files or folders to lint (default: the content folder)')
    .addOption(new Option('-f, --format <format>', 'output format').choices([...FORMATS]).default('pretty'))
    .option('--fix', 'apply safe automatic fixes (curly quotes, prompts, ...)')
    .option('--now <date>', 'date to check staleness against, YYYY-MM-DD (default: today)')
    .option('--max-warnings <n>', 'exit 1 when there are more warnings than this')
    .option('--no-cache', 'ignore and do not write the lint cache')
    .option('--content <dir>', 'folder of the runbooks (default: contentDir of runbook.config.yaml)')
    .option('--services <dir>', 'folder of the service files (default: servicesDir of runbook.config.yaml)')
    .option('--color', 'colour the pretty output (default: on a terminal, unless NO_COLOR is set; FORCE_COLOR forces it)')
    .option('--no-color', 'do not colour the output')
    .action(async (paths: string[], options) => {
      const outcome = await lint({ cwd: io.cwd, paths, ...options, color: options.color ?? color });
      io.stdout(outcome.text);
      setExit(outcome.exitCode);
    });
}
