// `runbook verify`: every read-risk SQL block, filled with its variables' examples, runs read-only against
// PostgreSQL; a query that fails (unknown table, column or function, a type error) becomes a positioned problem.
import { loadModule, parseSync, scanSync, type ParseResult } from 'libpg-query';
import { codeSpan } from '../model/parse.ts';
import type { Block, Runbook } from '../model/types.ts';
import { LineIndex, problemAt, type Problem } from '../problem.ts';
import { fillPlaceholders, sourceOffset, type FillResult } from '../quote.ts';
import type { SqlChecker } from './sql-check.ts';
import { targetOf } from './targets.ts';

export const RULE = 'sql/verify';

/** The blocks verify runs: read-risk SQL command blocks that run through psql. */
export function verifiableBlocks(runbook: Runbook): Block[] {
  return runbook.blocks.filter((block) => {
    if (block.kind !== 'command' || block.language !== 'sql' || block.attributes.risk !== 'read') return false;
    const target = targetOf(block);
    return 'name' in target && target.name === 'psql';
  });
}

export interface VerifyResult {
  problems: Problem[];
  /** Statements run. */
  statements: number;
  blocks: number;
}

/** Verifies the blocks of `runbooks`; `openChecker` is called only when there is something to run. */
export async function verifyRunbooks(runbooks: Runbook[], openChecker: () => Promise<SqlChecker>): Promise<VerifyResult> {
  const work = runbooks.flatMap((runbook) => (runbook.meta ? verifiableBlocks(runbook).map((block) => ({ runbook, block })) : []));
  const result: VerifyResult = { problems: [], statements: 0, blocks: work.length };
  if (!work.length) return result;
  await loadModule();
  const checker = await openChecker();
  try {
    for (const { runbook, block } of work) {
      const lines = new LineIndex(runbook.source);
      const report = (start: number, end: number, message: string, hint?: string) =>
        result.problems.push(problemAt(runbook.file, codeSpan(lines, block.code, block.codeLine, block.codeColumn, start, end), { rule: RULE, message, ...(hint ? { hint } : {}) }));
      const prepared = prepare(runbook, block, report);
      if (!prepared) continue;
      const failures = await checker.check(prepared.statements.map((statement) => statement.text));
      result.statements += prepared.statements.length;
      failures.forEach((failure, index) => {
        if (!failure) return;
        const statement = prepared.statements[index];
        const [start, end] = failure.position === undefined ? [statement.start, statement.start + statement.text.length] : tokenAt(statement.text, failure.position).map((offset) => statement.start + offset);
        const at = (offset: number) => sourceOffset(prepared.filled, offset);
        report(at(start), Math.max(at(end), at(start) + 1), `Query fails on ${checker.name}: ${failure.message}`, failure.hint);
      });
    }
  } finally {
    await checker.close();
  }
  return result;
}

interface Statement {
  text: string;
  /** Offset in the filled code. */
  start: number;
}

/** Fills the block with examples and splits it into statements; reports (and returns undefined) when it cannot. */
function prepare(runbook: Runbook, block: Block, report: (start: number, end: number, message: string, hint?: string) => void): { filled: FillResult; statements: Statement[] } | undefined {
  const variables = runbook.meta?.variables ?? {};
  const examples = Object.fromEntries(Object.entries(variables).map(([name, variable]) => [name, variable.example]));
  const filled = fillPlaceholders(block.code, 'sql', examples, { variables });
  for (const error of filled.errors) report(error.sourceStart, error.sourceEnd, `The example of <${error.name}> cannot be used here: it ${error.message}`, `Change runbook.variables.${error.name}.example.`);
  const missing = filled.segments.find((segment) => !segment.filled && !segment.error);
  if (missing) report(missing.sourceStart, missing.sourceEnd, `<${missing.name}> has no example to verify the query with`, `Declare it in runbook.variables with an example.`);
  if (filled.errors.length || missing) return undefined;

  // psql meta-commands (`\x`, `\timing`) are psql's, not SQL: blanked, keeping offsets.
  const sql = filled.text.replace(/^([ \t]*\\.*)$/gm, (line) => ' '.repeat(line.length));
  let parsed: ParseResult;
  try {
    parsed = parseSync(sql);
  } catch (error) {
    const details = (error as { sqlDetails?: { cursorPosition?: number } }).sqlDetails;
    const at = sourceOffset(filled, charOffset(sql, details?.cursorPosition ?? 0));
    report(at, at + 1, `SQL syntax error: ${(error as Error).message}`);
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
    const text = raw.trim();
    if (text) statements.push({ text, start: start + leading });
  }
  return { filled, statements };
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
