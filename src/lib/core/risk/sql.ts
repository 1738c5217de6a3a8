// What a SQL statement risks, from PostgreSQL's parse tree: the statement's kind (DeleteStmt, DropStmt, ...),
// data-changing statements anywhere in it (`WITH x AS (DELETE ...)`), `EXPLAIN ANALYZE` running its query, and
// calls of functions that change the server (`pg_terminate_backend()`). Statements PostgreSQL cannot parse
// (MySQL, or broken SQL) are judged by their leading keywords from the lexer.
import type { SqlScript, SqlStatement, SqlToken } from '../sql/script.ts';
import type { ChangingRisk } from './shell-table.ts';

export interface SqlRisk {
  risk: ChangingRisk;
  reason: string;
  /** Offsets into the script's text, and the statement as shown (`DELETE FROM sessions`). */
  start: number;
  end: number;
  shown: string;
}

const D = 'destructive' as const;
const C = 'change' as const;

/** Statement kinds of the parse tree. Kinds not listed: `Drop*` destroy, `Create*`/`Alter*` change, others read. */
const STATEMENTS: Record<string, { risk: ChangingRisk; reason: string } | undefined> = {
  DropStmt: { risk: D, reason: 'drops a database object and its data' },
  DropdbStmt: { risk: D, reason: 'drops a database' },
  DropRoleStmt: { risk: D, reason: 'drops a role' },
  DropOwnedStmt: { risk: D, reason: 'drops every object a role owns' },
  TruncateStmt: { risk: D, reason: 'empties tables' },
  DeleteStmt: { risk: D, reason: 'deletes rows' },
  UpdateStmt: { risk: D, reason: 'overwrites rows (the old values are lost)' },
  MergeStmt: { risk: D, reason: 'inserts, updates or deletes rows' },
  InsertStmt: { risk: C, reason: 'inserts rows' },
  IndexStmt: { risk: C, reason: 'creates an index' },
  ViewStmt: { risk: C, reason: 'creates a view' },
  RenameStmt: { risk: C, reason: 'renames a database object' },
  GrantStmt: { risk: C, reason: 'changes privileges' },
  GrantRoleStmt: { risk: C, reason: 'changes role memberships' },
  CommentStmt: { risk: C, reason: 'changes a comment on a database object' },
  ReindexStmt: { risk: C, reason: 'rebuilds indexes under a lock' },
  ClusterStmt: { risk: C, reason: 'rewrites a table under an exclusive lock' },
  RefreshMatViewStmt: { risk: C, reason: 'recomputes a materialized view' },
  LockStmt: { risk: C, reason: 'locks tables' },
  DoStmt: { risk: C, reason: 'runs a procedure that may change anything' },
  CallStmt: { risk: C, reason: 'runs a procedure that may change anything' },
  CheckPointStmt: { risk: C, reason: 'forces a checkpoint (a burst of I/O)' },
  ReassignOwnedStmt: { risk: C, reason: 'gives objects to another role' },
  NotifyStmt: { risk: C, reason: 'notifies listeners' },
  SecLabelStmt: { risk: C, reason: 'changes a security label' },
  LoadStmt: { risk: C, reason: 'loads a shared library into the server' },
};

/** Functions that change the server, wherever they are called. */
const FUNCTIONS: Record<string, { risk: ChangingRisk; reason: string }> = {
  pg_terminate_backend: { risk: C, reason: 'terminates database sessions (their transactions are rolled back)' },
  pg_cancel_backend: { risk: C, reason: 'cancels running queries' },
  pg_reload_conf: { risk: C, reason: 'reloads the server configuration' },
  pg_drop_replication_slot: { risk: D, reason: 'drops a replication slot (its consumer must be rebuilt)' },
  pg_create_physical_replication_slot: { risk: C, reason: 'creates a replication slot (WAL is kept until it is consumed)' },
  pg_create_logical_replication_slot: { risk: C, reason: 'creates a replication slot (WAL is kept until it is consumed)' },
  pg_promote: { risk: D, reason: 'promotes a standby to primary (it cannot be demoted)' },
  pg_wal_replay_pause: { risk: C, reason: 'pauses replication replay' },
  pg_wal_replay_resume: { risk: C, reason: 'resumes replication replay' },
  pg_stat_reset: { risk: C, reason: 'resets collected statistics' },
  pg_stat_statements_reset: { risk: C, reason: 'resets collected statistics' },
  pg_stat_reset_shared: { risk: C, reason: 'resets collected statistics' },
  pg_stat_reset_single_table_counters: { risk: C, reason: 'resets collected statistics' },
  pg_switch_wal: { risk: C, reason: 'forces a switch to a new WAL file' },
  pg_rotate_logfile: { risk: C, reason: 'rotates the server log' },
  pg_replication_origin_drop: { risk: D, reason: 'drops a replication origin' },
  setval: { risk: C, reason: 'moves a sequence' },
  lo_unlink: { risk: D, reason: 'deletes a large object' },
  dblink_exec: { risk: C, reason: 'runs a statement on another database' },
};

