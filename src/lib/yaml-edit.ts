// Edits of a YAML text that change only what they are about: a value is replaced, or a key added,
// at the source range of its node (from the `yaml` package's parse), so every other byte — comments,
// order, quoting, indentation, line endings — stays as it was. A dump of the data would lose them.
import { isMap, isScalar, stringify, type Document, type Pair, type ParsedNode, type Scalar, type YAMLMap } from 'yaml';

/** Replace `[start, end)` of the text with `text`. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** Applies edits that do not overlap; insertions at the same place keep the order they are given in. */
export function applyEdits(source: string, edits: TextEdit[]): string {
  let out = source;
  const ordered = edits.map((edit, index) => ({ edit, index })).sort((a, b) => b.edit.start - a.edit.start || b.edit.end - a.edit.end || b.index - a.index);
  for (const { edit } of ordered) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out;
}

/** A value to write: a string (rendered as a scalar) or a map of strings (rendered as a nested block map). */
export type EditValue = string | { [key: string]: string };

/** The line ending a text uses (CRLF when its first line ends so). */
export function lineEnding(source: string): string {
  const first = source.indexOf('\n');
  return first > 0 && source[first - 1] === '\r' ? '\r\n' : '\n';
}

const lineStart = (source: string, offset: number) => source.lastIndexOf('\n', offset - 1) + 1;
const columnOf = (source: string, offset: number) => offset - lineStart(source, offset);
const PRINTABLE = /^[^\u0000-\u0008\u000b-\u001f\u007f\u0085\u2028\u2029\ufeff]*$/;

/**
 * A string as a YAML scalar for a value at `indent` (the column of its key). A single line in the style
 * asked for, if it allows the value (else what the `yaml` package chooses, for YAML 1.1 readers such as
 * Prometheus's too); several lines as a literal block (`|`), indented one step further.
 */
