// fences/comment-only: a shell block of comments only runs nothing.
import { fencesCommentOnly } from '../../../src/lib/lint/rules/comment-only.ts';
import { exampleRunbook } from '../../../src/lib/lint/rules/example.ts';
import { ruleTester } from '../../helpers/rule-tester.ts';

/** A runbook with one block under "### Look"; its first code line is line 19 of the file. */
const step = (fence: string, code: string) => exampleRunbook({ body: `## Symptoms\n\nSlow.\n\n## Investigation\n\n### Look\n\n${fence}\n${code}\n\`\`\`\n` });

const ONLY = 'This bash block holds only comments: nothing in it runs';
const QUERY = (language: string) => `This bash block holds only comments, and one of them is a ${language} query: nothing in it runs`;

ruleTester(fencesCommentOnly, {
  valid: [
    { name: 'comments with a command', code: step('```bash', '# Pods of the API\nkubectl -n shop get pods') },
    { name: 'a text block', code: step('```text', '# Grafana → "SLO Overview" dashboard') },
    { name: 'a console block (# is a root prompt)', code: step('```console', '# systemctl status nginx\n● nginx.service') },
    { name: 'an empty block', code: step('```bash', '') },
    { name: 'a # inside a string is no comment', code: step('```bash', "echo '# not a comment'") },
    { name: 'a promql block', code: step('```promql', 'sum(rate(http_requests_total[5m]))') },
  ],
  invalid: [
    {
      name: 'a dashboard to look at (seed)',
      code: step('```bash', '# Check ALB target health\n# AWS Console → EC2 → Load Balancers → Target Groups\n# Look for unhealthy targets'),
      errors: [{ message: ONLY, line: 19, column: 1, endLine: 21, endColumn: 29, severity: 'warn' }],
    },
    {
      name: 'a PromQL query in a comment (seed)',
      code: step(
        '```bash',
        '# Grafana → "SLO Overview" dashboard\n# Or Prometheus query:\n# rate(http_requests_total{code=~"5.."}[5m]) / rate(http_requests_total[5m])',
      ),
      errors: [{ message: QUERY('PromQL'), line: 19, column: 1, endLine: 21 }],
    },
    {
      name: 'a metric named after "Prometheus query:" (seed)',
      code: step('```bash', '# Prometheus query: db_active_connections\n# Expected max: replicas × pool_size'),
      errors: [{ message: QUERY('PromQL'), line: 19, column: 1 }],
    },
    {
      name: 'a SQL query in a comment, indented, blank lines between',
      code: step('```bash', '  # Connections per state:\n\n  # SELECT state, count(*) FROM pg_stat_activity GROUP BY state;'),
      errors: [{ message: QUERY('SQL'), line: 19, column: 3, endLine: 21, endColumn: 65 }],
    },
    {
      name: 'sh block',
      code: step('```sh', '# TODO'),
      errors: [{ message: 'This sh block holds only comments: nothing in it runs', line: 19, column: 1, endColumn: 7 }],
    },
  ],
});
