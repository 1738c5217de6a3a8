// commands/pipe-closed-early: `| head` fails under the runner's pipefail once the output is long.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { exampleRunbook } from '../../../src/lib/lint/rules/example.ts';
import { commandsPipeClosedEarly } from '../../../src/lib/lint/rules/pipe-closed-early.ts';
import { ruleTester } from '../../helpers/rule-tester.ts';

/** A runbook with one block under "### Look"; its first code line is line 19 of the file. */
const step = (fence: string, code: string) => exampleRunbook({ body: `## Symptoms\n\nSlow.\n\n## Investigation\n\n### Look\n\n${fence}\n${code}\n\`\`\`\n` });
const EARLY = (shown: string) => `\`${shown}\` stops reading early: under \`runbook run\` (bash -o pipefail) the command before it is killed by SIGPIPE and the step fails with exit 141`;

ruleTester(commandsPipeClosedEarly, {
  valid: [
    { name: 'the command limits itself', code: step('```bash', 'kubectl -n shop logs deploy/api --since=15m --tail=50\ngit --no-pager log -n 3 -p -- src/api.js') },
    { name: 'sed reads all its input', code: step('```bash', "sort -rn counts.txt | sed -n '1,20p'") },
    { name: 'tail reads all its input', code: step('```bash', 'kubectl logs api-1 | grep ERROR | tail -50') },
    { name: 'head of a file', code: step('```bash', 'head -20 /var/log/app.log') },
    { name: 'inside ssh the remote shell has no pipefail', code: step('```bash', "ssh ec2-user@10.0.0.5 'ps aux --sort=-%mem | head -10'") },
    { name: 'inside sh -c', code: step('```bash', "sh -c 'dmesg | head -5'") },
    { name: 'plain grep reads everything', code: step('```bash', 'kubectl get pods -A | grep -v Running') },
    { name: 'console output is not run', code: step('```console', '$ kubectl get pods\nNAME | head') },
    { name: 'a text block', code: step('```bash text', 'git log | head -5') },
  ],
  invalid: [
    {
      name: 'sort | head (seed)',
      code: step('```bash', "kubectl logs -n production -l app=api-gateway --since=1h | grep -i failed | awk '{print $NF}' | sort | uniq -c | sort -rn | head -20"),
      errors: [{ message: EARLY('head -20'), line: 19, column: 125, endColumn: 133, severity: 'warn' }],
    },
    { name: 'git log | head (seed)', code: step('```bash', 'git log -p --follow -- src/api.js | head -100'), errors: [{ message: EARLY('head -100'), line: 19, column: 37 }] },
    { name: 'grep -q', code: step('```bash', 'kubectl get events -A | grep -q OOMKilled && echo "OOM seen"'), errors: [{ message: EARLY('grep -q OOMKilled'), line: 19, column: 25 }] },
    { name: 'a console prompt line runs too', code: step('```console', '$ git log | head -5\ncommit abc'), errors: [{ message: EARLY('head -5'), line: 19, column: 13 }] },
    { name: 'sudo head', code: step('```bash', 'journalctl -u api | sudo head -5'), errors: [{ message: EARLY('head -5'), line: 19, column: 26 }] },
    { name: 'grep -m', code: step('```bash', 'journalctl -u api | grep -m 5 panic'), errors: [{ message: EARLY('grep -m 5 panic'), line: 19, column: 21 }] },
  ],
});

describe('why: bash -euo pipefail', () => {
  it('fails a pipeline into head once the writer has more to write, and stops the block', () => {
    const result = spawnSync('bash', ['-euo', 'pipefail', '-c', 'seq 1 200000 | head -1 >/dev/null; echo after'], { encoding: 'utf8' });
    expect(result.status).toBe(141);
    expect(result.stdout).toBe('');
    const fixed = spawnSync('bash', ['-euo', 'pipefail', '-c', "seq 1 200000 | sed -n '1,1p' >/dev/null; echo after"], { encoding: 'utf8' });
    expect([fixed.status, fixed.stdout]).toEqual([0, 'after\n']);
  });
});
