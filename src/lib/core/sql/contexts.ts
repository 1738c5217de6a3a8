// Where a placeholder sits in SQL, from PostgreSQL's lexer (inside a '...' literal, a "..." identifier, a comment)
// and, for a bare placeholder, from the parse tree: a column reference in an expression is a value (it becomes a
// literal), a table, index, column or role name is an identifier (it becomes a "..." name).
import type { Layer } from '../context.ts';
import type { SqlScript, SqlToken } from './script.ts';

export type SqlDialect = 'postgres' | 'mysql';

/** The SQL layer of the sentinel at `at` (an offset into the script's text). */
export function sqlLayer(script: SqlScript, at: number, sentinel: string, dialect: SqlDialect = 'postgres'): Layer {
  const end = at + sentinel.length;
  if (script.metaCommands.some((meta) => meta.start <= at && end <= meta.end)) return { kind: 'token', accepts: 'word', where: 'a psql meta-command' };
  if (script.lexError) return { kind: 'token', accepts: 'sql-name', where: 'SQL that does not parse' };
  const token = script.tokens.find((candidate) => candidate.start <= at && end <= candidate.end);
  if (!token) return { kind: 'token', accepts: 'sql-name', where: 'SQL that does not parse' };
  const first = script.text[token.start];
  if (token.kind === 'SQL_COMMENT') return { kind: 'comment' };
  if (token.kind === 'C_COMMENT') return { kind: 'comment', block: true };
  if (token.kind === 'SCONST' || token.kind === 'USCONST') {
    if (first === '$') return { kind: 'token', accepts: 'word', where: 'a dollar-quoted string' };
    if (dialect === 'mysql') return { kind: 'sql-string', escapes: true };
    return { kind: 'sql-string', escapes: /^[eE]'/.test(token.text) || /^[uU]&'/.test(token.text) };
  }
  if (token.kind === 'BCONST') return { kind: 'token', accepts: 'integer', where: 'a bit string' };
  if (token.kind === 'XCONST') return { kind: 'token', accepts: 'hex', where: 'a hexadecimal string' };
  if ((token.kind === 'IDENT' || token.kind === 'UIDENT') && first === '"') return dialect === 'mysql' ? { kind: 'token', accepts: 'sql-name', where: 'a MySQL "..." string' } : { kind: 'sql-identifier', quoted: true };
  if (dialect === 'mysql') return { kind: 'token', accepts: 'sql-name', where: 'MySQL outside a string literal' };
  if (token.start !== at || token.end !== end) return { kind: 'token', accepts: 'sql-name', where: 'a longer SQL name or number' };
  return bareLayer(script, token, sentinel);
}

/**
 * A string the server runs as a shell command: `COPY ... TO/FROM PROGRAM '...'` (the server hands it to
 * /bin/sh, so SQL quoting does not protect a value inside it). The reason and the fix, or undefined.
 */
export function sqlRefusal(script: SqlScript, at: number): { reason: string; fix: string } | undefined {
  const index = script.tokens.findIndex((candidate) => candidate.start <= at && at < candidate.end);
  const token = script.tokens[index];
  if (!token || (token.kind !== 'SCONST' && token.kind !== 'USCONST')) return undefined;
  const before = script.tokens.slice(0, index).reverse().find((candidate) => candidate.kind !== 'SQL_COMMENT' && candidate.kind !== 'C_COMMENT');
  if (before?.kind === 'KEYWORD' && before.text === 'PROGRAM') {
    return { reason: 'it is inside the shell command of COPY ... PROGRAM, which the database server runs with /bin/sh', fix: 'Write the command in the runbook; pass the value to the server another way (a table, a psql variable in the query)' };
  }
  return undefined;
}

/** A bare placeholder: what the parse tree makes of it. */
function bareLayer(script: SqlScript, token: SqlToken, sentinel: string): Layer {
  const statement = script.statements.find((candidate) => candidate.start <= token.start && token.end <= candidate.end);
  if (!statement?.tree) return { kind: 'token', accepts: 'sql-name', where: 'a SQL statement that does not parse' };
  const role = roleOf(statement.tree, sentinel.toLowerCase());
  if (role === 'value') return { kind: 'sql-value' };
  if (role === 'identifier') return { kind: 'sql-identifier', quoted: false };
  return { kind: 'token', accepts: 'sql-name', where: role === 'function' ? 'a SQL function name' : 'a SQL keyword position' };
}

/**
 * How the parse tree uses the sentinel: `value` for a one-part column reference inside an expression (where a
 * literal may stand: `WHERE name = <v>`, `LIMIT <n>`, `pg_terminate_backend(<pid>)`) or a constant; `identifier`
 * when it names an object, or a column in a select list, ORDER BY, GROUP BY or an index; `function` for a
 * function or type name.
 */
function roleOf(tree: unknown, sentinel: string): 'value' | 'identifier' | 'function' | undefined {
  let found: 'value' | 'identifier' | 'function' | undefined;
  const visit = (node: unknown, path: string[]) => {
    if (found) return;
    if (Array.isArray(node)) {
      for (const item of node) visit(item, path);
      return;
    }
    if (!node || typeof node !== 'object') return;
    for (const [key, child] of Object.entries(node as Record<string, unknown>)) {
      if (typeof child !== 'string') {
        visit(child, [...path, key]);
        continue;
      }
      if (child !== sentinel) continue;
      const typed = path.filter((segment) => /^[A-Z]/.test(segment));
      const [owner, parent, grand, great] = [typed.at(-1), typed.at(-2), typed.at(-3), typed.at(-4)];
      if (owner === 'String' && parent === 'ColumnRef') {
        const refIndex = path.lastIndexOf('ColumnRef');
        const field = path[refIndex - 1];
        const listed = grand === 'SortBy' || typed.includes('IndexElem') || field === 'groupClause' || (grand === 'ResTarget' && great === 'SelectStmt');
        found = columnRefFields(tree, sentinel) === 1 && !listed ? 'value' : 'identifier';
      } else if (owner === 'String' && (parent === 'FuncCall' || parent === 'TypeName')) found = 'function';
      else if (typed.includes('A_Const')) found = 'value';
      else found = 'identifier';
      return;
    }
  };
  visit(tree, []);
  return found;
}

/** The number of parts of the column reference that holds the sentinel (`x` is 1, `t.x` is 2). */
function columnRefFields(tree: unknown, sentinel: string): number {
  let count = 0;
  const visit = (node: unknown) => {
    if (count || !node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const record = node as Record<string, unknown>;
    const ref = record.ColumnRef as { fields?: { String?: { sval?: string } }[] } | undefined;
    if (ref?.fields?.some((field) => field.String?.sval === sentinel)) {
      count = ref.fields.length;
      return;
    }
    Object.values(record).forEach(visit);
  };
  visit(tree);
  return count;
}
