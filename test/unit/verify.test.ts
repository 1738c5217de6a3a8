// `runbook verify`: read-risk SQL blocks run read-only on the embedded PostgreSQL 18; failing queries are
// reported at their place in the .mdx file.
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verify } from '../../src/cli/commands/verify.ts';
import { run } from '../../src/cli/main.ts';
import { loadProject } from '../../src/lib/project.ts';
import { pgliteChecker, withoutPassword, type SqlChecker } from '../../src/lib/runner/sql-check.ts';
import { verifyRunbooks } from '../../src/lib/runner/verify.ts';
import { makeProject, runbookSource } from '../helpers/project.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURE = 'test/fixtures/verify/runbooks';
const FILE = `${FIXTURE}/tickets/database-health.mdx`;

async function cli(argv: string[], cwd = ROOT) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { stdout: (text) => out.push(text), stderr: (text) => err.push(text), cwd });
  return { code, out: out.join(''), err: err.join('') };
}

describe('runbook verify (CLI)', () => {
  it('reports the failing queries of the fixture, one per line with file:line:column, and exits 1', async () => {
    const result = await cli(['verify', '--content', FIXTURE]);
    expect(result.out).toBe(
      [
        `${FILE}:32:15  error  Query fails on PostgreSQL 18.6 (PGlite): column "avg_time" does not exist  [sql/verify]`,
        `${FILE}:44:14  error  Query fails on PostgreSQL 18.6 (PGlite): operator does not exist: timestamp with time zone - pg_lsn (No operator matches the given name and argument types. You might need to add explicit type casts.)  [sql/verify]`,
        `${FILE}:58:32  error  Query fails on PostgreSQL 18.6 (PGlite): column "wait_evnt" does not exist (Perhaps you meant to reference the column "pg_stat_activity.wait_event".)  [sql/verify]`,
        '',
      ].join('\n'),
    );
    expect(result.err).toBe('6 statement(s) in 5 SQL block(s) checked on PostgreSQL 18.6 (PGlite): 3 problem(s)\n');
    expect(result.code).toBe(1);
  }, 60_000);

  it('the shipped runbooks report nothing', async () => {
    const result = await cli(['verify']);
    expect(result.out).toBe('');
    expect(result.code).toBe(0);
  });

  it('--json prints an array of problems', async () => {
    const result = await cli(['verify', '--json']);
    expect(JSON.parse(result.out)).toEqual([]);
  });

  // A real server is optional: RUNBOOK_TEST_DATABASE_URL=postgresql://... npx vitest run test/unit/verify.test.ts
  it.skipIf(!process.env.RUNBOOK_TEST_DATABASE_URL)('--database-url checks through psql on a real server, with the same positions', async () => {
    const result = await cli(['verify', '--content', FIXTURE, '--database-url', process.env.RUNBOOK_TEST_DATABASE_URL!]);
    expect(result.code).toBe(1);
    expect(result.out).toContain(`${FILE}:44:14  error  Query fails on PostgreSQL (psql): operator does not exist: timestamp with time zone - pg_lsn`);
    expect(result.out).toContain(`${FILE}:58:32  error  Query fails on PostgreSQL (psql): column "wait_evnt" does not exist`);
  });

  it('a --database-url without a reachable server is a usage error naming the cause', async () => {
    const root = makeProject({
      runbooks: {
        'tickets/q.mdx': runbookSource({
          id: 'tickets-q',
          extra: '  env:\n    DATABASE_URL: Db\n',
          body: '## Investigation\n\n### Q\n\n```sql\nSELECT 1\n```\n',
        }),
      },
    });
    const result = await cli(['verify', '--database-url', 'postgresql://nobody@127.0.0.1:1/none?connect_timeout=2'], root);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^runbook: psql could not run the queries: psql: error: connection to server at "127\.0\.0\.1", port 1 failed/);
  });
});

