// A PromQL query as a small typed tree, read from Prometheus's own grammar (@prometheus-io/lezer-promql):
// function calls with their arguments, aggregations with their grouping, binary operations, selectors with
// their label matchers, and the ranges of range selectors and subqueries. Rules ask this tree what a query
// does (which metric a rate() reads, which labels an aggregation keeps) instead of reading the text.
// Offsets are those of the query text as given; `offset` and `@` modifiers are transparent.
import type { SyntaxNode } from '@lezer/common';
import { parser } from '@prometheus-io/lezer-promql';

/** A part of the query: offsets into its text. */
export interface PromqlRange {
  from: number;
  to: number;
}

export type MatchOp = '=' | '!=' | '=~' | '!~';

export interface PromqlMatcher extends PromqlRange {
  label: string;
  op: MatchOp;
  /** The string's value, or undefined when it is not a valid PromQL string. */
  value: string | undefined;
  /** Where the value's string literal stands. */
  valueRange: PromqlRange;
}

export interface PromqlSelector extends PromqlRange {
  kind: 'selector';
  /** The metric name (`up`, `{__name__="up"}`, `{"my.metric"}`), when the selector names one with `=`. */
  metric?: string;
  /** Where the name is written (the identifier, or the matcher that gives it). */
  metricRange?: PromqlRange;
  /** The label matchers; a name given in braces is a `__name__` matcher here. */
  matchers: PromqlMatcher[];
}

/** A duration as written (`5m`, `1h30m`), with its length in seconds when it is a plain literal. */
export interface PromqlDuration extends PromqlRange {
  text: string;
  /** undefined for an expression (`[5m * 2]`, `[step()]`) or anything that is not a literal duration. */
  seconds?: number;
}

export interface PromqlMatrix extends PromqlRange {
  kind: 'matrix';
  selector: PromqlSelector;
  range: PromqlDuration;
}

export interface PromqlSubquery extends PromqlRange {
  kind: 'subquery';
  expr: PromqlExpr;
  range: PromqlDuration;
  step?: PromqlDuration;
}

export interface PromqlCall extends PromqlRange {
  kind: 'call';
  /** The function's name, lower-case as Prometheus knows it. */
  name: string;
  nameRange: PromqlRange;
  args: PromqlExpr[];
}

export interface PromqlGrouping extends PromqlRange {
  mode: 'by' | 'without';
  labels: string[];
}

export interface PromqlAggregate extends PromqlRange {
  kind: 'aggregate';
  op: string;
  opRange: PromqlRange;
  /** The parameter of topk, quantile, count_values... */
  param?: PromqlExpr;
  expr?: PromqlExpr;
  grouping?: PromqlGrouping;
}

export type BinaryOp = '^' | '*' | '/' | '%' | 'atan2' | '+' | '-' | '==' | '!=' | '>' | '<' | '>=' | '<=' | 'and' | 'or' | 'unless' | '</' | '>/';

export interface PromqlBinary extends PromqlRange {
  kind: 'binary';
  op: BinaryOp;
  opRange: PromqlRange;
  /** `== bool`: a comparison that returns 0 or 1 instead of filtering. */
  bool: boolean;
  /** The `on(...)`/`ignoring(...)` clause, without spaces; '' when there is none. */
  matching: string;
  lhs: PromqlExpr;
  rhs: PromqlExpr;
}

export interface PromqlNumber extends PromqlRange {
  kind: 'number';
  value: number;
}

export interface PromqlString extends PromqlRange {
  kind: 'string';
  value: string | undefined;
}

export interface PromqlUnary extends PromqlRange {
  kind: 'unary';
  op: '-' | '+';
  expr: PromqlExpr;
}

export interface PromqlParen extends PromqlRange {
  kind: 'paren';
  expr: PromqlExpr;
}

export type PromqlExpr =
  PromqlSelector | PromqlMatrix | PromqlSubquery | PromqlCall | PromqlAggregate | PromqlBinary | PromqlNumber | PromqlString | PromqlUnary | PromqlParen;

export const COMPARISON_OPS: ReadonlySet<BinaryOp> = new Set(['==', '!=', '>', '<', '>=', '<=']);

