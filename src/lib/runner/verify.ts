// `runbook verify`: every read-risk SQL block, and the read-only SQL of `psql "$DATABASE_URL" -c "..."` in shell
// blocks, filled with its variables' examples, runs read-only against PostgreSQL; a query that fails (unknown
// table, column or function, a type error) becomes a positioned problem.
//
// psql in shell blocks: only invocations against $DATABASE_URL, or against an environment variable the runbook
// declares for a replica (its name or description says replica or standby). Both are checked on the same
// database. On a replica, statements calling a function that raises "recovery is not in progress" on a primary
// (pg_is_wal_replay_paused(), pg_wal_replay_resume(), ...) are skipped — the embedded database is a primary;
// functions that return NULL there (pg_last_wal_receive_lsn(), pg_last_xact_replay_timestamp()) are checked
// as usual, their types still mean something; and functions that fail on any replica (pg_current_wal_lsn())
// are reported. SQL whose text depends on the shell (`$VAR`, `$(...)` inside the string) is left out.
import { analyzeBlock, commandToCode } from '../core/block.ts';
import { loadCore } from '../core/load.ts';
import { fillSites, sourceOffset, type FillResult, type PlaceholderSite } from '../core/quote.ts';
import { sqlRisks } from '../core/risk/sql.ts';
import { commandView } from '../core/shell/patterns.ts';
import { optionValue } from '../core/shell/programs.ts';
import { readSqlScript, type SqlToken } from '../core/sql/script.ts';
import { codeSpan } from '../model/parse.ts';
import type { Block, Runbook } from '../model/types.ts';
import { LineIndex, problemAt, type Problem } from '../problem.ts';
import type { SqlChecker } from './sql-check.ts';
import { targetOf } from './targets.ts';

export const RULE = 'sql/verify';

export interface VerifyResult {
  problems: Problem[];
  /** Statements run. */
  statements: number;
  /** Blocks with SQL to check: SQL blocks, and shell blocks with a `psql -c` that is checked. */
  blocks: number;
  /** Statements whose failure only says that an application table is missing from the embedded database. */
  unchecked: number;
}

/** Functions that raise "recovery is not in progress" on a primary: on a replica they are right, here they cannot run. */
const REPLICA_ONLY = new Set(['PG_IS_WAL_REPLAY_PAUSED', 'PG_GET_WAL_REPLAY_PAUSE_STATE', 'PG_WAL_REPLAY_PAUSE', 'PG_WAL_REPLAY_RESUME', 'PG_PROMOTE']);
/** Functions that fail on a replica ("recovery is in progress"). */
const PRIMARY_ONLY = new Set([
  'PG_CURRENT_WAL_LSN',
  'PG_CURRENT_WAL_INSERT_LSN',
  'PG_CURRENT_WAL_FLUSH_LSN',
  'PG_SWITCH_WAL',
  'PG_CREATE_RESTORE_POINT',
  'TXID_CURRENT',
  'PG_CURRENT_XACT_ID',
]);

type Role = 'primary' | 'replica';

interface Statement {
  text: string;
  /** Offset in the SQL text the statements were cut from. */
  start: number;
  /** The lexer's tokens, offsets into `text`. */
  tokens: SqlToken[];
}

/** SQL to run for one block (a SQL block, or one `psql -c` of a shell block), with the way back to the block's code. */
interface Unit {
  statements: Statement[];
  /** Offset in `block.code` of an offset in the SQL text. */
  toCode: (offset: number) => number;
  /** Reports a problem at offsets of `block.code`. */
  report: Report;
}

type Report = (start: number, end: number, message: string, hint?: string) => void;

/** Verifies the blocks of `runbooks`; `openChecker` is called only when there is something to run. */
export async function verifyRunbooks(runbooks: Runbook[], openChecker: () => Promise<SqlChecker>): Promise<VerifyResult> {
  const candidates = runbooks.flatMap((runbook) =>
    runbook.meta ? runbook.blocks.filter((block) => isSqlBlock(block) || hasPsql(block)).map((block) => ({ runbook, block })) : [],
  );
  const result: VerifyResult = { problems: [], statements: 0, blocks: 0, unchecked: 0 };
  if (!candidates.length) return result;
  await loadCore();
  const units: Unit[] = [];
  const lineIndexes = new Map<Runbook, LineIndex>();
  for (const { runbook, block } of candidates) {
    let lines = lineIndexes.get(runbook);
    if (!lines) lineIndexes.set(runbook, (lines = new LineIndex(runbook.source)));
    const report: Report = (start, end, message, hint) =>
      result.problems.push(
        problemAt(runbook.file, codeSpan(lines, block.code, block.codeLine, block.codeColumn, start, end), { rule: RULE, message, ...(hint ? { hint } : {}) }),
      );
    if (isSqlBlock(block)) {
      result.blocks++;
      const unit = sqlBlockUnit(runbook, block, report);
      if (unit) units.push(unit);
    } else {
      const found = psqlUnits(runbook, block, report);
      if (found.checked) result.blocks++;
      units.push(...found.units);
    }
  }
  const work = units.filter((unit) => unit.statements.length);
  if (!work.length) return result;
  const checker = await openChecker();
  try {
    for (const { statements, toCode, report } of work) {
      const failures = await checker.check(statements.map((statement) => statement.text));
      result.statements += statements.length;
      failures.forEach((failure, index) => {
        if (!failure) return;
        if (checker.embedded && missingApplicationTable(failure)) {
          result.unchecked++;
          return;
        }
        const statement = statements[index];
        const [start, end] =
          failure.position === undefined
            ? [statement.start, statement.start + statement.text.length]
            : tokenAt(statement, failure.position).map((offset) => statement.start + offset);
        report(toCode(start), Math.max(toCode(end), toCode(start) + 1), `Query fails on ${checker.name}: ${failure.message}`, failure.hint);
      });
    }
  } finally {
    await checker.close();
  }
  return result;
}

