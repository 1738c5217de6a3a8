// Quoting of placeholder values for the exact spot a `<name>` sits in: a shell word or string, a SQL
// string, identifier or value, a PromQL string or label value. Pure (no node: imports): the site's form uses it too.
//
// Decisions, so the site, the CLI and the tests agree:
// - Shell words: a value made only of [A-Za-z0-9_./:@+-] stays bare (readable commands); anything else is
//   single-quoted with `'\''` for each `'`. A value starting with `-` at the start of a word is refused
//   (quoting cannot stop a program from reading it as an option) unless the variable is a number; that holds
//   for `"<v>"`, `'<v>'` and `$'<v>'` too, and after empty quotes or other placeholders (`''<v>`, `<a><v>`).
// - Inside a shell "..." string, a value with $ ` " \ or ! closes the string, is single-quoted and reopens it
//   (`"a"'$v'"b"` is one word). Backslash escapes cannot be used: bash keeps the `\` in `"\!"`, and an
//   interactive shell would otherwise expand `!` from its history.
// - Inside a shell string that holds a string of another language (`'...=="<pod>"'`, `"... = '<v>'"`),
//   a value with that inner quote or `\` is refused: it would end the inner string.
// - SQL assumes standard_conforming_strings = on (the default since PostgreSQL 9.1): `'` is doubled in
//   '...', `\` too in E'...'. A bare placeholder is a value ('...' literal, or a number when the variable is
//   an integer or number) unless it names an object: after FROM, JOIN, UPDATE, INTO, TABLE, INDEX [CONCURRENTLY]
//   [IF NOT EXISTS], ON, VIEW, SEQUENCE, SCHEMA, DATABASE, COLUMN, RENAME [COLUMN x] TO, OWNER TO, GRANT ... TO,
//   a `.`, or inside the column list of CREATE INDEX ... ON t (...) or INSERT INTO t (...). There it is a
//   double-quoted identifier (case-sensitive; write "<name>" to force one).
// - PromQL "..." and '...' strings escape `\`, the quote and line breaks (Go string rules); a bare value after
//   `=`, `!=`, `=~` or `!~` inside `{...}` becomes a "..." string.
// - Where quoting cannot be trusted (a heredoc body, backticks, ${...}, $((...)), SQL dollar quotes, a
//   placeholder glued to other name characters), only plain tokens are accepted.
// - The same goes for text that another interpreter parses again after the shell removed its quotes
//   (shell/commands.ts says which): `sh -c "..."`, `su -c`, `ssh host ...` (the remote shell joins and parses its
//   words), `watch ...` (`sh -c` again), `eval`; and the SQL of `psql -c`/`mysql -e`, where only a placeholder
//   inside a SQL string literal keeps the inner-quote rule above (its `'` and `\` are refused).
// - NUL can never be passed to a command and is refused everywhere; line breaks are fine except in comments.
import { commandRanges, findPlaceholders, type CodeMatch } from './model/code.ts';
import { reparsedRanges, type ReparsedRange } from './shell/commands.ts';
import { argumentText } from './sql/embedded.ts';

/** The languages whose code is filled: `console` is a terminal session (only `$ ` prompt lines are commands). */
export type QuoteLanguage = 'shell' | 'console' | 'sql' | 'promql';

/** Where a placeholder sits, as far as quoting is concerned. */
export type QuoteContext =
  | { kind: 'shell-word'; wordStart: boolean }
  | { kind: 'shell-single'; innerQuote?: '"' | "'"; wordStart?: true }
  | { kind: 'shell-double'; innerQuote?: "'" | '"'; wordStart?: true }
  | { kind: 'shell-ansi'; wordStart?: true }
  | { kind: 'comment'; block: boolean }
  | { kind: 'sql-string'; escapes: boolean }
  | { kind: 'sql-identifier'; quoted: boolean }
  | { kind: 'sql-value' }
  | { kind: 'promql-string'; quote: '"' | "'" }
  | { kind: 'promql-raw' }
  | { kind: 'promql-label-value' }
  | { kind: 'token'; language: 'shell' | 'sql' | 'promql'; where: string };