const BINARY_OPS: Record<string, BinaryOp> = {
  Pow: '^',
  Mul: '*',
  Div: '/',
  Mod: '%',
  Atan2: 'atan2',
  Add: '+',
  Sub: '-',
  Eql: '==',
  Neq: '!=',
  Gtr: '>',
  Lss: '<',
  Gte: '>=',
  Lte: '<=',
  And: 'and',
  Or: 'or',
  Unless: 'unless',
  TrimUpper: '</',
  TrimLower: '>/',
};
const MATCH_OPS: Record<string, MatchOp> = { EqlSingle: '=', Neq: '!=', EqlRegex: '=~', NeqRegex: '!~' };

const ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', "'": "'", '"': '"' };

/** A string literal read with Go's quoting rules, or why it cannot be. */
function unquote(literal: string): { value: string } | { error: string } {
  const quote = literal[0];
  if (!['"', "'", '`'].includes(quote)) return { error: 'it is not a string' };
  if (literal.length < 2 || literal[literal.length - 1] !== quote) return { error: 'the string is not closed' };
  const body = literal.slice(1, -1);
  if (quote === '`') return { value: body };
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const char = body[i];
    if (char !== '\\') {
      if (char === quote) return { error: 'the string is not closed' };
      out += char;
      continue;
    }
    const next = body[++i];
    const bad = { error: `\`\\${next ?? ''}\` is not an escape sequence of a PromQL string` };
    if (next === undefined) return bad;
    if (next in ESCAPES) {
      // Go accepts \' only in single quotes and \" only in double quotes.
      if ((next === "'" && quote === '"') || (next === '"' && quote === "'")) return bad;
      out += ESCAPES[next];
      continue;
    }
    const hex = (digits: number) => {
      const text = body.slice(i + 1, i + 1 + digits);
      if (!new RegExp(`^[0-9a-fA-F]{${digits}}$`).test(text)) return undefined;
      i += digits;
      return parseInt(text, 16);
    };
    let code: number | undefined;
    if (next === 'x') code = hex(2);
    else if (next === 'u') code = hex(4);
    else if (next === 'U') code = hex(8);
    else if (/[0-7]/.test(next) && /^[0-7]{2}$/.test(body.slice(i + 1, i + 3))) {
      code = parseInt(body.slice(i, i + 3), 8);
      i += 2;
    }
    if (code === undefined || code > 0x10ffff) return bad;
    out += String.fromCodePoint(code);
  }
  return { value: out };
}

/**
 * The value of a PromQL string literal, read as Prometheus reads it (Go's quoting rules: `\n`, `\x41`, `\u00e9`...;
 * raw strings in backticks); undefined when Prometheus would refuse it (`"\."` is not a valid escape).
 */
export function promqlString(literal: string): string | undefined {
  const read = unquote(literal);
  return 'value' in read ? read.value : undefined;
}

/** Why Prometheus refuses a string literal (`"a\.b"`), or undefined when it reads it. */
export function promqlStringProblem(literal: string): string | undefined {
  const read = unquote(literal);
  return 'error' in read ? read.error : undefined;
}

const UNIT_SECONDS: Record<string, number> = { y: 365 * 86400, w: 7 * 86400, d: 86400, h: 3600, m: 60, s: 1, ms: 0.001 };

/** Seconds of a PromQL duration literal (`1h30m`, `90s`, `500ms`, or a number of seconds); undefined for anything else. */
export function durationSeconds(text: string): number | undefined {
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  if (!/^(\d+(y|w|d|h|ms|m|s))+$/.test(text)) return undefined;
  let seconds = 0;
  for (const [, count, unit] of text.matchAll(/(\d+)(ms|y|w|d|h|m|s)/g)) seconds += Number(count) * UNIT_SECONDS[unit];
  return seconds;
}

/** A duration in the shortest PromQL form (`120` → `2m`, `5400` → `1h30m`). */
export function formatDuration(seconds: number): string {
  if (seconds <= 0) return '0s';
  let rest = Math.round(seconds * 1000);
  let text = '';
  for (const [unit, size] of [
    ['d', 86400000],
    ['h', 3600000],
    ['m', 60000],
    ['s', 1000],
    ['ms', 1],
  ] as const) {
    if (rest >= size) {
      text += `${Math.floor(rest / size)}${unit}`;
      rest %= size;
    }
  }
  return text;
}

