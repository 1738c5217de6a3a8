// rate(), irate(), increase() and resets() read counters; delta(), idelta(), deriv() and predict_linear() read
// gauges. The metric's name says which it is (the core's naming conventions); only clear names are reported.
import { isClearCounter, metricKind } from '../../core/promql/metrics.ts';
import { promqlNodes, unparen, type PromqlExpr, type PromqlSelector } from '../../core/promql/tree.ts';
import { promqlQueryVisitors } from '../promql-queries.ts';
import { defineRule } from '../types.ts';
import { exampleRunbook } from './example.ts';

const COUNTER_FUNCTIONS = new Set(['rate', 'irate', 'increase', 'resets']);
const GAUGE_FUNCTIONS = new Set(['delta', 'idelta', 'deriv', 'predict_linear', 'holt_winters', 'double_exponential_smoothing']);

/** The selector a range function reads: `x[5m]`, or a subquery of a plain selector `x[5m:1m]`. */
function rangeSelector(arg: PromqlExpr | undefined): PromqlSelector | undefined {
  if (!arg) return undefined;
  const node = unparen(arg);
  if (node.kind === 'matrix') return node.selector;
  if (node.kind === 'subquery') {
    const inner = unparen(node.expr);
    return inner.kind === 'selector' ? inner : undefined;
  }
  return undefined;
}

const PROMETHEUS_ENV = 'env:\n  PROMETHEUS_URL: Base URL of the production Prometheus';
const BODY = (query: string) => `## Symptoms\n\nThe disk fills up.\n\n## Investigation\n\n### See how fast the disk fills\n\n\`\`\`promql\n${query}\n\`\`\`\n`;

export const promqlCounters = defineRule({
  meta: {
    id: 'promql/counters',
    category: 'commands',
    severity: 'warn',
    description: 'rate(), irate(), increase() and resets() read counters; delta(), deriv() and predict_linear() read gauges.',
    docs: [
      'A counter only goes up (`http_requests_total`); `rate()` and `increase()` read every drop as a counter reset and add it back, so on a gauge (a size, a temperature, a timestamp, a state) they return nonsense that looks plausible. The other way round, `delta()` and `deriv()` on a counter count each reset as a huge drop.',
      "The rule goes by Prometheus's naming conventions and only reports names that clearly say what they are: counters end in `_total` (and a histogram's or summary's series in `_bucket`, `_count`, `_sum`); `_bytes`, `_seconds` (without `_total`), `_ratio`, `_percent`, `_celsius`, `_info`, `_timestamp`, `_created`, `up`, `node_load1` and kube-state-metrics' `kube_*` series are gauges; a recording rule named `level:metric:operations` whose operations say `rate`, `ratio` or `avg` is already a rate. A name that says nothing (`http_requests`) is not reported; nor is one filled in by a placeholder.",
      'For a gauge use its value, `deriv()` (change per second) or `delta()`; for a timestamp, `time() - metric` (how long ago).',
    ].join('\n\n'),
    examples: {
      bad: exampleRunbook({ runbook: PROMETHEUS_ENV, body: BODY('rate(node_filesystem_avail_bytes{mountpoint="/"}[10m])') }),
      good: exampleRunbook({ runbook: PROMETHEUS_ENV, body: BODY('deriv(node_filesystem_avail_bytes{mountpoint="/"}[10m])') }),
    },
    messages: {
      notCounter: '{fn}() of `{metric}`, which is not a counter: {why}{where}',
      counter: '{fn}() of `{metric}`, which is {why}: {fn}() is for gauges and reads each counter reset as a drop{where}',
    },
  },
  create(context) {
    return promqlQueryVisitors(context, (query) => {
      for (const node of promqlNodes(query.tree)) {
        if (node.kind !== 'call') continue;
        const counterFunction = COUNTER_FUNCTIONS.has(node.name);
        if (!counterFunction && !GAUGE_FUNCTIONS.has(node.name)) continue;
        const selector = rangeSelector(node.args[0]);
        if (!selector?.metric || !selector.metricRange || !query.known(selector.metricRange)) continue;
        const kind = metricKind(selector.metric);
        const span = query.span(selector.metricRange);
        if (counterFunction && kind.kind === 'not-counter') {
          const hint = /timestamp/.test(kind.why)
            ? `For how long ago it was: \`time() - ${selector.metric}\`.`
            : /already a rate/.test(kind.why)
              ? `Use \`${selector.metric}\` as it is.`
              : `For a gauge, use its value, deriv() (change per second) or delta() (change over the range).`;
          context.report({ messageId: 'notCounter', data: { fn: node.name, metric: selector.metric, why: kind.why, where: query.where }, span, hint });
        } else if (!counterFunction && kind.kind === 'counter' && isClearCounter(selector.metric)) {
          const instead = node.name === 'delta' || node.name === 'idelta' ? 'increase()' : 'rate()';
          context.report({
            messageId: 'counter',
            data: { fn: node.name, metric: selector.metric, why: kind.why, where: query.where },
            span,
            hint: `Use ${instead}, which handles counter resets.`,
          });
        }
      }
    });
  },
});