describe('runbook verify: the database password stays out of argv', () => {
  /** A project with one SQL block and a stand-in psql that records its argv and PGPASSWORD. */
  const setup = () => {
    const root = makeProject({
      runbooks: {
        'tickets/q.mdx': runbookSource({
          id: 'tickets-q',
          extra: '  env:\n    DATABASE_URL: Db\n',
          body: '## Investigation\n\n### Q\n\n```sql\nSELECT 1\n```\n',
        }),
      },
    });
    mkdirSync(join(root, 'bin'));
    writeFileSync(
      join(root, 'bin', 'psql'),
      `#!/bin/sh\nprintf '%s\\n' "$@" > "${root}/argv"\nprintf '%s' "\${PGPASSWORD-unset}" > "${root}/password"\ncat > /dev/null\n`,
    );
    chmodSync(join(root, 'bin', 'psql'), 0o755);
    const env = { PATH: `${join(root, 'bin')}:${process.env.PATH}` };
    const seen = () => ({ argv: readFileSync(join(root, 'argv'), 'utf8'), password: readFileSync(join(root, 'password'), 'utf8') });
    return { root, env, seen };
  };

  it('--database-url without a value reads $DATABASE_URL and hands psql the password through PGPASSWORD', async () => {
    const { root, env, seen } = setup();
    const warnings: string[] = [];
    const report = await verify({
      cwd: root,
      databaseUrl: true,
      env: { ...env, DATABASE_URL: 'postgresql://app:p%40ss%20w0rd@db.internal:5432/shop?sslmode=require' },
      warn: (text) => warnings.push(text),
    });
    expect(report).toMatchObject({ server: 'PostgreSQL (psql)', statements: 1, problems: [] });
    const { argv, password } = seen();
    expect(argv.split('\n')[0]).toBe('postgresql://app@db.internal:5432/shop?sslmode=require');
    expect(argv).not.toContain('w0rd');
    expect(password).toBe('p@ss w0rd');
    expect(warnings).toEqual([]);
  });

  it('a URL given on the command line still works, with a warning, and its password still goes through PGPASSWORD', async () => {
    const { root, env, seen } = setup();
    const warnings: string[] = [];
    await verify({ cwd: root, databaseUrl: 'postgres://app:hunter2@db/shop', env, warn: (text) => warnings.push(text) });
    expect(seen()).toEqual({ argv: 'postgres://app@db/shop\n-X\n-q\n-v\nON_ERROR_STOP=0\n-f\n-\n', password: 'hunter2' });
    expect(warnings.join('')).toContain('the password in --database-url is visible to other users (ps)');
    // No password, no PGPASSWORD (psql may find one in ~/.pgpass).
    await verify({ cwd: root, databaseUrl: 'postgres://app@db/shop', env });
    expect(seen().password).toBe('unset');
  });

  it('--database-url without a value and without $DATABASE_URL is a usage error', async () => {
    const { root, env } = setup();
    await expect(verify({ cwd: root, databaseUrl: true, env })).rejects.toThrow('--database-url without a value reads $DATABASE_URL, which is not set');
  });

  it('takes the password out of URLs and keyword strings', () => {
    expect(withoutPassword('postgres://u:a@db/x?password=b&sslmode=require')).toEqual({ connection: 'postgres://u@db/x?sslmode=require', password: 'b' });
    expect(withoutPassword("host=db password='it\\'s' dbname=shop")).toEqual({ connection: 'host=db  dbname=shop', password: "it's" });
    expect(withoutPassword('postgresql://u@db/shop')).toEqual({ connection: 'postgresql://u@db/shop' });
  });
});

