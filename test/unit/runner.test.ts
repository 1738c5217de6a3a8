// `runbook run` for real: bash blocks of temporary runbooks run, fail, time out, get interrupted and refused.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runRunbook, type RunCommandOptions, type RunEnvironment } from '../../src/cli/commands/run.ts';
import { run } from '../../src/cli/main.ts';
import { PromptInterrupted, terminalPrompt } from '../../src/lib/runner/tty.ts';
import { parseTranscript } from '../../src/schema/transcript.ts';
import { makeProject, runbookSource } from '../helpers/project.ts';

const fence = (code: string, meta = '', lang = 'bash') => `\`\`\`${lang}${meta ? ` ${meta}` : ''}\n${code}\n\`\`\``;
const steps = (...blocks: [string, string][]) => `## Investigation\n\n${blocks.map(([title, block]) => `### ${title}\n\n${block}\n`).join('\n')}`;

const VARIABLES = `  variables:
    name:
      description: Who to greet
      example: alice
      pattern: '^[a-z]+$'
    token:
      description: API token
      example: abc123
      secret: true
`;

function project(body: string, extra = VARIABLES): string {
  return makeProject({ runbooks: { 'tickets/runner.mdx': runbookSource({ id: 'tickets-runner', extra, body }) } });
}

interface Harness {
  environment: RunEnvironment;
  out: string[];
  err: string[];
  prompts: string[];
}

function harness(overrides: Partial<RunEnvironment> = {}, answers: string[] = []): Harness {
  const out: string[] = [];
  const err: string[] = [];
  const prompts: string[] = [];
  const environment: RunEnvironment = {
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    env: { PATH: process.env.PATH },
    isTTY: false,
    prompt: async (question) => {
      prompts.push(question);
      return answers.shift() ?? '';
    },
    ...overrides,
  };
  return { environment, out, err, prompts };
}

const start = (root: string, options: Partial<RunCommandOptions> = {}, environment = harness().environment) =>
  runRunbook('tickets-runner', { cwd: root, ...options }, environment);

const statuses = (outcome: Awaited<ReturnType<typeof start>>) =>
  outcome.dryRun ? [] : outcome.events.map((event) => `${event.id.replace('tickets-runner/', '')}:${event.status}`);
/** The CLI in-process, in `root`. */
async function runCliIn(root: string, argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { stdout: (text) => out.push(text), stderr: (text) => err.push(text), cwd: root });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

const log = (root: string) => (existsSync(join(root, 'log')) ? readFileSync(join(root, 'log'), 'utf8') : '');

describe('runbook run: order and selection', () => {
  const body = steps(['One', fence('echo one >> log')], ['Two', fence('echo two >> log')], ['Three', fence('echo three >> log')]);

  it('runs every command block in document order, each in a fresh bash', async () => {
    const root = project(body);
    const outcome = await start(root);
    expect(log(root)).toBe('one\ntwo\nthree\n');
    expect(statuses(outcome)).toEqual(['one:passed', 'two:passed', 'three:passed']);
    expect(outcome.dryRun || outcome.exitCode).toBe(0);
  });

  it('--step runs only the named steps, still in document order', async () => {
    const root = project(body);
    const outcome = await start(root, { step: ['three', 'tickets-runner/one'] });
    expect(log(root)).toBe('one\nthree\n');
    expect(statuses(outcome)).toEqual(['one:passed', 'three:passed']);
  });

  it('an unknown step is a usage problem and nothing runs', async () => {
    const root = project(body);
    await expect(start(root, { step: ['for'] })).rejects.toThrow('--step "for": tickets-runner has no step or command by that name (steps: one, two, three)');
    expect(log(root)).toBe('');
  });

  it('bash runs with -euo pipefail: an unset variable or a failing pipe stage fails the block', async () => {
    const root = project(steps(['Unset', fence('echo "$NOT_SET_ANYWHERE"')], ['Pipe', fence('false | cat')]));
    const outcome = await start(root, { keepGoing: true });
    expect(statuses(outcome)).toEqual(['unset:failed', 'pipe:failed']);
  });
});

