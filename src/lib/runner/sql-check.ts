// Where `runbook verify` runs its queries: an embedded PostgreSQL 18 (PGlite, the default) or a real server
// through psql. Either way each block runs in one READ ONLY transaction that is rolled back, each statement
// behind a savepoint so that one failure does not hide the next.
import { spawn } from 'node:child_process';
import { PGlite } from '@electric-sql/pglite';
import { pg_stat_statements } from '@electric-sql/pglite/contrib/pg_stat_statements';

export interface SqlFailure {
  message: string;
  /** 0-based character offset of the error in the statement, when the server gives one. */
  position?: number;
  hint?: string;
  code?: string;
}

export interface SqlChecker {
  /** What the queries run on, for messages ("PostgreSQL 18.6 (PGlite)"). */
  readonly name: string;
  /** The embedded database: it has the catalog but none of the application's tables. */
  readonly embedded?: boolean;
  /** Runs the statements of one block in order; the failure of each, or undefined when it ran. */
  check: (statements: string[]) => Promise<(SqlFailure | undefined)[]>;
  close: () => Promise<void>;
}

/** The server cannot be reached or started: nothing could be checked. */
export class SqlCheckerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SqlCheckerError';
  }
}

/** A cap on each statement, so a heavy query on a real server cannot run away. */
const STATEMENT_TIMEOUT = '10s';

/**
 * Columns of pg_stat_statements 1.12 (PostgreSQL 18), as the real extension in PGlite defines them. Used for a
 * stand-in view (no rows) only when the extension cannot be created, so queries of it are still checked.
 */
export const PG_STAT_STATEMENTS_COLUMNS: [string, string][] = [
  ['userid', 'oid'],
  ['dbid', 'oid'],
  ['toplevel', 'boolean'],
  ['queryid', 'bigint'],
  ['query', 'text'],
  ['plans', 'bigint'],
  ['total_plan_time', 'double precision'],
  ['min_plan_time', 'double precision'],
  ['max_plan_time', 'double precision'],
  ['mean_plan_time', 'double precision'],
  ['stddev_plan_time', 'double precision'],
  ['calls', 'bigint'],
  ['total_exec_time', 'double precision'],
  ['min_exec_time', 'double precision'],
  ['max_exec_time', 'double precision'],
  ['mean_exec_time', 'double precision'],
  ['stddev_exec_time', 'double precision'],
  ['rows', 'bigint'],
  ['shared_blks_hit', 'bigint'],
  ['shared_blks_read', 'bigint'],
  ['shared_blks_dirtied', 'bigint'],
  ['shared_blks_written', 'bigint'],
  ['local_blks_hit', 'bigint'],
  ['local_blks_read', 'bigint'],
  ['local_blks_dirtied', 'bigint'],
  ['local_blks_written', 'bigint'],
  ['temp_blks_read', 'bigint'],
  ['temp_blks_written', 'bigint'],
  ['shared_blk_read_time', 'double precision'],
  ['shared_blk_write_time', 'double precision'],
  ['local_blk_read_time', 'double precision'],
  ['local_blk_write_time', 'double precision'],
  ['temp_blk_read_time', 'double precision'],
  ['temp_blk_write_time', 'double precision'],
  ['wal_records', 'bigint'],
  ['wal_fpi', 'bigint'],
  ['wal_bytes', 'numeric'],
  ['wal_buffers_full', 'bigint'],
  ['jit_functions', 'bigint'],
  ['jit_generation_time', 'double precision'],
  ['jit_inlining_count', 'bigint'],
  ['jit_inlining_time', 'double precision'],
  ['jit_optimization_count', 'bigint'],
  ['jit_optimization_time', 'double precision'],
  ['jit_emission_count', 'bigint'],
  ['jit_emission_time', 'double precision'],
  ['jit_deform_count', 'bigint'],
  ['jit_deform_time', 'double precision'],
  ['parallel_workers_to_launch', 'bigint'],
  ['parallel_workers_launched', 'bigint'],
  ['stats_since', 'timestamp with time zone'],
  ['minmax_stats_since', 'timestamp with time zone'],
];

