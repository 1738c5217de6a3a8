// PromQL must parse and type-check: promql blocks, queries sent with curl, and alert expressions.
import { promqlProblems } from '../../core/promql/problems.ts';
import { alertExpressions } from '../promql-queries.ts';
import { defineRule } from '../types.ts';
import { exampleRunbook } from './example.ts';

const PROMQL_BODY = (query: string) =>
  `## Symptoms\n\nErrors rise.\n\n## Investigation\n\n### Find the failing status codes\n\n\`\`\`promql\n${query}\n\`\`\`\n`;
const PROMETHEUS_ENV = 'env:\n  PROMETHEUS_URL: Base URL of the production Prometheus';

export const promqlSyntax = defineRule({
  meta: {
    id: 'promql/syntax',
    category: 'commands',
    severity: 'error',
    description: 'PromQL queries must parse and type-check.',
    docs: [
      "Every `promql` block, every query sent to Prometheus with `curl` (`--data-urlencode 'query=...'`, `-d query=...` or `?query=` on a `/api/v1/query` URL) and every `alerts[].expr` is parsed with Prometheus's own lezer grammar (@prometheus-io/lezer-promql). Queries that parse are type-checked with the checks of @prometheus-io/codemirror-promql (the Prometheus UI's editor): `rate()` of an instant vector, a range vector in arithmetic.",
      'A common mistake: `rate(x[5m]) by (status)` does not parse — `by` belongs to an aggregation: `sum by (status) (rate(x[5m]))`. `<placeholders>` inside label values (`{pod="<pod>"}`) are plain text; elsewhere they are read as a value that fits (nothing is reported at a placeholder, and queries with one outside a string are not type-checked).',
    ].join('\n\n'),
    examples: {
      bad: exampleRunbook({ runbook: PROMETHEUS_ENV, body: PROMQL_BODY('rate(http_requests_total{service="tickets", code=~"5.."}[5m]) by (code)') }),
      good: exampleRunbook({ runbook: PROMETHEUS_ENV, body: PROMQL_BODY('sum by (code) (rate(http_requests_total{service="tickets", code=~"5.."}[5m]))') }),
    },
    messages: { syntax: '{message}', curl: '{message} (curl query)', alert: '{message} (alert {alert})' },
  },
  create(context) {
    return {
      promql(query, block) {
        if (query.command === undefined && block.kind !== 'command') return;
        if (!query.text.trim()) return;
        for (const problem of promqlProblems(query.text, query.placeholders)) {
          const start = query.offsets[problem.start] ?? query.offsets[0];
          if (block.placeholders.some((site) => start >= site.start && start < site.end)) continue;
          const end = problem.end > problem.start ? (query.offsets[problem.end - 1] ?? start) + 1 : start;
          context.report({
            messageId: query.command === undefined ? 'syntax' : 'curl',
            data: { message: problem.message },
            span: context.codeSpan(block, start, end),
            ...(problem.hint ? { hint: problem.hint } : {}),
          });
        }
      },
      runbook(runbook) {
        for (const { alert, span } of alertExpressions(context, runbook)) {
          for (const problem of promqlProblems(alert.expr)) {
            context.report({
              messageId: 'alert',
              data: { message: problem.message, alert: alert.name },
              span: span(problem.start, problem.end),
              ...(problem.hint ? { hint: problem.hint } : {}),
            });
          }
        }
      },
    };
  },
});