describe('runbook run: failures', () => {
  const body = steps(['One', fence('echo one >> log')], ['Two', fence('echo oops >&2; exit 3')], ['Three', fence('echo three >> log')]);

  it('stops at the first failure with exit code 1', async () => {
    const root = project(body);
    const outcome = await start(root);
    if (outcome.dryRun) throw new Error('not a dry run');
    expect(outcome.exitCode).toBe(1);
    expect(statuses(outcome)).toEqual(['one:passed', 'two:failed', 'three:skipped']);
    expect(outcome.events[1]).toMatchObject({ exitCode: 3, stderr: 'oops\n', reason: 'exit code 3' });
    expect(outcome.events[2].reason).toBe('not run: the run stopped at tickets-runner/two (failed)');
    expect(log(root)).toBe('one\n');
  });

  it('--keep-going runs the rest and still exits 1', async () => {
    const root = project(body);
    const outcome = await start(root, { keepGoing: true });
    expect(statuses(outcome)).toEqual(['one:passed', 'two:failed', 'three:passed']);
    expect(outcome.dryRun || outcome.exitCode).toBe(1);
    expect(log(root)).toBe('one\nthree\n');
  });

  it('the CLI exits 1 and says where it stopped', async () => {
    const root = project(body);
    const out: string[] = [];
    const err: string[] = [];
    const code = await run(['run', 'tickets-runner'], { stdout: (text) => out.push(text), stderr: (text) => err.push(text), cwd: root });
    expect(code).toBe(1);
    expect(out.join('')).toContain('[2/3] tickets-runner/two  (read)\n  $ echo oops >&2; exit 3\n');
    expect(out.join('')).toContain('  -> FAILED in ');
    expect(err.join('')).toContain('tickets-runner: failed (1 passed, 1 failed, 1 skipped)');
  });
});

describe('runbook run: long-running blocks and Ctrl-C', () => {
  it('stops a long-running block at --timeout and reports it as stopped, not failed', async () => {
    const root = project(steps(['Watch', fence('echo watching; sleep 5; echo never', 'long-running')], ['After', fence('echo after >> log')]));
    const began = Date.now();
    const outcome = await start(root, { timeout: '1s' });
    if (outcome.dryRun) throw new Error('not a dry run');
    expect(Date.now() - began).toBeLessThan(4000);
    expect(statuses(outcome)).toEqual(['watch:stopped', 'after:passed']);
    expect(outcome.events[0]).toMatchObject({ stdout: 'watching\n', reason: 'long-running: stopped at its 1 s timeout', signal: 'SIGTERM' });
    expect(outcome.exitCode).toBe(0);
  });

  it("uses the block's own timeout attribute", async () => {
    const root = project(steps(['Watch', fence('sleep 5', 'long-running timeout="1s"')]));
    const began = Date.now();
    const outcome = await start(root);
    expect(statuses(outcome)).toEqual(['watch:stopped']);
    expect(Date.now() - began).toBeLessThan(4000);
  });

  it('streams output while the command runs', async () => {
    const root = project(steps(['Watch', fence('echo first; sleep 0.3; echo second', 'long-running')]));
    const chunks: string[] = [];
    await runRunbook('tickets-runner', { cwd: root }, harness().environment, { output: (_command, _stream, text) => chunks.push(text) });
    expect(chunks.join('')).toBe('first\nsecond\n');
    expect(chunks.length).toBeGreaterThan(1);
  });

  it("SIGINT to the running command's process group interrupts the run: exit 130, recorded in the transcript", async () => {
    const root = project(steps(['Wait', fence('echo waiting; sleep 10')], ['After', fence('echo after >> log')]));
    const { environment } = harness({ onSpawn: (_command, pid) => setTimeout(() => process.kill(-pid, 'SIGINT'), 300) });
    const began = Date.now();
    const outcome = await start(root, { transcript: 'run.jsonl' }, environment);
    if (outcome.dryRun) throw new Error('not a dry run');
    expect(Date.now() - began).toBeLessThan(3000);
    expect(outcome.exitCode).toBe(130);
    expect(statuses(outcome)).toEqual(['wait:interrupted', 'after:skipped']);
    const recorded = parseTranscript(readFileSync(join(root, 'run.jsonl'), 'utf8'));
    expect(recorded.map((event) => [event.status, event.reason])).toEqual([
      ['interrupted', 'interrupted (Ctrl-C)'],
      ['skipped', 'not run: the run was interrupted'],
    ]);
    expect(recorded[0]).toMatchObject({ signal: 'SIGINT', stdout: 'waiting\n' });
    expect(log(root)).toBe('');
  });

  it('Ctrl-C at the runner (its abort signal) stops the whole process group, children included', async () => {
    const root = project(steps(['Wait', fence('sleep 10 | cat; echo done >> log')]));
    const controller = new AbortController();
    const { environment } = harness({ signal: controller.signal, onSpawn: () => setTimeout(() => controller.abort(), 300) });
    const began = Date.now();
    const outcome = await start(root, {}, environment);
    expect(Date.now() - began).toBeLessThan(3000);
    expect(statuses(outcome)).toEqual(['wait:interrupted']);
    expect(outcome.dryRun || outcome.exitCode).toBe(130);
    expect(log(root)).toBe('');
  });
});