/** Leading keywords of statements PostgreSQL cannot parse (MySQL, or broken SQL), most specific first. */
const KEYWORDS: { words: string[]; contains?: string[]; risk: ChangingRisk; reason: string }[] = [
  { words: ['ALTER'], contains: ['DROP', 'COLUMN'], risk: D, reason: 'drops a column and its data' },
  { words: ['KILL', 'QUERY'], risk: C, reason: 'cancels a running query' },
  { words: ['SET', 'GLOBAL'], risk: C, reason: 'changes a server setting' },
  { words: ['SET', 'PERSIST'], risk: C, reason: 'changes a server setting' },
  { words: ['DROP'], risk: D, reason: 'drops a database object and its data' },
  { words: ['TRUNCATE'], risk: D, reason: 'empties tables' },
  { words: ['DELETE'], risk: D, reason: 'deletes rows' },
  { words: ['UPDATE'], risk: D, reason: 'overwrites rows (the old values are lost)' },
  { words: ['MERGE'], risk: D, reason: 'inserts, updates or deletes rows' },
  { words: ['REPLACE'], risk: D, reason: 'replaces rows' },
  { words: ['KILL'], risk: D, reason: 'kills a connection (its transaction is rolled back)' },
  { words: ['PURGE'], risk: D, reason: 'deletes binary logs' },
  { words: ['INSERT'], risk: C, reason: 'inserts rows' },
  { words: ['COPY'], contains: ['FROM'], risk: C, reason: 'loads rows into a table' },
  { words: ['LOAD'], risk: C, reason: 'loads rows into a table' },
  { words: ['ALTER'], risk: C, reason: "changes a database object's definition" },
  { words: ['CREATE'], risk: C, reason: 'creates a database object' },
  { words: ['RENAME'], risk: C, reason: 'renames tables' },
  { words: ['GRANT'], risk: C, reason: 'changes privileges' },
  { words: ['REVOKE'], risk: C, reason: 'changes privileges' },
  { words: ['COMMENT'], risk: C, reason: 'changes a comment on a database object' },
  { words: ['VACUUM'], risk: C, reason: 'reclaims dead rows (heavy I/O on a busy database)' },
  { words: ['ANALYZE'], risk: C, reason: 'recomputes planner statistics (query plans may change)' },
  { words: ['ANALYSE'], risk: C, reason: 'recomputes planner statistics (query plans may change)' },
  { words: ['REINDEX'], risk: C, reason: 'rebuilds indexes under a lock' },
  { words: ['CLUSTER'], risk: C, reason: 'rewrites a table under an exclusive lock' },
  { words: ['OPTIMIZE'], risk: C, reason: 'rewrites a table under an exclusive lock' },
  { words: ['REFRESH'], risk: C, reason: 'recomputes a materialized view' },
  { words: ['LOCK'], risk: C, reason: 'locks tables' },
  { words: ['DO'], risk: C, reason: 'runs a procedure that may change anything' },
  { words: ['CALL'], risk: C, reason: 'runs a procedure that may change anything' },
  { words: ['FLUSH'], risk: C, reason: 'flushes server caches or logs' },
];

const isComment = (token: SqlToken) => token.kind === 'SQL_COMMENT' || token.kind === 'C_COMMENT';

/** The risks of every statement of a script, in order. */
export function sqlRisks(script: SqlScript): SqlRisk[] {
  return script.statements.flatMap((statement) => statementRisks(script, statement));
}

function shownOf(script: SqlScript, statement: SqlStatement, from = 0): { start: number; end: number; shown: string } {
  const tokens = statement.tokens.filter((token) => !isComment(token)).slice(from);
  const punctuation = tokens.findIndex((token) => /^[(),;]$/.test(token.text));
  const count = Math.max(1, Math.min(3, punctuation === -1 ? 3 : punctuation, tokens.length));
  const first = tokens[0];
  const last = tokens[count - 1] ?? first;
  if (!first) return { start: statement.start, end: statement.end, shown: '' };
  return { start: first.start, end: last.end, shown: script.text.slice(first.start, last.end).replace(/\s+/g, ' ') };
}

