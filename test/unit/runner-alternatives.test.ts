// `runbook run` at a choice, for real (bash runs each block): the diagnosis runs, the run stops at the options;
// a terminal chooses one (and only its values are asked), --option chooses up front, and Verification follows.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runRunbook, type RunCommandOptions, type RunEnvironment } from '../../src/cli/commands/run.ts';
import { run } from '../../src/cli/main.ts';
import { parseTranscript } from '../../src/schema/transcript.ts';
import { makeProject, runbookSource } from '../helpers/project.ts';

const fence = (code: string, meta = '') => `\`\`\`bash${meta ? ` ${meta}` : ''}\n${code}\n\`\`\``;

const VARIABLES = `  variables:
    deployment:
      description: Deployment to restart
      example: api
      pattern: '^[a-z-]+$'
    replicas:
      description: Replica count
      example: "4"
      type: integer
`;

/** Diagnosis, a choice of a one-step option A and a two-step option B, a step after the choice, Verification. */
const BODY = `## Symptoms

Slow.

## Investigation

### Look at the pods

${fence('echo diagnosis >> log')}

## Resolution

### Option A: restart the deployment

${fence('echo "restart <deployment>" >> log', 'risk="change"')}

### Option B, scale out: note the replica count

${fence('echo note >> log')}

### Option B, scale out: scale the deployment

${fence('echo "scale <replicas>" >> log', 'risk="change"')}

### Wait for the rollout

${fence('echo wait >> log')}

## Verification

### Check the error rate

${fence('echo verify >> log')}
`;

function project(body = BODY): string {
  return makeProject({ runbooks: { 'tickets/choice.mdx': runbookSource({ id: 'tickets-choice', extra: VARIABLES, body }) } });
}

function harness(isTTY: boolean, answers: string[] = [], onPrompt?: (question: string) => void) {
  const err: string[] = [];
  const prompts: string[] = [];
  const environment: RunEnvironment = {
    stdout: () => {},
    stderr: (text) => err.push(text),
    env: { PATH: process.env.PATH },
    isTTY,
    prompt: async (question) => {
      prompts.push(question);
      onPrompt?.(question);
      return answers.shift() ?? '';
    },
  };
  return { environment, err, prompts };
}

const start = (root: string, options: Partial<RunCommandOptions> = {}, environment = harness(false).environment) =>
  runRunbook('tickets-choice', { cwd: root, ...options }, environment);
const log = (root: string) => (existsSync(join(root, 'log')) ? readFileSync(join(root, 'log'), 'utf8') : '');

