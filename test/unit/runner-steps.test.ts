// `runbook run --step`: the numbers `runbook show` prints, ids, unique prefixes, and ambiguous prefixes
// (a usage error naming the candidates); and a dry run that needs no values.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { makeProject, runbookSource } from '../helpers/project.ts';

const fence = (code: string, meta = '') => `\`\`\`bash${meta ? ` ${meta}` : ''}\n${code}\n\`\`\``;

/** Investigation: "Check logs" (two blocks), "Check config", "Describe"; Resolution: "Restart"; Verification: "Confirm". */
const BODY = [
  '## Investigation',
  '### Check logs',
  fence('echo logs >> log'),
  fence('echo logs-again >> log'),
  '### Check config',
  fence('echo config >> log'),
  '### Describe',
  fence('echo "describe <pod>" >> log'),
  '## Resolution',
  '### Restart',
  fence('echo restart >> log'),
  '## Verification',
  '### Confirm',
  fence('echo confirm >> log'),
].join('\n\n');

const VARIABLES = '  variables:\n    pod:\n      description: The pod\n      example: api-1\n';

const project = () => makeProject({ runbooks: { 'tickets/steps.mdx': runbookSource({ id: 'tickets-steps', extra: VARIABLES, body: BODY }) } });
const log = (root: string) => (existsSync(join(root, 'log')) ? readFileSync(join(root, 'log'), 'utf8') : '');

describe('runbook show numbers the commands; run --step takes those numbers', () => {
  it('show prints each command with its number, in document order', async () => {
    const root = project();
    const { code, stdout } = await runCli(['show', 'tickets-steps'], root);
    expect(code).toBe(0);
    expect(stdout).toContain('Commands (run one with: runbook run tickets-steps --step <number>):');
    expect(stdout.match(/^ {4}\d\. \S+/gm)).toEqual([
      '    1. tickets-steps/check-logs',
      '    2. tickets-steps/check-logs-2',
      '    3. tickets-steps/check-config',
      '    4. tickets-steps/describe',
      '    5. tickets-steps/restart',
      '    6. tickets-steps/confirm',
    ]);
  });

  it('--step 3 runs the third command; numbers and ids mix, in document order', async () => {
    const root = project();
    const { code, stderr } = await runCli(['run', 'tickets-steps', '--step', '5', '--step', '3'], root);
    expect(stderr).toContain('tickets-steps: done (2 passed)');
    expect(code).toBe(0);
    expect(log(root)).toBe('config\nrestart\n');
  });

  it('a number out of range is a usage error (exit 2) saying how they go, and nothing runs', async () => {
    const root = project();
    const result = await runCli(['run', 'tickets-steps', '--step', '7'], root);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toBe(
      'runbook: Cannot run tickets-steps, nothing was run:\n  - --step 7: tickets-steps has no command 7; its commands are numbered 1 to 6 (runbook show tickets-steps lists them)\n',
    );
    expect((await runCli(['run', 'tickets-steps', '--step', '0'], root)).code).toBe(2);
    expect(log(root)).toBe('');
  });

  it('a unique prefix of a step id runs that step', async () => {
    const root = project();
    expect((await runCli(['run', 'tickets-steps', '--step', 'rest'], root)).code).toBe(0);
    expect(log(root)).toBe('restart\n');
  });

  it("a prefix of a step and of its own commands' ids is that step (both of its blocks)", async () => {
    const root = project();
    expect((await runCli(['run', 'tickets-steps', '--step', 'check-l'], root)).code).toBe(0);
    expect(log(root)).toBe('logs\nlogs-again\n');
  });

  it('a prefix is matched without regard to case, and a full command id with its runbook prefix too', async () => {
    const root = project();
    expect((await runCli(['run', 'tickets-steps', '--step', 'CONF', '--step', 'tickets-steps/check-logs-2'], root)).code).toBe(0);
    expect(log(root)).toBe('logs-again\nconfirm\n');
  });

  it('an ambiguous prefix is a usage error (exit 2) listing the candidates with their numbers, and nothing runs', async () => {
    const root = project();
    const result = await runCli(['run', 'tickets-steps', '--step', 'check'], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'runbook: Cannot run tickets-steps, nothing was run:\n' +
        '  - --step "check" is ambiguous in tickets-steps: it could be check-logs (commands 1, 2), check-config (command 3); give more of the name, or the command\'s number\n',
    );
    expect(log(root)).toBe('');
  });

  it('a section and a step that begin alike are ambiguous too', async () => {
    const root = makeProject({
      runbooks: {
        'tickets/steps.mdx': runbookSource({
          id: 'tickets-steps',
          body: `## Resolution\n\n### Restart the pods\n\n${fence('echo restart >> log')}\n\n### Scale up\n\n${fence('echo scale >> log')}\n`,
        }),
      },
    });
    const result = await runCli(['run', 'tickets-steps', '--step', 'res'], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--step "res" is ambiguous in tickets-steps: it could be restart-the-pods (command 1), resolution (section)');
    // The whole name selects exactly: the section runs both steps.
    expect((await runCli(['run', 'tickets-steps', '--step', 'resolution'], root)).code).toBe(0);
    expect(log(root)).toBe('restart\nscale\n');
  });

  it('a name that is no prefix at all suggests the closest', async () => {
    const root = project();
    const result = await runCli(['run', 'tickets-steps', '--step', 'confrim'], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--step "confrim": tickets-steps has no step or command by that name');
    expect(result.stderr).toContain('confirm');
  });
});

describe('runbook run --dry-run needs no values', () => {
  it('shows <name> where a value goes, marks the command, and lists what a real run will ask for', async () => {
    const root = project();
    const { code, stdout, stderr } = await runCli(['run', 'tickets-steps', '--dry-run', '--step', 'describe'], root);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toBe(`# Dry run of tickets-steps (Sample runbook): 1 command, nothing is run.

# [1/1] tickets-steps/describe  (read, needs <pod>)
echo "describe <pod>" >> log

# Values a real run will ask for (on a terminal; otherwise pass --set name=value or --env-file FILE):
#   <pod>  The pod; e.g. api-1
`);
    expect(log(root)).toBe('');
  });

  it('--json marks the commands with their unfilled placeholders', async () => {
    const root = project();
    const { code, stdout } = await runCli(['run', 'tickets-steps', '--dry-run', '--json', '--step', '4'], root);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual([
      {
        id: 'tickets-steps/describe',
        step: 'describe',
        language: 'shell',
        risk: 'read',
        longRunning: false,
        interactive: false,
        display: 'echo "describe <pod>" >> log',
        unfilled: ['pod'],
      },
    ]);
  });

  it('values that are given are still checked', async () => {
    const root = makeProject({
      runbooks: { 'tickets/steps.mdx': runbookSource({ id: 'tickets-steps', extra: `${VARIABLES}      pattern: '^[a-z0-9-]+$'\n`, body: BODY }) },
    });
    const result = await runCli(['run', 'tickets-steps', '--dry-run', '--set', 'pod=x; reboot'], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--set pod: the value "x; reboot" does not match the pattern');
  });
});
