// SQL as psql reads it, on PostgreSQL's own lexer and parser (libpg-query: PostgreSQL 18 in WebAssembly):
// tokens, statements, and the parse tree of each statement. psql's own layer — backslash meta-commands
// and `:variables` — is applied on the lexer's tokens. Offsets are UTF-16 offsets into the text.
import { loadModule, parseSync, scanSync, SqlError } from 'libpg-query';
import { byteToCharOffsets } from '../text-offsets.ts';
import { withBaselineWasm } from '../wasm-tiering.ts';

export interface SqlToken {
  /** PostgreSQL's token name: IDENT, SCONST, ICONST, FCONST, SQL_COMMENT, C_COMMENT, ASCII_59 (`;`), ... or KEYWORD. */
  kind: string;
  start: number;
  end: number;
  /** The token's text (a keyword upper-cased). */
  text: string;
}

export interface SqlStatement {
  /** Offsets into the script (the `;` excluded). */
  start: number;
  end: number;
  tokens: SqlToken[];
  /** The statement's parse tree (`{ SelectStmt: {...} }`), when it parses. */
  tree?: Record<string, unknown>;
  error?: SqlSyntaxError;
}

export interface SqlSyntaxError {
  /** Offsets into the script. */
  start: number;
  end: number;
  /** "Unexpected ..." in our words. */
  message: string;
  /** PostgreSQL's own message. */
  reason: string;
}

export interface SqlScript {
  text: string;
  statements: SqlStatement[];
  tokens: SqlToken[];
  /** psql meta-command lines (`\x`, `\c db`), left out of the SQL. */
  metaCommands: { start: number; end: number; text: string }[];
  /** The lexer itself failed (an unterminated quote or comment). */
  lexError?: SqlSyntaxError;
}

let loaded: Promise<void> | undefined;
let ready = false;

/** Loads the WebAssembly parser (once per process). */
export function loadSqlParser(): Promise<void> {
  loaded ??= loadModule().then(() => {
    ready = true;
  });
  return loaded;
}

export function sqlParserLoaded(): boolean {
  return ready;
}

/** psql meta-commands that send the query buffer, as `;` does. */
const SENDS_BUFFER = /^\\(g|gx|gset|gexec|gdesc|watch|crosstabview|bind|bind_named|sendpipeline)\b/;

const cache = new Map<string, SqlScript>();

/** Reads a psql script. `loadSqlParser()` must have been awaited. */
export function readSqlScript(text: string): SqlScript {
  if (!ready) throw new Error('The SQL parser is not loaded: await loadSqlParser() (or loadCore()) first');
  let script = cache.get(text);
  if (!script) {
    script = withBaselineWasm(() => read(text));
    if (cache.size >= 10_000) cache.clear();
    cache.set(text, script);
  }
  return script;
}