export type ValueType = 'string' | 'integer' | 'number' | 'boolean';

export interface QuoteOptions {
  /** The variable's type: integers and numbers may stay bare in SQL and may start with `-` in shell words. */
  type?: ValueType;
}

/** A value that cannot be put where its placeholder sits. The message completes "The value ...". */
export class QuoteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QuoteError';
  }
}

export interface PlaceholderContext extends CodeMatch {
  context: QuoteContext;
}

const SAFE_SHELL_WORD = /^[A-Za-z0-9_./:@+-]+$/;
const TOKENS = {
  shell: { pattern: /^[A-Za-z0-9_.:/@+]+(?:-[A-Za-z0-9_.:/@+]+)*$/, chars: 'letters, digits and . _ : / @ + -' },
  sql: { pattern: /^[A-Za-z0-9_]+$/, chars: 'letters, digits and _' },
  promql: { pattern: /^(?:-?[0-9][0-9.]*(?:e[+-]?[0-9]+)?[a-z]*|[A-Za-z_:][A-Za-z0-9_:.]*)$/i, chars: 'a number, a duration or a name' },
} as const;
const NUMBER = { integer: /^-?[0-9]+$/, number: /^-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:e[+-]?[0-9]+)?$/i } as const;
/** PostgreSQL truncates longer identifiers (NAMEDATALEN - 1), which would silently name another object. */
const MAX_IDENTIFIER_BYTES = 63;

const singleQuoted = (value: string) => `'${value.replaceAll("'", `'\\''`)}'`;
const isNumeric = (type: ValueType | undefined) => type === 'integer' || type === 'number';

/** The text to put in place of a placeholder in `context`; throws QuoteError when the value cannot go there. */
export function quoteFor(context: QuoteContext, value: string, options: QuoteOptions = {}): string {
  if (value.includes('\0')) throw new QuoteError('contains a NUL character, which no command can receive');
  switch (context.kind) {
    case 'shell-word':
      if (context.wordStart) rejectOption(value, options);
      if (value === '') return "''";
      return SAFE_SHELL_WORD.test(value) ? value : singleQuoted(value);
    case 'shell-single':
      if (context.wordStart) rejectOption(value, options);
      rejectInnerQuote(value, context.innerQuote);
      return value.replaceAll("'", `'\\''`);
    case 'shell-double':
      if (context.wordStart) rejectOption(value, options);
      rejectInnerQuote(value, context.innerQuote);
      return /[$`"\\!]/.test(value) ? `"${singleQuoted(value)}"` : value;
    case 'shell-ansi':
      if (context.wordStart) rejectOption(value, options);
      return value.replace(/[\\']/g, (char) => `\\${char}`).replaceAll('\n', '\\n').replaceAll('\r', '\\r');
    case 'comment':
      if (!context.block && /[\n\r]/.test(value)) throw new QuoteError('contains a line break, which would end the comment it is in and start new code');
      if (context.block && /\*\/|\/\*/.test(value)) throw new QuoteError('contains /* or */, which would end the /* ... */ comment it is in');
      return value;
    case 'sql-string':
      return context.escapes ? value.replaceAll('\\', '\\\\').replaceAll("'", "''") : value.replaceAll("'", "''");
    case 'sql-identifier': {
      if (value === '') throw new QuoteError('is empty; a SQL identifier cannot be empty');
      if (new TextEncoder().encode(value).length > MAX_IDENTIFIER_BYTES) {
        throw new QuoteError(`is longer than ${MAX_IDENTIFIER_BYTES} bytes; PostgreSQL would cut the identifier short and name another object`);
      }
      const escaped = value.replaceAll('"', '""');
      return context.quoted ? escaped : `"${escaped}"`;
    }
    case 'sql-value': {
      const numeric = options.type === 'integer' ? NUMBER.integer : options.type === 'number' ? NUMBER.number : undefined;
      // A negative number goes in parentheses: after a `-` in the code, `--5` would start a comment.
      if (numeric?.test(value)) return value.startsWith('-') ? `(${value})` : value;
      return `'${value.replaceAll("'", "''")}'`;
    }
    case 'promql-string':
      return escapePromqlString(value, context.quote);
    case 'promql-raw':
      if (value.includes('`')) throw new QuoteError('contains a backtick, which would end the raw PromQL string it is in');
      return value;
    case 'promql-label-value':
      return `"${escapePromqlString(value, '"')}"`;
    case 'token': {
      const token = TOKENS[context.language];
      if (!token.pattern.test(value)) {
        throw new QuoteError(`sits in ${context.where}, where only a plain value (${token.chars}) can be filled in safely`);
      }
      return value;
    }
  }
}

