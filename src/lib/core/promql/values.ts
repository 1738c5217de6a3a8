// The values a PromQL expression can take, where its functions decide them: rate() is never negative,
// count() of nothing is no result (never 0), absent() is 1. From them: comparisons that are never true
// (`count(x) == 0`, `rate(x[5m]) < 0`) and filters that exclude each other (`x > 1 and x < 0`).
import { COMPARISON_OPS, promqlShape, unparen, type BinaryOp, type PromqlExpr } from './tree.ts';

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
const NON_NEGATIVE = new Set(['rate', 'irate', 'increase', 'resets', 'changes', 'abs', 'sqrt', 'time', 'timestamp', 'histogram_count', 'count_over_time', 'days_in_month', 'day_of_month', 'day_of_week', 'day_of_year', 'hour', 'minute', 'month', 'year']);
/** Functions and aggregations whose result is 1 whenever there is one. */
const ONE = new Set(['absent', 'absent_over_time', 'present_over_time', 'group']);

/** Bounds of the values `expr` can have; ANY when nothing is known. */
export function valueBounds(expr: PromqlExpr): ValueBounds {
  const node = unparen(expr);
  if (node.kind === 'number') return { lo: node.value, hi: node.value, loOpen: false, hiOpen: false, why: `it is ${node.value}` };
  if (node.kind === 'call' || node.kind === 'aggregate') {
    const name = node.kind === 'call' ? node.name : node.op;
    if (ONE.has(name)) return { lo: 1, hi: 1, loOpen: false, hiOpen: false, why: `${name}() is 1 when it returns anything` };
    if (name === 'count' || name === 'count_over_time') return { lo: 1, hi: Infinity, loOpen: false, hiOpen: true, why: `${name}() of no series returns no result, never 0` };
    if (node.kind === 'call' && NON_NEGATIVE.has(name)) return { lo: 0, hi: Infinity, loOpen: false, hiOpen: true, why: `${name}() is never negative` };
    return ANY;
  }
  if (node.kind === 'binary' && COMPARISON_OPS.has(node.op) && !node.bool) {
    // A filter keeps the values of its vector side that pass it.
    const filter = comparisonFilter(node.op, node.lhs, node.rhs);
    if (filter) return intersect(valueBounds(filter.operand), filter.bounds);
    return ANY;
  }
  if (node.kind === 'binary' && (node.op === 'and' || node.op === 'unless')) return valueBounds(node.lhs);
  return ANY;
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
    case '>': return { operand, number, bounds: { lo: number, hi: Infinity, loOpen: true, hiOpen: true, why } };
    case '>=': return { operand, number, bounds: { lo: number, hi: Infinity, loOpen: false, hiOpen: true, why } };
    case '<': return { operand, number, bounds: { lo: -Infinity, hi: number, loOpen: true, hiOpen: true, why } };
    case '<=': return { operand, number, bounds: { lo: -Infinity, hi: number, loOpen: true, hiOpen: false, why } };
    case '==': return { operand, number, bounds: { lo: number, hi: number, loOpen: false, hiOpen: false, why } };
    default: return undefined; // `!=` excludes a point: it never empties an interval of more than one value
  }
}

/** The values both intervals hold; `why` joins both reasons. */
export function intersect(a: ValueBounds, b: ValueBounds): ValueBounds {
  const lo = Math.max(a.lo, b.lo);
  const hi = Math.min(a.hi, b.hi);
  const loOpen = a.lo === b.lo ? a.loOpen || b.loOpen : a.lo > b.lo ? a.loOpen : b.loOpen;
  const hiOpen = a.hi === b.hi ? a.hiOpen || b.hiOpen : a.hi < b.hi ? a.hiOpen : b.hiOpen;
  return { lo, hi, loOpen, hiOpen, why: [a.why, b.why].filter(Boolean).join('; ') };
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