function read(text: string): SqlScript {
  // 1. psql meta-commands: a backslash outside quotes starts one, to the end of its line.
  const chars = text.split('');
  const metaCommands: SqlScript['metaCommands'] = [];
  const blank = (start: number, end: number) => {
    for (let i = start; i < end; i++) if (chars[i] !== '\n') chars[i] = ' ';
  };
  const lineEnd = (from: number) => (text.indexOf('\n', from) === -1 ? text.length : text.indexOf('\n', from));
  // Lines that start with a backslash first: their arguments may hold quotes the SQL lexer cannot end.
  for (let start = 0; start <= text.length;) {
    const end = lineEnd(start);
    const first = /^[ \t]*\\/.exec(text.slice(start, end));
    if (first) {
      metaCommands.push({ start: start + first[0].length - 1, end, text: text.slice(start + first[0].length - 1, end) });
      blank(start, end);
    }
    start = end + 1;
  }
  let scanned = scan(chars.join(''));
  for (;;) {
    if ('error' in scanned) break;
    const backslash = scanned.tokens.find((token) => token.text === '\\');
    if (!backslash) break;
    const end = lineEnd(backslash.start);
    metaCommands.push({ start: backslash.start, end, text: text.slice(backslash.start, end) });
    blank(backslash.start, end);
    scanned = scan(chars.join(''));
  }
  metaCommands.sort((a, b) => a.start - b.start);
  if ('error' in scanned) {
    return { text, statements: [{ start: 0, end: text.length, tokens: [], error: scanned.error }], tokens: [], metaCommands, lexError: scanned.error };
  }
  // 2. psql variables (`:name`, `:'name'`, `:"name"`) become a neutral identifier, string or quoted identifier.
  const tokens = scanned.tokens;
  for (let i = 0; i + 1 < tokens.length; i++) {
    const colon = tokens[i];
    const next = tokens[i + 1];
    if (
      colon.text === ':' &&
      next.start === colon.end &&
      (next.kind === 'IDENT' || next.kind === 'SCONST' || next.kind === 'KEYWORD') &&
      tokens[i - 1]?.text !== ':'
    ) {
      chars[colon.start] = next.kind === 'IDENT' && text[next.start] !== '"' ? '_' : ' ';
      if (next.kind === 'KEYWORD') chars[colon.start] = '_';
    }
  }
  const neutral = chars.join('');
  const final = scan(neutral);
  const finalTokens = 'error' in final ? tokens : final.tokens;
  // 3. Statements: the parser's own split when the whole script parses, else at `;` outside parentheses.
  const statements = split(neutral, finalTokens, metaCommands);
  return { text, statements, tokens: finalTokens, metaCommands };
}

/** The tokens of a text by PostgreSQL's lexer (a PL/pgSQL body reads with it too), or undefined when it does not lex. */
export function scanTokens(text: string): SqlToken[] | undefined {
  const scanned = scan(text);
  return 'error' in scanned ? undefined : scanned.tokens;
}

function scan(text: string): { tokens: SqlToken[] } | { error: SqlSyntaxError } {
  const toChar = byteToCharOffsets(text);
  try {
    const result = scanSync(text);
    return {
      tokens: result.tokens.map((token) => {
        const start = toChar(token.start);
        const end = toChar(token.end);
        const keyword = token.keywordKind > 0;
        return { kind: keyword ? 'KEYWORD' : token.tokenName, start, end, text: keyword ? text.slice(start, end).toUpperCase() : text.slice(start, end) };
      }),
    };
  } catch (thrown) {
    // The lexer fails on an unterminated quote or comment without a position; the parser says where.
    try {
      parseSync(text);
    } catch (parsed) {
      return { error: errorOf(parsed, text, 0) };
    }
    return { error: errorOf(thrown, text, 0) };
  }
}

function split(text: string, tokens: SqlToken[], metaCommands: SqlScript['metaCommands']): SqlStatement[] {
  const code = tokens.filter((token) => token.kind !== 'SQL_COMMENT' && token.kind !== 'C_COMMENT');
  if (!code.length) return [];
  const toChar = byteToCharOffsets(text);
  const sends = metaCommands.filter((meta) => SENDS_BUFFER.test(meta.text)).map((meta) => meta.start);
  // The whole script at once: the parser knows where SQL-standard function bodies (BEGIN ATOMIC ... END) end.
  if (!sends.length) {
    try {
      const parsed = parseSync(text) as { stmts?: { stmt: Record<string, unknown>; stmt_location?: number; stmt_len?: number }[] };
      return (parsed.stmts ?? []).map((raw) => {
        const byteStart = raw.stmt_location ?? 0;
        const start = toChar(byteStart);
        const end = raw.stmt_len ? toChar(byteStart + raw.stmt_len) : trimmedEnd(text, tokens, start);
        const statementTokens = tokens.filter((token) => token.start >= start && token.end <= end);
        const first = statementTokens.find((token) => token.kind !== 'SQL_COMMENT' && token.kind !== 'C_COMMENT');
        return { start: first?.start ?? start, end, tokens: statementTokens, tree: raw.stmt };
      });
    } catch {
      // Some statement does not parse: split by hand below and find which.
    }
  }
  const pieces: { start: number; end: number }[] = [];
  let depth = 0;
  let start = 0;
  const boundaries = [...sends];
  for (const token of code) {
    if (token.text === '(') depth++;
    else if (token.text === ')') depth = Math.max(0, depth - 1);
    else if (token.text === ';' && depth === 0) boundaries.push(token.start);
  }
  for (const boundary of boundaries.sort((a, b) => a - b)) {
    pieces.push({ start, end: boundary });
    start = boundary + 1;
  }
  pieces.push({ start, end: text.length });
  const statements: SqlStatement[] = [];
  for (const piece of pieces) {
    const statementTokens = tokens.filter((token) => token.start >= piece.start && token.end <= piece.end);
    const first = statementTokens.find((token) => token.kind !== 'SQL_COMMENT' && token.kind !== 'C_COMMENT');
    if (!first) continue;
    const last = [...statementTokens].reverse().find((token) => token.kind !== 'SQL_COMMENT' && token.kind !== 'C_COMMENT')!;
    const body = text.slice(first.start, last.end);
    const statement: SqlStatement = { start: first.start, end: last.end, tokens: statementTokens };
    try {
      const parsed = parseSync(body) as { stmts?: { stmt: Record<string, unknown> }[] };
      if (parsed.stmts?.length === 1) statement.tree = parsed.stmts[0].stmt;
    } catch (thrown) {
      const error = errorOf(thrown, body, first.start);
      statement.error = error;
    }
    statements.push(statement);
  }
  return statements;
}

