// histogram_quantile() needs the rate of a histogram's `_bucket` series with their `le` label kept, and
// a quantile in [0, 1] (as do quantile() and quantile_over_time()).
import { promqlNodes, unparen, type PromqlAggregate, type PromqlExpr } from '../../core/promql/tree.ts';
import { excerpt, promqlQueryVisitors, type CheckedQuery } from '../promql-queries.ts';
import { defineRule, type RuleContext } from '../types.ts';
import { exampleRunbook } from './example.ts';

/** Aggregations whose result keeps only the labels of their grouping. */
const LABEL_DROPPING = new Set(['sum', 'avg', 'min', 'max', 'count', 'group', 'stddev', 'stdvar', 'quantile', 'count_values']);
/** Aggregations and functions that keep the labels of their input series. */
const LABEL_KEEPING_AGGREGATIONS = new Set(['topk', 'bottomk', 'limitk', 'limit_ratio']);
const LABEL_KEEPING_FUNCTIONS = new Set([
  'label_replace',
  'label_join',
  'sort',
  'sort_desc',
  'sort_by_label',
  'sort_by_label_desc',
  'clamp',
  'clamp_min',
  'clamp_max',
  'abs',
  'round',
  'last_over_time',
]);
const RATE_FUNCTIONS = new Set(['rate', 'irate', 'increase']);

/** Whether an aggregation drops the `le` label. */
function dropsLe(aggregate: PromqlAggregate): boolean {
  if (!LABEL_DROPPING.has(aggregate.op)) return false;
  if (!aggregate.grouping) return true;
  const hasLe = aggregate.grouping.labels.includes('le');
  return aggregate.grouping.mode === 'by' ? !hasLe : hasLe;
}

/** The number a quantile argument is (`0.99`, `-(1)`), or undefined when it is computed. */
function literal(expr: PromqlExpr | undefined): number | undefined {
  if (!expr) return undefined;
  const node = unparen(expr);
  if (node.kind === 'number') return node.value;
  if (node.kind === 'unary') {
    const inner = literal(node.expr);
    return inner === undefined ? undefined : node.op === '-' ? -inner : inner;
  }
  return undefined;
}

/** Checks what histogram_quantile() reads, down to the rate of its buckets. */
function checkBuckets(context: RuleContext, query: CheckedQuery, expr: PromqlExpr): void {
  const node = unparen(expr);
  switch (node.kind) {
    case 'aggregate': {
      if (dropsLe(node)) {
        const range = node.grouping ?? node.opRange;
        if (!query.known(range)) return;
        const shown = node.grouping ? `${node.op} ${excerpt(query, node.grouping)}` : `${node.op}(...)`;
        context.report({
          messageId: 'noLe',
          data: { aggregation: shown, where: query.where },
          span: query.span(range),
          hint: `Keep the buckets: \`${node.op} by (le${node.grouping?.mode === 'by' && node.grouping.labels.length ? `, ${node.grouping.labels.join(', ')}` : ''}) (...)\`.`,
        });
        return;
      }
      if (LABEL_DROPPING.has(node.op) || LABEL_KEEPING_AGGREGATIONS.has(node.op)) {
        if (node.expr) checkBuckets(context, query, node.expr);
      }
      return;
    }
    case 'binary':
      // `a_bucket / on(le) b_bucket`, `sum by (le) (...) * 2`: each vector side is read the same way.
      if (node.lhs.kind !== 'number') checkBuckets(context, query, node.lhs);
      if (node.rhs.kind !== 'number') checkBuckets(context, query, node.rhs);
      return;
    case 'call': {
      if (LABEL_KEEPING_FUNCTIONS.has(node.name) && node.args[0]) return checkBuckets(context, query, node.args[0]);
      if (!RATE_FUNCTIONS.has(node.name)) return;
      const arg = node.args[0] && unparen(node.args[0]);
      const selector = arg?.kind === 'matrix' ? arg.selector : undefined;
      if (!selector?.metric || !selector.metricRange || !query.known(selector.metricRange)) return;
      if (selector.metric.includes(':') || selector.metric.endsWith('_bucket')) return;
      context.report({
        messageId: 'notBucket',
        severity: 'warn',
        data: { metric: selector.metric, where: query.where },
        span: query.span(selector.metricRange),
        hint: `The buckets of a classic histogram are \`${selector.metric}_bucket\`, with an \`le\` label; only a native histogram has no \`_bucket\` series.`,
      });
      return;
    }
    case 'selector': {
      if (!node.metric || !node.metricRange || !query.known(node.metricRange)) return;
      // A recording rule (`job:latency_seconds_bucket:rate5m`) holds a rate already.
      if (node.metric.includes(':')) return;
      const buckets = node.metric.endsWith('_bucket') ? node.metric : `${node.metric}_bucket`;
      context.report({
        messageId: node.metric.endsWith('_bucket') ? 'noRate' : 'noRateNoBucket',
        data: { metric: node.metric, where: query.where },
        span: query.span(node.metricRange),
        hint: `Take the rate of the buckets: \`histogram_quantile(0.99, sum by (le) (rate(${buckets}[5m])))\`.`,
      });
      return;
    }
    default:
      return;
  }
}

