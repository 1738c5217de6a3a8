// PromQL semantics: promql/counters, promql/histogram, promql/range and promql/impossible, on promql
// blocks, curl queries and alert expressions; and the core's facts they ask (tree, names, matchers, values).
import { describe, expect, it } from 'vitest';
import { lintProject } from '../../../src/lib/lint/engine.ts';
import { exampleRunbook } from '../../../src/lib/lint/rules/example.ts';
import { promqlCounters } from '../../../src/lib/lint/rules/promql-counters.ts';
import { promqlHistogram } from '../../../src/lib/lint/rules/promql-histogram.ts';
import { promqlImpossible } from '../../../src/lib/lint/rules/promql-impossible.ts';
import { promqlRange } from '../../../src/lib/lint/rules/promql-range.ts';
import { promqlPrecedence } from '../../../src/lib/lint/rules/promql-precedence.ts';
import { loadProject } from '../../../src/lib/project.ts';
import { matcherConflict, promqlRegex } from '../../../src/lib/core/promql/matchers.ts';
import { metricKind } from '../../../src/lib/core/promql/metrics.ts';
import {
  durationSeconds,
  formatDuration,
  promqlNodes,
  promqlShape,
  promqlString,
  promqlStringProblem,
  readPromql,
  type PromqlSelector,
} from '../../../src/lib/core/promql/tree.ts';
import { valueBounds, isEmpty } from '../../../src/lib/core/promql/values.ts';
import { makeProject } from '../../helpers/project.ts';
import { ruleTester } from '../../helpers/rule-tester.ts';

/** A runbook whose body starts at line 10; the first code line of `fence` is line 15. */
const doc = (fence: string, code: string) => exampleRunbook({ body: `## Investigation\n\n### Check\n\n${fence}\n${code}\n\`\`\`\n` });
const promql = (code: string) => doc('```promql', code);
const bash = (code: string) => doc('```bash', code);
/** A runbook with one alert whose expression is on line 10. */
const alert = (expr: string) => exampleRunbook({ runbook: `alerts:\n  - name: Broken\n    expr: ${expr}` });

