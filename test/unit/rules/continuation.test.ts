// shell/continuation: commands split over lines that do not continue.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { shellContinuation } from '../../../src/lib/lint/rules/continuation.ts';
import { exampleRunbook } from '../../../src/lib/lint/rules/example.ts';
import { ruleTester } from '../../helpers/rule-tester.ts';

/** A runbook whose first code line is line 19. */
const fence = (lang: string, code: string) =>
  exampleRunbook({ body: `## Symptoms\n\nSlow.\n\n## Investigation\n\n### Look\n\n\`\`\`${lang}\n${code}\n\`\`\`\n` });
const bash = (code: string) => fence('bash', code);

ruleTester(shellContinuation, {
  valid: [
    { name: 'continued lines', code: bash('kubectl get pods \\\n  --namespace shop \\\n  -l app=api') },
    { name: 'an escaped backslash, an escaped space inside a word, a backslash in quotes', code: bash('echo a\\\\ \nls my\\ file\necho "a \\ "') },
    { name: 'a comment that ends with a backslash after a whole command', code: bash('kubectl get pods # list them \\\nkubectl get nodes') },
    { name: 'an option word that is an argument', code: bash('kubectl get pods \\\n  -n shop | grep -v Running') },
    { name: 'a blank line before a line of options (a new thought, not a continuation)', code: bash('kubectl get pods\n\n--help') },
    { name: 'a text block', code: fence('text', 'kubectl get pods\n  -n shop') },
    // Output of `ls -l` pasted under its command (gitlab-com runbooks, docs/ci-runners/linux/docker-machine/create-failure.md):
    // file modes start with `-` but are not options.
    {
      name: 'ls -l output under the command',
      code: bash(
        'sudo ls -lah /root/.docker/machine/certs/\ntotal 24K\ndrwx------ 2 root root 4.0K May 20 07:31 .\n-rw------- 1 root root 1.7K May 20 07:31 ca-key.pem\n-rw-r--r-- 1 root root 1.1K May 20 07:31 ca.pem',
      ),
    },
    {
      name: 'a file mode with every permission, after a line of output',
      code: bash('ls -l /srv\ndrwxr-xr-x 2 root root 4096 May 20 07:31 data\n-rwxrwxrwx 1 root root 12 May 20 07:31 run.sh'),
    },
    { name: 'an error message that starts with a dash', code: bash('kubectl get pods\n-bash: kubectl: command not found') },
  ],
  invalid: [
    {
      name: 'spaces after the backslash',
      code: bash('kubectl get pods \\  \n  -n shop'),
      errors: [
        {
          message:
            'Spaces after the `\\` that ends this line of `kubectl get pods`: the `\\` escapes a space, not the line break, so `-n shop` on the next line runs as a command of its own',
          line: 19,
          column: 18,
          endLine: 19,
          endColumn: 21,
        },
      ],
      output: bash('kubectl get pods \\\n  -n shop'),
    },
    {
      name: 'a tab after the last backslash of the block',
      code: bash('kubectl get pods -n shop \\\t'),
      errors: [
        {
          message:
            'Spaces after the `\\` that ends this line of `kubectl get pods -n shop`: the `\\` escapes a space, not the line break, so the command ends here',
          line: 19,
          column: 26,
          endColumn: 28,
        },
      ],
      output: bash('kubectl get pods -n shop \\'),
    },
    {
      name: 'a line of options after a line without a backslash (fixed)',
      code: bash('aws ec2 describe-instances\n  --instance-ids i-0abc123 \\\n  --region eu-west-1'),
      errors: [
        {
          message: '`--instance-ids` starts a command of its own: the line before it does not end with `\\`, so `aws ec2 describe-instances` runs without it',
          line: 20,
          column: 3,
          endColumn: 17,
        },
      ],
      output: bash('aws ec2 describe-instances \\\n  --instance-ids i-0abc123 \\\n  --region eu-west-1'),
    },
    {
      name: 'short options with values written against them',
      code: bash('kubectl get pods\n  -lapp=api -ojsonpath={.items[*].metadata.name}'),
      errors: [
        {
          message: '`-lapp=api` starts a command of its own: the line before it does not end with `\\`, so `kubectl get pods` runs without it',
          line: 20,
          column: 3,
          endColumn: 12,
        },
      ],
      output: bash('kubectl get pods \\\n  -lapp=api -ojsonpath={.items[*].metadata.name}'),
    },
    {
      name: 'a comment line inside a continued command',
      code: bash('kubectl get nodes \\\n  # only the infra nodes\n  -l role=infra'),
      errors: [
        {
          message: '`-l` starts a command of its own: a comment ends the command before it, so `kubectl get nodes` runs without it',
          line: 21,
          column: 3,
          endColumn: 5,
        },
      ],
    },
    {
      name: 'a backslash at the end of a comment',
      code: bash('kubectl logs api-1 # the last lines \\\n  --tail 50'),
      errors: [
        {
          message:
            'A `\\` at the end of a comment does not continue `kubectl logs api-1`: the comment ends at the line break, so `--tail` on the next line runs as a command of its own',
          line: 19,
          column: 37,
          endColumn: 38,
        },
      ],
    },
    {
      name: 'behind a prompt',
      code: bash('$ kubectl -n shop get pods \\ \n    -l app=api'),
      errors: [{ message: /^Spaces after the `\\` that ends this line of `kubectl -n shop get pods`/, line: 19, column: 28, endColumn: 30 }],
    },
  ],
});

describe('why: bash reads them so', () => {
  const run = (script: string) => spawnSync('bash', ['-c', script], { encoding: 'utf8' });
  it('ends the line at a backslash followed by a space, and at a comment that ends with one', () => {
    expect(run('echo a \\ \n  -n b').stderr).toMatch(/-n: command not found/);
    expect(run('echo a # c \\\n  --tail 5').stderr).toMatch(/--tail: command not found/);
    expect(run('echo a \\\n  b').stdout).toBe('a b\n');
  });
});
