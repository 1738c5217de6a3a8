// PromQL problems (part of the analysis core): syntax errors from Prometheus's lezer grammar (@prometheus-io/lezer-promql) and
// type errors (`rate()` of an instant vector) from the checks of @prometheus-io/codemirror-promql,
// which loads in Node only through its CommonJS build. Offsets refer to the query as given.
import { createRequire } from 'node:module';
import { parsePromql } from './tree.ts';

export interface PromqlProblem {
  /** Offsets into the query. */
  start: number;
  end: number;
  message: string;
  hint?: string;
  kind: 'syntax' | 'type';
}

const overlaps = (start: number, end: number, ranges: [number, number][]) => ranges.some(([from, to]) => start < to && Math.max(end, start + 1) > from);

/** Aggregation operators: the only expressions a `by (...)`/`without (...)` clause may follow. */
const AGGREGATIONS = new Set([
  'sum',
  'avg',
  'min',
  'max',
  'count',
  'group',
  'stddev',
  'stdvar',
  'topk',
  'bottomk',
  'quantile',
  'count_values',
  'limitk',
  'limit_ratio',
]);

/** The name of the call whose `)` ends just before `offset`, e.g. `rate` in `rate(x[5m]) by`. */
function callBefore(text: string, offset: number): string | undefined {
  const close = text.slice(0, offset).trimEnd().length - 1;
  if (text[close] !== ')') return undefined;
  let depth = 0;
  for (let i = close; i >= 0; i--) {
    if (text[i] === ')') depth++;
    else if (text[i] === '(' && --depth === 0) return /([A-Za-z_][A-Za-z0-9_]*)\s*$/.exec(text.slice(0, i))?.[1];
  }
  return undefined;
}