async function cli(root: string, argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { stdout: (text) => out.push(text), stderr: (text) => err.push(text), cwd: root });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('runbook run at a choice, without a terminal', () => {
  it('runs the diagnosis, then stops with exit 2 and lists the options and how to pick one', async () => {
    const root = project();
    const result = await cli(root, ['run', 'tickets-choice']);
    expect(result.code).toBe(2);
    // No value was needed: the options' placeholders are asked only for the option taken.
    expect(log(root)).toBe('diagnosis\n');
    expect(result.stderr).toBe(
      [
        '',
        'tickets-choice: stopped at a choice (1 passed)',
        'runbook: tickets-choice: stopped at a choice: its options are alternatives, and without a terminal nobody can say which one fits:',
        '  A  restart the deployment  (1 command, change; id: restart-the-deployment)',
        '  B  scale out  (2 commands, change; id: scale-out)',
        'Run it again with --option B, or pick steps with --step.',
        '',
      ].join('\n'),
    );
  });

  it('--option B runs the diagnosis, both steps of B, the step after the choice and Verification; A is not run and its value not needed', async () => {
    const root = project();
    const outcome = await start(root, { option: ['B'], set: ['replicas=3'], yes: true, transcript: 'run.jsonl' });
    expect(log(root)).toBe('diagnosis\nnote\nscale 3\nwait\nverify\n');
    if (outcome.dryRun) throw new Error('not a dry run');
    expect(outcome.exitCode).toBe(0);
    expect(outcome.stoppedAtChoice).toBeUndefined();
    const events = parseTranscript(readFileSync(join(root, 'run.jsonl'), 'utf8'));
    expect(events.map((event) => [event.id.replace('tickets-choice/', ''), event.option?.label ?? null])).toEqual([
      ['look-at-the-pods', null],
      ['option-b-scale-out-note-the-replica-count', 'B'],
      ['option-b-scale-out-scale-the-deployment', 'B'],
      ['wait-for-the-rollout', null],
      ['check-the-error-rate', null],
    ]);
    expect(events[1].option).toEqual({ group: 'resolution', id: 'scale-out', label: 'B' });
  });

  it('--option takes the letter in any case, the option id, or a unique prefix of it', async () => {
    for (const option of ['a', 'restart-the-deployment', 'restart']) {
      const root = project();
      await start(root, { option: [option], set: ['deployment=api'], yes: true });
      expect(log(root)).toBe('diagnosis\nrestart api\nwait\nverify\n');
    }
  });

  it('an unknown or ambiguous --option is a usage error (exit 2) and nothing runs', async () => {
    const root = project();
    const unknown = await cli(root, ['run', 'tickets-choice', '--option', 'C']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('runbook: --option C: the choice "resolution" has no option "C" (options: A (restart-the-deployment), B (scale-out))\n');
    const twice = await cli(root, ['run', 'tickets-choice', '--option', 'A', '--option', 'B']);
    expect(twice.stderr).toBe('runbook: --option B: tickets-choice has one choice, and each already has its --option\n');
    const sameGroup = await cli(root, ['run', 'tickets-choice', '--option', 'resolution:A', '--option', '1:B']);
    expect(sameGroup.stderr).toBe('runbook: --option 1:B: the choice "resolution" already has an option (A); give one per choice\n');
    const noGroup = await cli(root, ['run', 'tickets-choice', '--option', 'mitigation:A']);
    expect(noGroup.stderr).toBe('runbook: --option mitigation:A: tickets-choice has no choice "mitigation" (choices: 1 or resolution)\n');
    expect(log(root)).toBe('');
  });

  it('an --option prefix that fits two options names both', async () => {
    const root = project(BODY.replace('Option A: restart the deployment', 'Option A: scale up the deployment'));
    const result = await cli(root, ['run', 'tickets-choice', '--option', 'scale']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('runbook: --option scale: "scale" could be A (scale-up-the-deployment) or B (scale-out); give more of the id, or the letter\n');
  });

  it('--option on a runbook without a choice says so', async () => {
    const root = makeProject({ runbooks: { 'tickets/plain.mdx': runbookSource({ id: 'tickets-plain' }) } });
    const result = await cli(root, ['run', 'tickets-plain', '--option', 'B']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'runbook: --option B: tickets-plain has no choice between options (no "### Option A: …" or "### If …" steps in its Resolution); use --step to pick steps\n',
    );
  });

  it('--step naming steps is an explicit choice; --step with the section still stops at the choice', async () => {
    const root = project();
    await start(root, { step: ['option-a-restart-the-deployment', 'check-the-error-rate'], set: ['deployment=api'], yes: true });
    expect(log(root)).toBe('restart api\nverify\n');
    const again = project();
    const outcome = await start(again, { step: ['resolution'], yes: true });
    expect(log(again)).toBe('');
    expect(outcome.dryRun || outcome.stoppedAtChoice?.reason).toBe('no-terminal');
  });

  it('a --step prefix of the section stops at the choice too; steps of one option by number are that option', async () => {
    const root = project();
    const outcome = await start(root, { step: ['reso'], yes: true });
    expect(log(root)).toBe('');
    expect(outcome.dryRun || outcome.stoppedAtChoice?.reason).toBe('no-terminal');
    const one = project();
    await start(one, { step: ['3', '4'], set: ['replicas=2'], yes: true });
    expect(log(one)).toBe('note\nscale 2\n');
  });

  it('--json and a dry run without values mark each command of an option with it', async () => {
    const root = project();
    const result = await cli(root, ['run', 'tickets-choice', '--dry-run', '--json']);
    expect(result.code).toBe(0);
    const commands = JSON.parse(result.stdout) as { id: string; option?: { label: string } }[];
    expect(commands.map((command) => command.option?.label ?? '-').join('')).toBe('-ABB--');
  });

  it('the Markdown transcript says which option was taken', async () => {
    const root = project();
    await start(root, { option: ['B'], set: ['replicas=3'], yes: true, transcript: 'run.md' });
    const summary = readFileSync(join(root, 'run.md'), 'utf8');
    expect(summary.split('\n').slice(0, 4)).toEqual([
      '**Runbook run: Sample runbook** (`tickets-choice`)',
      'Result: **passed** · 5 passed',
      expect.stringMatching(/^Started .* took /),
      'Option taken: **B**, scale out',
    ]);
  });
});

describe('runbook run at a choice, on a terminal', () => {
  it('asks which option after the diagnosis ran, then asks only that option’s values', async () => {
    const root = project();
    let logWhenAsked = '';
    const { environment, prompts, err } = harness(true, ['B', '5', 'y'], (question) => {
      if (question.startsWith('Option')) logWhenAsked = log(root);
    });
    const outcome = await start(root, {}, environment);
    expect(logWhenAsked).toBe('diagnosis\n');
    expect(prompts).toEqual([
      'Option (A, B), or Enter to stop here: ',
      '<replicas> (Replica count, e.g. 4): ',
      'tickets-choice/option-b-scale-out-scale-the-deployment changes state (risk: change). Run it? [y/N] ',
    ]);
    expect(err.join('')).toContain(
      [
        'Choose one option; the others are not run:',
        '  A  restart the deployment  (1 command, change; id: restart-the-deployment)',
        '  B  scale out  (2 commands, change; id: scale-out)',
        '',
      ].join('\n'),
    );
    expect(log(root)).toBe('diagnosis\nnote\nscale 5\nwait\nverify\n');
    expect(outcome.dryRun || outcome.exitCode).toBe(0);
  });

  it('asks again after an answer that is no option; a value given before the choice is not asked again', async () => {
    const body = BODY.replace('echo diagnosis >> log', 'echo "diagnosis <deployment>" >> log');
    const root = project(body);
    const { environment, prompts, err } = harness(true, ['api', 'Z', 'a', 'y']);
    await start(root, {}, environment);
    expect(prompts).toEqual([
      '<deployment> (Deployment to restart, e.g. api): ',
      'Option (A, B), or Enter to stop here: ',
      'Option (A, B), or Enter to stop here: ',
      'tickets-choice/option-a-restart-the-deployment changes state (risk: change). Run it? [y/N] ',
    ]);
    expect(err.join('')).toContain('There is no option "Z"; answer A, B.\n');
    expect(log(root)).toBe('diagnosis api\nrestart api\nwait\nverify\n');
  });

  it('an empty answer stops the run there (exit 1): nothing after the choice runs', async () => {
    const root = project();
    const { environment } = harness(true, ['']);
    const outcome = await start(root, {}, environment);
    expect(log(root)).toBe('diagnosis\n');
    if (outcome.dryRun) throw new Error('not a dry run');
    expect(outcome.exitCode).toBe(1);
    expect(outcome.stoppedAtChoice).toEqual({
      group: 'resolution',
      reason: 'declined',
      message: 'tickets-choice: stopped at the choice: no option was taken, nothing more was run',
    });
  });

  it('a failed diagnosis stops the run before the choice is asked', async () => {
    const root = project(BODY.replace('echo diagnosis >> log', 'echo diagnosis >> log; exit 3'));
    const { environment, prompts } = harness(true, ['A']);
    const outcome = await start(root, {}, environment);
    expect(prompts).toEqual([]);
    expect(outcome.dryRun || outcome.exitCode).toBe(1);
  });
});

describe('several choices in one runbook', () => {
  const body = `${BODY.replace('## Verification', `### Option A: drain the queue\n\n${fence('echo drain >> log')}\n\n### Option B: pause the consumers\n\n${fence('echo pause >> log')}\n\n## Verification`)}`;

  it('are found in document order: resolution, resolution-2', async () => {
    const root = project(body);
    const shown = await cli(root, ['show', 'tickets-choice', '--json']);
    const alternatives = JSON.parse(shown.stdout).alternatives;
    expect(alternatives.map((group: { id: string; options: { label: string }[] }) => [group.id, group.options.map((option) => option.label).join('')])).toEqual(
      [
        ['resolution', 'AB'],
        ['resolution-2', 'AB'],
      ],
    );
  });

  it('--option values without a choice decide them in order; <choice>:<option> names one', async () => {
    const first = project(body);
    await start(first, { option: ['A', 'B'], set: ['deployment=api'], yes: true });
    expect(log(first)).toBe('diagnosis\nrestart api\nwait\npause\nverify\n');
    const second = project(body);
    await start(second, { option: ['resolution-2:A', '1:B'], set: ['replicas=2'], yes: true });
    expect(log(second)).toBe('diagnosis\nnote\nscale 2\nwait\ndrain\nverify\n');
  });

  it('without a terminal, a run with the first choice made stops at the second, after the step between them ran', async () => {
    const root = project(body);
    const result = await cli(root, ['run', 'tickets-choice', '--option', 'A', '--set', 'deployment=api', '--yes']);
    expect(result.code).toBe(2);
    expect(log(root)).toBe('diagnosis\nrestart api\nwait\n');
    expect(result.stderr).toContain('stopped at a choice (resolution-2)');
    expect(result.stderr).toContain('Run it again with --option resolution-2:B (or --option 2:B), or pick steps with --step.');
  });

  it('on a terminal, each choice is asked when the run gets there', async () => {
    const root = project(body);
    const { environment, prompts } = harness(true, ['B', '2', 'y', 'a']);
    await start(root, {}, environment);
    expect(prompts.filter((question) => question.startsWith('Option'))).toHaveLength(2);
    expect(log(root)).toBe('diagnosis\nnote\nscale 2\nwait\ndrain\nverify\n');
  });
});

describe('a dry run at a choice', () => {
  it('shows every option under a note that a real run takes one', async () => {
    const root = project();
    const result = await cli(root, ['run', 'tickets-choice', '--dry-run', '--set', 'deployment=api', '--set', 'replicas=2']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      [
        '# A choice: a real run takes ONE of these options (it asks on a terminal, or --option <letter>):',
        '#   A  restart the deployment',
        '#   B  scale out',
        '',
        '# Option A: restart the deployment',
        '',
        '# [2/6] tickets-choice/option-a-restart-the-deployment  (change, asks for confirmation)',
        'echo "restart api" >> log',
        '',
        '# Option B: scale out',
        '',
        '# [3/6] tickets-choice/option-b-scale-out-note-the-replica-count  (read)',
      ].join('\n'),
    );
    expect(log(root)).toBe('');
  });

  it('with --option shows only that option', async () => {
    const root = project();
    const result = await cli(root, ['run', 'tickets-choice', '--dry-run', '--option', 'B', '--set', 'replicas=2']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('# Option B: scale out\n');
    expect(result.stdout).not.toContain('restart');
    expect(result.stdout).toMatch(/^# Dry run of tickets-choice \(Sample runbook\): 5 commands, nothing is run\./);
  });
});