ruleTester(promqlCounters, {
  valid: [
    { name: 'rate of a counter', code: promql('sum by (code) (rate(http_requests_total{code=~"5.."}[5m]))') },
    { name: "rate of a histogram's series", code: promql('rate(http_request_duration_seconds_count[5m]) / rate(http_request_duration_seconds_sum[5m])') },
    { name: 'increase of buckets', code: promql('increase(http_request_duration_seconds_bucket[1h])') },
    { name: 'a name that says nothing', code: promql('rate(http_requests[5m])') },
    { name: 'a kube-state-metrics counter', code: promql('increase(kube_pod_container_status_restarts_total[1h])') },
    { name: 'a possible native histogram', code: promql('rate(http_request_duration_seconds[5m])') },
    { name: 'deriv of a gauge', code: promql('deriv(node_filesystem_avail_bytes[1h])') },
    { name: 'delta of a _count (some exporters name gauges so)', code: promql('delta(pg_stat_activity_count[5m])') },
    { name: 'a recording rule that says nothing of a rate', code: promql('rate(job:http_requests_total:sum[5m])') },
    { name: 'placeholder as the metric', code: promql('rate(<metric>[5m])') },
    { name: 'shell variable as the metric', code: bash('curl -s "$PROMETHEUS_URL/api/v1/query" --data-urlencode "query=rate(${METRIC}_bytes[5m])"') },
    { name: 'text blocks are not checked', code: doc('```promql text', 'rate(node_load1[5m])') },
  ],
  invalid: [
    {
      name: 'rate of a size in bytes',
      code: promql('rate(node_memory_MemAvailable_bytes[5m])'),
      errors: [
        {
          message:
            'rate() of `node_memory_MemAvailable_bytes`, which is not a counter: a size in bytes is a gauge; a counter of bytes is named `..._bytes_total`',
          line: 15,
          column: 6,
          endLine: 15,
          endColumn: 36,
          severity: 'warn',
        },
      ],
    },
    {
      name: 'increase of a kube-state-metrics gauge',
      code: promql('increase(kube_deployment_status_replicas_available{namespace="shop"}[1h])'),
      errors: [
        {
          message: /^increase\(\) of `kube_deployment_status_replicas_available`, which is not a counter: kube-state-metrics exposes object state as gauges/,
          line: 15,
          column: 10,
          endColumn: 51,
        },
      ],
    },
    {
      name: 'irate of a timestamp',
      code: promql('irate(process_start_time_seconds[5m])'),
      errors: [{ message: /^irate\(\) of `process_start_time_seconds`, which is not a counter: it is a timestamp/, line: 15, column: 7, endColumn: 33 }],
    },
    {
      name: 'rate of up, a gauge in a subquery',
      code: promql('rate(up{job="api"}[5m]) + resets(container_memory_usage_bytes[1h:1m])'),
      errors: [
        { message: /^rate\(\) of `up`, which is not a counter: it is 1 while the target is scraped/, line: 15, column: 6, endColumn: 8 },
        { message: /^resets\(\) of `container_memory_usage_bytes`, which is not a counter/, line: 15, column: 34, endColumn: 62 },
      ],
    },
    {
      name: 'rate of a recording rule that is a rate already',
      code: promql('rate(job:http_requests:rate5m[5m])'),
      errors: [
        {
          message:
            'rate() of `job:http_requests:rate5m`, which is not a counter: it is a recording rule whose operations (`rate5m`) say it is already a rate or ratio',
          line: 15,
          column: 6,
          endColumn: 30,
        },
      ],
    },
    {
      name: 'delta of a counter',
      code: promql('delta(http_requests_total[5m])'),
      errors: [
        {
          message: 'delta() of `http_requests_total`, which is a counter (`_total`): delta() is for gauges and reads each counter reset as a drop',
          line: 15,
          column: 7,
          endColumn: 26,
        },
      ],
    },
    {
      name: 'metric name given in braces',
      code: promql('rate({__name__="node_load15"}[5m])'),
      errors: [{ message: /^rate\(\) of `node_load15`, which is not a counter: the load average is a gauge$/, line: 15, column: 7, endColumn: 29 }],
    },
    {
      name: 'in a curl query',
      code: bash('curl -s "$PROMETHEUS_URL/api/v1/query" --data-urlencode \'query=rate(node_load1[5m])\''),
      errors: [
        { message: /^rate\(\) of `node_load1`, which is not a counter: the load average is a gauge \(curl query\)$/, line: 15, column: 69, endColumn: 79 },
      ],
    },
    {
      name: 'in an alert expression',
      code: alert('rate(node_filesystem_free_bytes[5m]) < 0'),
      errors: [{ message: /^rate\(\) of `node_filesystem_free_bytes`, which is not a counter.*\(alert Broken\)$/, line: 10, column: 18, endColumn: 44 }],
    },
  ],
});