/**
 * `relation "events" does not exist` on the embedded database: the application's tables are not there, so the
 * query cannot be checked (`--database-url` checks it on a real server). A missing `pg_*` or information_schema
 * relation is a real mistake (`pg_stat_activty`) and is reported.
 */
function missingApplicationTable(failure: { code?: string; message: string }): boolean {
  const name = /^relation "([^"]+)" does not exist$/.exec(failure.message)?.[1];
  return failure.code === '42P01' && name !== undefined && !/^(pg_|information_schema\.|pg_catalog\.)/i.test(name);
}

/** The blocks verify runs as SQL: read-risk SQL command blocks that run through psql. */
function isSqlBlock(block: Block): boolean {
  if (block.kind !== 'command' || block.language !== 'sql' || block.attributes.risk !== 'read') return false;
  const target = targetOf(block);
  return 'name' in target && target.name === 'psql';
}

const hasPsql = (block: Block) =>
  (block.kind === 'command' || block.kind === 'console') && block.language === 'shell' && block.analysis.commands.some((command) => command.program === 'psql');

const examplesOf = (runbook: Runbook) => Object.fromEntries(Object.entries(runbook.meta?.variables ?? {}).map(([name, variable]) => [name, variable.example]));
const typesOf = (runbook: Runbook) => Object.fromEntries(Object.entries(runbook.meta?.variables ?? {}).map(([name, variable]) => [name, variable.type]));

/** The block's placeholder sites, in code offsets (`code`) or command-text offsets. */
const sitesOf = (block: Block, offsets: 'code' | 'command'): PlaceholderSite[] =>
  block.placeholders.map((site) => ({
    name: site.name,
    start: offsets === 'code' ? site.start : site.commandStart,
    end: offsets === 'code' ? site.end : site.commandEnd,
    context: site.context,
  }));

/** Reports the placeholders of `segments` that could not be filled; true when there was one. */
function reportUnfilled(segments: FillResult['segments'], toCode: (offset: number) => number, report: Report): boolean {
  let found = false;
  for (const segment of segments) {
    if (segment.filled) continue;
    found = true;
    const [start, end] = [toCode(segment.sourceStart), toCode(segment.sourceEnd - 1) + 1];
    if (segment.error)
      report(start, end, `The example of <${segment.name}> cannot be used here: it ${segment.error}`, `Change runbook.variables.${segment.name}.example.`);
    else report(start, end, `<${segment.name}> has no example to verify the query with`, `Declare it in runbook.variables with an example.`);
    if (!segment.error) break; // one missing example is enough to say
  }
  return found;
}

/** A SQL block filled with examples and cut into statements; reports (and returns undefined) when it cannot. */
function sqlBlockUnit(runbook: Runbook, block: Block, report: Report): Unit | undefined {
  const filled = fillSites(block.code, sitesOf(block, 'code'), examplesOf(runbook), typesOf(runbook));
  const unfilled = filled.segments.filter((segment) => !segment.filled);
  // Errors first (every one), then the first placeholder without an example.
  const ordered = [...unfilled.filter((segment) => segment.error), ...unfilled.filter((segment) => !segment.error)];
  if (reportUnfilled(ordered, (offset) => offset, report)) return undefined;
  const toCode = (offset: number) => sourceOffset(filled, offset);
  const statements = statementsOf(filled.text, (at, message) => report(toCode(at), toCode(at) + 1, message));
  return statements && { statements, toCode, report };
}