function statementRisks(script: SqlScript, statement: SqlStatement): SqlRisk[] {
  const found: SqlRisk[] = [];
  if (statement.tree) {
    const kind = treeRisk(statement.tree);
    if (kind) found.push({ ...kind, ...shownOf(script, statement, kind.skip ?? 0) });
    for (const call of functionCalls(statement.tree)) {
      const entry = FUNCTIONS[call];
      if (!entry) continue;
      const token = statement.tokens.find((candidate) => candidate.text.toLowerCase() === call);
      found.push({ ...entry, start: token?.start ?? statement.start, end: token?.end ?? statement.end, shown: `${call}()` });
    }
    return found;
  }
  const tokens = statement.tokens.filter((token) => !isComment(token));
  const words = tokens.map((token) => token.text.toUpperCase());
  for (const entry of KEYWORDS) {
    if (!entry.words.every((word, i) => words[i] === word)) continue;
    if (entry.contains && !entry.contains.every((word) => words.includes(word))) continue;
    found.push({ risk: entry.risk, reason: entry.reason, ...shownOf(script, statement) });
    break;
  }
  tokens.forEach((token, i) => {
    const entry = FUNCTIONS[token.text.toLowerCase()];
    if (entry && tokens[i + 1]?.text === '(') found.push({ ...entry, start: token.start, end: token.end, shown: `${token.text}()` });
  });
  return found;
}

/** The statement's own risk, with EXPLAIN ANALYZE and data-changing CTEs looked through. */
function treeRisk(tree: Record<string, unknown>): { risk: ChangingRisk; reason: string; skip?: number } | undefined {
  const [kind] = Object.keys(tree);
  const node = tree[kind] as Record<string, unknown>;
  if (kind === 'ExplainStmt') {
    const options = (node.options as { DefElem?: { defname?: string; arg?: unknown } }[] | undefined) ?? [];
    const analyze = options.some((option) => option.DefElem?.defname === 'analyze' && !/false|off|"0"/.test(JSON.stringify(option.DefElem.arg ?? '')));
    return analyze && node.query ? treeRisk(node.query as Record<string, unknown>) : undefined;
  }
  const own = STATEMENTS[kind];
  if (kind === 'AlterTableStmt' && JSON.stringify(node.cmds ?? []).includes('"AT_DropColumn"')) return { risk: D, reason: 'drops a column and its data' };
  if (kind === 'VacuumStmt') {
    const full = JSON.stringify(node.options ?? []).includes('"full"');
    return node.is_vacuumcmd
      ? { risk: C, reason: full ? 'rewrites tables under an exclusive lock (VACUUM FULL)' : 'reclaims dead rows (heavy I/O on a busy database)' }
      : { risk: C, reason: 'recomputes planner statistics (query plans may change)' };
  }
  if (kind === 'CopyStmt') return node.is_from ? { risk: C, reason: 'loads rows into a table' } : undefined;
  if (kind === 'SelectStmt' && node.intoClause) return { risk: C, reason: 'creates a table from a query' };
  if (kind === 'AlterSystemStmt') return { risk: C, reason: 'changes a server setting' };
  const nested = dataChanges(node);
  if (own) return nested && rank(nested.risk) > rank(own.risk) ? nested : own;
  if (kind.startsWith('Drop')) return { risk: D, reason: 'drops a database object' };
  if (kind.startsWith('Create')) return { risk: C, reason: 'creates a database object' };
  if (kind.startsWith('Alter')) return { risk: C, reason: "changes a database object's definition" };
  return nested;
}

const rank = (risk: ChangingRisk) => (risk === 'destructive' ? 2 : 1);

/** DELETE, UPDATE, INSERT or MERGE anywhere inside (a data-changing `WITH`). */
function dataChanges(node: unknown): { risk: ChangingRisk; reason: string } | undefined {
  let found: { risk: ChangingRisk; reason: string } | undefined;
  const visit = (value: unknown) => {
    if (!value || typeof value !== 'object') return;
    if (Array.isArray(value)) return value.forEach(visit);
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      const entry = key === 'DeleteStmt' || key === 'UpdateStmt' || key === 'InsertStmt' || key === 'MergeStmt' ? STATEMENTS[key] : undefined;
      if (entry && (!found || rank(entry.risk) > rank(found.risk))) found = entry;
      visit(child);
    }
  };
  visit(node);
  return found;
}

/** Names of the functions a statement calls. */
function functionCalls(tree: unknown): string[] {
  const names: string[] = [];
  const visit = (value: unknown) => {
    if (!value || typeof value !== 'object') return;
    if (Array.isArray(value)) return value.forEach(visit);
    const record = value as Record<string, unknown>;
    const call = record.FuncCall as { funcname?: { String?: { sval?: string } }[] } | undefined;
    const name = call?.funcname?.at(-1)?.String?.sval;
    if (name) names.push(name.toLowerCase());
    Object.values(record).forEach(visit);
  };
  visit(tree);
  return names;
}
