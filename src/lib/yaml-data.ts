// YAML data in a file: read it, validate it with a zod schema, and report issues at the real line
// of the key (positions come from a second, position-keeping parse, done only when needed).
import { CORE_SCHEMA, load as loadYaml } from 'js-yaml';
import { isMap, isPair, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import type { z } from 'zod';
import { problemAt, type LineIndex, type Problem, type Span } from './problem.ts';

export interface YamlData<T> {
  /** The YAML as plain data, before validation (undefined when the YAML does not parse). */
  raw: unknown;
  /** Validated data, when valid. */
  data?: T;
  problems: Problem[];
}

export interface Positions {
  /** Spans of the key and the value at a path (`['runbook', 'variables', 'pod']`). */
  get(path: readonly PropertyKey[]): { key?: Span; value: Span } | undefined;
}

export function pathKey(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

/**
 * Where every key and value of a YAML text is, in file coordinates. Slower than reading the data,
 * so it is computed only when a problem needs a position.
 */
export function yamlPositions(text: string, offset: number, lines: LineIndex): Positions {
  const map = new Map<string, { key?: Span; value: Span }>();
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false });
  const spanOf = (node: YamlNode | null | undefined): Span | undefined =>
    node?.range ? lines.span(offset + node.range[0], offset + node.range[1]) : undefined;
  const walk = (node: unknown, path: PropertyKey[]) => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair) || !isScalar(pair.key)) continue;
        const childPath = [...path, String(pair.key.value)];
        const key = spanOf(pair.key);
        const value = spanOf(pair.value as YamlNode) ?? key;
        if (value) map.set(pathKey(childPath), { key, value });
        walk(pair.value, childPath);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => {
        const value = spanOf(item as YamlNode);
        if (value) map.set(pathKey([...path, index]), { value });
        walk(item, [...path, index]);
      });
    }
  };
  walk(doc.contents, []);
  return { get: (path) => map.get(pathKey(path)) };
}

export interface YamlDataOptions<T> {
  file: string;
  /** The whole file, indexed. */
  lines: LineIndex;
  /** Offset of the YAML text in the file. */
  offset: number;
  text: string;
  schema: z.ZodType<T>;
  /** Rule id for validation problems. */
  rule: string;
  /** Span reported when a problem concerns the document as a whole. */
  whole: Span;
}

/** Values a document may hold once its aliases are expanded: far above any real frontmatter or service file. */
export const MAX_YAML_VALUES = 100_000;
/** Nesting deeper than any real document (and than what the validators recurse through comfortably). */
export const MAX_YAML_DEPTH = 100;

/**
 * Reads YAML data with js-yaml — the parser Astro uses for frontmatter, so values mean the same
 * here as on the site — and validates it. Every syntax error is reported, not only the first, and a
 * document whose aliases expand beyond MAX_YAML_VALUES (an alias bomb) is refused before anything
 * walks it.
 */
export function parseYamlData<T>({ file, lines, offset, text, schema, rule, whole }: YamlDataOptions<T>): YamlData<T> {
  let raw: unknown;
  const problems: Problem[] = [];
  try {
    // CORE_SCHEMA keeps dates as written: a YAML timestamp such as 2026-13-01 would otherwise
    // become a valid Date in the following year without a word.
    raw = loadYaml(text, { schema: CORE_SCHEMA });
  } catch (error) {
    const syntax = syntaxProblems(error, file, lines, offset, text);
    if (syntax.data === undefined) return { raw: undefined, problems: syntax.problems };
    // Only duplicated keys: the rest of the document is readable, so its schema errors are shown too.
    problems.push(...syntax.problems);
    raw = syntax.data;
  }
  const tooLarge = sizeProblem(raw, file, lines, offset, text);
  if (tooLarge) return { raw: undefined, problems: [...problems, tooLarge] };
  const result = schema.safeParse(raw ?? {});
  if (result.success) return problems.length ? { raw, problems } : { raw, data: result.data, problems };
  const positions = yamlPositions(text, offset, lines);
  return { raw, problems: [...problems, ...result.error.issues.map((issue) => issueToProblem(file, rule, issue, raw, positions, whole))] };
}

/**
 * Every syntax error of a document that js-yaml refused, read again with the `yaml` package, which
 * goes on after an error (js-yaml stops at the first). When the only errors are duplicated keys,
 * also the data (last value of a key wins) so the schema can be checked in the same pass.
 */