ruleTester(promqlHistogram, {
  valid: [
    {
      name: 'sum by (le) of a rate of buckets',
      code: promql('histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{service="tickets"}[5m])))'),
    },
    { name: 'trailing by with le and more', code: promql('histogram_quantile(0.99, sum(rate(x_bucket[5m])) by (le, job))') },
    { name: 'no aggregation', code: promql('histogram_quantile(0.9, rate(x_bucket[5m]))') },
    { name: 'without, keeping le', code: promql('histogram_quantile(0.9, sum without (pod, instance) (increase(x_bucket[1h])))') },
    { name: 'a recording rule of bucket rates', code: promql('histogram_quantile(0.9, job:x_bucket:rate5m)') },
    { name: 'label_replace and topk keep le', code: promql('histogram_quantile(0.5, topk(3, label_replace(rate(x_bucket[5m]), "a", "$1", "b", "(.*)")))') },
    { name: 'placeholder quantile', code: promql('histogram_quantile(<quantile>, sum by (le) (rate(x_bucket[5m])))') },
    { name: 'quantile aggregation in range', code: promql('quantile(0.5, rate(x_total[5m])) + quantile_over_time(1, x[10m])') },
    { name: 'placeholder metric', code: promql('histogram_quantile(0.9, <metric>)') },
  ],
  invalid: [
    {
      name: "no rate, no _bucket (the issue's example)",
      code: promql('histogram_quantile(0.99, http_request_duration_seconds)'),
      errors: [
        {
          message: 'histogram_quantile() of `http_request_duration_seconds`, which is neither the rate of a histogram nor its `_bucket` series',
          line: 15,
          column: 26,
          endLine: 15,
          endColumn: 55,
          severity: 'error',
        },
      ],
    },
    {
      name: 'buckets without rate',
      code: promql('histogram_quantile(0.99, sum by (le) (x_bucket{job="api"}))'),
      errors: [
        {
          message: 'histogram_quantile() of `x_bucket` without rate(): bucket counters grow from the process start, so this is the quantile of its whole life',
          line: 15,
          column: 39,
          endColumn: 47,
        },
      ],
    },
    {
      name: 'aggregated by another label',
      code: promql('histogram_quantile(0.99, sum by (job) (rate(x_bucket[5m])))'),
      errors: [
        { message: 'histogram_quantile() of `sum by (job)`, which drops the `le` label the buckets are told apart by', line: 15, column: 30, endColumn: 38 },
      ],
    },
    {
      name: 'aggregated without grouping',
      code: promql('histogram_quantile(0.99, sum(rate(x_bucket[5m])))'),
      errors: [
        { message: 'histogram_quantile() of `sum(...)`, which drops the `le` label the buckets are told apart by', line: 15, column: 26, endColumn: 29 },
      ],
    },
    {
      name: 'aggregated without le',
      code: promql('histogram_quantile(0.99, sum(rate(x_bucket[5m])) without (le))'),
      errors: [{ message: /^histogram_quantile\(\) of `sum without \(le\)`/, line: 15, column: 50, endColumn: 62 }],
    },
    {
      name: 'rate of a name without _bucket (a warning: native histograms)',
      code: promql('histogram_quantile(0.9, sum by (le) (rate(http_request_duration_seconds[5m])))'),
      errors: [
        {
          message: 'histogram_quantile() of the rate of `http_request_duration_seconds`, which is not a `_bucket` series',
          line: 15,
          column: 43,
          endColumn: 72,
          severity: 'warn',
        },
      ],
    },
    {
      name: 'quantiles outside [0, 1]',
      code: promql('histogram_quantile(99, sum by (le) (rate(x_bucket[5m]))) + quantile(-0.5, x) + quantile_over_time(95, x[5m])'),
      errors: [
        { message: 'histogram_quantile() quantile 99 is outside [0, 1]', line: 15, column: 20, endColumn: 22 },
        { message: 'quantile() quantile -0.5 is outside [0, 1]', line: 15, column: 69, endColumn: 73 },
        { message: 'quantile_over_time() quantile 95 is outside [0, 1]', line: 15, column: 99, endColumn: 101 },
      ],
    },
    {
      name: 'in a curl query and an alert',
      code: exampleRunbook({
        runbook: 'alerts:\n  - name: Slow\n    expr: histogram_quantile(0.99, sum by (job) (rate(x_bucket[5m]))) > 1',
        body: '## Investigation\n\n### Check\n\n```bash\ncurl -s "$PROMETHEUS_URL/api/v1/query" --data-urlencode \'query=histogram_quantile(0.99, latency_seconds)\'\n```\n',
      }),
      errors: [
        { message: /^histogram_quantile\(\) of `sum by \(job\)`.*\(alert Slow\)$/, line: 10, column: 42, endColumn: 50 },
        { message: /^histogram_quantile\(\) of `latency_seconds`, which is neither.*\(curl query\)$/, line: 18, column: 89, endColumn: 104 },
      ],
    },
  ],
});

ruleTester(promqlRange, {
  valid: [
    { name: 'four scrape intervals', code: promql('rate(http_requests_total[2m]) + increase(x_total[1h])') },
    { name: 'one sample is enough', code: promql('last_over_time(x[30s]) + absent_over_time(up[1m])') },
    { name: 'placeholder range', code: promql('rate(x_total[<window>])') },
    { name: 'subquery ranges are not checked', code: promql('max_over_time(rate(x_total[5m])[30m:15s])') },
  ],
  invalid: [
    {
      name: 'one minute of a 30 s scrape',
      code: promql('sum(rate(http_requests_total{code=~"5.."}[1m]))'),
      errors: [
        {
          message: '`[1m]` in rate() is shorter than 4 scrape intervals of 30s (2m): it holds 2 samples at best, too few to survive a missed scrape',
          line: 15,
          column: 43,
          endLine: 15,
          endColumn: 45,
          severity: 'warn',
        },
      ],
    },
    {
      name: 'seconds and compound durations',
      code: promql('avg_over_time(x[90s]) / irate(x_total[1m30s]) + rate(y_total[15s])'),
      errors: [
        { message: /^`\[90s\]` in avg_over_time\(\) .* it holds 3 samples at best/, line: 15, column: 17, endColumn: 20 },
        { message: /^`\[1m30s\]` in irate\(\)/, line: 15, column: 39, endColumn: 44 },
        { message: /^`\[15s\]` in rate\(\) .* it holds one sample at best/, line: 15, column: 62, endColumn: 65 },
      ],
    },
    {
      name: 'in an alert expression',
      code: alert('rate(errors_total[1m]) > 1'),
      errors: [{ message: /^`\[1m\]` in rate\(\).*\(alert Broken\)$/, line: 10, column: 31, endColumn: 33 }],
    },
  ],
});

