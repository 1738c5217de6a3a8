// The values a PromQL expression can take, where its functions decide them: rate() is never negative,
// count() of nothing is no result (never 0), absent() is 1. From them: comparisons that are never true
// (`count(x) == 0`, `rate(x[5m]) < 0`) and filters that exclude each other (`x > 1 and x < 0`).
import { COMPARISON_OPS, promqlShape, unparen, type BinaryOp, type PromqlExpr, type PromqlMatcher, type PromqlSelector } from './tree.ts';

/** An interval of values; open ends exclude their bound. */
export interface ValueBounds {
  lo: number;
  hi: number;
  loOpen: boolean;
  hiOpen: boolean;
  /** Why the expression cannot leave the interval (for messages), e.g. "rate() is never negative". */
  why: string;
}

const ANY: ValueBounds = { lo: -Infinity, hi: Infinity, loOpen: true, hiOpen: true, why: '' };

/** Functions whose result is never negative. */
const NON_NEGATIVE = new Set([
  'rate',
  'irate',
  'increase',
  'resets',
  'changes',
  'abs',
  'sqrt',
  'time',
  'timestamp',
  'histogram_count',
  'count_over_time',
  'days_in_month',
  'day_of_month',
  'day_of_week',
  'day_of_year',
  'hour',
  'minute',
  'month',
  'year',
]);
/** Functions and aggregations whose result is 1 whenever there is one. */
const ONE = new Set(['absent', 'absent_over_time', 'present_over_time', 'group']);

/** Bounds of the values `expr` can have; ANY when nothing is known. */
export function valueBounds(expr: PromqlExpr): ValueBounds {
  const node = unparen(expr);
  if (node.kind === 'number') return { lo: node.value, hi: node.value, loOpen: false, hiOpen: false, why: `it is ${node.value}` };
  if (node.kind === 'call' || node.kind === 'aggregate') {
    const name = node.kind === 'call' ? node.name : node.op;
    if (ONE.has(name)) return { lo: 1, hi: 1, loOpen: false, hiOpen: false, why: `${name}() is 1 when it returns anything` };
    if (name === 'count' || name === 'count_over_time')
      return { lo: 1, hi: Infinity, loOpen: false, hiOpen: true, why: `${name}() of no series returns no result, never 0` };
    if (node.kind === 'call' && NON_NEGATIVE.has(name)) return { lo: 0, hi: Infinity, loOpen: false, hiOpen: true, why: `${name}() is never negative` };
    if (node.kind === 'call') return ANY;
  }
  if (node.kind === 'binary' && COMPARISON_OPS.has(node.op) && !node.bool) {
    // A filter keeps the values of its vector side that pass it.
    const filter = comparisonFilter(node.op, node.lhs, node.rhs);
    if (filter) return intersect(valueBounds(filter.operand), filter.bounds);
    return ANY;
  }
  if (node.kind === 'binary' && (node.op === 'and' || node.op === 'unless')) return valueBounds(node.lhs);
  if (node.kind === 'binary' && ['+', '-', '*', '/'].includes(node.op)) return arithmeticBounds(node.op, node.lhs, node.rhs);
  if (node.kind === 'aggregate' && node.expr && ['sum', 'avg', 'min', 'max'].includes(node.op)) {
    const inner = valueBounds(node.expr);
    // A sum of values of one sign keeps that sign; an average, minimum or maximum stays in their interval.
    if (node.op !== 'sum') return inner;
    return { ...ANY, lo: inner.lo >= 0 ? 0 : -Infinity, hi: inner.hi <= 0 ? 0 : Infinity, loOpen: !(inner.lo >= 0), hiOpen: !(inner.hi <= 0), why: inner.why };
  }
  return ANY;
}