describe('runbook run: unmarked long-running and interactive commands', () => {
  it('a long-running command without the attribute still stops at the timeout instead of hanging the run', async () => {
    const root = project(steps(['Follow', fence('touch app.log; tail -f app.log')], ['After', fence('echo after >> log')]));
    const dry = await start(root, { dryRun: true, timeout: '1s' });
    expect(dry.dryRun && dry.plan.commands[0]).toMatchObject({ longRunning: true, timeout: 1, longRunningFound: '`tail -f` follows the file' });
    const began = Date.now();
    const outcome = await start(root, { timeout: '1s' });
    expect(Date.now() - began).toBeLessThan(4000);
    expect(statuses(outcome)).toEqual(['follow:stopped', 'after:passed']);
  });

  it('says so in a dry run', async () => {
    const root = project(steps(['Follow', fence('kubectl logs -f deploy/api')], ['Shell', fence('kubectl exec -it deploy/api -- sh')]));
    const { code, stdout } = await runCliIn(root, ['run', 'tickets-runner', '--dry-run']);
    expect(code).toBe(0);
    expect(stdout).toContain('(read, long-running (not marked, but `kubectl logs -f` follows the log), stopped after 30 s)');
    expect(stdout).toContain('(read, interactive (not marked, but `kubectl exec -it` asks for a terminal), runs only on a terminal)');
  });

  it('an interactive command without the attribute is shown, not run, without a terminal', async () => {
    const root = project(steps(['Editor', fence('echo ran >> log; vi notes.txt')]));
    const outcome = await start(root);
    expect(outcome.dryRun || outcome.events[0]).toMatchObject({ status: 'skipped', reason: 'interactive: shown, not run (it needs a terminal)' });
    expect(log(root)).toBe('');
  });
});

describe('runbook run: Ctrl-C at the terminal', () => {
  it('SIGINT to the runbook process stops the running command and the run: exit 130, transcript written', async () => {
    const root = project(steps(['Wait', fence('echo waiting; sleep 10; echo done >> log')], ['After', fence('echo after >> log')]));
    const cli = fileURLToPath(new URL('../../scripts/runbook.js', import.meta.url));
    const child = spawn(process.execPath, [cli, 'run', 'tickets-runner', '--transcript', 'run.jsonl'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let sent = false;
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      out += text;
      // Ctrl-C once, when the command is running.
      if (!sent && out.includes('waiting')) sent = child.kill('SIGINT');
    });
    const began = Date.now();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(130);
    expect(Date.now() - began).toBeLessThan(8000);
    expect(parseTranscript(readFileSync(join(root, 'run.jsonl'), 'utf8')).map((event) => event.status)).toEqual(['interrupted', 'skipped']);
    expect(log(root)).toBe('');
  });
});