/** A word that starts with `-` is an option to the program, however it is quoted. */
function rejectOption(value: string, options: QuoteOptions): void {
  if (value.startsWith('-') && !(isNumeric(options.type) && NUMBER.number.test(value))) {
    throw new QuoteError(`starts with "-" at the start of a word, where the command would read it as an option`);
  }
}

function rejectInnerQuote(value: string, quote: string | undefined): void {
  if (quote && (value.includes(quote) || value.includes('\\'))) {
    throw new QuoteError(`contains ${quote === '"' ? 'a double quote' : 'a single quote'} or a backslash, which would end the ${quote}...${quote} string around the placeholder inside the shell string`);
  }
}

function escapePromqlString(value: string, quote: '"' | "'"): string {
  return value
    .replaceAll('\\', '\\\\')
    .replaceAll(quote, `\\${quote}`)
    .replaceAll('\n', '\\n')
    .replaceAll('\r', '\\r');
}

/** Every placeholder of `code` (only in command lines for `console`) with the context it sits in. */
export function detectContexts(code: string, language: QuoteLanguage): PlaceholderContext[] {
  if (language === 'console') return consoleContexts(code);
  const placeholders = findPlaceholders(code, [{ start: 0, end: code.length }]);
  const neutral = neutralise(code, placeholders);
  const contexts = language === 'shell' ? shellContexts(neutral, placeholders) : language === 'sql' ? sqlContexts(neutral, placeholders) : promqlContexts(neutral, placeholders);
  if (language === 'shell' && placeholders.length) {
    const ranges = reparsedRanges(code);
    placeholders.forEach((placeholder, index) => (contexts[index] = reparsedContext(neutral, placeholder, contexts[index], ranges)));
  }
  return placeholders.map((placeholder, index) => ({ ...placeholder, context: contexts[index] }));
}

/**
 * The context of a placeholder inside text that is parsed again (a shell string of `sh -c`, the SQL of
 * `psql -c`): the outer shell's quoting says nothing about the inner parser, so only plain tokens go there,
 * except inside a SQL string literal, where the inner-quote rule keeps the value inside the literal.
 */
function reparsedContext(neutral: string, placeholder: CodeMatch, context: QuoteContext, ranges: ReparsedRange[]): QuoteContext {
  if (context.kind === 'token') return context;
  const around = ranges.filter((range) => range.start <= placeholder.start && placeholder.end <= range.end);
  const shell = around.find((range) => range.language === 'shell');
  if (shell) return { kind: 'token', language: 'shell', where: `code that \`${shell.by}\` hands to another shell` };
  const sql = around.find((range) => range.language === 'sql');
  if (!sql) return context;
  if ((context.kind === 'shell-double' || context.kind === 'shell-single') && inSqlString(neutral, sql, placeholder)) return { ...context, innerQuote: "'" };
  return { kind: 'token', language: 'sql', where: `the SQL of \`${sql.by}\` outside a string literal` };
}

/** Whether the placeholder lies inside a '...' literal of the SQL that `range` gives psql (its quotes removed). */
function inSqlString(neutral: string, range: ReparsedRange, placeholder: CodeMatch): boolean {
  const argument = argumentText(neutral, { value: '', start: range.start, end: range.end });
  const offsets = argument.offsets.slice(range.skip, -1);
  const at = offsets.indexOf(placeholder.start);
  const length = placeholder.end - placeholder.start;
  // The placeholder must reach the SQL unbroken (no quote or escape inside it), or its place is unknown.
  if (at === -1 || offsets[at + length - 1] !== placeholder.end - 1) return false;
  const [inner] = sqlContexts(argument.text.slice(range.skip), [{ name: placeholder.name, start: at, end: at + length }]);
  return inner.kind === 'sql-string';
}

