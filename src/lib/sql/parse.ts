// SQL syntax errors from PostgreSQL's own parser (libpg-query: PostgreSQL 18's grammar in WASM),
// for psql input: statements split as psql splits them, psql meta-commands and variables left out,
// `<placeholders>` read as identifiers. Offsets always refer to the text as given.
import { loadModule, parseSync, SqlError } from 'libpg-query';
import { neutralisePlaceholders } from '../shell/words.ts';

export interface SqlSyntaxError {
  /** Offsets into the script. */
  start: number;
  end: number;
  /** "Unexpected ..." in our words. */
  message: string;
  /** PostgreSQL's own message. */
  reason: string;
}

export interface SqlStatement {
  /** Offsets into the script (the `;` excluded). */
  start: number;
  end: number;
  /** The statement as the parser sees it: same length, placeholders, psql variables and meta-commands neutralised. */
  text: string;
}

let loaded = false;

/** Loads the WASM parser (once per process); `sqlSyntaxErrors` needs it. */
export async function loadSqlParser(): Promise<void> {
  if (loaded) return;
  await loadModule();
  loaded = true;
}

const IDENT = /[A-Za-z0-9_$]/;
/** psql meta-commands that send the query buffer, like `;` does. */
const SENDS_BUFFER = /^\\(g|gx|gset|gexec|gdesc|watch|crosstabview)\b/;
const DOLLAR_TAG = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/;
const PSQL_VARIABLE = /^:(?:'[A-Za-z_][A-Za-z0-9_]*'|"[A-Za-z_][A-Za-z0-9_]*"|[A-Za-z_][A-Za-z0-9_]*)/;

/**
 * Splits a psql script into statements: `;` ends one outside strings, quoted identifiers,
 * comments, dollar quotes and parentheses (as psql does). Backslash meta-commands (`\x`, `\d t`,
 * `\watch 5`) are blanked; psql variables (`:name`, `:'name'`, `:"name"`) become a neutral
 * identifier, string or quoted identifier of the same length.
 */
export function sqlStatements(script: string, { split = true }: { split?: boolean } = {}): SqlStatement[] {
  const source = neutralisePlaceholders(script);
  const chars = source.split('');
  const statements: { start: number; end: number }[] = [];
  let start = 0;
  let depth = 0;
  const finish = (end: number, next: number) => {
    statements.push({ start, end });
    start = next;
    depth = 0;
  };
  let i = 0;
  while (i < chars.length) {
    const char = source[i];
    const next = source[i + 1];
    if (char === '-' && next === '-') {
      i = source.indexOf('\n', i) === -1 ? source.length : source.indexOf('\n', i);
    } else if (char === '/' && next === '*') {
      let nesting = 0;
      while (i < source.length) {
        if (source.startsWith('/*', i)) {
          nesting++;
          i += 2;
        } else if (source.startsWith('*/', i)) {
          i += 2;
          if (--nesting === 0) break;
        } else i++;
      }
    } else if (char === "'") {
      const escapes = i > 0 && /[eE]/.test(source[i - 1]) && (i < 2 || !IDENT.test(source[i - 2]));
      i++;
      while (i < source.length) {
        if (escapes && source[i] === '\\') i += 2;
        else if (source[i] === "'" && source[i + 1] === "'") i += 2;
        else if (source[i] === "'") break;
        else i++;
      }
      i++;
    } else if (char === '"') {
      i++;
      while (i < source.length && !(source[i] === '"' && source[i + 1] !== '"')) i += source[i] === '"' ? 2 : 1;
      i++;
    } else if (char === '$' && (i === 0 || !IDENT.test(source[i - 1])) && DOLLAR_TAG.test(source.slice(i, i + 64))) {
      const tag = DOLLAR_TAG.exec(source.slice(i, i + 64))![0];
      const close = source.indexOf(tag, i + tag.length);
      i = close === -1 ? source.length : close + tag.length;
    } else if (char === '\\') {
      // A psql meta-command runs to the end of the line.
      const lineEnd = source.indexOf('\n', i) === -1 ? source.length : source.indexOf('\n', i);
      for (let j = i; j < lineEnd; j++) chars[j] = ' ';
      if (split && SENDS_BUFFER.test(source.slice(i, lineEnd))) finish(i, lineEnd);
      i = lineEnd;
    } else if (char === ':' && next !== ':' && next !== '=' && (i === 0 || !/[A-Za-z0-9_\]):]/.test(source[i - 1]))) {
      const variable = PSQL_VARIABLE.exec(source.slice(i, i + 80));
      if (variable) {
        // :'name' → a string, :"name" → a quoted identifier, :name → an identifier.
        chars[i] = variable[0][1] === "'" || variable[0][1] === '"' ? ' ' : '_';
        i += variable[0].length;
      } else i++;
    } else {
      if (char === '(') depth++;
      else if (char === ')') depth = Math.max(0, depth - 1);
      else if (char === ';' && depth === 0 && split) finish(i, i + 1);
      i++;
    }
  }
  finish(chars.length, chars.length);
  const text = chars.join('');
  return statements
    .map(({ start, end }) => ({ start, end, text: text.slice(start, end) }))
    .filter((statement) => hasCode(statement.text));
}

