// SQL read as statements of tokens, with strings, comments, dollar quotes and psql meta-commands
// skipped: enough to see what a statement does, not a parser (syntax is libpg-query's job).

export interface SqlToken {
  /** Upper-cased word, or the punctuation character. */
  value: string;
  start: number;
  end: number;
  /** Parenthesis depth. */
  depth: number;
  /** A quoted identifier, never a keyword. */
  quoted?: boolean;
}

const WORD_START = 1;
const WORD_PART = 2;
/** Character classes of ASCII (anything above is a letter: identifiers may be Unicode). */
const CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const char = String.fromCharCode(c);
  if (/[A-Za-z_]/.test(char)) CLASS[c] = WORD_START | WORD_PART;
  else if (/[0-9$]/.test(char)) CLASS[c] = WORD_PART;
}
const classOf = (code: number) => (code >= 128 ? WORD_START | WORD_PART : CLASS[code]);
const isSpace = (code: number) => code === 32 || (code >= 9 && code <= 13);

/** Statements of SQL text as token lists (psql meta-commands and `:variables` skipped). */
export function sqlStatements(sql: string): SqlToken[][] {
  const statements: SqlToken[][] = [];
  let tokens: SqlToken[] = [];
  let depth = 0;
  let i = 0;
  const push = () => {
    if (tokens.length) statements.push(tokens);
    tokens = [];
    depth = 0;
  };
  const length = sql.length;
  while (i < length) {
    const code = sql.charCodeAt(i);
    const char = sql[i];
    if (isSpace(code)) i++;
    else if (char === '-' && sql[i + 1] === '-') i = lineEnd(sql, i);
    else if (char === '/' && sql[i + 1] === '*') {
      const close = sql.indexOf('*/', i + 2);
      i = close === -1 ? length : close + 2;
    } else if (char === '\\') {
      // psql meta-command (`\x`, `\c db`): to the end of the line.
      i = lineEnd(sql, i);
    } else if (char === "'") {
      // E'...' strings take backslash escapes.
      const backslashes = (sql[i - 1] === 'E' || sql[i - 1] === 'e') && !(classOf(sql.charCodeAt(i - 2)) & WORD_PART);
      i++;
      while (i < length) {
        if (backslashes && sql[i] === '\\') i += 2;
        else if (sql[i] === "'" && sql[i + 1] === "'") i += 2;
        else if (sql[i] === "'") break;
        else i++;
      }
      i++;
    } else if (char === '"' || char === '`') {
      const close = sql.indexOf(char, i + 1);
      const end = close === -1 ? length : close + 1;
      tokens.push({ value: sql.slice(i + 1, end - 1), start: i, end, depth, quoted: true });
      i = end;
    } else if (char === '$' && (sql[i + 1] === '$' || classOf(sql.charCodeAt(i + 1)) & WORD_START)) {
      // Dollar quoting: $$...$$ or $tag$...$tag$ (a `$1` parameter is not one).
      const tag = /^\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i, i + 64))?.[0];
      if (tag) {
        const close = sql.indexOf(tag, i + tag.length);
        i = close === -1 ? length : close + tag.length;
      } else i++;
    } else if (classOf(code) & WORD_START) {
      let j = i + 1;
      while (j < length && classOf(sql.charCodeAt(j)) & WORD_PART) j++;
      tokens.push({ value: sql.slice(i, j).toUpperCase(), start: i, end: j, depth });
      i = j;
    } else if (char === ':' && sql[i - 1] !== ':' && (classOf(sql.charCodeAt(i + 1)) & WORD_START || /['"{]/.test(sql[i + 1] ?? ''))) {
      // psql variable (`:pid`, `:'name'`).
      i += 1;
      while (i < length && (classOf(sql.charCodeAt(i)) & WORD_PART || /['"{}]/.test(sql[i]))) i++;
    } else if (char === ';') {
      push();
      i++;
    } else {
      if (char === '(') tokens.push({ value: char, start: i, end: i + 1, depth: depth++ });
      else if (char === ')') {
        depth = Math.max(0, depth - 1);
        tokens.push({ value: char, start: i, end: i + 1, depth });
      } else if (char === ',') tokens.push({ value: char, start: i, end: i + 1, depth });
      i++;
    }
  }
  push();
  return statements;
}

function lineEnd(text: string, from: number): number {
  const newline = text.indexOf('\n', from);
  return newline === -1 ? text.length : newline;
}