function numberValue(text: string): number | undefined {
  const clean = text.replace(/_/g, '').toLowerCase();
  const sign = clean.startsWith('-') ? -1 : 1;
  const unsigned = clean.replace(/^[+-]/, '');
  if (unsigned === 'inf') return sign * Infinity;
  if (unsigned === 'nan') return NaN;
  if (/^0x[0-9a-f]+$/.test(unsigned)) return sign * parseInt(unsigned, 16);
  const duration = durationSeconds(unsigned);
  if (duration !== undefined) return sign * duration;
  const value = Number(unsigned);
  return Number.isNaN(value) ? undefined : sign * value;
}

class TreeReader {
  private readonly text: string;

  constructor(text: string) {
    this.text = text;
  }

  private slice(node: { from: number; to: number }): string {
    return this.text.slice(node.from, node.to);
  }

  private children(node: SyntaxNode): SyntaxNode[] {
    const found: SyntaxNode[] = [];
    for (let child = node.firstChild; child; child = child.nextSibling) found.push(child);
    return found;
  }

  private duration(node: SyntaxNode): PromqlDuration {
    const text = this.slice(node);
    const literal = node.firstChild?.name === 'NumberDurationLiteralInDurationContext' && node.firstChild.from === node.from && node.firstChild.to === node.to;
    const seconds = literal ? durationSeconds(text) : undefined;
    return { from: node.from, to: node.to, text, ...(seconds !== undefined ? { seconds } : {}) };
  }

  private selector(node: SyntaxNode): PromqlSelector {
    const selector: PromqlSelector = { kind: 'selector', from: node.from, to: node.to, matchers: [] };
    const identifier = node.getChild('Identifier');
    if (identifier) {
      selector.metric = this.slice(identifier);
      selector.metricRange = { from: identifier.from, to: identifier.to };
    }
    const matchers = node.getChild('LabelMatchers');
    for (const child of matchers ? this.children(matchers) : []) {
      if (child.name === 'QuotedLabelName') {
        // `{"my.metric"}`: the metric name, in Prometheus 3's quoted form.
        const name = promqlString(this.slice(child));
        if (name !== undefined && selector.metric === undefined) {
          selector.metric = name;
          selector.metricRange = { from: child.from, to: child.to };
        }
        continue;
      }
      if (child.name !== 'UnquotedLabelMatcher' && child.name !== 'QuotedLabelMatcher') continue;
      const labelNode = child.getChild('LabelName') ?? child.getChild('QuotedLabelName');
      const opNode = child.getChild('MatchOp')?.firstChild;
      const valueNode = child.getChild('StringLiteral');
      if (!labelNode || !opNode || !valueNode || !(opNode.name in MATCH_OPS)) continue;
      const label = labelNode.name === 'QuotedLabelName' ? promqlString(this.slice(labelNode)) : this.slice(labelNode);
      if (label === undefined) continue;
      const matcher: PromqlMatcher = {
        label,
        op: MATCH_OPS[opNode.name],
        value: promqlString(this.slice(valueNode)),
        from: child.from,
        to: child.to,
        valueRange: { from: valueNode.from, to: valueNode.to },
      };
      selector.matchers.push(matcher);
      if (label === '__name__' && matcher.op === '=' && matcher.value !== undefined && selector.metric === undefined) {
        selector.metric = matcher.value;
        selector.metricRange = { from: child.from, to: child.to };
      }
    }
    return selector;
  }

  /** The expressions of a call's or aggregation's argument list. */
  private args(body: SyntaxNode | null): PromqlExpr[] {
    if (!body) return [];
    return this.children(body)
      .map((child) => this.expr(child))
      .filter((expr): expr is PromqlExpr => expr !== undefined);
  }

