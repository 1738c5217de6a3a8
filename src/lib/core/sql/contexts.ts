// Where a placeholder sits in SQL, from PostgreSQL's lexer (inside a '...' literal, a "..." identifier, a comment)
// and, for a bare placeholder, from the parse tree: a column reference in an expression is a value (it becomes a
// literal), a table, index, column or role name is an identifier (it becomes a "..." name).
import type { Layer } from '../context.ts';
import { scanTokens, type SqlScript, type SqlToken } from './script.ts';

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
  if ((token.kind === 'IDENT' || token.kind === 'UIDENT') && first === '"')
    return dialect === 'mysql' ? { kind: 'token', accepts: 'sql-name', where: 'a MySQL "..." string' } : { kind: 'sql-identifier', quoted: true };
  if (dialect === 'mysql') return { kind: 'token', accepts: 'sql-name', where: 'MySQL outside a string literal' };
  if (token.start !== at || token.end !== end) return { kind: 'token', accepts: 'sql-name', where: 'a longer SQL name or number' };
  return bareLayer(script, token, sentinel);
}

/**
 * Functions that run a string argument as SQL (dblink, query_to_xml, ts_stat, crosstab, pg_cron's schedule,
 * Citus' run_command_on_*, pgRouting's pgr_*), or build SQL from names without quoting them (connectby): SQL
 * quoting of the outer literal does not protect a value inside, the function parses it again.
 */
const EXECUTING_FUNCTIONS = new Set([
  'dblink',
  'dblink_exec',
  'dblink_open',
  'dblink_send_query',
  'dblink_fetch',
  'dblink_build_sql_insert',
  'dblink_build_sql_update',
  'dblink_build_sql_delete',
  'query_to_xml',
  'query_to_xmlschema',
  'query_to_xml_and_xmlschema',
  'ts_stat',
  'crosstab',
  'crosstab2',
  'crosstab3',
  'crosstab4',
  'connectby',
  'schedule',
  'schedule_in_database',
  'alter_job',
  'run_command_on_workers',
  'run_command_on_all_nodes',
  'run_command_on_placements',
  'run_command_on_shards',
  'run_command_on_colocated_placements',
  'pg_background_launch',
]);
const executesSql = (name: string) => EXECUTING_FUNCTIONS.has(name) || name.startsWith('pgr_');

/** Procedural languages whose code the core reads as SQL's (a value in other languages' code is not placed). */
const SQL_BODIES = new Set(['plpgsql', 'sql']);

/** psql meta-commands that run a shell command, a file of SQL or an editor, or send query results back as SQL. */
const SHELL_META = /^\\(!|setenv|e|edit|ef|ev|i|ir|include|include_relative)(\s|$)/;
const PIPE_META = /^\\(o|out|g|gx|w|write)\s*\|/;

const refusal = (reason: string, fix: string) => ({ reason, fix });
const SERVER_FIX = 'Write the command in the runbook; pass the value to the server another way (a table, a psql variable in the query)';
const DYNAMIC_FIX =
  "Pass the value as a psql variable (psql -v name=<value>) and write :'name' in a static statement, or quote it in the dynamic SQL with quote_literal()/format('%L')";

/**
 * Where the SQL around a value is run again, so its quoting does not protect the value: the shell command of `COPY
 * ... PROGRAM` (the server runs it with /bin/sh), a string a function runs as SQL (`dblink_exec`, `query_to_xml`),
 * the code of `DO` and `CREATE FUNCTION` bodies that build SQL (`EXECUTE`) or are in another language, a statement
 * whose results psql runs as SQL (`\gexec`) or puts in variables interpolated bare later (`\gset` then `:name`), and
 * psql meta-commands that run a shell (`\!`, `\o |cmd`) or a file. The reason and the fix, or undefined.
 * `sentinel`: the placeholder's text in the script (to find it in the parse tree).
 */