describe('verifyRunbooks', () => {
  let checker: SqlChecker;
  // One PostgreSQL for every test below: it takes seconds to start.
  const shared = async (): Promise<SqlChecker> => ({ ...checker, close: async () => {} });
  beforeAll(async () => {
    checker = await pgliteChecker();
  }, 60_000);
  afterAll(async () => {
    await checker?.close();
  });

  it('gives each problem the range of the failing token', async () => {
    const project = await loadProject({ root: ROOT, config: { contentDir: FIXTURE } });
    const { problems } = await verifyRunbooks(project.runbooks, shared);
    expect(problems.map(({ line, column, endLine, endColumn, rule, severity }) => ({ line, column, endLine, endColumn, rule, severity }))).toEqual([
      { line: 32, column: 15, endLine: 32, endColumn: 23, rule: 'sql/verify', severity: 'error' },
      { line: 44, column: 14, endLine: 44, endColumn: 15, rule: 'sql/verify', severity: 'error' },
      { line: 58, column: 32, endLine: 58, endColumn: 41, rule: 'sql/verify', severity: 'error' },
    ]);
  });

  const block = (code: string, meta = '') => `\`\`\`sql${meta ? ` ${meta}` : ''}\n${code}\n\`\`\``;
  const verifyBody = async (body: string, extra = '') => {
    const root = makeProject({
      runbooks: {
        'tickets/db.mdx': runbookSource({
          id: 'tickets-db',
          extra: `${extra}  env:\n    DATABASE_URL: Db\n`,
          body: `## Investigation\n\n### Check\n\n${body}\n`,
        }),
      },
    });
    const project = await loadProject({ root });
    const result = await verifyRunbooks(project.runbooks, shared);
    // Lines counted from the first code line of the first block (line 0).
    const first = project.runbooks[0].blocks[0].codeLine;
    return {
      ...result,
      lines: result.problems.map((p) => `${p.line - first}:${p.column}-${p.endLine - first}:${p.endColumn} ${p.message}${p.hint ? ` (${p.hint})` : ''}`),
    };
  };

  it('runs read-only: a "read" block that writes is reported', async () => {
    const { lines } = await verifyBody(block('CREATE TABLE audit (id int);'));
    expect(lines).toEqual([`0:1-0:28 Query fails on PostgreSQL 18.6 (PGlite): cannot execute CREATE TABLE in a read-only transaction`]);
  });

  it("skips the block's own BEGIN and COMMIT and goes on after a failing statement", async () => {
    const { lines, statements } = await verifyBody(block('BEGIN;\nSELECT nope FROM pg_class;\nSELECT relname FROM pg_class;\nSELECT 1 + true;\nCOMMIT;'));
    expect(statements).toBe(3);
    expect(lines).toEqual([
      `1:8-1:12 Query fails on PostgreSQL 18.6 (PGlite): column "nope" does not exist`,
      `3:10-3:11 Query fails on PostgreSQL 18.6 (PGlite): operator does not exist: integer + boolean (No operator matches the given name and argument types. You might need to add explicit type casts.)`,
    ]);
  });

  it('fills placeholders with their examples and maps positions back through them', async () => {
    const extra = '  variables:\n    name:\n      description: A name\n      example: "zoë\'s long example"\n';
    const { lines } = await verifyBody(block("SELECT 'é', '<name>' AS n, nope FROM pg_class"), extra);
    expect(lines).toEqual([`0:28-0:32 Query fails on PostgreSQL 18.6 (PGlite): column "nope" does not exist`]);
  });

  it('reports syntax errors and examples that cannot be used', async () => {
    const extra = '  variables:\n    table:\n      description: A table\n      example: events log\n';
    const { lines } = await verifyBody(`${block('SELECT * FRM pg_class')}\n\n${block('SELECT * FROM $$<table>$$')}`, extra);
    expect(lines).toEqual([
      `0:10-0:11 SQL syntax error: syntax error at or near "FRM"`,
      `4:17-4:24 The example of <table> cannot be used here: it sits in a dollar-quoted string, where only letters, digits and . _ : / @ + - can be filled in safely (Change runbook.variables.table.example.)`,
    ]);
  });

  /** Like verifyBody, with the env block given (for replica connection strings). */
  const verifyWithEnv = async (body: string, env: Record<string, string>, extra = '') => {
    const envLines = Object.entries(env)
      .map(([name, description]) => `    ${name}: ${description}\n`)
      .join('');
    const root = makeProject({
      runbooks: {
        'tickets/db.mdx': runbookSource({ id: 'tickets-db', extra: `${extra}  env:\n${envLines}`, body: `## Investigation\n\n### Check\n\n${body}\n` }),
      },
    });
    const project = await loadProject({ root });
    const result = await verifyRunbooks(project.runbooks, shared);
    const first = project.runbooks[0].blocks[0].codeLine;
    return { ...result, lines: result.problems.map((p) => `${p.line - first}:${p.column}-${p.endLine - first}:${p.endColumn} ${p.message}`) };
  };
  const bash = (code: string, meta = '') => `\`\`\`bash${meta ? ` ${meta}` : ''}\n${code}\n\`\`\``;

  it('checks the SQL of psql "$DATABASE_URL" -c in shell blocks, at its place in the block', async () => {
    const extra = '  variables:\n    pid:\n      description: Backend\n      example: "4242"\n      type: integer\n';
    const { lines, statements, blocks } = await verifyWithEnv(
      bash(
        'kubectl -n shop get pods\npsql "$DATABASE_URL" -At -c "SELECT state FROM pg_stat_activity WHERE pid = <pid> AND wait_evnt IS NULL;"\npsql $DATABASE_URL --command="SELECT 1"',
      ),
      { DATABASE_URL: 'Primary' },
      extra,
    );
    expect({ statements, blocks }).toEqual({ statements: 2, blocks: 1 });
    expect(lines).toEqual([`1:87-1:96 Query fails on PostgreSQL 18.6 (PGlite): column "wait_evnt" does not exist`]);
  });

  it('checks psql -c in console prompt lines and on continuation lines', async () => {
    const { lines } = await verifyWithEnv(bash('psql "$DATABASE_URL" \\\n  -c "SELECT nope FROM pg_class"'), { DATABASE_URL: 'Primary' });
    expect(lines).toEqual([`1:14-1:18 Query fails on PostgreSQL 18.6 (PGlite): column "nope" does not exist`]);
    const consoleBlock = '```console\n$ psql "$DATABASE_URL" -c "SELECT nope FROM pg_class"\n nope\n------\n```';
    expect((await verifyWithEnv(consoleBlock, { DATABASE_URL: 'Primary' })).lines).toEqual([
      `0:35-0:39 Query fails on PostgreSQL 18.6 (PGlite): column "nope" does not exist`,
    ]);
  });

  it('on a replica, skips functions that need one and reports those that cannot run on one', async () => {
    const { lines, statements } = await verifyWithEnv(
      bash(
        'psql "$REPLICA_DATABASE_URL" -c "SELECT pg_is_in_recovery(), pg_is_wal_replay_paused();"\npsql "$READER_URL" -c "SELECT now() - pg_last_xact_replay_timestamp() AS lag, pg_last_wal_receive_lsn();"\npsql "$REPLICA_DATABASE_URL" -c "SELECT pg_current_wal_lsn();"',
      ),
      { REPLICA_DATABASE_URL: 'The read replica', READER_URL: 'Connection string of the standby' },
    );
    expect(statements).toBe(1);
    expect(lines).toEqual([`2:41-2:59 pg_current_wal_lsn() fails on a replica (recovery is in progress)`]);
  });

  it('leaves out psql against other databases, SQL that changes something and SQL built by the shell', async () => {
    const { blocks, statements, problems } = await verifyWithEnv(
      bash(
        [
          'psql "$RESTORE_DATABASE_URL" -c "SELECT nope FROM pg_class"',
          'psql -h db.internal -U app shop -c "SELECT nope FROM pg_class"',
          'psql "$DATABASE_URL" -c "VACUUM ANALYZE pg_class"',
          'psql "$DATABASE_URL" -c "SELECT nope FROM $TABLE"',
          'kubectl exec deploy/api -- psql -c "SELECT nope FROM pg_class"',
        ].join('\n'),
        'risk="change"',
      ),
      { DATABASE_URL: 'Primary', RESTORE_DATABASE_URL: 'The restore database', TABLE: 'A table' },
    );
    expect({ blocks, statements, problems }).toEqual({ blocks: 0, statements: 0, problems: [] });
  });

  it('fills an example with a quote into a SQL string inside psql -c (the quote doubled), and runs it', async () => {
    const extra = '  variables:\n    user:\n      description: Role\n      example: "o\'neil"\n';
    const { lines } = await verifyWithEnv(
      bash(`psql "$DATABASE_URL" -c "SELECT 1 FROM pg_roles WHERE rolname = '<user>'"`),
      { DATABASE_URL: 'Primary' },
      extra,
    );
    expect(lines).toEqual([]);
  });

  it('does not report an application table the embedded database lacks, but does a misspelt catalog view', async () => {
    const { lines, unchecked } = await verifyBody(
      `${block('SELECT endpoint, count(*) FROM errors GROUP BY endpoint;')}\n\n${block('SELECT * FROM pg_stat_activty;')}`,
    );
    expect(unchecked).toBe(1);
    expect(lines).toEqual([`4:15-4:30 Query fails on PostgreSQL 18.6 (PGlite): relation "pg_stat_activty" does not exist`]);
  });

  it('leaves out change and destructive blocks, and blocks for another target', async () => {
    const { blocks, problems } = await verifyBody(`${block('DROP TABLE x;', 'risk="destructive"')}\n\n${block('SELECT nope;', 'target="redis-cli"')}`);
    expect(blocks).toBe(0);
    expect(problems).toEqual([]);
  });
});
