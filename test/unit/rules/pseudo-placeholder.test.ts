// commands/pseudo-placeholder: values left for the reader must be declared <placeholders>.
import { describe, expect, it } from 'vitest';
import { exampleRunbook } from '../../../src/lib/lint/rules/example.ts';
import { commandsPseudoPlaceholder } from '../../../src/lib/lint/rules/pseudo-placeholder.ts';
import { ruleTester } from '../../helpers/rule-tester.ts';

/** A runbook with one block under "### Look"; its first code line is line 19 of the file. */
const step = (fence: string, code: string, runbook = '') =>
  exampleRunbook({ runbook, body: `## Symptoms\n\nSlow.\n\n## Investigation\n\n### Look\n\n${fence}\n${code}\n\`\`\`\n` });
const LEFT = (text: string, command?: string) =>
  `Unexpected "${text}"${command ? ` in \`${command}\`` : ''}: a value left for the reader runs as written; expected a <placeholder>`;

ruleTester(commandsPseudoPlaceholder, {
  valid: [
    { name: 'real redirections and a placeholder', code: step('```bash', 'sort <input.txt >sorted.txt\nwc -l < <file>\ncat <in >out') },
    {
      name: 'xargs, tar -xvf, hex and x in words',
      code: step(
        '```bash',
        "kubectl get pods -o name | xargs -n1 kubectl describe\ntar -xvf backup.tar\nprintf '%x' 0xfff\necho 0x1f2e3d4c5b6a\nls /var/lib/xxl-data",
      ),
    },
    {
      name: 'declared placeholders, even YOUR-ish ones',
      code: step(
        '```bash',
        'aws ec2 describe-instances --instance-ids <instance-id>\ncurl -H "Authorization: Bearer <YOUR_TOKEN>" https://api.internal',
        'variables:\n  instance-id:\n    description: Instance\n    example: i-0abc\n  YOUR_TOKEN:\n    description: Token\n    example: abc',
      ),
    },
    { name: 'environment variables', code: step('```bash', 'curl -H "Authorization: Bearer $YOUR_TOKEN" https://api.internal\necho "${YOUR_REGION}"') },
    { name: 'comments are prose', code: step('```bash', '# replace i-xxx with your instance, see [commit-hash] ...\nkubectl get pods # then YOUR_POD') },
    {
      name: 'character classes, test brackets, jq and JMESPath',
      code: step(
        '```bash',
        "grep -E '[a-z]+[0-9a-f]{8}' app.log\n[ -f /tmp/x ] && echo yes\ntr '[:upper:]' '[:lower:]' < f\njq '.items[] | .metadata.name' pods.json\naws ec2 describe-instances --query 'Reservations[].Instances[].InstanceId'\necho \"${arr[my_idx]}\"",
      ),
    },
    { name: 'ellipsis inside a word', code: step('```bash', 'echo "Waiting..."\ngit diff main...HEAD') },
    { name: 'SQL and PromQL comments', code: step('```sql', '-- WHERE pid = xxx\nSELECT 1; /* YOUR_TABLE */') },
    { name: 'snippets are not checked', code: step('```yaml', 'image: registry/xxx:latest') },
    {
      name: 'a YAML list in a patch that parses',
      code: step(
        '```bash risk="change"',
        `oc patch console.v1.operator.openshift.io cluster --type=json -p="[{'op': 'add', 'path': '/spec/plugins', 'value': [odf-client-console]}]"`,
      ),
    },
    { name: 'text blocks are not checked', code: step('```bash text', 'aws ec2 describe-instances --instance-ids i-xxx') },
  ],
  invalid: [
    {
      name: 'a placeholder written with a space is two redirections',
      code: step('```bash', '$ sudo gitlab-rails runner /tmp/sq.rb kill <WORKER NAME> --dry-run'),
      errors: [
        {
          message:
            'Unexpected "<WORKER NAME>" in `gitlab-rails`: with spaces it is no placeholder, the shell reads `<WORKER` and `NAME>` as redirections (it reads a file WORKER and overwrites the file after the `>`)',
          line: 19,
          column: 44,
          endColumn: 57,
        },
      ],
    },
    {
      name: 'i-xxx in an option value (seed)',
      code: step('```bash', 'aws cloudwatch get-metric-statistics \\\n  --dimensions Name=InstanceId,Value=i-xxx \\\n  --period 60'),
      errors: [{ message: LEFT('i-xxx', 'aws cloudwatch get-metric-statistics'), line: 20, column: 38, endLine: 20, endColumn: 43 }],
    },
    {
      name: 'a run of x in a host name and an option (seed)',
      code: step('```bash', 'redis-cli -h redis.xxxxx.cache.amazonaws.com ping\naws wafv2 update-ip-set --id xxxxx --lock-token XXXXX'),
      errors: [
        { message: LEFT('xxxxx', 'redis-cli'), line: 19, column: 20, endColumn: 25 },
        { message: LEFT('xxxxx', 'aws wafv2 update-ip-set'), line: 20, column: 30, endColumn: 35 },
        { message: LEFT('XXXXX', 'aws wafv2 update-ip-set'), line: 20, column: 49, endColumn: 54 },
      ],
    },
    {
      name: 'YOUR_ROUTING_KEY in a JSON body (seed)',
      code: step('```bash risk="change"', 'curl -X POST https://events.pagerduty.com/v2/enqueue \\\n  -d \'{"routing_key": "YOUR_ROUTING_KEY"}\''),
      errors: [{ message: LEFT('YOUR_ROUTING_KEY', 'curl'), line: 20, column: 24, endColumn: 40 }],
    },
    {
      name: '[commit-hash] (seed), with the placeholder it suggests',
      code: step('```bash', 'git revert --no-edit [commit-hash]'),
      errors: [{ message: LEFT('[commit-hash]', 'git revert'), line: 19, column: 22, endColumn: 35 }],
    },
    {
      name: 'a UUID template, your-bucket and CHANGEME in an assignment',
      code: step('```bash', 'ID=xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx\naws s3 ls s3://your-bucket-name/\nPGPASSWORD=CHANGEME psql -h db -c "SELECT 1"'),
      errors: [
        { message: LEFT('xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx'), line: 19, column: 4, endColumn: 40 },
        { message: LEFT('your-bucket-name', 'aws s3 ls'), line: 20, column: 16, endColumn: 32 },
        { message: LEFT('CHANGEME', 'psql'), line: 21, column: 12, endColumn: 20 },
      ],
    },
    {
      name: '... as an argument',
      code: step('```bash', 'kubectl -n shop patch deployment/api -p ...\ngit commit -m "..."'),
      errors: [
        { message: LEFT('...', 'kubectl patch'), line: 19, column: 41, endColumn: 44 },
        { message: LEFT('"..."', 'git commit'), line: 20, column: 15, endColumn: 20 },
      ],
    },
    {
      name: 'in a console prompt line, not in its output',
      code: step('```console', '$ aws ec2 describe-instances --instance-ids i-xxxx\nAn error occurred (InvalidInstanceID.Malformed): i-xxxx'),
      errors: [{ message: LEFT('i-xxxx', 'aws ec2 describe-instances'), line: 19, column: 45, endColumn: 51 }],
    },
    {
      name: 'a [name] in a patch that does not parse is still one',
      code: step('```bash risk="change"', `kubectl patch deployment api -p '{"spec": {"replicas": [replica-count]}'`),
      errors: [{ message: LEFT('[replica-count]', 'kubectl patch deployment'), line: 19, column: 56, endColumn: 71 }],
    },
    {
      name: 'in a SQL string',
      code: step('```sql', "SELECT * FROM pg_stat_activity WHERE usename = 'your_user';"),
      errors: [{ message: LEFT('your_user'), line: 19, column: 49, endColumn: 58 }],
    },
  ],
});

describe('commands/pseudo-placeholder hints', () => {
  it('suggests a placeholder name when the text says one', async () => {
    const { lintOne } = await import('../../helpers/rule-tester.ts');
    const { problems } = await lintOne(commandsPseudoPlaceholder, {
      name: 'hint',
      code: step('```bash', 'git revert --no-edit [commit-hash]\ncurl -d "key=YOUR_ROUTING_KEY" https://x'),
    });
    expect(problems.map((problem) => problem.hint?.match(/<[^>]+>/)?.[0])).toEqual(['<commit-hash>', '<routing-key>']);
  });
});