ruleTester(promqlImpossible, {
  valid: [
    { name: 'matchers of different labels', code: promql('up{job="api", instance="a:9090"}') },
    { name: 'a regex and an exclusion that leave a value', code: promql('up{job=~"api|db", job!="api"}') },
    { name: 'a regex that matches the empty value', code: promql('up{env=~".*", env=""}') },
    { name: 'backticks and doubled backslashes', code: promql('up{instance=~`10\\.0\\..*`} + up{instance=~"10\\\\.0\\\\..*"}') },
    { name: 'RE2 syntax JavaScript lacks', code: promql('up{job=~"(?i)API|\\\\pL+|(?P<name>x)"}') },
    { name: 'comparisons that can hold', code: promql('count(up) > 0 and count(up) < 5') },
    { name: 'rate can be zero', code: promql('rate(x_total[5m]) <= 0') },
    { name: 'on() compares other series', code: promql('x > 1 and on(job) x < 0') },
    { name: 'placeholders in strings', code: promql('up{job="<first>", job="<second>"}') },
    { name: 'shell variables in a curl query', code: bash('curl -s "$PROMETHEUS_URL/api/v1/query" --data-urlencode "query=up{job=\\"$A\\", job=\\"$B\\"}"') },
  ],
  invalid: [
    {
      name: 'one label, two values',
      code: promql('up{job="a", job="b"}'),
      errors: [{ message: '`up{job="a", job="b"}` can never match: `job` cannot be both "a" and "b"', line: 15, column: 13, endLine: 15, endColumn: 20 }],
    },
    {
      name: 'no label and a required value',
      code: promql('up{env="", env!=""} + up{env="", env=~".+"}'),
      errors: [
        {
          message: '`up{env="", env!=""}` can never match: `env=""` selects series without `env`, and `env!=""` requires it',
          line: 15,
          column: 12,
          endColumn: 19,
        },
        {
          message: '`up{env="", env=~".+"}` can never match: `env=""` selects series without `env`, and `env=~".+"` requires a value',
          line: 15,
          column: 34,
          endColumn: 43,
        },
      ],
    },
    {
      name: 'a value the regex refuses, and two word lists',
      code: promql('x{code="200", code=~"5.."} or x{code=~"500|502", code=~"404"}'),
      errors: [
        {
          message: '`x{code="200", code=~"5.."}` can never match: `code=~"5.."` excludes the value "200" that `code="200"` requires',
          line: 15,
          column: 15,
          endColumn: 26,
        },
        {
          message: '`x{code=~"500|502", code=~"404"}` can never match: no value of `code` matches both `code=~"500|502"` and `code=~"404"`',
          line: 15,
          column: 50,
          endColumn: 61,
        },
      ],
    },
    {
      name: 'metric name and __name__ disagree',
      code: promql('up{__name__="node_load1"}'),
      errors: [
        { message: '`up{__name__="node_load1"}` can never match: the metric name cannot be both "up" and "node_load1"', line: 15, column: 4, endColumn: 25 },
      ],
    },
    {
      name: 'regexes RE2 refuses',
      code: promql('up{job=~"(?!test).*"} + up{job!~"(a"}'),
      errors: [
        { message: 'Prometheus refuses the regex "(?!test).*" of `job`: invalid or unsupported Perl syntax: `(?!`', line: 15, column: 9, endColumn: 21 },
        { message: 'Prometheus refuses the regex "(a" of `job`: missing closing ): `(a`', line: 15, column: 33, endColumn: 37 },
      ],
    },
    {
      name: 'an escape Go does not know',
      code: promql('up{instance=~"10\\.0\\..*"}'),
      errors: [
        { message: 'Prometheus refuses the string "10\\.0\\..*": `\\.` is not an escape sequence of a PromQL string', line: 15, column: 14, endColumn: 25 },
      ],
    },
    {
      name: 'count compared with zero',
      code: promql('count(up{job="api"}) == 0'),
      errors: [{ message: '`count(up{job="api"}) == 0` is never true: count() of no series returns no result, never 0', line: 15, column: 22, endColumn: 24 }],
    },
    {
      name: 'values a function never has',
      code: promql('0 > rate(x_total[5m]) or absent(up) > 1 or count_over_time(up[5m]) < 1'),
      errors: [
        { message: '`0 > rate(x_total[5m])` is never true: rate() is never negative', line: 15, column: 3, endColumn: 4 },
        { message: '`absent(up) > 1` is never true: absent() is 1 when it returns anything', line: 15, column: 37, endColumn: 38 },
        {
          message: '`count_over_time(up[5m]) < 1` is never true: count_over_time() of no series returns no result, never 0',
          line: 15,
          column: 68,
          endColumn: 69,
        },
      ],
    },
    {
      name: 'a bucket that would exceed its count',
      code: promql('sum(rate(x_bucket{le="1"}[5m])) - sum(rate(x_count[5m])) > 0'),
      errors: [
        {
          message:
            '`sum(rate(x_bucket{le="1"}[5m])) - sum(rate(x_count[5m])) > 0` is never true: `x_bucket` with one `le` never exceeds `x_count` of the same series: a bucket counts a part of the observations',
          line: 15,
          column: 58,
          endColumn: 59,
        },
      ],
    },
    {
      name: 'filters that exclude each other',
      code: promql('x > 1 and x < 0'),
      errors: [{ message: '`x > 1 and x < 0` can never match: both sides filter `x`, to values that exclude each other', line: 15, column: 7, endColumn: 10 }],
    },
    {
      name: 'in an alert',
      code: alert('(sum(errors_total) > 5) and (sum (errors_total) <= 5)'),
      errors: [
        { message: /^`\(sum\(errors_total\) > 5\) and \(sum \(errors_total\) <= 5\)` can never match.*\(alert Broken\)$/, line: 10, column: 37, endColumn: 40 },
      ],
    },
  ],
});