/** Console blocks: the prompt lines (with their `\` continuations) are one shell script. */
function consoleContexts(code: string): PlaceholderContext[] {
  const ranges = commandRanges(code, 'console');
  const starts: number[] = [];
  let script = '';
  for (const range of ranges) {
    if (starts.length) script += '\n';
    starts.push(script.length);
    script += code.slice(range.start, range.end);
  }
  const toCode = (offset: number) => {
    let index = starts.length - 1;
    while (index > 0 && starts[index] > offset) index--;
    return ranges[index].start + (offset - starts[index]);
  };
  return detectContexts(script, 'shell').map((found) => ({ ...found, start: toCode(found.start), end: toCode(found.end) }));
}

/** Placeholders become runs of `x` of the same length, so scanners see one plain word and offsets stay valid. */
function neutralise(code: string, placeholders: CodeMatch[]): string {
  let out = '';
  let last = 0;
  for (const { start, end } of placeholders) {
    out += code.slice(last, start) + 'x'.repeat(end - start);
    last = end;
  }
  return out + code.slice(last);
}

/** Calls `at(index)` for each placeholder whose start the scanner reaches; returns the contexts by placeholder. */
function collector(placeholders: CodeMatch[]) {
  const byStart = new Map(placeholders.map((placeholder, index) => [placeholder.start, index]));
  const contexts: QuoteContext[] = new Array(placeholders.length);
  return {
    contexts,
    /** The index of the placeholder starting at `offset`, or -1. */
    at: (offset: number) => byStart.get(offset) ?? -1,
    set: (index: number, context: QuoteContext) => {
      contexts[index] ??= context;
    },
    fill: (context: QuoteContext) => contexts.forEach((_, index) => (contexts[index] ??= context)),
  };
}

type ShellFrame =
  | { type: 'code'; close: ')' | '`' | null }
  | { type: 'single'; start: number }
  | { type: 'double'; start: number }
  | { type: 'ansi'; start: number }
  | { type: 'param'; depth: number }
  | { type: 'arith'; depth: number };

const SHELL_BOUNDARY = /[\s;&|()<>]/;