describe('runbook run: risk', () => {
  const body = steps(
    ['Read', fence('echo read >> log')],
    ['Scale', fence('echo change >> log', 'risk="change"')],
    ['Delete', fence('echo destructive >> log', 'risk="destructive"')],
  );

  it('without a terminal, change and destructive blocks are refused', async () => {
    const root = project(body);
    const outcome = await start(root, { keepGoing: true });
    if (outcome.dryRun) throw new Error('not a dry run');
    expect(statuses(outcome)).toEqual(['read:passed', 'scale:refused', 'delete:refused']);
    expect(outcome.events.map((event) => event.reason ?? '')).toEqual([
      '',
      'change: needs confirmation; run it on a terminal or pass --yes',
      'destructive: needs the runbook id typed on a terminal, or --yes --allow-destructive',
    ]);
    expect(outcome.exitCode).toBe(1);
    expect(log(root)).toBe('read\n');
  });

  it('a refusal stops the run unless --keep-going', async () => {
    const root = project(body);
    expect(statuses(await start(root))).toEqual(['read:passed', 'scale:refused', 'delete:skipped']);
  });

  it('--yes runs change blocks; destructive ones also need --allow-destructive', async () => {
    const root = project(body);
    expect(statuses(await start(root, { yes: true }))).toEqual(['read:passed', 'scale:passed', 'delete:refused']);
    expect(statuses(await start(root, { yes: true, allowDestructive: true }))).toEqual(['read:passed', 'scale:passed', 'delete:passed']);
    expect(log(root)).toBe('read\nchange\nread\nchange\ndestructive\n');
  });

  it('on a terminal, a change is confirmed with y and a destructive block by typing the runbook id', async () => {
    const root = project(body);
    const { environment, prompts } = harness({ isTTY: true }, ['y', 'tickets-runner']);
    expect(statuses(await start(root, {}, environment))).toEqual(['read:passed', 'scale:passed', 'delete:passed']);
    expect(prompts).toEqual([
      'tickets-runner/scale changes state (risk: change). Run it? [y/N] ',
      'tickets-runner/delete is destructive. Type the runbook id (tickets-runner) to run it: ',
    ]);
  });

  it('on a terminal, a wrong answer refuses', async () => {
    const root = project(body);
    const { environment } = harness({ isTTY: true }, ['n', 'yes']);
    expect(statuses(await start(root, { keepGoing: true }, environment))).toEqual(['read:passed', 'scale:refused', 'delete:refused']);
    expect(log(root)).toBe('read\n');
  });

  it('interactive blocks are shown, not run, without a terminal', async () => {
    const root = project(steps(['Shell', fence('echo interactive >> log', 'interactive')]));
    const outcome = await start(root);
    expect(outcome.dryRun || outcome.events[0]).toMatchObject({ status: 'skipped', reason: 'interactive: shown, not run (it needs a terminal)' });
    expect(outcome.dryRun || outcome.exitCode).toBe(0);
    expect(log(root)).toBe('');
  });
});

