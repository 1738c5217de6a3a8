// commands/pipe-closed-early: `| head` fails under the runner's pipefail once the output is long.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { exampleRunbook } from '../../../src/lib/lint/rules/example.ts';
import { commandsPipeClosedEarly } from '../../../src/lib/lint/rules/pipe-closed-early.ts';
import { lintOne, ruleTester } from '../../helpers/rule-tester.ts';

/** A runbook with one block under "### Look"; its first code line is line 19 of the file. */
const step = (fence: string, code: string) => exampleRunbook({ body: `## Symptoms\n\nSlow.\n\n## Investigation\n\n### Look\n\n${fence}\n${code}\n\`\`\`\n` });
const EARLY = (writer: string, reader: string) =>
  `\`${writer}\` is killed by SIGPIPE when \`${reader}\` stops reading early: under \`runbook run\` (bash -o pipefail) the step fails with exit 141`;
const TEST = (writer: string, reader: string) =>
  `\`${writer}\` is killed by SIGPIPE when \`${reader}\` stops reading early: under \`runbook run\` (bash -o pipefail) the test fails although the text was found`;

ruleTester(commandsPipeClosedEarly, {
  valid: [
    {
      name: 'the command limits itself',
      code: step('```bash', 'kubectl -n shop logs deploy/api --since=15m --tail=50\ngit --no-pager log -n 3 -p -- src/api.js'),
    },
    { name: 'sed reads all its input', code: step('```bash', "sort -rn counts.txt | sed -n '1,20p'") },
    { name: 'tail reads all its input', code: step('```bash', 'kubectl logs api-1 | grep ERROR | tail -50') },
    { name: 'head of a file', code: step('```bash', 'head -20 /var/log/app.log') },
    { name: 'inside ssh the remote shell has no pipefail', code: step('```bash', "ssh ec2-user@10.0.0.5 'ps aux --sort=-%mem | head -10'") },
    { name: 'inside sh -c', code: step('```bash', "sh -c 'dmesg | head -5'") },
    { name: 'plain grep reads everything', code: step('```bash', 'kubectl get pods -A | grep -v Running') },
    { name: 'console output is not run', code: step('```console', '$ kubectl get pods\nNAME | head') },
    { name: 'a text block', code: step('```bash text', 'git log | head -5') },
    { name: 'the failure is ignored with || true', code: step('```bash', 'kubectl get pods -A | head -5 || true') },
    {
      name: 'a substitution that is an argument: its status is lost (export, local, echo, for)',
      code: step(
        '```bash',
        'export NS="$(kubectl get kubevirt -A --no-headers | head -1)"\necho "pod: $(kubectl get pods -o name | head -n1)"\nfor p in $(kubectl get pods -o name | head -3); do echo "$p"; done',
      ),
    },
    {
      name: 'echo, printf and a heredoc write once',
      code: step(
        '```bash',
        'if echo "$ROLE" | grep -q -i leader; then echo yes; fi\nprintf \'%s\\n\' "$LIST" | head -1\ncat <<EOF | head -1\na\nb\nEOF',
      ).replace('lastReviewed: 2026-11-01', 'lastReviewed: 2026-11-01\n  env:\n    ROLE: role\n    LIST: list'),
    },
    { name: 'a pipeline in the background', code: step('```bash', 'yes | head -1 &') },
    {
      name: 'small outputs are in the pipe before the reader stops: ps, top, a selected list, sort of them',
      code: step(
        '```bash',
        'ps aux --sort=-%cpu | head -20\ntop -b -n 1 | head -20\nPOD=$(kubectl get pods -o name | head -n1)\nkubectl get pods -A -l kubevirt.io=virt-launcher | head -n 20\nps -eo rss,comm | sort -rn | head\nopenssl rand -base64 4096 | tr -dc A-Za-z0-9 | head -c64',
      ),
    },
  ],
  invalid: [
    {
      name: 'sort | head (seed)',
      code: step(
        '```bash',
        "kubectl logs -n production -l app=api-gateway --since=1h | grep -i failed | awk '{print $NF}' | sort | uniq -c | sort -rn | head -20",
      ),
      errors: [{ message: EARLY('sort -rn', 'head -20'), line: 19, column: 125, endColumn: 133, severity: 'warn' }],
    },
    {
      name: 'git log | head (seed)',
      code: step('```bash', 'git log -p --follow -- src/api.js | head -100'),
      errors: [{ message: EARLY('git log -p --follow -- src/api.js', 'head -100'), line: 19, column: 37 }],
    },
    {
      name: 'grep -q deciding whether && runs',
      code: step('```bash', 'kubectl get events -A | grep -q OOMKilled && echo "OOM seen"'),
      errors: [{ message: TEST('kubectl get events -A', 'grep -q OOMKilled'), line: 19, column: 25 }],
    },
    {
      name: 'grep -q in an if condition',
      code: step('```bash', 'if kubectl get events -A | grep -iq oomkilled; then echo seen; fi'),
      errors: [{ message: TEST('kubectl get events -A', 'grep -iq oomkilled'), line: 19, column: 28, endColumn: 46 }],
    },
    {
      name: 'a plain assignment fails with its substitution',
      code: step('```bash', 'POD=$(kubectl get pods -A -o name | head -n1)'),
      errors: [{ message: EARLY('kubectl get pods -A -o name', 'head -n1'), line: 19, column: 37, endColumn: 45 }],
    },
    {
      name: 'a console prompt line runs too',
      code: step('```console', '$ git log | head -5\ncommit abc'),
      errors: [{ message: EARLY('git log', 'head -5'), line: 19, column: 13 }],
    },
    {
      name: 'sudo head',
      code: step('```bash', 'journalctl -u api | sudo head -5'),
      errors: [{ message: EARLY('journalctl -u api', 'head -5'), line: 19, column: 26 }],
    },
    {
      name: 'grep -m',
      code: step('```bash', 'journalctl -u api | grep -m 5 panic'),
      errors: [{ message: EARLY('journalctl -u api', 'grep -m 5 panic'), line: 19, column: 21 }],
    },
    {
      name: 'head -c',
      code: step('```bash', 'cat /dev/urandom | tr -dc A-Za-z0-9 | head -c64'),
      errors: [{ message: EARLY('tr -dc A-Za-z0-9', 'head -c64'), line: 19, column: 39 }],
    },
    {
      name: 'a capture read from a file',
      code: step('```bash', 'tshark -r sample.pcap -T fields -e http.request.uri | head -n12'),
      errors: [{ message: EARLY('tshark -r sample.pcap -T fields -e http…', 'head -n12'), line: 19, column: 55 }],
    },
  ],
});

describe('the fix each problem gives', () => {
  const hintOf = async (code: string) =>
    (await lintOne(commandsPipeClosedEarly, { name: 'hint', code: step('```bash', code) })).problems.map((problem) => problem.hint);
  it("names the replacement for head, grep -q and head -c, and the writer's own limit", async () => {
    expect(await hintOf('kubectl logs api -n shop | head -20')).toEqual([
      "Write `sed -n '1,20p'` instead of `head -20`: sed reads all its input; or give the writer its own limit, `--tail=20` (the last 20 lines).",
    ]);
    expect(await hintOf('git log | head')).toEqual([
      "Write `sed -n '1,10p'` instead of `head`: sed reads all its input; or give the writer its own limit, `git log -n 10`.",
    ]);
    expect(await hintOf('kubectl get events -A | grep -iq OOMKilled && echo seen')).toEqual([
      'Test with `grep -i OOMKilled > /dev/null` instead of `grep -iq OOMKilled`: it reads all its input and exits with the same status.',
    ]);
    expect(await hintOf('cat /dev/urandom | tr -dc a-z | head -c64')).toEqual([
      'Write `{ head -c64; cat > /dev/null; }` instead of `head -c64`: cat reads the rest of the input.',
    ]);
  });
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