  expr(node: SyntaxNode): PromqlExpr | undefined {
    const range = { from: node.from, to: node.to };
    switch (node.name) {
      case 'PromQL':
      case 'OffsetExpr':
      case 'StepInvariantExpr':
      case 'AnchoredExpr':
      case 'SmoothedExpr':
        // Modifiers change when a query looks, not what it reads.
        return node.firstChild ? this.expr(node.firstChild) : undefined;
      case 'VectorSelector':
        return this.selector(node);
      case 'MatrixSelector': {
        const inner = node.firstChild ? this.expr(node.firstChild) : undefined;
        const duration = node.getChild('DurationExpr');
        if (!inner || !duration) return undefined;
        if (inner.kind !== 'selector') return undefined;
        return { kind: 'matrix', ...range, selector: inner, range: this.duration(duration) };
      }
      case 'SubqueryExpr': {
        const inner = node.firstChild ? this.expr(node.firstChild) : undefined;
        const [duration, step] = node.getChildren('DurationExpr');
        if (!inner || !duration) return undefined;
        return { kind: 'subquery', ...range, expr: inner, range: this.duration(duration), ...(step ? { step: this.duration(step) } : {}) };
      }
      case 'FunctionCall': {
        const identifier = node.getChild('FunctionIdentifier');
        if (!identifier) return undefined;
        return {
          kind: 'call',
          ...range,
          name: this.slice(identifier).toLowerCase(),
          nameRange: { from: identifier.from, to: identifier.to },
          args: this.args(node.getChild('FunctionCallBody')),
        };
      }
      case 'AggregateExpr': {
        const op = node.getChild('AggregateOp');
        if (!op) return undefined;
        const args = this.args(node.getChild('FunctionCallBody'));
        const modifier = node.getChild('AggregateModifier');
        const aggregate: PromqlAggregate = { kind: 'aggregate', ...range, op: this.slice(op).toLowerCase(), opRange: { from: op.from, to: op.to } };
        if (args.length > 1) aggregate.param = args[0];
        const expr = args[args.length - 1];
        if (expr) aggregate.expr = expr;
        if (modifier) {
          const labels = modifier.getChild('GroupingLabels');
          aggregate.grouping = {
            from: modifier.from,
            to: modifier.to,
            mode: modifier.getChild('Without') ? 'without' : 'by',
            labels: labels
              ? this.children(labels)
                  .map((label) => (label.name === 'QuotedLabelName' ? promqlString(this.slice(label)) : this.slice(label)))
                  .filter((label): label is string => label !== undefined)
              : [],
          };
        }
        return aggregate;
      }
      case 'BinaryExpr': {
        const children = this.children(node);
        const opIndex = children.findIndex((child) => child.name in BINARY_OPS);
        if (opIndex < 1) return undefined;
        const lhs = this.expr(children[0]);
        const rhs = this.expr(children[children.length - 1]);
        if (!lhs || !rhs) return undefined;
        const opNode = children[opIndex];
        return {
          kind: 'binary',
          ...range,
          op: BINARY_OPS[opNode.name],
          opRange: { from: opNode.from, to: opNode.to },
          lhs,
          rhs,
          bool: children.some((child) => child.name === 'BoolModifier'),
          matching: children
            .filter((child) => child.name === 'MatchingModifierClause')
            .map((child) => this.slice(child).replace(/\s+/g, ''))
            .join(''),
        };
      }
      case 'ParenExpr': {
        const inner = node.firstChild ? this.expr(node.firstChild) : undefined;
        return inner ? { kind: 'paren', ...range, expr: inner } : undefined;
      }
      case 'UnaryExpr': {
        const op = node.getChild('UnaryOp');
        const inner = node.lastChild ? this.expr(node.lastChild) : undefined;
        if (!op || !inner) return undefined;
        return { kind: 'unary', ...range, op: this.slice(op) === '-' ? '-' : '+', expr: inner };
      }
      case 'NumberDurationLiteral': {
        const value = numberValue(this.slice(node));
        return value === undefined ? undefined : { kind: 'number', ...range, value };
      }
      case 'StringLiteral':
        return { kind: 'string', ...range, value: promqlString(this.slice(node)) };
      default:
        return undefined;
    }
  }
}

