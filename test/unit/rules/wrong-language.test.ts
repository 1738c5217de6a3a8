// fences/wrong-language: Terraform, YAML or SQL in a shell block, PromQL in a console block, YAML in a python block.
import { exampleRunbook } from '../../../src/lib/lint/rules/example.ts';
import { fencesWrongLanguage } from '../../../src/lib/lint/rules/wrong-language.ts';
import { ruleTester } from '../../helpers/rule-tester.ts';

/** A runbook with one block under "### Look"; its first code line is line 19 of the file. */
const step = (fence: string, code: string) => exampleRunbook({ body: `## Symptoms\n\nSlow.\n\n## Investigation\n\n### Look\n\n${fence}\n${code}\n\`\`\`\n` });
const HOLDS = (lang: string, language: string, shown: string, not = 'shell commands') => `This ${lang} block holds ${language} (\`${shown}\`), not ${not}`;

ruleTester(fencesWrongLanguage, {
  valid: [
    { name: 'numbers as arguments and in assignments', code: step('```bash', 'sleep 30\nexport TIMEOUT=30\ntail -n 100 app.log') },
    { name: 'a manifest in a heredoc', code: step('```bash', "kubectl apply -f - <<'EOF'\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: api\nEOF") },
    {
      name: 'SQL in psql -c and a heredoc',
      code: step(
        '```bash',
        'psql "$DATABASE_URL" -c "SELECT state, count(*)\nFROM pg_stat_activity GROUP BY state"\npsql "$DATABASE_URL" <<SQL\nSELECT 1 FROM pg_class;\nSQL',
      ),
    },
    { name: 'shell assignments and tests', code: step('```bash', 'replicas=3\nif [ "$replicas" = 3 ]; then echo ok; fi\ntest "$a" = "$b"\nexport FOO=bar') },
    { name: 'a bash select loop', code: step('```bash', 'select pod in api-1 api-2; do echo "$pod"; break; done') },
    { name: 'continuation lines are arguments', code: step('```bash', 'helm upgrade api ./chart \\\n  --set env.LOG_LEVEL=debug') },
    { name: 'one key: line alone', code: step('```bash', 'echo start\nnote: this is odd') },
    { name: 'HCL in an hcl block, YAML in a yaml block', code: step('```hcl', 'instance_class = "db.t4g.medium"') },
    { name: 'real Python', code: step('```python', 'import json\nconfig = {"env": [{"name": "X"}]}\nif config:\n    print(json.dumps(config))') },
    { name: 'Python annotations only', code: step('```python', 'name: str\nreplicas: int') },
    { name: 'a console block of output', code: step('```console', 'NAME    READY\napi-1   1/1') },
    { name: 'a bare metric name in a console block is output, not a query', code: step('```console', 'up') },
    { name: 'a command in a console block without prompt', code: step('```console', 'kubectl get pods -n shop') },
    { name: 'a query in a promql block', code: step('```promql', 'up{job="api"} == 0') },
    { name: 'URLs are no keys', code: step('```bash', 'curl -fsS https://api.internal/health\ncurl -fsS http://localhost:8000/ready') },
  ],
  invalid: [
    {
      name: "a command's output in a shell block (a program named by a number)",
      code: step('```shell', 'notAfter=Aug  6 13:11:20 2025 GMT'),
      errors: [{ message: HOLDS('shell', "a command's output", 'notAfter=Aug  6 13:11:20 2025 GMT'), line: 19, column: 1, endColumn: 34 }],
    },
    {
      name: 'a PromQL query in a console block',
      code: step('```console', '  acm_thanos_compact_halted{job="observability-thanos-compact"}'),
      errors: [{ message: HOLDS('console', 'PromQL', 'acm_thanos_compact_halted{job="observab…', 'a terminal session'), line: 19, column: 3, endColumn: 64 }],
    },
    {
      name: 'a PromQL function over two lines in a console block',
      code: step('```console', 'sum by (job) (\n  rate(http_requests_total[5m]))'),
      errors: [{ message: HOLDS('console', 'PromQL', 'sum by (job) (', 'a terminal session'), line: 19, column: 1, endColumn: 15 }],
    },
    {
      name: 'Terraform in a bash block (seed)',
      code: step(
        '```bash',
        '# Edit infra/envs/dev/main.tf\ninstance_class = "db.t4g.medium"  # More CPU\n\n# Apply Terraform\nterraform apply -target=module.rds',
      ),
      errors: [{ message: HOLDS('bash', 'HCL', 'instance_class = "db.t4g.medium"'), line: 20, column: 1, endLine: 20, endColumn: 33, severity: 'warn' }],
    },
    {
      name: 'a Terraform block',
      code: step('```sh', 'resource "aws_db_instance" "main" {\n  instance_class = "db.t4g.medium"\n}'),
      errors: [{ message: HOLDS('sh', 'HCL', 'resource "aws_db_instance" "main" {'), line: 19, column: 1, endColumn: 36 }],
    },
    {
      name: 'Helm values in a bash block',
      code: step('```bash', '# deploy/helm/backend/values-dev.yaml\nenv:\n  - name: DB_POOL_SIZE\n    value: "30"'),
      errors: [{ message: HOLDS('bash', 'YAML', 'env:'), line: 20, column: 1, endColumn: 5 }],
    },
    {
      name: 'SQL after a bare psql (seed)',
      code: step('```bash', 'psql $DATABASE_URL\n\n-- Connection count\nSELECT datname, count(*) FROM pg_stat_activity GROUP BY datname;'),
      errors: [{ message: HOLDS('bash', 'SQL', 'SELECT datname, count(*) FROM pg_stat_a…'), line: 22, column: 1, endColumn: 65 }],
    },
    {
      name: 'lower-case SQL with its FROM on the next line',
      code: step('```bash', '  select pid, state\n  from pg_stat_activity;'),
      errors: [{ message: HOLDS('bash', 'SQL', 'select pid, state'), line: 19, column: 3, endColumn: 20 }],
    },
    {
      name: 'YAML in a python block (seed)',
      code: step('```python', '# Or set via environment variable\nenv:\n  - name: DB_POOL_SIZE\n    value: "30"'),
      errors: [{ message: HOLDS('python', 'YAML', 'env:', 'Python'), line: 20, column: 1, endColumn: 5 }],
    },
  ],
});