/** Interval arithmetic for the signs that can be proven; ANY for the rest. */
function arithmeticBounds(op: BinaryOp, lhs: PromqlExpr, rhs: PromqlExpr): ValueBounds {
  const [a, b] = [valueBounds(lhs), valueBounds(rhs)];
  const why = [...new Set([a.why, b.why].filter(Boolean))].join('; ');
  const nonNegative = (x: ValueBounds) => x.lo >= 0;
  const nonPositive = (x: ValueBounds) => x.hi <= 0;
  const sign = (positive: boolean, reason: string): ValueBounds =>
    positive ? { lo: 0, hi: Infinity, loOpen: false, hiOpen: true, why: reason } : { lo: -Infinity, hi: 0, loOpen: true, hiOpen: false, why: reason };
  if (op === '-') {
    const part = partOf(lhs, rhs);
    if (part) return sign(false, part);
    if (nonNegative(a) && nonPositive(b)) return sign(true, why);
    if (nonPositive(a) && nonNegative(b)) return sign(false, why);
    return ANY;
  }
  if (op === '+') {
    if (nonNegative(a) && nonNegative(b)) return sign(true, why);
    if (nonPositive(a) && nonPositive(b)) return sign(false, why);
    return ANY;
  }
  // `*` and `/`: the sign of a product or quotient (a division by 0 gives ±Inf or NaN, which keep it or compare false).
  if (nonNegative(b) && (nonNegative(a) || nonPositive(a)) && (a.why || b.why)) return sign(nonNegative(a), why);
  if (nonPositive(b) && (nonNegative(a) || nonPositive(a)) && (a.why || b.why)) return sign(nonPositive(a), why);
  return ANY;
}

const sameMatcher = (a: PromqlMatcher, b: PromqlMatcher) => a.label === b.label && a.op === b.op && a.value === b.value;

/** The histogram a selector of `_bucket{le=...}` or `_count` series reads: its base name and matchers without `le`. */
function histogramPart(selector: PromqlSelector, suffix: '_bucket' | '_count'): { base: string; matchers: PromqlMatcher[] } | undefined {
  if (!selector.metric?.endsWith(suffix) || selector.metric.includes(':')) return undefined;
  const matchers = selector.matchers.filter((matcher) => matcher.label !== '__name__');
  if (suffix === '_bucket' && !matchers.some((matcher) => matcher.label === 'le' && matcher.op === '=')) return undefined;
  return { base: selector.metric.slice(0, -suffix.length), matchers: matchers.filter((matcher) => matcher.label !== 'le') };
}

/**
 * Why `lhs` never exceeds `rhs`, when it is the same reading of one bucket of a histogram (`x_bucket{le="1"}`)
 * as `rhs` is of all its observations (`x_count`), over the same or fewer series: a bucket counts a part.
 */
function partOf(lhs: PromqlExpr, rhs: PromqlExpr): string | undefined {
  // Peel equal wrappers (the same aggregation, the same rate over the same range) off both sides.
  let [left, right] = [unparen(lhs), unparen(rhs)];
  for (;;) {
    if (
      left.kind === 'aggregate' &&
      right.kind === 'aggregate' &&
      left.op === 'sum' &&
      right.op === 'sum' &&
      left.expr &&
      right.expr &&
      !left.param &&
      !right.param
    ) {
      const same =
        (left.grouping?.mode ?? '') === (right.grouping?.mode ?? '') &&
        [...(left.grouping?.labels ?? [])].sort().join() === [...(right.grouping?.labels ?? [])].sort().join();
      if (!same) return undefined;
      [left, right] = [unparen(left.expr), unparen(right.expr)];
    } else if (left.kind === 'call' && right.kind === 'call' && left.name === right.name && ['rate', 'irate', 'increase'].includes(left.name)) {
      const [l, r] = [left.args[0] && unparen(left.args[0]), right.args[0] && unparen(right.args[0])];
      if (l?.kind !== 'matrix' || r?.kind !== 'matrix' || l.range.seconds === undefined || l.range.seconds !== r.range.seconds) return undefined;
      [left, right] = [l.selector, r.selector];
    } else break;
  }
  if (left.kind !== 'selector' || right.kind !== 'selector') return undefined;
  const bucket = histogramPart(left, '_bucket');
  const count = histogramPart(right, '_count');
  if (!bucket || !count || bucket.base !== count.base) return undefined;
  // Every matcher of the count is also on the bucket: the bucket reads the same series or fewer.
  if (!count.matchers.every((matcher) => bucket.matchers.some((other) => sameMatcher(matcher, other)))) return undefined;
  return `\`${left.metric}\` with one \`le\` never exceeds \`${right.metric}\` of the same series: a bucket counts a part of the observations`;
}

