// shell/syntax: shell blocks parse as bash, errors at the exact place in the .mdx file.
import { shellSyntax } from '../../../src/lib/lint/rules/shell-syntax.ts';
import { exampleRunbook } from '../../../src/lib/lint/rules/example.ts';
import { ruleTester } from '../../helpers/rule-tester.ts';

/** A runbook whose body starts at line 10; the first code line of `fence` is line 15. */
const doc = (fence: string, code: string) => exampleRunbook({ body: `## Investigation\n\n### Check\n\n${fence}\n${code}\n\`\`\`\n` });
const bash = (code: string) => doc('```bash', code);

ruleTester(shellSyntax, {
  valid: [
    { name: 'simple commands', code: bash('kubectl -n shop get pods -l app=api -o wide\nkubectl -n shop describe pod <pod>') },
    { name: 'placeholder is a word, not a redirection', code: bash('kubectl -n <namespace> logs <pod> --since=15m > <pod>.log') },
    {
      name: 'continuations, pipes, substitutions',
      code: bash('aws ecs describe-tasks \\\n  --cluster prod \\\n  --tasks $(aws ecs list-tasks --cluster prod --query "taskArns[0]" --output text) | jq .'),
    },
    { name: 'heredoc', code: bash('psql "$DATABASE_URL" <<\'EOF\'\nSELECT count(*) FROM pg_stat_activity;\nEOF') },
    { name: 'comments and non-ASCII', code: bash('# Grafana → dashboard “Golden Signals”\nkubectl top pods -n shop  # ça marche') },
    {
      name: 'console output lines are not commands',
      code: doc('```console', '$ kubectl get pods\nNAME   READY   STATUS\napi-1  1/1     Running (2 restarts)'),
    },
    { name: 'snippets are not checked', code: doc('```text', 'echo "unclosed') },
    { name: 'text blocks are not checked', code: doc('```bash text', 'SELECT count(*) FROM x;') },
    { name: 'sql blocks are not shell', code: doc('```sql', 'SELECT count(*) FROM pg_stat_activity;') },
    { name: 'json in single quotes', code: bash('kubectl patch deployment api -p \'{"spec":{"replicas":0}}\'') },
    {
      name: 'a quoted URL with & and commands sent to the background on purpose',
      code: bash(
        "curl 'https://gitlab.com/api/v4/x?user=a&project=b'\nsleep 30 &\nkubectl port-forward svc/api 8080:80 & PID=$!\ncmd &>/dev/null\ntrue&& echo ok",
      ),
    },
  ],
  invalid: [
    {
      name: 'an unquoted & inside a URL',
      code: bash('curl --request DELETE https://gitlab.com/api/v4/admin/sidekiq/queues/post_receive?user=reprazent&project=gitlab-org/gitlab'),
      errors: [
        {
          message:
            'Unquoted `&` after `https://gitlab.com/api/v4/admin/sidekiq…` ends the `curl` command and runs it in the background; `project=gitlab-org/gitlab` runs as a command of its own',
          line: 15,
          column: 97,
          endColumn: 98,
        },
      ],
    },
    {
      name: 'unclosed double quote',
      code: bash('psql "$DATABASE_URL" -c "SELECT 1'),
      errors: [{ message: 'Unclosed quote ", expected a closing " before the end of the block', line: 15, column: 25, endLine: 15, endColumn: 26 }],
    },
    {
      name: 'SQL pasted into a bash block',
      code: bash('# kill idle connections\nSELECT pg_terminate_backend(pid)\nFROM pg_stat_activity;'),
      errors: [{ message: 'Unexpected `(` in a command, expected only words and redirections', line: 16, column: 28, endColumn: 29 }],
    },
    {
      name: 'a psql command and SQL in one bash block (seed)',
      code: bash('psql $DATABASE_URL\n\n-- Connection count\nSELECT datname, count(*) FROM pg_stat_activity GROUP BY datname;'),
      errors: [{ message: 'Unexpected `(` in a command, expected only words and redirections', line: 18, column: 22 }],
    },
    {
      name: 'dangling pipe',
      code: bash('kubectl get pods |\n'),
      errors: [{ message: 'Expected a statement after `|`', line: 15, column: 18, endColumn: 19 }],
    },
    {
      name: 'unclosed if',
      code: bash('if kubectl get ns shop; then\n  echo ok'),
      errors: [{ message: 'Unclosed `if` statement, expected `fi`', line: 15, column: 1, endColumn: 3 }],
    },
    {
      name: 'unclosed command substitution after a continuation',
      code: bash('aws ecs describe-tasks \\\n  --tasks $(aws ecs list-tasks --cluster prod'),
      errors: [{ message: 'Unclosed `$(`, expected `)` before the end of the block', line: 16, column: 11, endColumn: 13 }],
    },
    {
      name: 'fence inside a list item (indented code)',
      code: exampleRunbook({ body: '## Investigation\n\n### Check\n\n1. Count them:\n\n   ```bash\n   kubectl get pods\n   echo "oops\n   ```\n' }),
      errors: [{ message: /^Unclosed quote "/, line: 18, column: 9 }],
    },
    {
      name: 'console block: only prompt lines, positions in the file',
      code: doc('```console', '$ kubectl get pods\nNAME READY\n$ echo "unclosed\nmore output'),
      errors: [{ message: /^Unclosed quote "/, line: 17, column: 8 }],
    },
    {
      name: 'console block with a continuation',
      code: doc('```console', '$ kubectl logs api \\\n  --tail=10 | | grep x\noutput'),
      errors: [{ message: 'Expected a statement after `|`', line: 16, column: 13 }],
    },
    {
      name: 'two blocks, the error in the second only',
      code: exampleRunbook({ body: '## Investigation\n\n### A\n\n```bash\necho "a\n```\n\n### B\n\n```bash\necho "b"\nfi\n```\n' }),
      errors: [
        { message: /^Unclosed quote "/, line: 15, column: 6 },
        { message: 'Unexpected `fi`: it can only be used to end an `if`', line: 22, column: 1, endColumn: 3 },
      ],
    },
  ],
});