ruleTester(promqlPrecedence, {
  valid: [
    { name: 'a parenthesised fallback', code: promql('(sum(rate(errors_total[5m])) or vector(0)) / sum(rate(requests_total[5m]))') },
    { name: 'arithmetic before the or', code: promql('sum(rate(errors_total[5m])) / sum(rate(requests_total[5m])) or vector(0)') },
    { name: 'a fallback on its own', code: promql('sum(rate(errors_total[5m])) or vector(0)') },
    { name: 'arithmetic of a selector after or', code: promql('x or y * 2') },
    { name: 'a fallback inside parentheses on the right', code: promql('x or (vector(0) - y)') },
  ],
  invalid: [
    {
      name: 'a fallback that is subtracted from',
      code: promql('sum(a_total) or vector(0) - sum(b_total)'),
      errors: [
        {
          message:
            '`sum(a_total) or vector(0) - sum(b_total)` reads as `sum(a_total) or (vector(0) - sum(b_total))`: `or` binds more loosely than `-`, so `vector(0)` takes part in the `-` instead of standing in for an empty `sum(a_total)`',
          line: 15,
          column: 14,
          endColumn: 16,
        },
      ],
    },
    {
      name: 'a fallback compared, with on()',
      code: promql('count(up == 0) or on() vector(0) > 3'),
      errors: [
        {
          message: /^`count\(up == 0\) or on\(\) vector\(0\) > 3` reads as `count\(up == 0\) or \(vector\(0\) > 3\)`: `or` binds more loosely than `>`/,
          line: 15,
          column: 16,
          endColumn: 18,
        },
      ],
    },
    {
      name: 'in an alert',
      code: alert('sum(errors_total) unless vector(1) * 2'),
      errors: [{ message: /\(alert Broken\)$/, line: 10, column: 31, endColumn: 37 }],
    },
  ],
});