function shellContexts(code: string, placeholders: CodeMatch[]): QuoteContext[] {
  const found = collector(placeholders);
  const stack: ShellFrame[] = [{ type: 'code', close: null }];
  const heredocs: string[] = [];
  const untrusted = () => {
    for (const frame of stack) {
      if (frame.type === 'code' && frame.close === '`') return 'a `...` command substitution';
      if (frame.type === 'param') return 'a ${...} expansion';
      if (frame.type === 'arith') return 'a $((...)) expression';
    }
    return undefined;
  };
  const token = (where: string): QuoteContext => ({ kind: 'token', language: 'shell', where });
  const placeholderEnds = new Map(placeholders.map((placeholder) => [placeholder.end, placeholder.start]));

  let i = 0;
  while (i < code.length) {
    const frame = stack[stack.length - 1];
    const placeholder = found.at(i);
    if (placeholder !== -1) {
      const where = untrusted();
      const wordStart = startsWord(code, i, placeholderEnds, frame.type === 'single' || frame.type === 'double' || frame.type === 'ansi' ? frame.start - 1 : undefined);
      const start = wordStart ? ({ wordStart } as const) : {};
      if (where) found.set(placeholder, token(where));
      else if (frame.type === 'single') found.set(placeholder, { kind: 'shell-single', ...innerQuote(code.slice(frame.start, i), '"'), ...start });
      else if (frame.type === 'double') found.set(placeholder, { kind: 'shell-double', ...innerQuote(code.slice(frame.start, i), "'"), ...start });
      else if (frame.type === 'ansi') found.set(placeholder, { kind: 'shell-ansi', ...start });
      else found.set(placeholder, { kind: 'shell-word', wordStart });
      i = placeholders[placeholder].end;
      continue;
    }
    const char = code[i];
    const next = code[i + 1];
    switch (frame.type) {
      case 'single':
        if (char === "'") stack.pop();
        i++;
        continue;
      case 'ansi':
        if (char === '\\') i++;
        else if (char === "'") stack.pop();
        i++;
        continue;
      case 'double':
        if (char === '\\') i += 2;
        else if (char === '"') {
          stack.pop();
          i++;
        } else i = openExpansion(code, i, stack) ?? i + 1;
        continue;
      case 'param':
        if (char === '\\') i++;
        else if (char === '{') frame.depth++;
        else if (char === '}' && --frame.depth === 0) stack.pop();
        i++;
        continue;
      case 'arith':
        if (char === '(') frame.depth++;
        else if (char === ')' && --frame.depth === 0) stack.pop();
        i++;
        continue;
      case 'code':
        break;
    }
    // Code: words, operators, comments, heredocs.
    if (char === '\\') {
      i += 2;
    } else if (char === "'") {
      stack.push({ type: 'single', start: i + 1 });
      i++;
    } else if (char === '$' && next === "'") {
      stack.push({ type: 'ansi', start: i + 2 });
      i += 2;
    } else if (char === '"') {
      stack.push({ type: 'double', start: i + 1 });
      i++;
    } else if (char === '`' && frame.close === '`') {
      stack.pop();
      i++;
    } else if (char === '(') {
      stack.push({ type: 'code', close: ')' });
      i++;
    } else if (char === ')') {
      if (frame.close === ')' && stack.length > 1) stack.pop();
      i++;
    } else if (char === '#' && (i === 0 || /[\s;&|(]/.test(code[i - 1]))) {
      const end = code.indexOf('\n', i) === -1 ? code.length : code.indexOf('\n', i);
      for (const [index, placeholder] of placeholders.entries()) {
        if (placeholder.start >= i && placeholder.start < end) found.set(index, untrusted() ? token(untrusted()!) : { kind: 'comment', block: false });
      }
      i = end;
    } else if (code.startsWith('<<<', i)) {
      i += 3; // a here-string: its word is read as usual
    } else if (char === '<' && next === '<') {
      const heredoc = /^<<-?[ \t]*(?:'([^']*)'|"([^"]*)"|\\?([^\s;&|<>()]+))/.exec(code.slice(i));
      if (heredoc) heredocs.push(heredoc[1] ?? heredoc[2] ?? heredoc[3].replaceAll('\\', ''));
      i += heredoc ? heredoc[0].length : 2;
    } else if (char === '\n' && heredocs.length) {
      // Heredoc bodies follow the line that opened them; whatever the delimiter, nothing in them is quoted for us.
      let lineStart = i + 1;
      for (const delimiter of heredocs.splice(0)) {
        while (lineStart < code.length) {
          const lineEnd = code.indexOf('\n', lineStart) === -1 ? code.length : code.indexOf('\n', lineStart);
          for (const [index, placeholder] of placeholders.entries()) {
            if (placeholder.start >= lineStart && placeholder.start < lineEnd) found.set(index, token('a heredoc body'));
          }
          const line = code.slice(lineStart, lineEnd);
          lineStart = lineEnd + 1;
          if (line.replace(/^\t+/, '') === delimiter) break;
        }
      }
      i = lineStart;
    } else {
      i = openExpansion(code, i, stack) ?? i + 1;
    }
  }
  found.fill(token('unterminated shell code'));
  return found.contexts;
}

/**
 * Whether the word holds nothing before offset `i` (so a value there starts the word): between the last word
 * boundary and `i` there are only other placeholders (they may be empty), empty quotes (`''`, `""`, `$''`) and
 * the opening quote of the string the placeholder is in. `opening` is that quote's offset (`$'`: of the `'`).
 */
function startsWord(code: string, i: number, placeholderEnds: Map<number, number>, opening?: number): boolean {
  let j = i;
  const skipPlaceholders = () => {
    for (let before = placeholderEnds.get(j); before !== undefined; before = placeholderEnds.get(j)) j = before;
  };
  skipPlaceholders();
  if (opening !== undefined) {
    if (j !== opening + 1) return false;
    j = code[opening - 1] === '$' && code[opening] === "'" ? opening - 1 : opening;
  }
  for (;;) {
    skipPlaceholders();
    const quote = code[j - 1];
    if ((quote === "'" || quote === '"') && code[j - 2] === quote) j -= code[j - 3] === '$' && quote === "'" ? 3 : 2;
    else break;
  }
  return j === 0 || SHELL_BOUNDARY.test(code[j - 1]);
}

