// A fallback for an empty result (`x or vector(0)`) followed by arithmetic or a comparison: `or`, `and` and
// `unless` bind more loosely than every other operator, so `x or vector(0) - y` is `x or (vector(0) - y)`:
// the fallback takes part in the arithmetic instead of standing in for `x`, and the result is wrong exactly
// when `x` is empty (pint's and promtool's advice: parenthesise the fallback).
import { promqlNodes, type PromqlExpr } from '../../core/promql/tree.ts';
import { excerpt, promqlQueryVisitors } from '../promql-queries.ts';
import { defineRule } from '../types.ts';
import { exampleRunbook } from './example.ts';

const SET_OPS = new Set(['or', 'and', 'unless']);
/** Operators that bind more tightly than the set operators. */
const TIGHTER = new Set(['^', '*', '/', '%', 'atan2', '+', '-', '==', '!=', '>', '<', '>=', '<=']);

const PROMETHEUS_ENV = 'env:\n  PROMETHEUS_URL: Base URL of the production Prometheus';
const BODY = (query: string) => `## Symptoms\n\nErrors rise.\n\n## Investigation\n\n### Compare errors with requests\n\n\`\`\`promql\n${query}\n\`\`\`\n`;

/** The leftmost operand of a chain of unparenthesised binary operations. */
function leftmost(expr: PromqlExpr): PromqlExpr {
  return expr.kind === 'binary' ? leftmost(expr.lhs) : expr;
}

export const promqlPrecedence = defineRule({
  meta: {
    id: 'promql/precedence',
    category: 'commands',
    severity: 'error',
    description: 'A fallback `x or vector(0)` followed by arithmetic or a comparison without parentheses.',
    docs: [
      '`or`, `and` and `unless` bind more loosely than every other PromQL operator. `sum(errors) or vector(0) / sum(requests)` is read as `sum(errors) or (vector(0) / sum(requests))`: the fallback meant for an empty `sum(errors)` is divided instead, and when there are errors the division never happens — the query returns the error count, not a ratio.',
      'The rule reports a `vector(...)` fallback on the right of `or`/`and`/`unless` that is itself the left operand of arithmetic or a comparison, unparenthesised. Parenthesise the fallback: `(sum(errors) or vector(0)) / sum(requests)`.',
    ].join('\n\n'),
    examples: {
      bad: exampleRunbook({
        runbook: PROMETHEUS_ENV,
        body: BODY('sum(rate(http_requests_total{code=~"5.."}[5m])) or vector(0) / sum(rate(http_requests_total[5m]))'),
      }),
      good: exampleRunbook({
        runbook: PROMETHEUS_ENV,
        body: BODY('(sum(rate(http_requests_total{code=~"5.."}[5m])) or vector(0)) / sum(rate(http_requests_total[5m]))'),
      }),
    },
    messages: {
      fallback:
        '`{expression}` reads as `{left} {op} ({right})`: `{op}` binds more loosely than `{inner}`, so `{fallback}` takes part in the `{inner}` instead of standing in for an empty `{left}`{where}',
    },
  },
  create(context) {
    return promqlQueryVisitors(context, (query) => {
      for (const node of promqlNodes(query.tree)) {
        if (node.kind !== 'binary' || !SET_OPS.has(node.op) || node.rhs.kind !== 'binary' || !TIGHTER.has(node.rhs.op)) continue;
        const fallback = leftmost(node.rhs);
        if (fallback.kind !== 'call' || fallback.name !== 'vector' || !query.known(node)) continue;
        context.report({
          messageId: 'fallback',
          data: {
            expression: excerpt(query, node),
            left: excerpt(query, node.lhs, 30),
            op: node.op,
            right: excerpt(query, node.rhs, 30),
            inner: node.rhs.op,
            fallback: excerpt(query, fallback, 20),
            where: query.where,
          },
          span: query.span(node.opRange),
          hint: `Parenthesise the fallback: \`(${excerpt(query, node.lhs, 30)} ${node.op} ${excerpt(query, fallback, 20)}) ${node.rhs.op} …\`.`,
        });
      }
    });
  },
});