describe('promql/range options', () => {
  const lint = async (config: string, query: string) => {
    const root = makeProject({ runbooks: { 'tickets/case.mdx': promql(query) }, config });
    const project = await loadProject({ root, config: { now: '2026-11-24' } });
    return (await lintProject(project, { rules: [promqlRange] })).problems.map(
      (problem) => `${problem.file}:${problem.line}:${problem.column} ${problem.message}`,
    );
  };

  it('takes the scrape interval from the configuration', async () => {
    const fast = 'lint:\n  rules:\n    promql/range:\n      options:\n        scrapeInterval: 15s\n';
    expect(await lint(fast, 'rate(x_total[1m])')).toEqual([]);
    const slow = 'lint:\n  rules:\n    promql/range:\n      severity: error\n      options:\n        scrapeInterval: 1m\n';
    expect(await lint(slow, 'rate(x_total[3m])')).toEqual([
      'src/content/docs/runbooks/tickets/case.mdx:15:14 `[3m]` in rate() is shorter than 4 scrape intervals of 1m (4m): it holds 3 samples at best, too few to survive a missed scrape',
    ]);
  });

  it('refuses a scrape interval that is not a duration', async () => {
    const bad = 'lint:\n  rules:\n    promql/range:\n      options:\n        scrapeInterval: often\n';
    expect(await lint(bad, 'rate(x_total[1m])')).toEqual([
      expect.stringMatching(/^runbook\.config\.yaml:\d+:\d+ lint\.rules\.promql\/range\.options: scrapeInterval: Expected a Prometheus duration such as 30s/),
    ]);
  });
});