/** `$(`, `$((`, `${` and a backtick open a frame (in code and inside "..."); returns the next offset when one did. */
function openExpansion(code: string, i: number, stack: ShellFrame[]): number | undefined {
  if (code[i] === '`') {
    stack.push({ type: 'code', close: '`' });
    return i + 1;
  }
  if (code[i] !== '$') return undefined;
  if (code.startsWith('$((', i)) {
    stack.push({ type: 'arith', depth: 2 });
    return i + 3;
  }
  if (code[i + 1] === '(') {
    stack.push({ type: 'code', close: ')' });
    return i + 2;
  }
  if (code[i + 1] === '{') {
    stack.push({ type: 'param', depth: 1 });
    return i + 2;
  }
  return undefined;
}

/**
 * Whether the text before a placeholder, inside a shell string, leaves an inner string of another language open:
 * an odd number of `quote` characters (or, inside "...", of `\"`) before it.
 */
function innerQuote<Q extends "'" | '"'>(before: string, quote: Q): { innerQuote?: Q | '"' } {
  if (before.split(quote).length % 2 === 0) return { innerQuote: quote };
  if (quote === "'" && before.split('\\"').length % 2 === 0) return { innerQuote: '"' };
  return {};
}

/** Keywords after which a bare placeholder names a table, schema or other object rather than a value. */
const SQL_NAME_KEYWORDS = new Set([
  'from', 'join', 'update', 'into', 'table', 'view', 'index', 'schema', 'sequence', 'database', 'role',
  'truncate', 'analyze', 'vacuum', 'only', 'exists', 'cluster', 'reindex', 'concurrently', 'on', 'column',
  'trigger', 'constraint', 'extension', 'function', 'procedure', 'user',
]);

function sqlContexts(code: string, placeholders: CodeMatch[]): QuoteContext[] {
  const found = collector(placeholders);
  const within = (start: number, end: number, context: QuoteContext) => {
    for (const [index, placeholder] of placeholders.entries()) if (placeholder.start >= start && placeholder.start < end) found.set(index, context);
  };
  const identChar = /[A-Za-z0-9_$]/;
  let i = 0;
  while (i < code.length) {
    const placeholder = found.at(i);
    const char = code[i];
    if (placeholder !== -1) {
      const { end } = placeholders[placeholder];
      found.set(placeholder, bareSqlContext(code, i, end));
      i = end;
    } else if (char === "'") {
      // E'...' (and U&'...') strings take backslash escapes; B'' and X'' hold only digits.
      const prefix = /(?:^|[^A-Za-z0-9_$])([EeBbXx]|[Uu]&)$/.exec(code.slice(Math.max(0, i - 3), i))?.[1]?.toLowerCase();
      const escapes = prefix === 'e' || prefix === 'u&';
      let j = i + 1;
      while (j < code.length) {
        if (escapes && code[j] === '\\') j += 2;
        else if (code[j] === "'" && code[j + 1] === "'") j += 2;
        else if (code[j] === "'") break;
        else j++;
      }
      within(i + 1, j, prefix === 'b' || prefix === 'x' ? { kind: 'token', language: 'sql', where: 'a bit string' } : { kind: 'sql-string', escapes });
      i = j + 1;
    } else if (char === '"') {
      let j = i + 1;
      while (j < code.length && !(code[j] === '"' && code[j + 1] !== '"')) j += code[j] === '"' ? 2 : 1;
      within(i + 1, j, { kind: 'sql-identifier', quoted: true });
      i = j + 1;
    } else if (char === '-' && code[i + 1] === '-') {
      const end = code.indexOf('\n', i) === -1 ? code.length : code.indexOf('\n', i);
      within(i, end, { kind: 'comment', block: false });
      i = end;
    } else if (char === '/' && code[i + 1] === '*') {
      let depth = 0;
      let j = i;
      while (j < code.length) {
        if (code.startsWith('/*', j)) {
          depth++;
          j += 2;
        } else if (code.startsWith('*/', j)) {
          j += 2;
          if (--depth === 0) break;
        } else j++;
      }
      within(i, j, { kind: 'comment', block: true });
      i = j;
    } else if (char === '$' && (i === 0 || !identChar.test(code[i - 1]))) {
      const tag = /^\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/.exec(code.slice(i))?.[0];
      if (!tag) {
        i++;
        continue;
      }
      const close = code.indexOf(tag, i + tag.length);
      const end = close === -1 ? code.length : close + tag.length;
      within(i, end, { kind: 'token', language: 'sql', where: 'a dollar-quoted string' });
      i = end;
    } else i++;
  }
  found.fill({ kind: 'token', language: 'sql', where: 'unterminated SQL' });
  return found.contexts;
}

