// `runbook verify`: read-risk SQL blocks run read-only on the embedded PostgreSQL 18; failing queries are
// reported at their place in the .mdx file.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.ts';
import { loadProject } from '../../src/lib/project.ts';
import { pgliteChecker, type SqlChecker } from '../../src/lib/runner/sql-check.ts';
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
    const root = makeProject({ runbooks: { 'tickets/q.mdx': runbookSource({ id: 'tickets-q', extra: '  env:\n    DATABASE_URL: Db\n', body: '## Investigation\n\n### Q\n\n```sql\nSELECT 1\n```\n' }) } });
    const result = await cli(['verify', '--database-url', 'postgresql://nobody@127.0.0.1:1/none?connect_timeout=2'], root);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^runbook: psql could not run the queries: psql: error: connection to server at "127\.0\.0\.1", port 1 failed/);
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
    const project = loadProject({ root: ROOT, config: { contentDir: FIXTURE } });
    const { problems } = await verifyRunbooks(project.runbooks, shared);
    expect(problems.map(({ line, column, endLine, endColumn, rule, severity }) => ({ line, column, endLine, endColumn, rule, severity }))).toEqual([
      { line: 32, column: 15, endLine: 32, endColumn: 23, rule: 'sql/verify', severity: 'error' },
      { line: 44, column: 14, endLine: 44, endColumn: 15, rule: 'sql/verify', severity: 'error' },
      { line: 58, column: 32, endLine: 58, endColumn: 41, rule: 'sql/verify', severity: 'error' },
    ]);
  });

  const block = (code: string, meta = '') => `\`\`\`sql${meta ? ` ${meta}` : ''}\n${code}\n\`\`\``;
  const verifyBody = async (body: string, extra = '') => {
    const root = makeProject({ runbooks: { 'tickets/db.mdx': runbookSource({ id: 'tickets-db', extra: `${extra}  env:\n    DATABASE_URL: Db\n`, body: `## Investigation\n\n### Check\n\n${body}\n` }) } });
    const project = loadProject({ root });
    const result = await verifyRunbooks(project.runbooks, shared);
    // Lines counted from the first code line of the first block (line 0).
    const first = project.runbooks[0].blocks[0].codeLine;
    return { ...result, lines: result.problems.map((p) => `${p.line - first}:${p.column}-${p.endLine - first}:${p.endColumn} ${p.message}${p.hint ? ` (${p.hint})` : ''}`) };
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
      `4:17-4:24 The example of <table> cannot be used here: it sits in a dollar-quoted string, where only a plain value (letters, digits and _) can be filled in safely (Change runbook.variables.table.example.)`,
    ]);
  });

  it('leaves out change and destructive blocks, and blocks for another target', async () => {
    const { blocks, problems } = await verifyBody(`${block('DROP TABLE x;', 'risk="destructive"')}\n\n${block('SELECT nope;', 'target="redis-cli"')}`);
    expect(blocks).toBe(0);
    expect(problems).toEqual([]);
  });
});
