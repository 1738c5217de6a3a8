// Where a placeholder sits in a PromQL query, from Prometheus's own grammar (lezer-promql): inside a string
// literal, as a bare label value (`{pod=<pod>}`), in a range (`[<window>]`), or elsewhere (a number or a name).
import { parsePromql } from './tree.ts';
import type { Layer } from '../context.ts';

/** The PromQL layer of the sentinel at `at` of `query`. */
export function promqlLayer(query: string, at: number, sentinel: string): Layer {
  const tree = parsePromql(query);
  const end = at + sentinel.length;
  const path: string[] = [];
  let node = tree.resolveInner(at, 1);
  for (let current: typeof node | null = node; current; current = current.parent) path.unshift(current.name);
  // The innermost node that covers the whole sentinel.
  while (node.parent && (node.from > at || node.to < end)) node = node.parent;
  if (node.name === 'StringLiteral') {
    const quote = query[node.from];
    return { kind: 'promql-string', quote: quote === "'" ? "'" : quote === '`' ? '`' : '"' };
  }
  if (path.includes('LabelMatchers') && /(=|!=|=~|!~)\s*$/.test(query.slice(0, at))) return { kind: 'promql-label-value' };
  if (path.includes('MatrixSelector') || path.includes('SubqueryExpr') || path.includes('OffsetExpr') || /\[\s*$|\boffset\s*$/i.test(query.slice(0, at))) {
    return { kind: 'token', accepts: 'duration', where: 'a PromQL range or offset' };
  }
  if (path.includes('LabelMatchers') || path.includes('GroupingLabels')) return { kind: 'token', accepts: 'name', where: 'a PromQL label name' };
  return { kind: 'token', accepts: 'number', where: 'PromQL outside a string' };
}

/** Ranges of `#` comments in a query. */
export function promqlComments(query: string): [number, number][] {
  const found: [number, number][] = [];
  parsePromql(query).iterate({
    enter(node) {
      if (node.name === 'LineComment') found.push([node.from, node.to]);
    },
  });
  return found;
}