function bareSqlContext(code: string, start: number, end: number): QuoteContext {
  const glued = /[A-Za-z0-9_$]/;
  if ((start > 0 && glued.test(code[start - 1])) || (end < code.length && glued.test(code[end]))) {
    return { kind: 'token', language: 'sql', where: 'a longer SQL name or number' };
  }
  const before = code.slice(0, start).trimEnd();
  const after = code.slice(end).trimStart();
  const keyword = /([A-Za-z_]+)$/.exec(before)?.[1]?.toLowerCase();
  if (before.endsWith('.') || after.startsWith('.') || (keyword && SQL_NAME_KEYWORDS.has(keyword))) return { kind: 'sql-identifier', quoted: false };
  const statement = before.slice(before.lastIndexOf(';') + 1);
  if (keyword === 'to' && namesAfterTo(statement)) return { kind: 'sql-identifier', quoted: false };
  if (inColumnList(statement)) return { kind: 'sql-identifier', quoted: false };
  return { kind: 'sql-value' };
}

/** `RENAME [COLUMN x] TO <name>`, `OWNER TO <role>`, `GRANT ... TO <role>` (not `SET x TO <value>`). */
function namesAfterTo(statement: string): boolean {
  return /\bRENAME\b/i.test(statement) || /\bOWNER\s+TO\s*$/i.test(statement) || /^\s*GRANT\b/i.test(statement);
}

/**
 * Inside the column list of `CREATE INDEX ... ON t [USING m] (...)` (its `INCLUDE (...)` too) or `INSERT INTO t (...)`,
 * at any depth (`(lower(<col>))`). `statement` is the text of the statement up to the placeholder.
 */
function inColumnList(statement: string): boolean {
  // The outermost parenthesis still open, skipping strings and quoted names.
  let open = -1;
  let depth = 0;
  for (let i = 0; i < statement.length; i++) {
    const char = statement[i];
    if (char === "'" || char === '"') {
      const close = statement.indexOf(char, i + 1);
      if (close === -1) return false;
      i = close;
    } else if (char === '(') {
      if (depth++ === 0) open = i;
    } else if (char === ')') depth = Math.max(0, depth - 1);
  }
  if (depth === 0) return false;
  const head = statement.slice(0, open);
  const name = String.raw`(?:"[^"]*"|[A-Za-z_][\w$]*)(?:\s*\.\s*(?:"[^"]*"|[A-Za-z_][\w$]*))*`;
  return (
    (/^\s*CREATE\b[^;]*\bINDEX\b/i.test(head) && (new RegExp(String.raw`\bON\s+(?:ONLY\s+)?${name}\s*(?:USING\s+\w+\s*)?$`, 'i').test(head) || /\)\s*INCLUDE\s*$/i.test(head))) ||
    new RegExp(String.raw`^\s*INSERT\s+INTO\s+${name}\s*$`, 'i').test(head)
  );
}