function syntaxProblems(error: unknown, file: string, lines: LineIndex, offset: number, text: string): { problems: Problem[]; data?: unknown } {
  const at = (start: number, end: number, message: string) =>
    problemAt(file, lines.span(offset + start, offset + Math.max(end, start + 1)), { rule: 'schema/yaml', message: `Invalid YAML: ${message}` });
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  if (!doc.errors.length) {
    const mark = (error as { mark?: { position: number } }).mark;
    const reason = (error as { reason?: string }).reason ?? (error instanceof Error ? error.message : String(error));
    return { problems: [at(mark?.position ?? 0, mark?.position ?? 0, reason)] };
  }
  const problems = doc.errors.map((found) => at(found.pos[0], found.pos[1], found.code === 'DUPLICATE_KEY' ? 'duplicated mapping key' : found.message));
  if (!doc.errors.every((found) => found.code === 'DUPLICATE_KEY')) return { problems };
  try {
    return { problems, data: doc.toJS({ maxAliasCount: MAX_YAML_VALUES }) };
  } catch {
    return { problems };
  }
}

/** A problem when `raw`, with its aliases expanded, holds more than MAX_YAML_VALUES values or nests deeper than MAX_YAML_DEPTH. */
function sizeProblem(raw: unknown, file: string, lines: LineIndex, offset: number, text: string): Problem | undefined {
  const size = expandedSize(raw);
  if (size.values <= MAX_YAML_VALUES && size.depth <= MAX_YAML_DEPTH) return undefined;
  const alias = /(?:^|[\s:,[{-])(\*)[^\s,[\]{}]/m.exec(text);
  const start = offset + (alias ? alias.index + alias[0].indexOf('*') : 0);
  const message =
    size.depth > MAX_YAML_DEPTH
      ? `YAML nested more than ${MAX_YAML_DEPTH} levels deep${alias ? ' (through aliases)' : ''}`
      : `YAML expands to more than ${MAX_YAML_VALUES.toLocaleString('en-US')} values${alias ? ': its aliases (*name) repeat anchors (&name) that repeat others, an "alias bomb"' : ''}`;
  return problemAt(file, lines.span(start, start + 1), {
    rule: 'schema/yaml',
    message,
    hint: alias ? 'Write the values out instead of repeating anchors through aliases.' : 'Move large data out of the frontmatter into a linked file.',
  });
}

/**
 * The number of values in `value` and its depth, counting each alias as the values it repeats, without
 * expanding anything (each shared node is counted once and its size reused). Stops counting past the limits.
 */
export function expandedSize(value: unknown): { values: number; depth: number } {
  const sizes = new Map<object, number>();
  const open = new Set<object>();
  let deepest = 0;
  const count = (node: unknown, depth: number): number => {
    if (node === null || typeof node !== 'object') return 1;
    deepest = Math.max(deepest, depth);
    if (depth > MAX_YAML_DEPTH) return Infinity;
    const known = sizes.get(node);
    if (known !== undefined) return known;
    if (open.has(node)) return Infinity; // an alias inside its own anchor
    open.add(node);
    let total = 1;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      total += count(child, depth + 1);
      if (total > MAX_YAML_VALUES) break;
    }
    open.delete(node);
    sizes.set(node, total);
    return total;
  };
  const values = count(value, 1);
  return { values, depth: deepest };
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let value = raw;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment as string];
  }
  return value;
}

function describeValue(value: unknown): string {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  const text = JSON.stringify(value);
  return text && text.length > 60 ? `${text.slice(0, 57)}...` : String(text);
}

/** A zod issue as a problem at the real position of the key or value it concerns. */
function issueToProblem(file: string, rule: string, issue: z.core.$ZodIssue, raw: unknown, positions: Positions, whole: Span): Problem {
  const path = issue.path as PropertyKey[];
  const field = pathKey(path);
  if (issue.code === 'unrecognized_keys') {
    const span = positions.get([...path, issue.keys[0]])?.key ?? positions.get(path)?.key ?? whole;
    return problemAt(file, span, { rule, message: `${field ? `${field}: ` : ''}${issue.message}` });
  }
  if (issue.code === 'invalid_key') {
    // A record key that does not match its pattern: report the key, with the key's own message.
    const span = positions.get(path)?.key ?? whole;
    const message = issue.issues[0]?.message ?? issue.message;
    return problemAt(file, span, { rule, message: `${field}: invalid name "${String(path[path.length - 1])}": ${message}` });
  }
  const found = valueAt(raw, path);
  if (found === undefined) {
    // Point at the map that lacks the key (its own key, or the list item), or at the document.
    let parent = path.slice(0, -1);
    while (parent.length && !positions.get(parent)) parent = parent.slice(0, -1);
    const entry = parent.length ? positions.get(parent) : undefined;
    const span = entry?.key ?? entry?.value ?? whole;
    const detail = issue.message.replace(/^Invalid input: /, '').replace(/, received undefined$/, '');
    return problemAt(file, span, { rule, message: `Missing required key "${field}": ${detail}` });
  }
  const span = positions.get(path)?.value ?? whole;
  const shown = describeValue(found);
  const message = issue.message.includes(shown) ? issue.message : `${issue.message} (found ${shown})`;
  return problemAt(file, span, { rule, message: `${field || 'document'}: ${message}` });
}
