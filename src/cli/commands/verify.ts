// runbook verify: run every read-risk SQL block, filled with its examples, read-only against PostgreSQL
// (embedded PGlite by default, a real server with --database-url) and report the queries that fail.
import type { Command } from 'commander';
import { formatProblemLine } from '../../lib/format-problems.ts';
import type { Problem } from '../../lib/problem.ts';
import { pgliteChecker, psqlChecker, SqlCheckerError } from '../../lib/runner/sql-check.ts';
import { verifyRunbooks } from '../../lib/runner/verify.ts';
import { UsageError } from '../errors.ts';
import { withContentOptions, type CommandContext } from '../context.ts';
import { openProject, type ContentOptions } from '../options.ts';

export interface VerifyOptions extends ContentOptions {
  /** A real server (through psql) instead of the embedded PostgreSQL. */
  databaseUrl?: string;
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

export async function verify(options: VerifyOptions): Promise<VerifyReport> {
  const project = openProject(options);
  let server: string | undefined;
  try {
    const result = await verifyRunbooks(project.runbooks, async () => {
      const checker = options.databaseUrl ? psqlChecker(options.databaseUrl) : await pgliteChecker();
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
      .description('Run every read-only SQL block (with example values) against PostgreSQL and report the queries that fail')
      .option('--database-url <url>', 'check against this server through psql instead of the embedded PostgreSQL (PGlite)')
      .option('--json', 'print the problems as a JSON array'),
  ).action(async (options) => {
    const report = await verify({ cwd: io.cwd, ...options });
    if (options.json) json(report.problems);
    else {
      if (report.problems.length) print(report.problems.map(formatProblemLine).join('\n'));
      const where = report.server ? ` on ${report.server}` : '';
      const unchecked = report.unchecked ? ` (${report.unchecked} on application tables the embedded database does not have; check them with --database-url)` : '';
      io.stderr(`${report.statements} statement(s) in ${report.blocks} SQL block(s) checked${where}: ${report.problems.length ? `${report.problems.length} problem(s)` : 'all ran'}${unchecked}\n`);
    }
    setExit(report.problems.length ? 1 : 0);
  });
}