describe('runbook run: values and environment', () => {
  const body = steps(['Greet', fence('echo "hello <name>" >> log')], ['Call', fence('echo "token=<token>"; echo <token> >&2')]);

  it('fills values through the quoting module', async () => {
    const root = project(body);
    await start(root, { set: ['name=bob', 'token=x'] });
    expect(log(root)).toBe('hello bob\n');
  });

  it('names every missing and invalid value before anything runs (exit 2)', async () => {
    const root = project(
      steps(['Greet', fence('echo <name> <other> <token> >> log')]),
      `${VARIABLES}    other:\n      description: Another\n      example: x\n      type: integer\n`,
    );
    const err: string[] = [];
    const code = await run(['run', 'tickets-runner', '--set', 'name=Bob Smith', '--set', 'other=1.5'], {
      stdout: () => {},
      stderr: (text) => err.push(text),
      cwd: root,
    });
    expect(code).toBe(2);
    expect(err.join('')).toBe(
      [
        'runbook: Cannot run tickets-runner, nothing was run:',
        '  - --set name: the value "Bob Smith" does not match the pattern ^[a-z]+$ (Who to greet, e.g. alice)',
        '  - --set other: the value "1.5" is not an integer (Another, e.g. x)',
        '  - <token> has no value: pass --set token=... (API token)',
        '',
      ].join('\n'),
    );
    expect(log(root)).toBe('');
  });

  it('prompts on a terminal for values not given', async () => {
    const root = project(body);
    const { environment, prompts } = harness({ isTTY: true }, ['carol', 'tok']);
    await start(root, {}, environment);
    expect(prompts).toEqual(['<name> (Who to greet, e.g. alice): ', '<token> (API token): ']);
    expect(log(root)).toBe('hello carol\n');
  });

  it('masks secret values in the transcript, the commands and the output', async () => {
    const root = project(body);
    const outcome = await start(root, { set: ['name=bob', 'token=s3cr3t-value'], transcript: 'run.jsonl' });
    const text = readFileSync(join(root, 'run.jsonl'), 'utf8');
    expect(text).not.toContain('s3cr3t-value');
    const events = parseTranscript(text);
    expect(events[1]).toMatchObject({ command: 'echo "token=***"; echo *** >&2', stdout: 'token=***\n', stderr: '***\n', status: 'passed' });
    expect(outcome.dryRun || outcome.exitCode).toBe(0);
  });

  it('masks a secret that reaches the runner in two reads of the pipe', async () => {
    const root = project(
      steps([
        'Split',
        fence("printf 's3cr'; sleep 0.3; printf 'et-value\\n'; printf 'x' >&2; sleep 0.2; printf 's3cret-valu' >&2; sleep 0.2; printf 'e!\\n' >&2"),
      ]),
    );
    const chunks: { stream: string; text: string }[] = [];
    const { environment } = harness();
    const outcome = await runRunbook('tickets-runner', { cwd: root, set: ['token=s3cret-value'], transcript: 'run.jsonl' }, environment, {
      output: (_command, stream, text) => chunks.push({ stream, text }),
    });
    if (outcome.dryRun) throw new Error('not a dry run');
    const shown = (stream: string) =>
      chunks
        .filter((chunk) => chunk.stream === stream)
        .map((chunk) => chunk.text)
        .join('');
    expect(shown('stdout')).toBe('***\n');
    expect(shown('stderr')).toBe('x***!\n');
    for (const { text } of chunks) expect(text).not.toMatch(/s3cr|et-v/);
    expect(outcome.events[0]).toMatchObject({ stdout: '***\n', stderr: 'x***!\n', status: 'passed' });
    const [recorded] = parseTranscript(readFileSync(join(root, 'run.jsonl'), 'utf8'));
    expect([recorded.stdout, recorded.stderr]).toEqual(['***\n', 'x***!\n']);
  });

  it('warns on stderr when a secret is given with --set (it is in argv and the shell history)', async () => {
    const root = project(body);
    const { environment, err } = harness();
    await start(root, { set: ['name=bob', 'token=abc'], dryRun: true }, environment);
    expect(err.join('')).toBe(
      'runbook: warning: --set token puts a secret on the command line, where other users see it (ps) and your shell history keeps it; put it in an --env-file, or leave it out and answer the prompt (no echo)\n',
    );
    const quiet = harness();
    writeFileSync(join(root, 'values.env'), 'token=abc\n');
    await start(root, { set: ['name=bob'], envFile: 'values.env', dryRun: true }, quiet.environment);
    expect(quiet.err.join('')).toBe('');
  });

  it("keeps secret values out of argv (visible to every user in ps) and out of the commands' environment", async () => {
    const root = project(steps(['Look', fence('echo "<token>" > /dev/null; tr "\\0" " " < /proc/$$/cmdline; env')]));
    const outcome = await start(root, { set: ['token=s3cr3t-value'] });
    if (outcome.dryRun) throw new Error('not a dry run');
    expect(outcome.events[0].status).toBe('passed');
    // The transcript masks the secret anyway; a mask (***) in the output would mean the value was there.
    expect(outcome.events[0].stdout).not.toContain('***');
    // bash reads the script from a file of its own (see runner-robust.test.ts), named in its argv.
    expect(outcome.events[0].stdout).toMatch(/^bash --noprofile --norc -euo pipefail \/\S*\/runbook-\w+\/script\.sh /);
  });

  it('reads values and environment from --env-file', async () => {
    const root = project(steps(['Greet', fence('echo "<name> $GREETING" >> log')]), `${VARIABLES}  env:\n    GREETING: How to greet\n`);
    writeFileSync(join(root, 'values.env'), '# values\nname=dave\ntoken=x\nexport GREETING="good day"\n');
    await start(root, { envFile: 'values.env' });
    expect(log(root)).toBe('dave good day\n');
  });

  it('checks required environment up front: declared env and DATABASE_URL for SQL', async () => {
    const root = project(
      steps(['Greet', fence('echo "$GREETING" >> log')], ['Query', fence('SELECT 1', '', 'sql')]),
      `  env:\n    GREETING: How to greet\n    DATABASE_URL: Read-only database\n`,
    );
    await expect(start(root)).rejects.toThrow(
      'Cannot run tickets-runner, nothing was run:\n  - $GREETING is not set (needed by tickets-runner/greet): How to greet\n  - $DATABASE_URL is not set (needed by tickets-runner/query): Read-only database',
    );
    expect(log(root)).toBe('');
  });

  it('runs SQL through psql "$DATABASE_URL" -v ON_ERROR_STOP=1 and PromQL through $PROMETHEUS_URL/api/v1/query', async () => {
    const root = project(
      steps(['Query', fence("SELECT * FROM t WHERE name = '<who>'", '', 'sql')], ['Ask', fence('up{pod="<who>"}', '', 'promql')]),
      `  variables:\n    who:\n      description: Anyone\n      example: x\n  env:\n    DATABASE_URL: Database\n    PROMETHEUS_URL: Prometheus\n`,
    );
    // Stand-ins for psql and curl that show how they were called.
    mkdirSync(join(root, 'bin'));
    for (const tool of ['psql', 'curl']) {
      writeFileSync(join(root, 'bin', tool), `#!/bin/sh\nprintf '${tool}'; printf ' [%s]' "$@"; echo; [ ${tool} = psql ] && cat\nexit 0\n`);
      chmodSync(join(root, 'bin', tool), 0o755);
    }
    const { environment } = harness({
      env: { PATH: `${join(root, 'bin')}:${process.env.PATH}`, DATABASE_URL: 'postgres://db', PROMETHEUS_URL: 'http://prom' },
    });
    const outcome = await start(root, { set: ["who=o'neil"] }, environment);
    if (outcome.dryRun) throw new Error('not a dry run');
    expect(outcome.events.map((event) => event.stdout)).toEqual([
      "psql [postgres://db] [-v] [ON_ERROR_STOP=1]\nSELECT * FROM t WHERE name = 'o''neil'\n",
      'curl [-sS] [--fail-with-body] [-G] [http://prom/api/v1/query] [--data-urlencode] [query=up{pod="o\'neil"}]\n',
    ]);
  });
});