function trimmedEnd(text: string, tokens: SqlToken[], start: number): number {
  const after = tokens.filter((token) => token.start >= start && token.kind !== 'SQL_COMMENT' && token.kind !== 'C_COMMENT' && token.text !== ';');
  return after.length ? after[after.length - 1].end : text.length;
}

/** PostgreSQL counts characters in its error cursor (1-based). */
function unitOffset(text: string, codePoints: number): number {
  let units = 0;
  let points = 0;
  while (points < codePoints && units < text.length) {
    units += (text.codePointAt(units) ?? 0) > 0xffff ? 2 : 1;
    points++;
  }
  return units;
}

function errorOf(thrown: unknown, text: string, base: number): SqlSyntaxError {
  const reason = thrown instanceof Error ? thrown.message : String(thrown);
  const cursor = thrown instanceof SqlError && thrown.sqlDetails ? Math.max(0, thrown.sqlDetails.cursorPosition) : 0;
  const offset = unitOffset(text, cursor);
  const described = describe(reason, text, offset);
  return { start: base + described.start, end: base + described.end, message: described.message, reason };
}

/** What went wrong at `offset` of `text`, from PostgreSQL's message. */
function describe(reason: string, text: string, offset: number): { start: number; end: number; message: string } {
  const near = /^(.*) at or near "([\s\S]*)"$/.exec(reason);
  if (reason === 'syntax error at end of input') {
    const before = text.replace(/(\s|--[^\n]*)+$/, '');
    const word = /(\S+)$/.exec(before)?.[1] ?? '';
    const end = before.length;
    return {
      start: end - Math.min(word.length, 40),
      end,
      message: word ? `Unexpected end of the statement after "${word.slice(-40)}"` : 'Unexpected end of the statement',
    };
  }
  if (near && near[1] === 'syntax error') {
    const token = near[2];
    const width = text.startsWith(token, offset) ? token.length : 1;
    return { start: offset, end: offset + width, message: `Unexpected "${token.slice(0, 40)}" in SQL` };
  }
  if (/^unterminated/.test(near?.[1] ?? reason)) {
    const what = (near?.[1] ?? reason).replace(/^unterminated /, '').replace(/ at .*$/, '');
    const closer =
      what === 'quoted string'
        ? "'"
        : what === 'quoted identifier'
          ? '"'
          : what === '/* comment'
            ? '*/'
            : what === 'dollar-quoted string'
              ? 'the closing $tag$'
              : '';
    return { start: offset, end: Math.min(offset + 1, text.length), message: `Unclosed ${what}${closer ? `, expected ${closer}` : ''}` };
  }
  return { start: offset, end: Math.min(offset + 1, text.length), message: `PostgreSQL: ${reason}` };
}
