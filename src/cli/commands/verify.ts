// runbook verify: run every read-risk SQL block, filled with its examples, read-only against PostgreSQL
// (embedded PGlite by default, a real server with --database-url) and report the queries that fail.
import type { Command } from 'commander';
import { formatProblemLine } from '../../lib/format-problems.ts';
import type { Problem } from '../../lib/problem.ts';
import { pgliteChecker, psqlChecker, SqlCheckerError, withoutPassword } from '../../lib/runner/sql-check.ts';
import { verifyRunbooks } from '../../lib/runner/verify.ts';
import { UsageError } from '../errors.ts';
import { withContentOptions, type CommandContext } from '../context.ts';
import { openProject } from '../open-project.ts';
import type { ContentOptions } from '../options.ts';
import { COMMANDS } from '../command-table.ts';
import { escapeControlCharacters } from '../../lib/text/control-characters.ts';

export interface VerifyOptions extends ContentOptions {
  /**
   * A real server (through psql) instead of the embedded PostgreSQL: `true` reads its URL from $DATABASE_URL
   * (preferred: a URL on the command line, password and all, is visible to every user in `ps`), a string is the URL.
   */
  databaseUrl?: string | boolean;
  /** Where $DATABASE_URL is read from and psql runs (default: this process's environment). */
  env?: Record<string, string | undefined>;
  /** Where a warning goes (a password given on the command line). */
  warn?: (text: string) => void;
}

export interface VerifyReport {
  problems: Problem[];
  blocks: number;
  statements: number;
  /** Statements on application tables the embedded database does not have. */
  unchecked: number;
  /** What the queries ran on; absent when there was nothing to run. */
  server?: string;
}

/** The server URL `--database-url` asks for, or undefined for the embedded database. */
function serverUrl(options: VerifyOptions, env: Record<string, string | undefined>): string | undefined {
  if (options.databaseUrl === undefined || options.databaseUrl === false) return undefined;
  if (options.databaseUrl === true) {
    if (!env.DATABASE_URL)
      throw new UsageError(
        '--database-url without a value reads $DATABASE_URL, which is not set: export DATABASE_URL=postgresql://... (or leave out --database-url to use the embedded PostgreSQL)',
      );
    return env.DATABASE_URL;
  }
  if (withoutPassword(options.databaseUrl).password !== undefined) {
    options.warn?.(
      'runbook: warning: the password in --database-url is visible to other users (ps) and kept in your shell history; set DATABASE_URL in the environment and pass --database-url without a value\n',
    );
  }
  return options.databaseUrl;
}

export async function verify(options: VerifyOptions): Promise<VerifyReport> {
  const env = options.env ?? process.env;
  const url = serverUrl(options, env);
  const project = await openProject(options);
  let server: string | undefined;
  try {
    const result = await verifyRunbooks(project.runbooks, async () => {
      const checker = url !== undefined ? psqlChecker(url, env) : await pgliteChecker();
      server = checker.name;
      return checker;
    });
    return { ...result, ...(server ? { server } : {}) };
  } catch (error) {
    if (error instanceof SqlCheckerError) throw new UsageError(error.message);
    throw error;
  }
}

export function registerVerify(program: Command, { io, print, json, setExit }: CommandContext): void {
  withContentOptions(
    program
      .command('verify')
      .description(COMMANDS.verify.description)
      .option(
        '--database-url [url]',
        'check against a real server through psql instead of the embedded PostgreSQL (PGlite); without a value the URL is read from $DATABASE_URL, which is preferred: a URL given here (its password too) is visible to other users in ps',
      )
      .option('--json', 'print the problems as a JSON array'),
  ).action(async (options) => {
    const report = await verify({ cwd: io.cwd, ...options, warn: (text) => io.stderr(escapeControlCharacters(text)) });
    if (options.json) json(report.problems);
    else {
      if (report.problems.length) print(report.problems.map(formatProblemLine).join('\n'));
      const where = report.server ? ` on ${report.server}` : '';
      const unchecked = report.unchecked
        ? ` (${report.unchecked} on application tables the embedded database does not have; check them with --database-url)`
        : '';
      io.stderr(
        `${report.statements} statement(s) in ${report.blocks} SQL block(s) checked${where}: ${report.problems.length ? `${report.problems.length} problem(s)` : 'all ran'}${unchecked}\n`,
      );
    }
    setExit(report.problems.length ? 1 : 0);
  });
}