describe('runbook run: transcripts', () => {
  it('writes a Markdown summary for an incident channel when the file ends in .md', async () => {
    const root = project(steps(['One', fence('echo one')], ['Two', fence('echo broken >&2; exit 2')], ['Three', fence('echo three')]));
    await start(root, { transcript: 'run.md' });
    const text = readFileSync(join(root, 'run.md'), 'utf8');
    expect(text).toMatch(
      /^\*\*Runbook run: Sample runbook\*\* \(`tickets-runner`\)\nResult: \*\*failed\*\* · 1 passed · 1 failed · 1 skipped\nStarted \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ, took \d+\.\d s\n\n/,
    );
    expect(text).toContain('1. ✅ `tickets-runner/one` passed in ');
    expect(text).toMatch(
      /2\. ❌ `tickets-runner\/two` failed in \d+\.\d s \(exit code 2\)\n {3}```bash\n {3}echo broken >&2; exit 2\n {3}```\n {3}```\n {3}broken\n {3}```\n/,
    );
    expect(text).toContain('3. ⏭️ `tickets-runner/three` skipped (not run: the run stopped at tickets-runner/two (failed))\n');
  });

  it('every JSON Lines event validates against the schema', async () => {
    const root = project(
      steps(
        ['One', fence('echo one')],
        ['Two', fence('exit 1')],
        ['Three', fence('echo x', 'risk="change"')],
        ['Four', fence('sleep 3', 'long-running timeout="1s"')],
      ),
    );
    await start(root, { transcript: 'run.jsonl', keepGoing: true });
    const events = parseTranscript(readFileSync(join(root, 'run.jsonl'), 'utf8'));
    expect(events.map((event) => event.status)).toEqual(['passed', 'failed', 'refused', 'stopped']);
  });

  it('cuts long output to the limit, keeping its start and end', async () => {
    const root = project(steps(['Loud', fence('seq 1 20000')]));
    const outcome = await start(root);
    if (outcome.dryRun) throw new Error('not a dry run');
    const { stdout, truncated } = outcome.events[0];
    expect(truncated).toBe(true);
    expect(stdout.startsWith('1\n2\n3\n')).toBe(true);
    expect(stdout.endsWith('19999\n20000\n')).toBe(true);
    expect(stdout).toMatch(/\n\[\.\.\. \d+ characters left out \.\.\.\]\n/);
    expect(stdout.length).toBeLessThan(16_100);
  });
});

