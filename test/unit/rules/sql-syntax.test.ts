// sql/syntax: SQL blocks and psql -c arguments parse with PostgreSQL's parser, errors at the exact place.
import { describe, expect, it } from 'vitest';
import { sqlSyntax } from '../../../src/lib/lint/rules/sql-syntax.ts';
import { exampleRunbook } from '../../../src/lib/lint/rules/example.ts';
import { analyzeBlock } from '../../../src/lib/core/block.ts';
import { readSqlScript } from '../../../src/lib/core/sql/script.ts';
import { ruleTester } from '../../helpers/rule-tester.ts';

/** A runbook whose body starts at line 10; the first code line of `fence` is line 15. */
const doc = (fence: string, code: string) => exampleRunbook({ body: `## Investigation\n\n### Check\n\n${fence}\n${code}\n\`\`\`\n` });
const sql = (code: string) => doc('```sql', code);
const bash = (code: string) => doc('```bash', code);

ruleTester(sqlSyntax, {
  valid: [
    {
      name: 'statements with comments',
      code: sql('-- Active connections\nSELECT count(*), state FROM pg_stat_activity GROUP BY state;\n\n/* kill one */\nSELECT pg_terminate_backend(12345);'),
    },
    {
      name: 'a column error is not a syntax error (seed)',
      code: sql('SELECT query, avg_time, call_count\nFROM pg_stat_statements\nORDER BY mean_exec_time DESC\nLIMIT 10;'),
    },
    {
      name: 'placeholders read as identifiers',
      code: sql("SELECT pg_terminate_backend(<pid>);\nSELECT * FROM pg_stat_activity WHERE usename = '<user>' LIMIT <limit>;"),
    },
    { name: 'psql meta-commands and variables', code: sql("\\x on\nSELECT * FROM pg_stat_activity WHERE datname = :'db'\n\\watch 5\n\\d pg_stat_activity") },
    { name: 'dollar quotes and strings hold semicolons', code: sql("DO $$ BEGIN RAISE NOTICE 'a;b'; END $$;\nSELECT ';' AS x;") },
    {
      name: 'CREATE INDEX CONCURRENTLY',
      code: sql("CREATE INDEX CONCURRENTLY idx_members_household\nON household_members(household_id)\nWHERE status = 'active';"),
    },
    { name: 'psql -c in a bash block', code: bash('psql "$DATABASE_URL" -c "SELECT now() - pg_last_xact_replay_timestamp() AS replication_lag;"') },
    { name: 'shell variables inside the SQL', code: bash('psql "$DATABASE_URL" -c "SELECT * FROM pg_stat_activity WHERE pid = $PID"') },
    { name: 'another target is not PostgreSQL', code: doc('```sql target="mysql"', 'SHOW PROCESSLIST;') },
    { name: 'text blocks are not checked', code: doc('```sql text', 'SELEC 1;') },
  ],
  invalid: [
    {
      name: 'a psql command inside a sql block (seed)',
      code: sql('psql $DATABASE_URL\n\n-- Find slow queries\nSELECT query, mean_time, calls\nFROM pg_stat_statements\nORDER BY mean_time DESC LIMIT 10;'),
      errors: [{ message: 'Unexpected "psql" in SQL', line: 15, column: 1, endLine: 15, endColumn: 5 }],
    },
    {
      name: 'every broken statement is reported',
      code: sql('SELEC 1;\nSELECT 2;\nSELECT * FROM pg_locks WHERE NOT granted AND;'),
      errors: [
        { message: 'Unexpected "SELEC" in SQL', line: 15, column: 1, endColumn: 6 },
        { message: 'Unexpected end of the statement after "AND"', line: 17, column: 42, endColumn: 45 },
      ],
    },
    {
      name: 'incomplete statement points at its last word',
      code: sql('SELECT count(*)\nFROM'),
      errors: [{ message: 'Unexpected end of the statement after "FROM"', line: 16, column: 1, endLine: 16, endColumn: 5 }],
    },
    {
      name: 'unclosed string',
      code: sql("SELECT * FROM pg_stat_activity WHERE state = 'idle;"),
      errors: [{ message: "Unclosed quoted string, expected '", line: 15, column: 46 }],
    },
    {
      name: 'psql -c inside kubectl exec, after a continuation (seed style)',
      code: bash('kubectl exec -it deployment/api -n production \\\n  -- psql -c "SELECT count(*) FROM pg_stat_activity WHERE state = \'idle\' AND;"'),
      errors: [{ message: 'Unexpected end of the statement after "AND" (psql -c)', line: 16, column: 74, endColumn: 77 }],
    },
    {
      name: 'psql -Atc and --command=',
      code: bash('psql "$DATABASE_URL" -Atc \'SELEC 1\'\npsql "$DATABASE_URL" --command=\'SELECT 1 FROM\''),
      errors: [
        { message: 'Unexpected "SELEC" in SQL (psql -c)', line: 15, column: 28, endColumn: 33 },
        { message: 'Unexpected end of the statement after "FROM" (psql -c)', line: 16, column: 42, endColumn: 46 },
      ],
    },
    {
      name: 'psql -c in a console block',
      code: doc('```console', '$ psql "$DATABASE_URL" -c "SELECT count(*) FRM pg_stat_activity"\n count\n-------\n    42'),
      errors: [{ message: 'Unexpected "pg_stat_activity" in SQL (psql -c)', line: 15, column: 48 }],
    },
    {
      name: 'indented sql fence inside a list',
      code: exampleRunbook({
        body: "## Investigation\n\n### Check\n\n1. Find them:\n\n   ```sql\n   SELECT pid\n   FROM pg_stat_activity\n   WHER state = 'idle';\n   ```\n",
      }),
      errors: [{ message: 'Unexpected "state" in SQL', line: 19, column: 9 }],
    },
  ],
});