/** Describes the first error node of a parse. */
function syntaxProblem(query: string, text: string, from: number, to: number): PromqlProblem {
  const trimmedEnd = text.replace(/(\s|#[^\n]*)+$/, '').length;
  if (from >= trimmedEnd) {
    const opens = (open: string, close: string) => text.split(open).length - text.split(close).length;
    const missing = opens('(', ')') > 0 ? '`)`' : opens('{', '}') > 0 ? '`}`' : opens('[', ']') > 0 ? '`]`' : 'an operand';
    const start = Math.max(0, trimmedEnd - 1);
    return {
      start,
      end: trimmedEnd,
      kind: 'syntax',
      message: trimmedEnd === 0 ? 'Unexpected end of the query, expected an expression' : `Unexpected end of the query, expected ${missing}`,
    };
  }
  // The unexpected token: the error node's text, or the word that starts where an empty one stands.
  const token = to > from ? query.slice(from, to) : (/^(\w+|\S)/.exec(query.slice(from))?.[0] ?? '');
  const end = from + token.length;
  const shown = token.length > 40 ? `${token.slice(0, 40)}…` : token;
  if (/^(by|without)$/i.test(token)) {
    const call = callBefore(text, from);
    if (call && !AGGREGATIONS.has(call.toLowerCase())) {
      return {
        start: from,
        end,
        kind: 'syntax',
        message: `Unexpected \`${token}\` after \`${call}(...)\`, expected an aggregation (sum, avg, max, topk, ...) before a \`${token} (...)\` clause`,
        hint: `Aggregate the result: \`sum ${token} (labels) (${call}(...))\`.`,
      };
    }
  }
  if (token === '(') {
    const name = /([A-Za-z_][A-Za-z0-9_]*)\s*$/.exec(text.slice(0, from))?.[1];
    if (name)
      return { start: from - name.length, end: from, kind: 'syntax', message: `Unknown function \`${name}\`, expected a PromQL function or aggregation` };
  }
  const lineStart = text.lastIndexOf('\n', from - 1) + 1;
  const secondQuery = text.slice(0, lineStart).trim() !== '' && text.slice(lineStart, from).trim() === '';
  return {
    start: from,
    end,
    kind: 'syntax',
    message: `Unexpected \`${shown}\` in PromQL`,
    ...(secondQuery ? { hint: 'A query is one expression: put each query in its own block.' } : {}),
  };
}

// codemirror-promql's type checks, loaded on first use. Its Parser reads the syntax tree and the
// text through an EditorState; a real one parses under a time budget (a busy process gets a
// partial tree and wrong diagnostics), so it gets a complete tree from the lezer-promql build
// codemirror-promql itself depends on (node ids must match) and the two methods it calls.
interface Diagnostic {
  from: number;
  to: number;
  message: string;
}
interface TypeChecker {
  check(text: string): Diagnostic[];
}
let typeChecker: TypeChecker | undefined;

function loadTypeChecker(): TypeChecker {
  if (typeChecker) return typeChecker;
  const require = createRequire(import.meta.url);
  // The package's index does not export Parser (its typings say it does); the CommonJS file does.
  const parserFile = require.resolve('@prometheus-io/codemirror-promql/dist/cjs/parser/index.js');
  const { Parser } = require(parserFile) as {
    Parser: new (state: unknown) => { analyze(): void; getDiagnostics(): Diagnostic[] };
  };
  const { parser: ownParser } = createRequire(parserFile)('@prometheus-io/lezer-promql') as { parser: { parse(text: string): unknown } };
  typeChecker = {
    check(text) {
      const tree = ownParser.parse(text);
      const state = { field: () => ({ tree }), sliceDoc: (from = 0, to = text.length) => text.slice(from, to) };
      const checker = new Parser(state);
      checker.analyze();
      return checker.getDiagnostics();
    },
  };
  return typeChecker;
}

const TYPE_NAMES: Record<string, string> = { matrix: 'range vector', vector: 'instant vector', scalar: 'scalar', string: 'string' };
const typeName = (type: string) => TYPE_NAMES[type] ?? type;

function typeProblem(diagnostic: Diagnostic): PromqlProblem {
  const call = /^expected type (\w+) in call to function "(.+)", got (\w+)$/.exec(diagnostic.message);
  const message = call
    ? `Unexpected ${typeName(call[3])} as argument of ${call[2]}(), expected a ${typeName(call[1])}`
    : /^binary expression must contain only scalar and instant vector types$/.test(diagnostic.message)
      ? 'Unexpected range vector in a binary expression, expected scalars and instant vectors'
      : `PromQL: ${diagnostic.message}`;
  const hint = call && call[1] === 'matrix' ? `Select a range: ${call[2]}(metric[5m]).` : undefined;
  return { start: diagnostic.from, end: Math.max(diagnostic.to, diagnostic.from), message, kind: 'type', ...(hint ? { hint } : {}) };
}

const cache = new Map<string, PromqlProblem[]>();

/**
 * Problems of one query: its first syntax error (later ones usually follow from it) or, when it
 * parses, its type errors. `placeholders` are the ranges of placeholders (the core's sentinels) whose value
 * decides what the query is: nothing is reported there, and a query with one is not type-checked.
 */
export function promqlProblems(query: string, placeholders: [number, number][] = []): PromqlProblem[] {
  const key = `${placeholders.map((range) => range.join('-')).join(',')}\0${query}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const text = query;
  const problems: PromqlProblem[] = [];
  let firstError: [number, number] | undefined;
  parsePromql(text).iterate({
    enter(node) {
      if (firstError) return false;
      if (node.type.isError) firstError = [node.from, node.to];
      return undefined;
    },
  });
  if (firstError) {
    const problem = syntaxProblem(query, text, ...firstError);
    if (!overlaps(problem.start, problem.end, placeholders)) problems.push(problem);
  } else if (placeholders.length === 0) {
    // A placeholder's type is unknown (`topk(<k>, x)`): type checks only run without them.
    const seen = new Set<string>();
    let diagnostics: Diagnostic[];
    try {
      diagnostics = loadTypeChecker().check(text);
    } catch (error) {
      diagnostics = [
        { from: 0, to: text.length, message: `the type checker failed on this query (${error instanceof Error ? error.message : String(error)})` },
      ];
    }
    for (const diagnostic of diagnostics) {
      if (diagnostic.message === 'unexpected expression') continue; // a syntax error, found above
      const problem = typeProblem(diagnostic);
      const key = `${problem.start}:${problem.end}:${problem.message}`;
      if (!seen.has(key)) problems.push(problem);
      seen.add(key);
    }
  }
  if (cache.size >= 10_000) cache.clear();
  cache.set(key, problems);
  return problems;
}
