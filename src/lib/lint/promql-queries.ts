// The PromQL a runbook sends, for the rules that check what queries mean (promql/counters, promql/histogram,
// promql/range, promql/impossible, promql/precedence): each query of a command block (a promql block or a curl call to
// Prometheus's query API) and each alert expression of the frontmatter, as the core's tree, with the file span
// of any part of it and whether a part is decided by the text or by a placeholder or shell variable.
import { readPromql, type PromqlExpr, type PromqlRange } from '../core/promql/tree.ts';
import type { Block, Runbook } from '../model/types.ts';
import { LineIndex, type Span } from '../problem.ts';
import type { PromqlQuery, RuleContext, RuleVisitors } from './types.ts';

export interface CheckedQuery {
  tree: PromqlExpr;
  text: string;
  /** The file span of a part of the query. */
  span(range: PromqlRange): Span;
  /** Whether the part is written out, not filled in by a placeholder or a shell variable when it runs. */
  known(range: PromqlRange): boolean;
  /** Where the query is, for messages: '', ' (curl query)' or ' (alert Name)'. */
  where: string;
}

function blockQuery(context: RuleContext, query: PromqlQuery, block: Block, tree: PromqlExpr): CheckedQuery {
  const codeOf = (at: number) => query.offsets[Math.min(at, query.offsets.length - 1)] ?? 0;
  return {
    tree,
    text: query.text,
    span: (range) => context.codeSpan(block, codeOf(range.from), range.to > range.from ? codeOf(range.to - 1) + 1 : codeOf(range.from)),
    known: (range) => {
      if (query.placeholders.some(([start, end]) => range.from < end && range.to > start)) return false;
      for (let at = range.from; at < range.to; at++) {
        const code = codeOf(at);
        if (block.placeholders.some((site) => code >= site.start && code < site.end)) return false;
      }
      return true;
    },
    where: query.command === undefined ? '' : ' (curl query)',
  };
}

/**
 * Visitors that call `check` with every query of a runbook that parses: queries of command blocks (other
 * blocks show output or examples) and alert expressions.
 */
export function promqlQueryVisitors(context: RuleContext, check: (query: CheckedQuery) => void): Pick<RuleVisitors, 'promql' | 'runbook'> {
  return {
    promql(query, block) {
      if (query.command === undefined && block.kind !== 'command') return;
      const tree = readPromql(query.text);
      if (tree) check(blockQuery(context, query, block, tree));
    },
    runbook(runbook) {
      for (const { alert, span } of alertExpressions(context, runbook)) {
        const tree = readPromql(alert.expr);
        if (!tree) continue;
        check({ tree, text: alert.expr, span: (range) => span(range.from, range.to), known: () => true, where: ` (alert ${alert.name})` });
      }
    },
  };
}

/**
 * The alert expressions of a runbook's frontmatter, each with the file span of a part of it: exact when the
 * expression is written on one line as it is, the whole value otherwise (a folded or quoted YAML string).
 */
export function alertExpressions(context: RuleContext, runbook: Runbook): { alert: { name: string; expr: string }; span(from: number, to: number): Span }[] {
  const found: { alert: { name: string; expr: string }; span(from: number, to: number): Span }[] = [];
  let lines: LineIndex | undefined;
  (runbook.meta?.alerts ?? []).forEach((alert, index) => {
    const expr = alert.expr;
    if (!expr) return;
    lines ??= new LineIndex(runbook.source);
    const index_ = lines;
    const value = context.frontmatterSpan(['runbook', 'alerts', index, 'expr']);
    const at = runbook.source.slice(value.start.offset, value.end.offset).indexOf(expr);
    found.push({
      alert: { name: alert.name, expr },
      span: (from, to) => (at === -1 ? value : index_.span(value.start.offset + at + from, value.start.offset + at + to)),
    });
  });
  return found;
}

/** A query's text of a part, shortened for a message. */
export function excerpt(query: CheckedQuery, range: PromqlRange, max = 60): string {
  const text = query.text.slice(range.from, range.to).replace(/\s+/g, ' ');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