describe('PromQL facts of the core', () => {
  it('reads calls, aggregations, selectors, matchers and ranges', () => {
    const tree = readPromql('histogram_quantile(0.9, sum by (le) (rate(x_bucket{job="a", "q.x"!~"b"}[5m] offset 1h)))');
    const nodes = promqlNodes(tree!);
    expect(nodes.map((node) => node.kind)).toEqual(['call', 'number', 'aggregate', 'call', 'matrix', 'selector']);
    const selector = nodes[5] as PromqlSelector;
    expect(selector).toMatchObject({ metric: 'x_bucket', metricRange: { from: 42, to: 50 } });
    expect(selector.matchers.map((m) => [m.label, m.op, m.value])).toEqual([
      ['job', '=', 'a'],
      ['q.x', '!~', 'b'],
    ]);
    expect(nodes[4]).toMatchObject({ range: { text: '5m', seconds: 300, from: 72, to: 74 } });
    expect(nodes[2]).toMatchObject({ op: 'sum', grouping: { mode: 'by', labels: ['le'] } });
    expect(readPromql('sum(rate(x[5m])')).toBeUndefined();
  });

  it('compares expressions however they are written', () => {
    expect(promqlShape(readPromql('sum by (b, a) ((x{y="1",z="2"}))')!)).toBe(promqlShape(readPromql('sum(x{z="2", y="1"}) by (a,b)')!));
    expect(promqlShape(readPromql('x{y="1"}')!)).not.toBe(promqlShape(readPromql('x{y="2"}')!));
  });

  it('reads strings and durations as Prometheus does', () => {
    expect(promqlString('"a\\\\.b\\u00e9\\x41"')).toBe('a\\.béA');
    expect(promqlString('`a\\.b`')).toBe('a\\.b');
    expect(promqlString("'it\\'s'")).toBe("it's");
    expect(promqlStringProblem('"a\\.b"')).toBe('`\\.` is not an escape sequence of a PromQL string');
    expect(promqlStringProblem('"a\\\'b"')).toBe("`\\'` is not an escape sequence of a PromQL string");
    expect([durationSeconds('1h30m'), durationSeconds('500ms'), durationSeconds('90'), durationSeconds('5x')]).toEqual([5400, 0.5, 90, undefined]);
    expect([formatDuration(120), formatDuration(5400), formatDuration(0.25)]).toEqual(['2m', '1h30m', '250ms']);
  });

  it('tells counters from gauges by name only when the name says it', () => {
    const kinds = (names: string[]) => names.map((name) => metricKind(name).kind);
    expect(kinds(['http_requests_total', 'x_bucket', 'x_count', 'x_sum', 'node_cpu_seconds_total'])).toEqual(Array(5).fill('counter'));
    expect(
      kinds([
        'up',
        'node_memory_Active_bytes',
        'x_info',
        'x_created',
        'x_ratio',
        'node_load5',
        'kube_pod_status_phase',
        'x_last_seen_timestamp_seconds',
        'job:x:rate5m',
      ]),
    ).toEqual(Array(9).fill('not-counter'));
    expect(kinds(['http_requests', 'x_duration_seconds', 'x_latency_seconds', 'job:x_total:sum', 'node_vmstat_pgfault'])).toEqual(Array(5).fill('unknown'));
    // A unit alone does not make a gauge of a flow an exporter left without `_total`.
    expect(kinds(['node_network_receive_bytes', 'kubevirt_vmi_memory_swap_in_traffic_bytes', 'process_cpu_seconds'])).toEqual(Array(3).fill('unknown'));
    expect(kinds(['container_memory_usage_bytes', 'node_boot_time_seconds'])).toEqual(Array(2).fill('not-counter'));
  });

  it('compiles matchers as RE2 anchored at both ends', () => {
    const regex = promqlRegex('5..');
    expect(regex.ok && [regex.matches('500'), regex.matches('1500'), regex.matches('5\n0')]).toEqual([true, false, true]);
    expect(promqlRegex('a\\1')).toEqual({ ok: false, error: 'invalid escape sequence: `\\1`' });
    const selector = (query: string) => readPromql(query) as PromqlSelector;
    expect(matcherConflict(selector('x{a=~"b|c", a!="b"}'))).toBeUndefined();
    expect(matcherConflict(selector('x{a=~"b|c", a!~"b|c"}'))?.why).toBe('`a=~"b|c"` and `a!~"b|c"` contradict each other');
    expect(matcherConflict(selector('x{a=~"b|c", a!~"(b|c|d)"}'))?.why).toBe('no value of `a` matches both `a=~"b|c"` and `a!~"(b|c|d)"`');
    expect(matcherConflict(selector('x{a=~"b.|c", a!="b"}'))).toBeUndefined();
    expect(matcherConflict(selector('x{a=~"1\\\\.2", a="1x2"}'))?.why).toBe('`a=~"1\\\\.2"` excludes the value "1x2" that `a="1x2"` requires');
  });

  it('knows the values functions return', () => {
    const bounds = (query: string) => valueBounds(readPromql(query)!);
    expect(bounds('rate(x[5m])')).toMatchObject({ lo: 0, hi: Infinity });
    expect(bounds('count(x)')).toMatchObject({ lo: 1 });
    expect(bounds('absent(x)')).toMatchObject({ lo: 1, hi: 1 });
    expect(isEmpty(bounds('(x > 5) < 3'))).toBe(true);
    expect(isEmpty(bounds('(x > 5) < 7'))).toBe(false);
    expect(isEmpty(bounds('rate(x[5m]) > 2 < 1'))).toBe(true);
    expect(bounds('sum(x)')).toMatchObject({ lo: -Infinity, hi: Infinity });
    // Signs carried through arithmetic and sums; nothing claimed when a side is unknown.
    expect(bounds('sum(rate(x_total[5m])) / sum(rate(y_total[5m]))')).toMatchObject({ lo: 0, hi: Infinity });
    expect(bounds('count(x) + count(y)')).toMatchObject({ lo: 0, hi: Infinity });
    expect(bounds('rate(a_total[5m]) - rate(b_total[5m])')).toMatchObject({ lo: -Infinity, hi: Infinity });
    expect(bounds('x * rate(y_total[5m])')).toMatchObject({ lo: -Infinity, hi: Infinity });
    // One bucket of a histogram never exceeds its count, over the same series or fewer.
    expect(bounds('sum(rate(x_bucket{le="1", job="a"}[5m])) - sum(rate(x_count{job="a"}[5m]))')).toMatchObject({ lo: -Infinity, hi: 0 });
    expect(isEmpty(bounds('x_bucket{le="0.5"} - x_count > 0'))).toBe(true);
    expect(bounds('x_bucket{le="0.5"} - x_count{job="a"}')).toMatchObject({ lo: -Infinity, hi: Infinity });
    expect(bounds('sum(rate(x_bucket{le="1"}[5m])) - sum(rate(x_count[1m]))')).toMatchObject({ lo: -Infinity, hi: Infinity });
  });
});