/** `operand op number` (either way round) as the interval the filter keeps; undefined unless one side is a number. */
export function comparisonFilter(op: BinaryOp, lhs: PromqlExpr, rhs: PromqlExpr): { operand: PromqlExpr; number: number; bounds: ValueBounds } | undefined {
  const [left, right] = [unparen(lhs), unparen(rhs)];
  const flipped: Partial<Record<BinaryOp, BinaryOp>> = { '>': '<', '<': '>', '>=': '<=', '<=': '>=', '==': '==', '!=': '!=' };
  let operand: PromqlExpr;
  let number: number;
  let effective = op;
  if (right.kind === 'number' && left.kind !== 'number') [operand, number] = [left, right.value];
  else if (left.kind === 'number' && right.kind !== 'number') [operand, number, effective] = [right, left.value, flipped[op] ?? op];
  else return undefined;
  if (Number.isNaN(number)) return undefined;
  const why = '';
  switch (effective) {
    case '>':
      return { operand, number, bounds: { lo: number, hi: Infinity, loOpen: true, hiOpen: true, why } };
    case '>=':
      return { operand, number, bounds: { lo: number, hi: Infinity, loOpen: false, hiOpen: true, why } };
    case '<':
      return { operand, number, bounds: { lo: -Infinity, hi: number, loOpen: true, hiOpen: true, why } };
    case '<=':
      return { operand, number, bounds: { lo: -Infinity, hi: number, loOpen: true, hiOpen: false, why } };
    case '==':
      return { operand, number, bounds: { lo: number, hi: number, loOpen: false, hiOpen: false, why } };
    default:
      return undefined; // `!=` excludes a point: it never empties an interval of more than one value
  }
}

/** The values both intervals hold; `why` joins both reasons. */
export function intersect(a: ValueBounds, b: ValueBounds): ValueBounds {
  const lo = Math.max(a.lo, b.lo);
  const hi = Math.min(a.hi, b.hi);
  const loOpen = a.lo === b.lo ? a.loOpen || b.loOpen : a.lo > b.lo ? a.loOpen : b.loOpen;
  const hiOpen = a.hi === b.hi ? a.hiOpen || b.hiOpen : a.hi < b.hi ? a.hiOpen : b.hiOpen;
  return { lo, hi, loOpen, hiOpen, why: [...new Set([a.why, b.why].filter(Boolean))].join('; ') };
}

/** Whether no value lies in the interval. */
export function isEmpty(bounds: ValueBounds): boolean {
  if (bounds.lo > bounds.hi) return true;
  return bounds.lo === bounds.hi && (bounds.loOpen || bounds.hiOpen || !Number.isFinite(bounds.lo));
}

/** The expression a chain of filters (`x > 1`, `(x > 1) < 5`) compares, and its shape. */
export function filteredOperand(expr: PromqlExpr): { operand: PromqlExpr; shape: string } {
  let node = unparen(expr);
  while (node.kind === 'binary' && COMPARISON_OPS.has(node.op) && !node.bool) {
    const filter = comparisonFilter(node.op, node.lhs, node.rhs);
    if (!filter) break;
    node = unparen(filter.operand);
  }
  return { operand: node, shape: promqlShape(node) };
}
