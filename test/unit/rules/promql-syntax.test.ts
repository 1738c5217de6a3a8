// promql/syntax: PromQL in promql blocks, curl queries and alert expressions parses and type-checks.
import { describe, expect, it } from 'vitest';
import { promqlSyntax } from '../../../src/lib/lint/rules/promql-syntax.ts';
import { exampleRunbook } from '../../../src/lib/lint/rules/example.ts';
import { promqlProblems } from '../../../src/lib/core/promql/problems.ts';
import { analyzeBlock } from '../../../src/lib/core/block.ts';
import { ruleTester } from '../../helpers/rule-tester.ts';

/** A runbook whose body starts at line 10; the first code line of `fence` is line 15. */
const doc = (fence: string, code: string) => exampleRunbook({ body: `## Investigation\n\n### Check\n\n${fence}\n${code}\n\`\`\`\n` });
const promql = (code: string) => doc('```promql', code);
const bash = (code: string) => doc('```bash', code);

ruleTester(promqlSyntax, {
  valid: [
    { name: 'aggregation with a trailing by', code: promql('sum(rate(http_requests_total{code=~"5.."}[5m])) by (job)') },
    { name: 'histogram quantile', code: promql('histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{service="tickets"}[5m])))') },
    { name: 'topk with a trailing by (seed)', code: promql('topk(10, rate(http_requests_total{status=~"5.."}[5m])) by (endpoint)') },
    { name: 'placeholder inside a label value', code: promql('rate(container_cpu_usage_seconds_total{pod="<pod>"}[5m])') },
    { name: 'placeholders outside strings', code: promql('topk(<k>, rate(http_requests_total{pod=<pod>}[<window>])) > <threshold>') },
    { name: 'comments', code: promql('# the 5xx ratio\nsum(rate(http_requests_total{code=~"5.."}[5m]))\n  / sum(rate(http_requests_total[5m]))') },
    {
      name: 'curl with --data-urlencode (seed)',
      code: bash(
        'curl -s http://localhost:9090/api/v1/query \\\n  --data-urlencode \'query=(sum(rate(http_requests_total{status=~"5.."}[5m])) by (job) / sum(rate(http_requests_total[5m])) by (job)) * 100\'',
      ),
    },
    { name: 'curl to Loki is not PromQL', code: bash('curl -G http://loki:3100/loki/api/v1/query --data-urlencode \'query={app="api"} |= "error"\'') },
    {
      name: 'shell variables in a curl query',
      code: bash('curl "$PROMETHEUS_URL/api/v1/query" --data-urlencode "query=rate(x{service=\\"$SERVICE\\"}[$WINDOW])"'),
    },
    { name: 'text blocks are not checked', code: doc('```promql text', 'rate(x[5m]) by (code)') },
  ],
  invalid: [
    {
      name: 'by after a function call (seed)',
      code: promql('rate(http_requests_total{status=~"5.."}[5m]) by (status)'),
      errors: [
        {
          message: 'Unexpected `by` after `rate(...)`, expected an aggregation (sum, avg, max, topk, ...) before a `by (...)` clause',
          line: 15,
          column: 46,
          endLine: 15,
          endColumn: 48,
        },
      ],
    },
    {
      name: 'by after a function call, in a curl query (seed)',
      code: bash(
        '# Error type breakdown\ncurl http://prometheus:9090/api/v1/query \\\n  --data-urlencode \'query=rate(http_requests_total{status=~"5.."}[5m]) by (status)\'',
      ),
      errors: [{ message: /^Unexpected `by` after `rate\(\.\.\.\)`.* \(curl query\)$/, line: 17, column: 72, endColumn: 74 }],
    },
    {
      name: 'rate of an instant vector',
      code: promql('rate(http_requests_total)'),
      errors: [{ message: 'Unexpected instant vector as argument of rate(), expected a range vector', line: 15, column: 6, endColumn: 25 }],
    },
    {
      name: 'range vector in arithmetic',
      code: promql('http_requests_total[5m] / 2'),
      errors: [{ message: 'Unexpected range vector in a binary expression, expected scalars and instant vectors', line: 15, column: 1 }],
    },
    {
      name: 'unclosed parenthesis',
      code: promql('sum(rate(http_requests_total[5m])'),
      errors: [{ message: 'Unexpected end of the query, expected `)`', line: 15, column: 33, endColumn: 34 }],
    },
    {
      name: 'unknown function',
      code: promql('ratee(http_requests_total[5m])'),
      errors: [{ message: 'Unknown function `ratee`, expected a PromQL function or aggregation', line: 15, column: 1, endColumn: 6 }],
    },
    {
      name: 'two queries in one block',
      code: promql('up{job="api"}\nup{job="db"}'),
      errors: [{ message: 'Unexpected `up` in PromQL', line: 16, column: 1, endColumn: 3 }],
    },
    {
      name: 'curl -G with -d and a URL query',
      code: bash("curl -G \"$PROMETHEUS_URL/api/v1/query\" -d 'query=sum(x' \ncurl 'http://prom:9090/api/v1/query?query=rate(x)&time=1'"),
      errors: [
        { message: 'Unexpected end of the query, expected `)` (curl query)', line: 15, column: 54 },
        { message: 'Unexpected instant vector as argument of rate(), expected a range vector (curl query)', line: 16, column: 48 },
      ],
    },
    {
      name: 'indented block in a list',
      code: exampleRunbook({ body: '## Investigation\n\n### Check\n\n- Query:\n\n  ```promql\n  sum(rate(x[5m]) by (job)\n  ```\n' }),
      errors: [{ message: /^Unexpected `by` after `rate\(\.\.\.\)`/, line: 17, column: 19, endColumn: 21 }],
    },
    {
      name: 'alert expression in the frontmatter',
      code: exampleRunbook({ runbook: 'alerts:\n  - name: HighErrors\n    expr: rate(errors_total[5m]) by (code) > 1' }),
      errors: [{ message: /^Unexpected `by` after `rate\(\.\.\.\)`.*\(alert HighErrors\)$/, line: 10, column: 36, endColumn: 38 }],
    },
  ],
});

describe('promql helpers', () => {
  it('reports nothing at a placeholder whose value decides the query', () => {
    const analysis = analyzeBlock({ code: 'topk(<k>, x{pod=<pod>, ns="<ns>"}[<window>]) offset <ago>', kind: 'command', language: 'promql' });
    const [query] = analysis.promql;
    expect(query.placeholders).toHaveLength(4);
    expect(promqlProblems(query.text, query.placeholders)).toEqual([]);
    expect(promqlProblems('rate(x[5m]) > ')).not.toEqual([]);
  });

  it('finds queries only in calls to the Prometheus API', () => {
    const shell =
      "curl -s localhost:9090/api/v1/query_range --data-urlencode 'query=up' -d start=1\ncurl -d 'query=up' https://example.com/search\ncurl -d 'query=a%20b' http://p/api/v1/query";
    expect(analyzeBlock({ code: shell, kind: 'command', language: 'shell' }).promql.map((query) => query.text)).toEqual(['up']);
  });
});