export function sqlRefusal(script: SqlScript, at: number, sentinel?: string): { reason: string; fix: string } | undefined {
  const meta = script.metaCommands.find((candidate) => candidate.start <= at && at < candidate.end);
  if (meta) {
    const command = meta.text.trimStart();
    if (SHELL_META.test(command) || PIPE_META.test(command) || (/^\\copy\b/i.test(command) && /\bprogram\b/i.test(command))) {
      return refusal(
        `it is inside the psql meta-command ${/^\\\S+/.exec(command)?.[0].replace(/\|.*/, '')}, which runs a shell command, an editor or a file`,
        'Write the meta-command in the runbook; a value cannot choose what it runs',
      );
    }
    return undefined;
  }
  const index = script.tokens.findIndex((candidate) => candidate.start <= at && at < candidate.end);
  const token = script.tokens[index];
  if (token && (token.kind === 'SCONST' || token.kind === 'USCONST')) {
    const before = script.tokens
      .slice(0, index)
      .reverse()
      .find((candidate) => candidate.kind !== 'SQL_COMMENT' && candidate.kind !== 'C_COMMENT');
    if (before?.kind === 'KEYWORD' && before.text === 'PROGRAM')
      return refusal('it is inside the shell command of COPY ... PROGRAM, which the database server runs with /bin/sh', SERVER_FIX);
  }
  const statementIndex = script.statements.findIndex((candidate) => candidate.start <= at && at < candidate.end);
  const statement = script.statements[statementIndex];
  if (!statement) return undefined;
  // The meta-command that sends this statement (before the next statement begins).
  const next = script.statements[statementIndex + 1]?.start ?? script.text.length;
  const sender = script.metaCommands.find((candidate) => candidate.start >= statement.end && candidate.start < next && /^\\g/.test(candidate.text.trimStart()));
  const inResult = sender !== undefined && reachesResult(statement, sentinel);
  if (sender && inResult && /^\\gexec\b/.test(sender.text.trimStart()))
    return refusal(
      'it is in a statement sent with \\gexec: psql runs each value of its result as SQL again',
      "Use the value only to choose rows (WHERE name = '<value>') in a \\gexec statement, never in the SQL text it builds",
    );
  if (sender && inResult && /^\\gset\b/.test(sender.text.trimStart()) && bareInterpolation(script, sender.end)) {
    return refusal(
      'it is in a statement sent with \\gset, whose results are interpolated bare (:name) into SQL later',
      'Interpolate the variables as :\'name\' (a string) or :"name" (an identifier)',
    );
  }
  if (!statement.tree || !sentinel) return undefined;
  const needles = [sentinel, sentinel.toLowerCase()];
  const holds = (node: unknown) => {
    const json = JSON.stringify(node);
    return needles.some((needle) => json.includes(needle));
  };
  let found: { reason: string; fix: string } | undefined;
  const visit = (node: unknown) => {
    if (found || !node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const record = node as Record<string, unknown>;
    const call = record.FuncCall as { funcname?: { String?: { sval?: string } }[]; args?: unknown[] } | undefined;
    if (call?.args && holds(call.args)) {
      const name = call.funcname?.at(-1)?.String?.sval?.toLowerCase() ?? '';
      if (executesSql(name)) {
        found = refusal(`it is inside a string that ${name}() runs as SQL, which parses the value again`, DYNAMIC_FIX);
        return;
      }
    }
    const body = (record.DoStmt as { args?: unknown[] } | undefined)?.args ?? (record.CreateFunctionStmt as { options?: unknown[] } | undefined)?.options;
    if (body && holds(body)) {
      const problem = bodyProblem(body);
      if (problem) {
        found = refusal(problem, DYNAMIC_FIX);
        return;
      }
    }
    Object.values(record).forEach(visit);
  };
  visit(statement.tree);
  return found;
}

/** Why a value in a DO or CREATE FUNCTION body is parsed again: a language the core does not read, or dynamic SQL in it. */
function bodyProblem(options: unknown[]): string | undefined {
  const elements = options.map((option) => (option as { DefElem?: { defname?: string; arg?: unknown } }).DefElem).filter((element) => element !== undefined);
  const language =
    (elements.find((element) => element.defname === 'language')?.arg as { String?: { sval?: string } } | undefined)?.String?.sval?.toLowerCase() ?? 'plpgsql';
  if (!SQL_BODIES.has(language)) return `it is inside code in ${language}, which the core does not read (it may run the value)`;
  const strings: string[] = [];
  const collect = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(collect);
    const record = node as Record<string, unknown>;
    if (typeof (record.String as { sval?: unknown } | undefined)?.sval === 'string') strings.push((record.String as { sval: string }).sval);
    Object.values(record).forEach(collect);
  };
  collect(elements.find((element) => element.defname === 'as')?.arg);
  for (const text of strings) {
    const tokens = scanTokens(text);
    if (!tokens) return 'it is inside a function body the SQL lexer cannot read';
    if (tokens.some((token) => token.kind === 'KEYWORD' && token.text === 'EXECUTE'))
      return 'it is inside a body that runs dynamic SQL (EXECUTE), which parses strings again';
    if (tokens.some((token) => token.kind === 'IDENT' && executesSql(token.text.toLowerCase())))
      return `it is inside a body that calls a function running SQL from a string`;
  }
  return undefined;
}

/**
 * Whether a value in a statement can be part of its result: anywhere but the row filters and limits of a plain
 * SELECT (`WHERE schemaname = '<v>'` only chooses rows; the select list, FROM subqueries and CTEs make values).
 */
function reachesResult(statement: SqlScript['statements'][number], sentinel: string | undefined): boolean {
  const select = statement.tree?.SelectStmt as Record<string, unknown> | undefined;
  if (!select || !sentinel) return true;
  const { whereClause: _where, havingClause: _having, limitCount: _count, limitOffset: _offset, ...rest } = select;
  const json = JSON.stringify(rest);
  return json.includes(sentinel) || json.includes(sentinel.toLowerCase());
}

/** A bare `:name` psql interpolation after `from`: the variable's value becomes SQL text as it is. */
function bareInterpolation(script: SqlScript, from: number): boolean {
  return script.tokens.some(
    (token) =>
      token.start >= from &&
      script.text[token.start] === ':' &&
      (token.kind === 'IDENT' || token.kind === 'KEYWORD') &&
      !/^:["']/.test(script.text.slice(token.start, token.start + 2)),
  );
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