describe('runbook run: transcript files', () => {
  const mode = (path: string) => statSync(path).mode & 0o777;

  it('are readable by their owner only, new or appended to', async () => {
    const root = project(steps(['One', fence('echo one')]));
    writeFileSync(join(root, 'old.jsonl'), 'old\n', { mode: 0o644 });
    chmodSync(join(root, 'old.jsonl'), 0o644);
    await start(root, { transcript: 'run.jsonl' });
    await start(root, { transcript: 'run.md' });
    await start(root, { transcript: 'old.jsonl', append: true });
    expect([mode(join(root, 'run.jsonl')), mode(join(root, 'run.md')), mode(join(root, 'old.jsonl'))]).toEqual([0o600, 0o600, 0o600]);
    expect(readFileSync(join(root, 'old.jsonl'), 'utf8')).toMatch(/^old\n\{"runbook":"tickets-runner"/);
  });

  it('a transcript in a folder that does not exist is a usage error before anything runs', async () => {
    const root = project(steps(['One', fence('echo one >> log')]));
    const { code, stderr } = await runCliIn(root, ['run', 'tickets-runner', '--transcript', 'missing/dir/x.jsonl']);
    expect(code).toBe(2);
    expect(stderr).toBe(
      'runbook: --transcript: cannot write "missing/dir/x.jsonl": the folder missing/dir does not exist; create it first (mkdir -p missing/dir) or choose another path\n',
    );
    expect(log(root)).toBe('');
    mkdirSync(join(root, 'out'));
    expect((await runCliIn(root, ['run', 'tickets-runner', '--transcript', 'out'])).stderr).toBe(
      'runbook: --transcript: cannot write "out": it is a folder; give a file name, such as out/run.jsonl\n',
    );
    expect((await runCliIn(root, ['run', 'tickets-runner', '--transcript', 'out/x.md', '--dry-run'])).code).toBe(0);
  });

  it('a transcript that cannot be written mid-run is reported once, and the run goes on', async () => {
    // A file size limit of 1 KiB (SIGXFSZ ignored, so a write past it fails with EFBIG): the "disk full" of a test.
    const root = project(steps(['Loud', fence('seq 1 400')], ['Two', fence('echo two >> log')], ['Three', fence('echo three >> log')]));
    const cli = fileURLToPath(new URL('../../scripts/runbook.js', import.meta.url));
    const child = spawn('bash', ['-c', `trap '' XFSZ; ulimit -f 1; exec "${process.execPath}" "${cli}" run tickets-runner --transcript run.jsonl`], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.stdout.resume();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(log(root)).toBe('two\nthree\n');
    expect(stderr.match(/cannot write the transcript/g)).toHaveLength(1);
    expect(stderr).toContain('runbook: cannot write the transcript "run.jsonl" (EFBIG); the run goes on without it\n');
  });
});

describe('terminal prompts', () => {
  const terminal = () => {
    const stdin = Object.assign(new PassThrough(), { isTTY: true, isRaw: false, setRawMode: (raw: boolean) => ((stdin.isRaw = raw), stdin) });
    const stderr = new PassThrough();
    let shown = '';
    stderr.setEncoding('utf8').on('data', (text: string) => (shown += text));
    const prompt = terminalPrompt(stdin as unknown as NodeJS.ReadStream, stderr as unknown as NodeJS.WriteStream);
    return { stdin, prompt, shown: () => shown };
  };

  it('reads a secret in raw mode without echoing it (backspace works)', async () => {
    const { stdin, prompt, shown } = terminal();
    const answer = prompt('<token> (API token): ', { secret: true });
    stdin.write('hunter22\u007f\r');
    expect(await answer).toBe('hunter2');
    expect(shown()).toBe('<token> (API token): \n');
    expect(stdin.isRaw).toBe(false);
  });

  it('Ctrl-C at a secret prompt interrupts', async () => {
    const { stdin, prompt } = terminal();
    const answer = prompt('<token>: ', { secret: true });
    stdin.write('abc\u0003');
    await expect(answer).rejects.toThrow(PromptInterrupted);
  });
});