/** True when a statement holds more than whitespace and comments. */
function hasCode(text: string): boolean {
  return text.replace(/--[^\n]*/g, '').replace(/\/\*[\s\S]*?\*\//g, '').trim() !== '';
}

/** UTF-16 offset of a code-point offset (PostgreSQL counts characters). */
function unitOffset(text: string, codePoints: number): number {
  let units = 0;
  let points = 0;
  while (points < codePoints && units < text.length) {
    units += (text.codePointAt(units) ?? 0) > 0xffff ? 2 : 1;
    points++;
  }
  return units;
}

/** What went wrong at `offset` of `text`, from PostgreSQL's message. */
function describe(reason: string, text: string, offset: number): { start: number; end: number; message: string } {
  const near = /^(.*) at or near "([\s\S]*)"$/.exec(reason);
  if (reason === 'syntax error at end of input') {
    // Point at the last word: the statement stops after it.
    const before = text.slice(0, offset).replace(/(\s|--[^\n]*)+$/, '');
    const word = /(\S+)$/.exec(before)?.[1] ?? '';
    const end = before.length;
    return { start: end - Math.min(word.length, 40), end, message: word ? `Unexpected end of the statement after "${word.slice(-40)}"` : 'Unexpected end of the statement' };
  }
  if (near && near[1] === 'syntax error') {
    const token = near[2];
    const width = text.startsWith(token, offset) ? token.length : 1;
    return { start: offset, end: offset + width, message: `Unexpected "${token.slice(0, 40)}" in SQL` };
  }
  if (near && near[1].startsWith('unterminated')) {
    const what = near[1].replace(/^unterminated /, '');
    const closer = what === 'quoted string' ? "'" : what === 'quoted identifier' ? '"' : what === '/* comment' ? '*/' : what === 'dollar-quoted string' ? 'the closing $tag$' : '';
    return { start: offset, end: offset + 1, message: `Unclosed ${what}${closer ? `, expected ${closer}` : ''}` };
  }
  return { start: offset, end: Math.min(offset + 1, text.length), message: `PostgreSQL: ${reason}` };
}

const cache = new Map<string, SqlSyntaxError | null>();

/** The syntax error of one statement's text, or null. */
function statementError(text: string): SqlSyntaxError | null {
  const cached = cache.get(text);
  if (cached !== undefined) return cached;
  let error: SqlSyntaxError | null = null;
  try {
    parseSync(text);
  } catch (thrown) {
    const reason = thrown instanceof Error ? thrown.message : String(thrown);
    const position = thrown instanceof SqlError && thrown.sqlDetails ? thrown.sqlDetails.cursorPosition : 0;
    error = { ...describe(reason, text, unitOffset(text, position)), reason };
  }
  cache.set(text, error);
  return error;
}

/**
 * Syntax errors of a psql script, one per broken statement, with offsets into the script.
 * `loadSqlParser()` must have been awaited.
 */
export function sqlSyntaxErrors(script: string): SqlSyntaxError[] {
  // SQL-standard function bodies hold `;` inside BEGIN ATOMIC ... END: parse such a script whole.
  const statements = sqlStatements(script, { split: !/\bBEGIN\s+ATOMIC\b/i.test(script) });
  const errors: SqlSyntaxError[] = [];
  for (const statement of statements) {
    const error = statementError(statement.text);
    if (error) errors.push({ ...error, start: statement.start + error.start, end: statement.start + error.end });
  }
  return errors;
}
