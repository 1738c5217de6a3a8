// The pg_stat_statements stand-in (used when PGlite cannot load the extension) has exactly the columns of the
// real extension, so a query that runs against one runs against the other.
import { PGlite } from '@electric-sql/pglite';
import { pg_stat_statements } from '@electric-sql/pglite/contrib/pg_stat_statements';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PG_STAT_STATEMENTS_COLUMNS, PG_STAT_STATEMENTS_STAND_IN } from '../../src/lib/runner/sql-check.ts';

describe('pg_stat_statements stand-in', () => {
  let db: PGlite;
  beforeAll(async () => {
    db = await PGlite.create({ extensions: { pg_stat_statements } });
    await db.exec('CREATE EXTENSION pg_stat_statements; CREATE SCHEMA stand_in; SET search_path = stand_in');
    await db.exec(PG_STAT_STATEMENTS_STAND_IN);
  }, 60_000); // PGlite takes seconds to start, more on a busy machine
  afterAll(async () => {
    await db?.close();
  });

  const columns = async (relation: string) =>
    (
      await db.query<{ name: string; type: string }>(
        `SELECT attname AS name, format_type(atttypid, atttypmod) AS type FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 ORDER BY attnum`,
        [relation],
      )
    ).rows.map(({ name, type }) => [name, type]);

  it('has the columns of the real extension, in order, with their types', async () => {
    expect(await columns('public.pg_stat_statements')).toEqual(PG_STAT_STATEMENTS_COLUMNS);
    expect(await columns('stand_in.pg_stat_statements')).toEqual(PG_STAT_STATEMENTS_COLUMNS);
  });

  it('has no rows', async () => {
    expect((await db.query('SELECT count(*)::int AS n FROM stand_in.pg_stat_statements')).rows).toEqual([{ n: 0 }]);
  });
});
