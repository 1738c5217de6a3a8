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
import { loadModule, parseSync, scanSync, type ParseResult } from 'libpg-query';
import { commandSource } from '../model/code.ts';
import { codeSpan } from '../model/parse.ts';
import type { Block, Runbook } from '../model/types.ts';
import { LineIndex, problemAt, type Problem } from '../problem.ts';
import { fillPlaceholders, sourceOffset, type FillResult } from '../quote.ts';
import { findRisks } from '../risk.ts';
import { psqlCommands } from '../sql/embedded.ts';
import { sqlStatements } from '../text/sql.ts';
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
const PRIMARY_ONLY = new Set(['PG_CURRENT_WAL_LSN', 'PG_CURRENT_WAL_INSERT_LSN', 'PG_CURRENT_WAL_FLUSH_LSN', 'PG_SWITCH_WAL', 'PG_CREATE_RESTORE_POINT', 'TXID_CURRENT', 'PG_CURRENT_XACT_ID']);

type Role = 'primary' | 'replica';

interface Statement {
  text: string;
  /** Offset in the SQL text the statements were cut from. */
  start: number;
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
  const candidates = runbooks.flatMap((runbook) => (runbook.meta ? runbook.blocks.filter((block) => isSqlBlock(block) || hasPsql(block)).map((block) => ({ runbook, block })) : []));
  const result: VerifyResult = { problems: [], statements: 0, blocks: 0, unchecked: 0 };
  if (!candidates.length) return result;
  await loadModule();
  const units: Unit[] = [];
  const lineIndexes = new Map<Runbook, LineIndex>();
  for (const { runbook, block } of candidates) {
    let lines = lineIndexes.get(runbook);
    if (!lines) lineIndexes.set(runbook, (lines = new LineIndex(runbook.source)));
    const report: Report = (start, end, message, hint) =>
      result.problems.push(problemAt(runbook.file, codeSpan(lines, block.code, block.codeLine, block.codeColumn, start, end), { rule: RULE, message, ...(hint ? { hint } : {}) }));
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
        const [start, end] = failure.position === undefined ? [statement.start, statement.start + statement.text.length] : tokenAt(statement.text, failure.position).map((offset) => statement.start + offset);
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

const hasPsql = (block: Block) => (block.kind === 'command' || block.kind === 'console') && block.language === 'shell' && /\bpsql\b/.test(block.code);

const examplesOf = (runbook: Runbook) => Object.fromEntries(Object.entries(runbook.meta?.variables ?? {}).map(([name, variable]) => [name, variable.example]));

/** Reports the placeholders of `segments` that could not be filled; true when there was one. */
function reportUnfilled(filled: FillResult, segments: FillResult['segments'], toCode: (offset: number) => number, report: Report): boolean {
  let found = false;
  for (const segment of segments) {
    if (segment.filled) continue;
    found = true;
    const [start, end] = [toCode(segment.sourceStart), toCode(segment.sourceEnd - 1) + 1];
    if (segment.error) report(start, end, `The example of <${segment.name}> cannot be used here: it ${segment.error}`, `Change runbook.variables.${segment.name}.example.`);
    else report(start, end, `<${segment.name}> has no example to verify the query with`, `Declare it in runbook.variables with an example.`);
    if (!segment.error) break; // one missing example is enough to say
  }
  return found;
}

/** A SQL block filled with examples and cut into statements; reports (and returns undefined) when it cannot. */
function sqlBlockUnit(runbook: Runbook, block: Block, report: Report): Unit | undefined {
  const variables = runbook.meta?.variables ?? {};
  const filled = fillPlaceholders(block.code, 'sql', examplesOf(runbook), { variables });
  const unfilled = filled.segments.filter((segment) => !segment.filled);
  // Errors first (every one), then the first placeholder without an example.
  const ordered = [...unfilled.filter((segment) => segment.error), ...unfilled.filter((segment) => !segment.error)];
  if (reportUnfilled(filled, ordered, (offset) => offset, report)) return undefined;
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

/** The `psql -c` scripts of a shell block that verify runs, filled with examples and cut into statements. */
function psqlUnits(runbook: Runbook, block: Block, report: Report): { units: Unit[]; checked: boolean } {
  const units: Unit[] = [];
  let checked = false;
  const shell = commandSource(block.code, block.kind);
  const variables = runbook.meta?.variables ?? {};
  const filled = fillPlaceholders(shell.text, 'shell', examplesOf(runbook), { variables });
  const back = (offset: number) => shell.toCode(sourceOffset(filled, offset));
  for (const command of psqlCommands(filled.text)) {
    const role = roleOf(command.connection, runbook);
    if (!role) continue;
    for (const script of command.scripts) {
      // Text that only the shell knows (`$VAR`, `$(...)`) cannot be checked here; SQL that changes something is not run.
      if (script.expansions.length || !script.text.trim() || findRisks(script.text, 'sql').length) continue;
      checked = true;
      const from = script.offsets[0];
      const to = script.offsets[script.offsets.length - 1];
      const inside = filled.segments.filter((segment) => segment.start < to && segment.end > from);
      if (reportUnfilled(filled, inside, shell.toCode, report)) continue;
      const toCode = (offset: number) => back(script.offsets[Math.min(offset, script.offsets.length - 1)]);
      const statements = statementsOf(script.text, (at, message) => report(toCode(at), toCode(at) + 1, `${message} (psql -c)`));
      if (!statements) continue;
      units.push({ toCode, report, statements: statements.filter((statement) => keepOn(role, statement, toCode, report)) });
    }
  }
  return { units, checked };
}

/** Whether a statement runs on the embedded database for a connection to `role`; reports what cannot work on a replica. */
function keepOn(role: Role, statement: Statement, toCode: (offset: number) => number, report: Report): boolean {
  if (role === 'primary') return true;
  const tokens = sqlStatements(statement.text).flat();
  const called = (names: Set<string>) => tokens.find((token, index) => !token.quoted && names.has(token.value) && tokens[index + 1]?.value === '(');
  const primaryOnly = called(PRIMARY_ONLY);
  if (primaryOnly) {
    const start = toCode(statement.start + primaryOnly.start);
    report(start, toCode(statement.start + primaryOnly.end - 1) + 1, `${statement.text.slice(primaryOnly.start, primaryOnly.end)}() fails on a replica (recovery is in progress)`, 'Run it against the primary ($DATABASE_URL).');
    return false;
  }
  return !called(REPLICA_ONLY);
}

/** SQL cut into statements (psql meta-commands blanked); reports a syntax error (and returns undefined). */
function statementsOf(text: string, reportAt: (offset: number, message: string) => void): Statement[] | undefined {
  // psql meta-commands (`\x`, `\timing`) are psql's, not SQL: blanked, keeping offsets.
  const sql = text.replace(/^([ \t]*\\.*)$/gm, (line) => ' '.repeat(line.length));
  let parsed: ParseResult;
  try {
    parsed = parseSync(sql);
  } catch (error) {
    const details = (error as { sqlDetails?: { cursorPosition?: number } }).sqlDetails;
    reportAt(charOffset(sql, details?.cursorPosition ?? 0), `SQL syntax error: ${(error as Error).message}`);
    return undefined;
  }
  const statements: Statement[] = [];
  for (const entry of parsed.stmts ?? []) {
    // The transaction is verify's own: the block's BEGIN, COMMIT or ROLLBACK would end it.
    if (entry.stmt && 'TransactionStmt' in entry.stmt) continue;
    const start = charOffset(sql, entry.stmt_location ?? 0);
    const end = entry.stmt_len ? charOffset(sql, (entry.stmt_location ?? 0) + entry.stmt_len) : sql.length;
    const raw = sql.slice(start, end);
    const leading = raw.length - raw.trimStart().length;
    const statement = raw.trim();
    if (statement) statements.push({ text: statement, start: start + leading });
  }
  return statements;
}

/** libpg-query counts UTF-8 bytes; JavaScript strings count UTF-16 units. */
function charOffset(text: string, byteOffset: number): number {
  let bytes = 0;
  let index = 0;
  for (const char of text) {
    if (bytes >= byteOffset) break;
    const point = char.codePointAt(0)!;
    bytes += point < 0x80 ? 1 : point < 0x800 ? 2 : point < 0x10000 ? 3 : 4;
    index += char.length;
  }
  return index;
}

/** The token of `statement` at `position` (so a problem covers `avg_time`, not one letter). */
function tokenAt(statement: string, position: number): [number, number] {
  try {
    for (const token of scanSync(statement).tokens) {
      const start = charOffset(statement, token.start);
      const end = charOffset(statement, token.end);
      if (position >= start && position < end) return [start, end];
    }
  } catch {
    // Unscannable text: fall back to one character.
  }
  return [position, position + 1];
}