function promqlContexts(code: string, placeholders: CodeMatch[]): QuoteContext[] {
  const found = collector(placeholders);
  const within = (start: number, end: number, context: QuoteContext) => {
    for (const [index, placeholder] of placeholders.entries()) if (placeholder.start >= start && placeholder.start < end) found.set(index, context);
  };
  let braces = 0;
  let i = 0;
  while (i < code.length) {
    const placeholder = found.at(i);
    const char = code[i];
    if (placeholder !== -1) {
      const matcher = braces > 0 && /(?:=|!=|=~|!~)\s*$/.test(code.slice(0, i));
      found.set(placeholder, matcher ? { kind: 'promql-label-value' } : { kind: 'token', language: 'promql', where: 'PromQL outside a string' });
      i = placeholders[placeholder].end;
    } else if (char === '"' || char === "'") {
      let j = i + 1;
      while (j < code.length && code[j] !== char && code[j] !== '\n') j += code[j] === '\\' ? 2 : 1;
      within(i + 1, j, { kind: 'promql-string', quote: char });
      i = j + 1;
    } else if (char === '`') {
      const close = code.indexOf('`', i + 1);
      const end = close === -1 ? code.length : close;
      within(i + 1, end, { kind: 'promql-raw' });
      i = end + 1;
    } else if (char === '#') {
      const end = code.indexOf('\n', i) === -1 ? code.length : code.indexOf('\n', i);
      within(i, end, { kind: 'comment', block: false });
      i = end;
    } else {
      if (char === '{') braces++;
      else if (char === '}') braces = Math.max(0, braces - 1);
      i++;
    }
  }
  found.fill({ kind: 'token', language: 'promql', where: 'unterminated PromQL' });
  return found.contexts;
}

/** One placeholder of the code after filling. */
export interface FilledSegment {
  name: string;
  /** Offsets in the filled text (the quoted value, or the `<name>` kept when not filled). */
  start: number;
  end: number;
  /** Offsets of the `<name>` in the code. */
  sourceStart: number;
  sourceEnd: number;
  context: QuoteContext;
  /** False when no value was given or the value cannot go here; the `<name>` is kept then. */
  filled: boolean;
  /** Why the value cannot go here (completes "The value ..."). */
  error?: string;
}

export interface FillResult {
  text: string;
  segments: FilledSegment[];
  /** Names without a value, once each, in order of appearance. */
  missing: string[];
  /** Values that cannot go where their placeholder sits. */
  errors: { name: string; message: string; sourceStart: number; sourceEnd: number }[];
}

export interface FillOptions {
  /** Variable declarations (their `type` decides numbers in SQL and leading `-` in shell). */
  variables?: Record<string, { type?: ValueType }>;
}

/** Fills every placeholder with its quoted value; placeholders without a usable value stay as `<name>`. */
export function fillPlaceholders(code: string, language: QuoteLanguage, values: Record<string, string | undefined>, options: FillOptions = {}): FillResult {
  const segments: FilledSegment[] = [];
  const missing: string[] = [];
  const errors: FillResult['errors'] = [];
  let text = '';
  let last = 0;
  for (const { name, start, end, context } of detectContexts(code, language)) {
    text += code.slice(last, start);
    last = end;
    const value = Object.hasOwn(values, name) ? values[name] : undefined;
    let replacement = code.slice(start, end);
    let error: string | undefined;
    if (value === undefined) {
      if (!missing.includes(name)) missing.push(name);
    } else {
      try {
        replacement = quoteFor(context, value, { type: options.variables?.[name]?.type });
      } catch (thrown) {
        if (!(thrown instanceof QuoteError)) throw thrown;
        error = thrown.message;
        errors.push({ name, message: error, sourceStart: start, sourceEnd: end });
      }
    }
    const filled = value !== undefined && error === undefined;
    segments.push({ name, start: text.length, end: text.length + replacement.length, sourceStart: start, sourceEnd: end, context, filled, ...(error ? { error } : {}) });
    text += replacement;
  }
  text += code.slice(last);
  return { text, segments, missing, errors };
}

/** The offset in the code of an offset in the filled text (a place inside a value maps to its placeholder). */
export function sourceOffset(result: Pick<FillResult, 'segments'>, offset: number): number {
  let delta = 0;
  for (const segment of result.segments) {
    if (offset < segment.start) break;
    if (offset < segment.end) return segment.sourceStart;
    delta = segment.sourceEnd - segment.end;
  }
  return offset + delta;
}