/** Whether psql connects to the primary ($DATABASE_URL) or to a replica the runbook declares; undefined for anything else. */
function roleOf(connection: string | undefined, runbook: Runbook): Role | undefined {
  const name = connection && /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))$/.exec(connection);
  const variable = name ? (name[1] ?? name[2]) : undefined;
  if (!variable) return undefined;
  if (variable === 'DATABASE_URL') return 'primary';
  const description = runbook.meta?.env[variable];
  if (description === undefined) return undefined;
  return /REPLICA|STANDBY/i.test(variable) || /\b(?:replica|standby)\b/i.test(description) ? 'replica' : undefined;
}

/**
 * The `psql -c` scripts of a shell block that verify runs: the command filled with the examples, read again by the
 * core (so the SQL is what psql receives), cut into statements.
 */
function psqlUnits(runbook: Runbook, block: Block, report: Report): { units: Unit[]; checked: boolean } {
  const units: Unit[] = [];
  let checked = false;
  const filled = fillSites(block.analysis.command, sitesOf(block, 'command'), examplesOf(runbook), typesOf(runbook));
  const filledAnalysis = analyzeBlock({ code: filled.text, kind: 'command', language: 'shell' });
  const back = (offset: number) => commandToCode(block.analysis, sourceOffset(filled, offset));
  for (const source of filledAnalysis.sql) {
    const command = source.command === undefined ? undefined : filledAnalysis.commands[source.command];
    if (!command || command.program !== 'psql' || !command.argv.slice(1).some((word) => /^(-[A-Za-z]*c|--command)/.test(word.value))) continue;
    const role = roleOf(connectionOf(command), runbook);
    if (!role) continue;
    // Text that only the shell knows (`$VAR`, `$(...)`) cannot be checked here; SQL that changes something is not run.
    const text = source.script.text;
    if (source.dynamic?.length || !text.trim() || sqlRisks(source.script).length) continue;
    checked = true;
    const from = source.offsets[0];
    const to = source.offsets[source.offsets.length - 1];
    const inside = filled.segments.filter((segment) => segment.start < to && segment.end > from);
    if (reportUnfilled(inside, (offset) => commandToCode(block.analysis, offset), report)) continue;
    const toCode = (offset: number) => back(source.offsets[Math.min(offset, source.offsets.length - 1)]);
    const statements = statementsOf(text, (at, message) => report(toCode(at), toCode(at) + 1, `${message} (psql -c)`));
    if (!statements) continue;
    units.push({ toCode, report, statements: statements.filter((statement) => keepOn(role, statement, toCode, report)) });
  }
  return { units, checked };
}

/** The database psql connects to, as written: `-d X`, `--dbname=X`, or its first positional word. */
function connectionOf(command: ReturnType<typeof analyzeBlock>['commands'][number]): string | undefined {
  const { args, positional } = commandView(command);
  return optionValue(args, ['-d', '--dbname'])?.value ?? positional[0]?.value;
}

/** Whether a statement runs on the embedded database for a connection to `role`; reports what cannot work on a replica. */
function keepOn(role: Role, statement: Statement, toCode: (offset: number) => number, report: Report): boolean {
  if (role === 'primary') return true;
  const tokens = statement.tokens;
  const called = (names: Set<string>) => tokens.find((token, index) => names.has(token.text.toUpperCase()) && tokens[index + 1]?.text === '(');
  const primaryOnly = called(PRIMARY_ONLY);
  if (primaryOnly) {
    const start = toCode(statement.start + primaryOnly.start);
    report(
      start,
      toCode(statement.start + primaryOnly.end - 1) + 1,
      `${statement.text.slice(primaryOnly.start, primaryOnly.end)}() fails on a replica (recovery is in progress)`,
      'Run it against the primary ($DATABASE_URL).',
    );
    return false;
  }
  return !called(REPLICA_ONLY);
}

/** SQL cut into statements by the core's reader (psql meta-commands left out); reports a syntax error (and returns undefined). */
function statementsOf(text: string, reportAt: (offset: number, message: string) => void): Statement[] | undefined {
  const script = readSqlScript(text);
  const broken = script.statements.find((statement) => statement.error);
  if (broken?.error) {
    reportAt(broken.error.start, `SQL syntax error: ${broken.error.reason}`);
    return undefined;
  }
  const statements: Statement[] = [];
  for (const statement of script.statements) {
    // The transaction is verify's own: the block's BEGIN, COMMIT or ROLLBACK would end it.
    if (statement.tree && 'TransactionStmt' in statement.tree) continue;
    const body = text.slice(statement.start, statement.end);
    if (!body.trim()) continue;
    statements.push({
      text: body,
      start: statement.start,
      tokens: statement.tokens.map((token) => ({ ...token, start: token.start - statement.start, end: token.end - statement.start })),
    });
  }
  return statements;
}

/** The token of `statement` at `position` (so a problem covers `avg_time`, not one letter). */
function tokenAt(statement: Statement, position: number): [number, number] {
  const token = statement.tokens.find((candidate) => position >= candidate.start && position < candidate.end);
  return token ? [token.start, token.end] : [position, position + 1];
}