describe('the SQL the core reads', () => {
  it('splits as psql does (parentheses, strings, meta-commands, variables) and keeps offsets', () => {
    const script = "SELECT ';'; SELECT (1;\n2); \\x\nSELECT :'v', :w, a::int";
    expect(readSqlScript(script).statements.map((statement) => script.slice(statement.start, statement.end))).toEqual([
      "SELECT ';'",
      'SELECT (1;\n2)',
      "SELECT :'v', :w, a::int",
    ]);
    expect(readSqlScript(script).metaCommands.map((meta) => meta.text)).toEqual(['\\x']);
  });

  it('counts characters as PostgreSQL does (code points)', () => {
    const [statement] = readSqlScript("SELECT '😀' AS x FRM y").statements;
    expect(statement.error?.start).toBe("SELECT '😀' AS x ".length);
  });

  const sqlOf = (shell: string) => analyzeBlock({ code: shell, kind: 'command', language: 'shell' }).sql.map((source) => source.script.text);

  it('finds the SQL psql runs behind wrappers', () => {
    // watch joins its arguments and hands them to sh -c: the quotes are gone, so psql gets `-c SELECT` (and a database "2").
    expect(
      sqlOf('sudo -u postgres psql -c "SELECT 1"\nwatch -n 5 psql -Atc \'SELECT 2\'\ndocker exec -it pg psql -U postgres -c "SELECT 3"\ngrep -c psql x'),
    ).toEqual(['SELECT 1', 'SELECT', 'SELECT 3']);
    expect(sqlOf('watch -n 5 "psql -Atc \'SELECT 2\'"')).toEqual(['SELECT 2']);
  });

  it('finds psql behind docker compose exec, oc exec, xargs and inside sh -c strings', () => {
    expect(
      sqlOf('docker compose exec db psql -c "SELECT 4"\noc exec pg-0 -- psql -c "SELECT 5"\necho 1 | xargs psql -c "SELECT 6"\nsh -c "psql -c \'SELECT 7\'"'),
    ).toEqual(['SELECT 4', 'SELECT 5', 'SELECT 6', 'SELECT 7']);
  });

  it('reads SQL fed to psql through a heredoc or a pipe from echo', () => {
    expect(sqlOf("psql \"$DATABASE_URL\" <<'SQL'\nSELECT 8;\nSQL\necho 'SELECT 9' | psql")).toEqual(['SELECT 8;\n', 'SELECT 9']);
  });
});