const PROMETHEUS_ENV = 'env:\n  PROMETHEUS_URL: Base URL of the production Prometheus';
const BODY = (query: string) =>
  `## Symptoms\n\nThe API answers slowly.\n\n## Investigation\n\n### Check the 99th percentile latency\n\n\`\`\`promql\n${query}\n\`\`\`\n`;

export const promqlHistogram = defineRule({
  meta: {
    id: 'promql/histogram',
    category: 'commands',
    severity: 'error',
    description: 'histogram_quantile() needs the rate of `_bucket` series with `le` kept, and a quantile between 0 and 1.',
    docs: [
      "A classic histogram is a set of counters, one per bucket (`http_request_duration_seconds_bucket{le=\"0.5\"}`). `histogram_quantile(φ, b)` interpolates the quantile from the buckets' values, so `b` must be: the buckets' **rate** (`rate(x_bucket[5m])`; the bare counters give the quantile since the process started), of the **`_bucket`** series (not the histogram's base name, nor `_sum` or `_count`), with the **`le` label kept** by every aggregation on the way (`sum by (le) (...)`, `sum by (le, service) (...)`; `sum(...)` or `sum by (service)` drop it and the query returns nothing).",
      'The quantile φ is a number between 0 and 1: `0.99` is the 99th percentile, `99` is an error that returns `+Inf`. The same holds for `quantile()` and `quantile_over_time()`.',
      'A name without `_bucket` inside a `rate()` is a warning only: a native histogram has no `_bucket` series. Names filled in by a placeholder are not checked.',
    ].join('\n\n'),
    examples: {
      bad: exampleRunbook({
        runbook: PROMETHEUS_ENV,
        body: BODY('histogram_quantile(0.99, sum by (service) (rate(http_request_duration_seconds_bucket{service="tickets"}[5m])))'),
      }),
      good: exampleRunbook({
        runbook: PROMETHEUS_ENV,
        body: BODY('histogram_quantile(0.99, sum by (le, service) (rate(http_request_duration_seconds_bucket{service="tickets"}[5m])))'),
      }),
    },
    messages: {
      noRate:
        'histogram_quantile() of `{metric}` without rate(): bucket counters grow from the process start, so this is the quantile of its whole life{where}',
      noRateNoBucket: 'histogram_quantile() of `{metric}`, which is neither the rate of a histogram nor its `_bucket` series{where}',
      notBucket: 'histogram_quantile() of the rate of `{metric}`, which is not a `_bucket` series{where}',
      noLe: 'histogram_quantile() of `{aggregation}`, which drops the `le` label the buckets are told apart by{where}',
      quantile: '{fn}() quantile {value} is outside [0, 1]{where}',
    },
  },
  create(context) {
    return promqlQueryVisitors(context, (query) => {
      for (const node of promqlNodes(query.tree)) {
        const quantileArg =
          node.kind === 'call' && (node.name === 'histogram_quantile' || node.name === 'quantile_over_time')
            ? node.args[0]
            : node.kind === 'aggregate' && node.op === 'quantile'
              ? node.param
              : undefined;
        const fn = node.kind === 'call' ? node.name : 'quantile';
        const value = literal(quantileArg);
        if (quantileArg && value !== undefined && !(value >= 0 && value <= 1) && query.known(quantileArg)) {
          context.report({
            messageId: 'quantile',
            data: { fn, value: String(value), where: query.where },
            span: query.span(quantileArg),
            hint: `Write the quantile as a fraction: 0.99 for the 99th percentile.`,
          });
        }
        if (node.kind === 'call' && node.name === 'histogram_quantile' && node.args[1]) checkBuckets(context, query, node.args[1]);
      }
    });
  },
});
