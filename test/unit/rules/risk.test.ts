import { exampleRunbook } from '../../../src/lib/lint/rules/example.ts';
import { riskDeclared } from '../../../src/lib/lint/rules/risk.ts';
import { ruleTester } from '../../helpers/rule-tester.ts';

/** A runbook with one block under "### Fix it"; its first code line is line 19 of the file. */
const step = (fence: string, code: string) => exampleRunbook({ body: `## Symptoms\n\nSlow.\n\n## Resolution\n\n### Fix it\n\n${fence}\n${code}\n\`\`\`\n` });
/** The same with the fence inside a list item, indented by three spaces; first code line 21. */
const listed = (fence: string, code: string) =>
  exampleRunbook({ body: `## Symptoms\n\nSlow.\n\n## Resolution\n\n### Fix it\n\n1. Do it:\n\n   ${fence}\n${code.replace(/^/gm, '   ')}\n   \`\`\`\n` });

ruleTester(riskDeclared, {
  valid: [
    { name: 'read-only commands', code: step('```bash', 'kubectl -n shop get pods -o wide\nkubectl -n shop logs <pod> --since=15m\nredis-cli INFO keyspace') },
    { name: 'destructive command declared destructive', code: step('```bash risk="destructive"', 'kubectl -n shop delete pod api-1') },
    {
      name: 'change commands declared change (restart, scale)',
      code: step(
        '```bash risk="change"',
        'kubectl -n shop rollout restart deployment/api\nkubectl -n shop rollout status deployment/api --timeout=5m\nkubectl -n shop scale deployment/api --replicas=6',
      ),
    },
    { name: 'a higher risk than needed', code: step('```bash risk="destructive"', 'kubectl -n shop scale deployment/api --replicas=6') },
    {
      name: 'console output that looks like commands',
      code: step('```console', '$ history | tail -2\n  501  kubectl delete pod api-1\n  502  redis-cli FLUSHDB\n$ psql -c "SELECT 1"\nDROP TABLE\n'),
    },
    { name: 'text blocks are for reading', code: step('```bash text', 'kubectl delete pod <pod>') },
    { name: 'snippets are not commands', code: step('```', 'Clear the cache: redis-cli FLUSHDB') },
    { name: 'yaml snippet', code: step('```yaml', 'command: ["kubectl", "delete", "pod", "x"]') },
    { name: 'dry run', code: step('```bash', 'kubectl -n shop delete pod api-1 --dry-run=server') },
    { name: 'SQL in strings and comments', code: step('```sql', "SELECT 'DROP TABLE users' AS advice; -- DELETE FROM users\n/* TRUNCATE x; */") },
    { name: 'EXPLAIN without ANALYZE does not run', code: step('```sql', 'EXPLAIN DELETE FROM jobs WHERE id = 1;') },
    { name: 'PromQL', code: step('```promql', 'sum(rate(http_requests_total{code=~"5.."}[5m]))') },
    { name: 'echo of a command', code: step('```bash', 'echo "run: kubectl delete pod x"') },
    { name: 'read-only SQL through psql -c', code: step('```bash', 'psql "$DATABASE_URL" -c "SELECT count(*) FROM pg_stat_activity;"') },
    {
      name: 'ssm start-session starts no resource',
      code: step('```bash long-running interactive', 'aws ssm start-session --target i-0abc123def4567890 \\\n  --document-name AWS-StartPortForwardingSession'),
    },
    {
      name: 'a Prometheus query posted with --data-urlencode',
      code: step('```bash', 'curl -fsS "$PROMETHEUS_URL/api/v1/query" --data-urlencode \'query=up\''),
    },
    { name: 'curl -G sends its data in the URL', code: step('```bash', 'curl -sS -G https://api.internal/search -d q=error') },
    // gitlab-com runbooks, docs/pages/gitlab-pages.md: -p takes the pid; strace runs no program of its own.
    {
      name: 'strace and ltrace attached to a pid',
      code: step(
        '```bash',
        'sudo strace -f -p `pidof gitlab-pages-unprivileged` >& /tmp/gitlab-pages-debug.txt\nsudo strace -fp $(pidof api) -s 200 -o /tmp/api.trace\nltrace -p "$(pgrep -o nginx)"',
      ),
    },
    { name: 'EXPLAIN ANALYZE of a SELECT', code: step('```sql', 'EXPLAIN ANALYZE SELECT count(*) FROM pg_stat_activity;') },
  ],
  invalid: [
    {
      name: 'strace without -p runs its words after the options as a program',
      code: step('```bash', 'sudo strace -f -s 200 $(pidof api)'),
      errors: [
        {
          message: '`$(pidof api)` runs a program that is only known when it runs: declare the risk of the block (risk="read", "change" or "destructive")',
          line: 19,
          column: 23,
          endLine: 19,
          endColumn: 35,
        },
      ],
    },
    {
      name: 'kubectl delete with no risk',
      code: step('```bash', 'kubectl -n shop delete pod <pod>'),
      errors: [
        { message: '`kubectl delete pod` deletes Kubernetes objects: mark the block risk="destructive"', line: 19, column: 1, endLine: 19, endColumn: 27 },
      ],
    },
    {
      name: 'declared change, but FLUSHDB',
      code: step('```bash risk="change"', 'redis-cli INFO keyspace\nredis-cli FLUSHDB'),
      errors: [
        {
          message: '`redis-cli FLUSHDB` deletes every key in the database, but the block is marked risk="change": mark the block risk="destructive"',
          line: 20,
          column: 1,
          endLine: 20,
          endColumn: 18,
        },
      ],
    },
    {
      name: 'scale with no risk',
      code: step('```bash', 'kubectl -n shop scale deployment/api --replicas=6'),
      errors: [{ message: '`kubectl scale deployment/api` changes the number of replicas: mark the block risk="change"', line: 19, column: 1, endColumn: 37 }],
    },
    {
      name: 'pg_terminate_backend in a sql block',
      code: step('```sql', "SELECT pg_terminate_backend(pid)\nFROM pg_stat_activity\nWHERE state = 'idle';"),
      errors: [
        {
          message: '`pg_terminate_backend()` terminates database sessions (their transactions are rolled back): mark the block risk="change"',
          line: 19,
          column: 8,
          endLine: 19,
          endColumn: 28,
        },
      ],
    },
    {
      name: 'SQL inside psql -c inside kubectl exec, on a continuation line',
      code: step(
        '```bash',
        'kubectl exec -it deployment/api-gateway -n production \\\n  -- psql -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE state = \'idle\';"',
      ),
      errors: [{ message: /^`pg_terminate_backend\(\)` terminates database sessions/, line: 20, column: 22, endColumn: 42 }],
    },
    {
      name: 'SQL in a heredoc',
      code: step('```bash', "psql \"$DATABASE_URL\" <<'SQL'\nDELETE FROM jobs WHERE state = 'stuck';\nSQL"),
      errors: [{ message: '`DELETE FROM jobs` deletes rows: mark the block risk="destructive"', line: 20, column: 1, endColumn: 17 }],
    },
    {
      name: 'SQL pasted into a bash block',
      code: step('```bash', '# Or kill idle connections\nSELECT pg_terminate_backend(pid)\nFROM pg_stat_activity;'),
      errors: [{ message: /^`pg_terminate_backend\(\)`/, line: 20, column: 8 }],
    },
    {
      name: 'console block: the prompt line counts',
      code: step('```console', '$ kubectl rollout undo deployment/api\ndeployment.apps/api rolled back'),
      errors: [
        {
          message: '`kubectl rollout undo deployment/api` rolls a workload back to an earlier revision: mark the block risk="change"',
          line: 19,
          column: 3,
          endColumn: 38,
        },
      ],
    },
    {
      name: 'fence inside a list',
      code: listed('```bash', 'kubectl delete pod stuck-1'),
      errors: [
        { message: '`kubectl delete pod` deletes Kubernetes objects: mark the block risk="destructive"', line: 21, column: 4, endLine: 21, endColumn: 22 },
      ],
    },
    {
      name: 'restore from a dump',
      code: step('```bash', 'psql $DATABASE_URL < backup_*.sql'),
      errors: [
        {
          message: '`psql $DATABASE_URL < backup_*.sql` restores a dump over the database (it overwrites live data): mark the block risk="destructive"',
          line: 19,
          column: 1,
          endColumn: 34,
        },
      ],
    },
    {
      name: 'aws rds restore creates a new instance: change, not destructive',
      code: step(
        '```bash',
        'aws rds restore-db-instance-from-db-snapshot \\\n  --db-instance-identifier shop-restored \\\n  --db-snapshot-identifier shop-2026-11-20',
      ),
      errors: [
        {
          message:
            '`aws rds restore-db-instance-from-db-snapshot` creates a new instance from a snapshot; the live one is untouched: mark the block risk="change"',
          line: 19,
          column: 1,
          endColumn: 45,
        },
      ],
    },
    {
      name: 'a PagerDuty event (curl -X POST)',
      code: step('```bash', 'curl -fsS -X POST https://events.pagerduty.com/v2/enqueue \\\n  -H "Content-Type: application/json" \\\n  -d @event.json'),
      errors: [
        {
          message: '`curl -X POST` sends an HTTP request that changes something on the server: mark the block risk="change"',
          line: 19,
          column: 1,
          endLine: 19,
          endColumn: 18,
        },
      ],
    },
    {
      name: 'curl --data without -G',
      code: step('```bash', 'curl -sS https://hooks.internal/deploy --data ref=main'),
      errors: [
        {
          message:
            '`curl -sS https://hooks.internal/deploy --data` sends data in a POST request, which changes something on the server: mark the block risk="change"',
          line: 19,
          column: 1,
          endColumn: 46,
        },
      ],
    },
    {
      name: 'VACUUM in psql -c',
      code: step('```bash', 'psql "$DATABASE_URL" -c "VACUUM ANALYZE users;"'),
      errors: [
        {
          message: '`VACUUM ANALYZE users` reclaims dead rows (heavy I/O on a busy database): mark the block risk="change"',
          line: 19,
          column: 26,
          endColumn: 46,
        },
      ],
    },
    {
      name: 'ANALYZE in a sql block',
      code: step('```sql', 'ANALYZE household_members;'),
      errors: [
        {
          message: '`ANALYZE household_members` recomputes planner statistics (query plans may change): mark the block risk="change"',
          line: 19,
          column: 1,
          endColumn: 26,
        },
      ],
    },
    {
      name: 'npm audit fix',
      code: step('```bash', 'npm audit\nnpm audit fix'),
      errors: [
        {
          message: '`npm audit fix` updates dependencies and rewrites the project\'s lock file: mark the block risk="change"',
          line: 20,
          column: 1,
          endColumn: 14,
        },
      ],
    },
    {
      name: 'one problem per block, at its riskiest command',
      code: step('```bash', 'kubectl scale deployment/api --replicas=0\nkubectl delete pvc data-api-0'),
      errors: [{ message: '`kubectl delete pvc` deletes Kubernetes objects: mark the block risk="destructive"', line: 20, column: 1 }],
    },
    {
      name: 'a command under sudo and ssh',
      code: step('```bash', 'ssh db-1 "sudo systemctl stop postgresql"'),
      errors: [
        { message: '`systemctl stop postgresql` starts, stops or reconfigures a service: mark the block risk="change"', line: 19, column: 16, endColumn: 41 },
      ],
    },
  ],
});
