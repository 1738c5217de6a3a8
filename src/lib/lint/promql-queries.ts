// The PromQL a runbook sends, for the rules that check what queries mean (promql/counters, promql/histogram,
// promql/range, promql/impossible, promql/precedence): each query of a command block (a promql block or a curl call to
// Prometheus's query API) and each alert expression of the frontmatter, as the core's tree, with the file span
// of any part of it and whether a part is decided by the text or by a placeholder or shell variable.
import { readPromql, type PromqlExpr, type PromqlRange } from '../core/promql/tree.ts';
import type { Block } from '../model/types.ts';
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
      const alerts = runbook.meta?.alerts ?? [];
      if (!alerts.some((alert) => alert.expr)) return;
      const lines = new LineIndex(runbook.source);
      alerts.forEach((alert, index) => {
        if (!alert.expr) return;
        const tree = readPromql(alert.expr);
        if (!tree) return;
        const value = context.frontmatterSpan(['runbook', 'alerts', index, 'expr']);
        // Exact positions when the expression is written on one line as it is; the whole value otherwise.
        const at = runbook.source.slice(value.start.offset, value.end.offset).indexOf(alert.expr);
        check({
          tree,
          text: alert.expr,
          span: (range) => (at === -1 ? value : lines.span(value.start.offset + at + range.from, value.start.offset + at + range.to)),
          known: () => true,
          where: ` (alert ${alert.name})`,
        });
      });
    },
  };
}

/** A query's text of a part, shortened for a message. */
export function excerpt(query: CheckedQuery, range: PromqlRange, max = 60): string {
  const text = query.text.slice(range.from, range.to).replace(/\s+/g, ' ');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
