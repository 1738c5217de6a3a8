// Quoting a value for the context its placeholder sits in (core/context.ts): each layer, innermost first,
// turns the text into what that syntax reads back as exactly the text. Pure and small: the page's fill-in
// script uses it as it is, the runner too; neither looks at the command text.
//
// Decisions, so the site, the CLI and the tests agree:
// - Shell words: a value made only of [A-Za-z0-9_./:@+-] stays bare (readable commands); anything else is
//   single-quoted with `'\''` for each `'`. Inside "...", a value with $ ` " \ or ! closes the string, is
//   single-quoted and reopens it (backslash escapes are not used: bash keeps the `\` of `"\!"`).
// - A value that starts a word and begins with `-` is refused (quoting cannot stop a program from reading it
//   as an option), unless the variable is a number.
// - SQL assumes standard_conforming_strings = on: `'` is doubled in '...', `\` too in E'...'.
// - Control characters, line breaks and bidi controls are refused everywhere (core/variables.ts).
import type { Layer, PlaceholderContext } from './context.ts';

export type ValueType = 'string' | 'integer' | 'number' | 'boolean';

/** A value that cannot be put where its placeholder sits. The message completes "The value ...". */
export class QuoteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QuoteError';
  }
}

const SAFE_SHELL_WORD = /^[A-Za-z0-9_./:@+-]+$/;
const NUMBER = { integer: /^-?[0-9]+$/, number: /^-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:e[+-]?[0-9]+)?$/i } as const;
const TOKENS: Record<string, { pattern: RegExp; chars: string }> = {
  integer: { pattern: /^-?[0-9]+$/, chars: 'an integer' },
  number: { pattern: NUMBER.number, chars: 'a number' },
  duration: { pattern: /^(?:[0-9]+(?:ms|s|m|h|d|w|y))+$/, chars: 'a duration such as 5m or 1h30m' },
  name: { pattern: /^[A-Za-z_:][A-Za-z0-9_:.]*$/, chars: 'a name (letters, digits, _ : .)' },
  word: { pattern: /^[A-Za-z0-9_.:/@+]+(?:-[A-Za-z0-9_.:/@+]+)*$/, chars: 'letters, digits and . _ : / @ + -' },
  'sql-name': { pattern: /^[A-Za-z0-9_]+$/, chars: 'letters, digits and _' },
  hex: { pattern: /^[0-9A-Fa-f]*$/, chars: 'hexadecimal digits' },
};
/** PostgreSQL truncates longer identifiers (NAMEDATALEN - 1), which would silently name another object. */
const MAX_IDENTIFIER_BYTES = 63;

const singleQuoted = (value: string) => `'${value.replaceAll("'", `'\\''`)}'`;
const isNumeric = (type: ValueType | undefined) => type === 'integer' || type === 'number';

/** The text to put in place of a placeholder; throws QuoteError when the value cannot go there. */
export function quoteFor(context: PlaceholderContext, value: string, type?: ValueType): string {
  if (context.refused) throw new QuoteError(`cannot be filled in here: ${context.refused.reason}`);
  let text = value;
  for (let i = context.layers.length - 1; i >= 0; i--) text = quoteLayer(context.layers[i], text, value, type);
  return text;
}

/** One layer: `text` is what the layer inside produced, `value` the value as given (for numbers and options). */
function quoteLayer(layer: Layer, text: string, value: string, type: ValueType | undefined): string {
  switch (layer.kind) {
    case 'shell-word':
      if (layer.start) rejectOption(text, type);
      if (text === '') return "''";
      return SAFE_SHELL_WORD.test(text) ? text : singleQuoted(text);
    case 'shell-single':
      if (layer.start) rejectOption(text, type);
      return text.replaceAll("'", `'\\''`);
    case 'shell-double':
      if (layer.start) rejectOption(text, type);
      return /[$`"\\!]/.test(text) ? `"${singleQuoted(text)}"` : text;
    case 'shell-ansi':
      if (layer.start) rejectOption(text, type);
      return text.replace(/[\\']/g, (char) => `\\${char}`);
    case 'heredoc':
      return layer.expands ? text.replace(/[\\$`]/g, (char) => `\\${char}`) : text;
    case 'comment':
      if (layer.block && /\*\/|\/\*/.test(text)) throw new QuoteError('contains /* or */, which would end the comment it is in');
      return text;
    case 'sql-string':
      return layer.escapes ? text.replaceAll('\\', '\\\\').replaceAll("'", "''") : text.replaceAll("'", "''");
    case 'sql-identifier': {
      if (text === '') throw new QuoteError('is empty; a SQL identifier cannot be empty');
      if (new TextEncoder().encode(text).length > MAX_IDENTIFIER_BYTES) {
        throw new QuoteError(`is longer than ${MAX_IDENTIFIER_BYTES} bytes; PostgreSQL would cut the identifier short and name another object`);
      }
      const escaped = text.replaceAll('"', '""');
      return layer.quoted ? escaped : `"${escaped}"`;
    }
    case 'sql-value': {
      const numeric = type === 'integer' ? NUMBER.integer : type === 'number' ? NUMBER.number : undefined;
      // A negative number goes in parentheses: after a `-` in the code, `--5` would start a comment.
      if (numeric?.test(text)) return text.startsWith('-') ? `(${text})` : text;
      return `'${text.replaceAll("'", "''")}'`;
    }
    case 'promql-string':
      if (layer.quote === '`') {
        if (text.includes('`')) throw new QuoteError('contains a backtick, which would end the raw PromQL string it is in');
        return text;
      }
      return escapeGoString(text, layer.quote);
    case 'promql-label-value':
      return `"${escapeGoString(text, '"')}"`;
    case 'url-query':
    case 'url-path':
      return encodeURIComponent(text).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
    case 'awk-string':
      // awk turns `\\` back into `\` (and would read `\n`, `\t`, `\"` in the value as escapes).
      return text.replaceAll('\\', '\\\\');
    case 'json-string':
      return JSON.stringify(text).slice(1, -1);
    case 'json-value':
      return isNumeric(type) && NUMBER.number.test(value)
        ? String(Number(value))
        : type === 'boolean' && /^(true|false)$/.test(value)
          ? value
          : JSON.stringify(text);
    case 'token': {
      const token = TOKENS[layer.accepts];
      if (!token.pattern.test(text)) throw new QuoteError(`sits in ${layer.where}, where only ${token.chars} can be filled in safely`);
      return text;
    }
  }
}