export function renderScalar(
  value: string,
  { indent, step = 2, style, flow = false, eol = '\n' }: { indent: number; step?: number; style?: Scalar.Type; flow?: boolean; eol?: string },
): string {
  if (value.includes('\n') && !flow && PRINTABLE.test(value.replace(/\n/g, '')) && !/[ \t]\n/.test(value) && !/^\s*$/.test(value)) {
    const trailing = /\n*$/.exec(value)![0].length;
    const chomp = trailing === 0 ? '-' : trailing === 1 ? '' : '+';
    const body = trailing ? value.slice(0, -trailing) : value;
    // A first line that starts with a space needs the indentation written in the header.
    const header = `|${body.startsWith(' ') ? String(step) : ''}${chomp}`;
    const pad = ' '.repeat(indent + step);
    const lines = body.split('\n').map((line) => (line ? pad + line : ''));
    return [header, ...lines, ...Array.from({ length: Math.max(0, trailing - 1) }, () => '')].join(eol);
  }
  if (flow) {
    // Plain in a flow collection only when nothing in it could end or nest the collection.
    const plain = stringify(value, { lineWidth: 0, version: '1.1' }).replace(/\n$/, '');
    return plain === value && !/[,[\]{}#:]/.test(value) ? plain : JSON.stringify(value);
  }
  const type = style === 'QUOTE_SINGLE' || style === 'QUOTE_DOUBLE' ? style : 'PLAIN';
  const text = stringify(value, { lineWidth: 0, version: '1.1', defaultStringType: type, defaultKeyType: 'PLAIN' }).replace(/\n$/, '');
  // The package falls back to a block scalar or a multi-line quote for some values: one line with escapes instead.
  return text.includes('\n') ? JSON.stringify(value) : text;
}

const renderKey = (key: string) => renderScalar(key, { indent: 0 });

/** Where the line after `offset` starts (the text length when it is the last line), and whether a line break must be added first. */
function nextLineStart(source: string, offset: number): { at: number; needsBreak: boolean } {
  if (offset > 0 && source[offset - 1] === '\n') return { at: offset, needsBreak: false };
  const newline = source.indexOf('\n', offset);
  return newline === -1 ? { at: source.length, needsBreak: true } : { at: newline + 1, needsBreak: false };
}

/** The indentation step a document uses: how far the first nested block map is from its parent key; 2 if none. */
function indentStep(source: string, map: YAMLMap<unknown, unknown>): number {
  for (const pair of map.items) {
    const value = pair.value as ParsedNode | null;
    const key = pair.key as ParsedNode | null;
    if (isMap(value) && !value.flow && value.items.length && key?.range && (value.items[0].key as ParsedNode)?.range) {
      const nested = columnOf(source, (value.items[0].key as ParsedNode).range[0]) - columnOf(source, key.range[0]);
      if (nested > 0) return nested;
    }
  }
  return 2;
}

function renderValue(value: EditValue, indent: number, step: number, eol: string, style?: Scalar.Type): string {
  if (typeof value === 'string') return ` ${renderScalar(value, { indent, step, style, eol })}`;
  return Object.entries(value)
    .map(([key, inner]) => `${eol}${' '.repeat(indent + step)}${renderKey(key)}:${renderValue(inner, indent + step, step, eol)}`)
    .join('');
}

const keyName = (pair: Pair<unknown, unknown>) => (isScalar(pair.key) ? String(pair.key.value) : undefined);

/**
 * The edit that sets `key` of `map` to `value`: replaces the value of an existing key (keeping its quote
 * style where it can), else adds the key — in its sorted place when the keys are sorted, else last —
 * at the indentation of the map's other keys.
 */
export function setKey(source: string, map: YAMLMap<unknown, unknown>, key: string, value: EditValue): TextEdit {
  const eol = lineEnding(source);
  const pair = map.items.find((item) => keyName(item) === key);
  if (map.flow) return setFlowKey(source, map, pair, key, value);
  const firstKey = map.items[0]?.key as ParsedNode | undefined;
  if (!firstKey?.range) throw new Error('an empty block map has no position to add a key at');
  const indent = columnOf(source, firstKey.range[0]);
  const step = indentStep(source, map);
  if (pair) {
    const keyNode = pair.key as ParsedNode;
    const old = pair.value as ParsedNode | null;
    if (!old?.range) {
      // `key:` with nothing after it: the value goes after the colon.
      const colon = source.indexOf(':', keyNode.range[1]);
      return { start: colon + 1, end: colon + 1, text: renderValue(value, indent, step, eol) };
    }
    const style = isScalar(old) ? old.type : undefined;
    const blockScalar = style === 'BLOCK_LITERAL' || style === 'BLOCK_FOLDED';
    const end = old.range[1];
    // A block scalar's range takes in its last line break: the new value ends with one too.
    const suffix = blockScalar && source[end - 1] === '\n' ? eol : '';
    if (typeof value !== 'string' || isMap(old)) {
      // A scalar becomes a map or the other way round: everything after the colon is replaced.
      const colon = source.indexOf(':', keyNode.range[1]);
      return { start: colon + 1, end, text: renderValue(value, indent, step, eol) + suffix };
    }
    return { start: old.range[0], end, text: renderScalar(value, { indent, step, style: blockScalar ? undefined : style, eol }) + suffix };
  }
  const sorted = map.items.every((item, index) => index === 0 || (keyName(map.items[index - 1]) ?? '') <= (keyName(item) ?? ''));
  const before = sorted ? [...map.items].reverse().find((item) => (keyName(item) ?? '') < key) : undefined;
  const after = before ?? map.items[map.items.length - 1];
  const afterEnd = ((after.value as ParsedNode | null)?.range ?? (after.key as ParsedNode).range)[1];
  const { at, needsBreak } = nextLineStart(source, afterEnd);
  const line = `${' '.repeat(indent)}${renderKey(key)}:${renderValue(value, indent, step, eol)}`;
  return { start: at, end: at, text: needsBreak ? `${eol}${line}` : `${line}${eol}` };
}

function setFlowKey(source: string, map: YAMLMap<unknown, unknown>, pair: Pair<unknown, unknown> | undefined, key: string, value: EditValue): TextEdit {
  const flowValue = (inner: EditValue): string =>
    typeof inner === 'string'
      ? renderScalar(inner, { indent: 0, flow: true })
      : `{ ${Object.entries(inner)
          .map(([k, v]) => `${renderKey(k)}: ${flowValue(v)}`)
          .join(', ')} }`;
  const old = pair?.value as ParsedNode | null | undefined;
  if (pair && old?.range) return { start: old.range[0], end: old.range[1], text: flowValue(value) };
  const range = (map as unknown as ParsedNode).range;
  const close = source.lastIndexOf('}', range[1] - 1);
  const last = map.items[map.items.length - 1];
  const lastEnd = last ? ((last.value as ParsedNode | null)?.range ?? (last.key as ParsedNode).range)[1] : undefined;
  if (pair && !old?.range) {
    const colon = source.indexOf(':', (pair.key as ParsedNode).range[1]);
    return { start: colon + 1, end: colon + 1, text: ` ${flowValue(value)}` };
  }
  if (lastEnd === undefined) return { start: range[0], end: close + 1, text: `{ ${renderKey(key)}: ${flowValue(value)} }` };
  return { start: lastEnd, end: lastEnd, text: `, ${renderKey(key)}: ${flowValue(value)}` };
}

/** The map at `path` of a document (keys only), or undefined when something on the way is not a map. */
export function mapAt(document: Document.Parsed, path: (string | number)[]): YAMLMap<unknown, unknown> | undefined {
  const node = path.length ? document.getIn(path, true) : document.contents;
  return isMap(node) ? node : undefined;
}