export const PG_STAT_STATEMENTS_STAND_IN = `CREATE VIEW pg_stat_statements AS SELECT ${PG_STAT_STATEMENTS_COLUMNS.map(([name, type]) => `NULL::${type} AS ${name}`).join(', ')} WHERE false`;

interface PgError {
  message?: string;
  position?: string | number;
  hint?: string;
  code?: string;
}

function failureOf(error: unknown): SqlFailure {
  const pg = (error ?? {}) as PgError;
  const position = Number(pg.position);
  return {
    message: pg.message ?? String(error),
    ...(Number.isInteger(position) && position > 0 ? { position: position - 1 } : {}),
    ...(pg.hint ? { hint: pg.hint } : {}),
    ...(pg.code ? { code: pg.code } : {}),
  };
}

/** PostgreSQL 18 in WebAssembly: takes seconds to start, so one instance serves a whole verify run. */
export async function pgliteChecker(): Promise<SqlChecker> {
  const db = await PGlite.create({ extensions: { pg_stat_statements } });
  // pg_stat_statements is an extension: the real one when PGlite can load it, otherwise an empty stand-in.
  try {
    await db.exec('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  } catch {
    await db.exec(PG_STAT_STATEMENTS_STAND_IN);
  }
  const version = (await db.query<{ server_version: string }>('SHOW server_version')).rows[0]?.server_version ?? '';
  return {
    name: `PostgreSQL ${version.split(' ')[0]} (PGlite)`,
    embedded: true,
    check: async (statements) => {
      const failures: (SqlFailure | undefined)[] = [];
      await db.exec(`BEGIN READ ONLY; SET LOCAL statement_timeout = '${STATEMENT_TIMEOUT}'`);
      try {
        for (const statement of statements) {
          await db.exec('SAVEPOINT verify');
          try {
            await db.exec(statement);
            failures.push(undefined);
          } catch (error) {
            failures.push(failureOf(error));
          }
          await db.exec('ROLLBACK TO SAVEPOINT verify');
        }
      } finally {
        await db.exec('ROLLBACK');
      }
      return failures;
    },
    close: () => db.close(),
  };
}

/**
 * A connection string split into what may be shown and the password, which may not: psql gets the password
 * through PGPASSWORD, never in its argv, where every user of the machine sees it (`ps`). Reads URLs
 * (`postgres://user:password@host/db`, `?password=`) and keyword strings (`host=db password=secret`).
 */
export function withoutPassword(connection: string): { connection: string; password?: string } {
  if (/^postgres(?:ql)?:\/\//i.test(connection)) {
    let password: string | undefined;
    let rest = connection;
    const userinfo = /^(postgres(?:ql)?:\/\/)([^@/?#]*)@/i.exec(rest);
    const colon = userinfo ? userinfo[2].indexOf(':') : -1;
    if (userinfo && colon !== -1) {
      password = decode(userinfo[2].slice(colon + 1));
      rest = `${userinfo[1]}${userinfo[2].slice(0, colon)}@${rest.slice(userinfo[0].length)}`;
    }
    // libpq also takes the password as a parameter, which wins over the one before the @.
    const query = /([?&])password=([^&#]*)(&?)/i.exec(rest);
    if (query) {
      password = decode(query[2]);
      rest = (rest.slice(0, query.index) + (query[3] ? query[1] : '') + rest.slice(query.index + query[0].length)).replace(/[?&]$/, '');
    }
    return { connection: rest, ...(password !== undefined ? { password } : {}) };
  }
  // Keyword/value: password=secret or password='a \'quoted\' secret'.
  const keyword = /(^|\s)password\s*=\s*('((?:[^'\\]|\\.)*)'|(\S*))/i.exec(connection);
  if (!keyword) return { connection };
  const password = keyword[3] !== undefined ? keyword[3].replace(/\\(.)/g, '$1') : keyword[4];
  return { connection: (connection.slice(0, keyword.index) + keyword[1] + connection.slice(keyword.index + keyword[0].length)).trim(), password };
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * A real server through psql. psql reports an error as `psql:<stdin>:LINE: ERROR:  message`, where LINE is the
 * line of the script that ended the statement, then `LINE n: text` and a caret under the error position.
 * `env` is the environment psql runs in (its PATH finds psql).
 */
export function psqlChecker(url: string, env: Record<string, string | undefined> = process.env): SqlChecker {
  return {
    name: 'PostgreSQL (psql)',
    check: async (statements) => {
      const ends: number[] = [];
      const script = [`BEGIN READ ONLY;`, `SET LOCAL statement_timeout = '${STATEMENT_TIMEOUT}';`];
      for (const statement of statements) {
        script.push('SAVEPOINT verify;', statement, ';');
        ends.push(script.join('\n').split('\n').length);
        script.push('ROLLBACK TO SAVEPOINT verify;');
      }
      script.push('ROLLBACK;');
      const { code, stderr } = await runPsql(url, `${script.join('\n')}\n`, env);
      const failures: (SqlFailure | undefined)[] = statements.map(() => undefined);
      const reports = [...stderr.matchAll(/^psql:<stdin>:(\d+): (?:ERROR|FATAL):\s+(.*)\n((?:(?!psql:<stdin>:).*\n)*)/gm)];
      if (code !== 0 && !reports.length) throw new SqlCheckerError(`psql could not run the queries: ${stderr.trim() || `exit code ${code}`}`);
      for (const report of reports) {
        const index = ends.indexOf(Number(report[1]));
        if (index === -1) continue;
        const detail = report[3];
        const hint = /^HINT:\s+(.*)$/m.exec(detail)?.[1];
        failures[index] = { message: report[2], ...positionOf(statements[index], detail), ...(hint ? { hint } : {}) };
      }
      return failures;
    },
    close: async () => {},
  };
}

/** The error position from psql's `LINE n: text` and caret lines (psql may cut a long line to `...text...`). */
function positionOf(statement: string, detail: string): { position?: number } {
  const match = /^(LINE (\d+): )(.*)\n( *)\^/m.exec(detail);
  if (!match) return {};
  const [, prefix, lineNumber, shown, spaces] = match;
  const lines = statement.split('\n');
  const line = lines[Number(lineNumber) - 1];
  if (line === undefined) return {};
  let column = spaces.length - prefix.length;
  if (shown.startsWith('...')) {
    const fragment = shown.slice(3).replace(/\.\.\.$/, '');
    const at = line.indexOf(fragment);
    if (at === -1) return {};
    column = at + column - 3;
  }
  const lineStart = lines.slice(0, Number(lineNumber) - 1).reduce((sum, text) => sum + text.length + 1, 0);
  return { position: lineStart + Math.max(0, column) };
}

function runPsql(url: string, script: string, env: Record<string, string | undefined>): Promise<{ code: number | null; stderr: string }> {
  const { connection, password } = withoutPassword(url);
  return new Promise((resolve, reject) => {
    const child = spawn('psql', [connection, '-X', '-q', '-v', 'ON_ERROR_STOP=0', '-f', '-'], {
      stdio: ['pipe', 'ignore', 'pipe'],
      env: { ...env, ...(password !== undefined ? { PGPASSWORD: password } : {}) },
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.on('error', (error) =>
      reject(
        new SqlCheckerError(`cannot run psql (${error.message}); install the PostgreSQL client or leave out --database-url to use the embedded PostgreSQL`),
      ),
    );
    child.on('close', (code) => resolve({ code, stderr }));
    child.stdin.end(script);
  });
}