const expressions = new Map<string, PromqlExpr | undefined>();

/** The tree of a query, or undefined when it does not parse (promql/syntax reports why). Trees are shared: don't change them. */
export function readPromql(text: string): PromqlExpr | undefined {
  if (expressions.has(text)) return expressions.get(text);
  if (expressions.size >= 10_000) expressions.clear();
  const read = readTree(text);
  expressions.set(text, read);
  return read;
}

function readTree(text: string): PromqlExpr | undefined {
  const tree = parsePromql(text);
  let broken = false;
  tree.iterate({
    enter(node) {
      if (broken) return false;
      if (node.type.isError) broken = true;
      return undefined;
    },
  });
  if (broken) return undefined;
  return new TreeReader(text).expr(tree.topNode);
}

/** The expressions directly under `expr`, in order. */
export function promqlChildren(expr: PromqlExpr): PromqlExpr[] {
  switch (expr.kind) {
    case 'matrix':
      return [expr.selector];
    case 'subquery':
    case 'paren':
    case 'unary':
      return [expr.expr];
    case 'call':
      return expr.args;
    case 'aggregate':
      return [expr.param, expr.expr].filter((child): child is PromqlExpr => child !== undefined);
    case 'binary':
      return [expr.lhs, expr.rhs];
    default:
      return [];
  }
}

/** Every expression of the tree, parents before children. */
export function promqlNodes(expr: PromqlExpr): PromqlExpr[] {
  const found: PromqlExpr[] = [];
  const visit = (node: PromqlExpr) => {
    found.push(node);
    promqlChildren(node).forEach(visit);
  };
  visit(expr);
  return found;
}

/** The expression without the parentheses around it. */
export function unparen(expr: PromqlExpr): PromqlExpr {
  return expr.kind === 'paren' ? unparen(expr.expr) : expr;
}

/** A form of the expression that is equal for equal expressions however they are spaced or parenthesised. */
export function promqlShape(expr: PromqlExpr): string {
  const node = unparen(expr);
  switch (node.kind) {
    case 'number':
      return String(node.value);
    case 'string':
      return JSON.stringify(node.value ?? null);
    case 'selector':
      return `${node.metric ?? ''}{${node.matchers
        .filter((m) => !(m.label === '__name__' && m.op === '=' && m.value === node.metric))
        .map((m) => `${m.label}${m.op}${JSON.stringify(m.value ?? null)}`)
        .sort()
        .join(',')}}`;
    case 'matrix':
      return `${promqlShape(node.selector)}[${node.range.seconds ?? node.range.text}]`;
    case 'subquery':
      return `${promqlShape(node.expr)}[${node.range.seconds ?? node.range.text}:${node.step ? (node.step.seconds ?? node.step.text) : ''}]`;
    case 'call':
      return `${node.name}(${node.args.map(promqlShape).join(',')})`;
    case 'aggregate':
      return `${node.op}${node.grouping ? ` ${node.grouping.mode}(${[...node.grouping.labels].sort().join(',')})` : ''}(${[node.param, node.expr]
        .filter((child): child is PromqlExpr => child !== undefined)
        .map(promqlShape)
        .join(',')})`;
    case 'binary':
      return `(${promqlShape(node.lhs)} ${node.op}${node.bool ? ' bool' : ''}${node.matching ? ` ${node.matching}` : ''} ${promqlShape(node.rhs)})`;
    case 'unary':
      return `${node.op}${promqlShape(node.expr)}`;
    default:
      return '';
  }
}

// Prometheus's grammar (lezer-promql) parses each query once: the placeholder layers, comments, labels and
// problems of a query, and the typed tree above, all walk the same tree. Trees are immutable, so they are
// shared; the cache is bounded.
type PromqlTree = ReturnType<typeof parser.parse>;

const MAX_ENTRIES = 4096;
const trees = new Map<string, PromqlTree>();

export function parsePromql(text: string): PromqlTree {
  let tree = trees.get(text);
  if (!tree) {
    if (trees.size >= MAX_ENTRIES) trees.delete(trees.keys().next().value!);
    tree = parser.parse(text);
    trees.set(text, tree);
  }
  return tree;
}