/** A word that starts with `-` is an option to the program, however it is quoted. */
function rejectOption(text: string, type: ValueType | undefined): void {
  if (text.startsWith('-') && !(isNumeric(type) && NUMBER.number.test(text))) {
    throw new QuoteError('starts with "-" at the start of a word, where the command would read it as an option');
  }
}

function escapeGoString(value: string, quote: '"' | "'"): string {
  return value.replaceAll('\\', '\\\\').replaceAll(quote, `\\${quote}`);
}

/** One placeholder occurrence of a command, as stored in the registry. */
export interface PlaceholderSite {
  name: string;
  /** Offsets of `<name>` in the command text. */
  start: number;
  end: number;
  context: PlaceholderContext;
}

export interface FilledSegment {
  name: string;
  /** Offsets in the filled text (the quoted value, or the `<name>` kept when not filled). */
  start: number;
  end: number;
  /** Offsets of the `<name>` in the command text. */
  sourceStart: number;
  sourceEnd: number;
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

/**
 * Fills the placeholders of a command text at their sites (found by the core): each value quoted for its
 * context. A placeholder without a value, or whose value cannot go there, stays `<name>`.
 */
export function fillSites(
  text: string,
  sites: readonly PlaceholderSite[],
  values: Record<string, string | undefined>,
  types: Record<string, ValueType | undefined> = {},
): FillResult {
  const segments: FilledSegment[] = [];
  const missing: string[] = [];
  const errors: FillResult['errors'] = [];
  let out = '';
  let last = 0;
  for (const site of [...sites].sort((a, b) => a.start - b.start)) {
    out += text.slice(last, site.start);
    last = site.end;
    const value = Object.hasOwn(values, site.name) ? values[site.name] : undefined;
    let replacement = text.slice(site.start, site.end);
    let error: string | undefined;
    if (value === undefined) {
      if (!missing.includes(site.name)) missing.push(site.name);
    } else {
      try {
        replacement = quoteFor(site.context, value, types[site.name]);
      } catch (thrown) {
        if (!(thrown instanceof QuoteError)) throw thrown;
        error = thrown.message;
        errors.push({ name: site.name, message: error, sourceStart: site.start, sourceEnd: site.end });
        replacement = text.slice(site.start, site.end);
      }
    }
    segments.push({
      name: site.name,
      start: out.length,
      end: out.length + replacement.length,
      sourceStart: site.start,
      sourceEnd: site.end,
      filled: value !== undefined && error === undefined,
      ...(error ? { error } : {}),
    });
    out += replacement;
  }
  out += text.slice(last);
  return { text: out, segments, missing, errors };
}

/** The offset in the command text of an offset in the filled text (a place inside a value maps to its placeholder). */
export function sourceOffset(result: Pick<FillResult, 'segments'>, offset: number): number {
  let delta = 0;
  for (const segment of result.segments) {
    if (offset < segment.start) break;
    if (offset < segment.end) return segment.sourceStart;
    delta = segment.sourceEnd - segment.end;
  }
  return offset + delta;
}
