// `runbook run` against hostile or mistaken input, in real processes where it matters: transcripts that are
// links or existing files, absurd timeouts, scripts beyond the kernel's argument limit, env files that are
// not text files, and colour only where it is wanted.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { makeProject, runbookSource } from '../helpers/project.ts';

const CLI = fileURLToPath(new URL('../../scripts/runbook.js', import.meta.url));
const fence = (code: string, meta = '') => `\`\`\`bash${meta ? ` ${meta}` : ''}\n${code}\n\`\`\``;
const steps = (...blocks: [string, string][]) => `## Investigation\n\n${blocks.map(([title, block]) => `### ${title}\n\n${block}\n`).join('\n')}`;
const VARIABLES = '  variables:\n    name:\n      description: Who to greet\n      example: alice\n';
const project = (body: string) => makeProject({ runbooks: { 'tickets/runner.mdx': runbookSource({ id: 'tickets-runner', extra: VARIABLES, body }) } });
const log = (root: string) => (existsSync(join(root, 'log')) ? readFileSync(join(root, 'log'), 'utf8') : '');

/** The CLI as a real process: exit code, output, and how long it took. (`node --`, as the bin's shebang: Node reads a later --env-file as its own otherwise.) */
function cli(root: string, args: string[], env: Record<string, string | undefined> = {}) {
  const began = Date.now();
  const result = spawnSync(process.execPath, ['--', CLI, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    timeout: 20_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, ms: Date.now() - began };
}

describe('transcript files', () => {
  it('are never written through a symbolic link (exit 2; the link target is untouched)', async () => {
    const root = project(steps(['One', fence('echo one >> log')]));
    writeFileSync(join(root, 'target.txt'), 'precious\n');
    symlinkSync(join(root, 'target.txt'), join(root, 'run.jsonl'));
    symlinkSync(join(root, 'nowhere.txt'), join(root, 'dangling.jsonl'));
    for (const [file, append] of [
      ['run.jsonl', false],
      ['run.jsonl', true],
      ['dangling.jsonl', true],
    ] as const) {
      const result = await runCli(['run', 'tickets-runner', '--transcript', file, ...(append ? ['--append'] : [])], root);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        `runbook: --transcript: cannot write "${file}": it is a symbolic link, and a transcript is never written through one; give the path of the file itself, or a new name\n`,
      );
    }
    expect(readFileSync(join(root, 'target.txt'), 'utf8')).toBe('precious\n');
    expect(existsSync(join(root, 'nowhere.txt'))).toBe(false);
    expect(log(root)).toBe('');
  });

  it('never replace an existing file (exit 2, before anything runs)', async () => {
    const root = project(steps(['One', fence('echo one >> log')]));
    writeFileSync(join(root, 'run.md'), 'yesterday\n');
    const result = await runCli(['run', 'tickets-runner', '--transcript', 'run.md'], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'runbook: --transcript: cannot write "run.md": the file exists, and a transcript never replaces one; pass --append to add this run to it, or choose a new name\n',
    );
    expect(readFileSync(join(root, 'run.md'), 'utf8')).toBe('yesterday\n');
    expect(log(root)).toBe('');
  });

  it('--append adds each run to the file (JSON Lines and Markdown), mode 0600', async () => {
    const root = project(steps(['One', fence('echo one')]));
    for (let run = 0; run < 2; run++) {
      expect((await runCli(['run', 'tickets-runner', '--transcript', 'run.jsonl', '--append'], root)).code).toBe(0);
      expect((await runCli(['run', 'tickets-runner', '--transcript', 'run.md', '--append'], root)).code).toBe(0);
    }
    expect(
      readFileSync(join(root, 'run.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line).id),
    ).toEqual(['tickets-runner/one', 'tickets-runner/one']);
    const markdown = readFileSync(join(root, 'run.md'), 'utf8');
    expect(markdown.match(/^\*\*Runbook run: /gm)).toHaveLength(2);
    expect(markdown).toContain('```\n\n**Runbook run: ');
    expect(statSync(join(root, 'run.md')).mode & 0o777).toBe(0o600);
  });

  it('a transcript that is a device or a named pipe is refused, even with --append', async () => {
    const root = project(steps(['One', fence('echo one >> log')]));
    spawnSync('mkfifo', [join(root, 'pipe')]);
    const result = cli(root, ['run', 'tickets-runner', '--transcript', 'pipe', '--append']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('runbook: --transcript: cannot write "pipe": it is a named pipe; give the name of a new file\n');
    expect(result.ms).toBeLessThan(10_000);
    expect((await runCli(['run', 'tickets-runner', '--transcript', '/dev/null', '--append'], root)).stderr).toContain('it is a device');
  });
});

describe('--timeout', () => {
  it('is at most 24h: 30d is a usage error (exit 2), not a timer that fires at once', async () => {
    const root = project(steps(['Wait', fence('sleep 1; echo waited >> log', 'long-running')]));
    const result = await runCli(['run', 'tickets-runner', '--timeout', '30d'], root);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toBe('runbook: --timeout: at most 24h, got "30d"; a command that needs longer belongs in a job, not a runbook run\n');
    expect((await runCli(['run', 'tickets-runner', '--timeout', '25h', '--dry-run'], root)).code).toBe(2);
    expect((await runCli(['run', 'tickets-runner', '--timeout', '24h', '--dry-run'], root)).stdout).toContain('stopped after 86400 s');
    expect(log(root)).toBe('');
  });

  it('a block whose own timeout is longer than 24h is a problem of the runbook, found by lint', async () => {
    const root = project(steps(['Wait', fence('echo ok', 'long-running timeout="30d"')]));
    const lint = await runCli(['lint'], root);
    expect(lint.code).toBe(1);
    expect(lint.stdout).toContain('Invalid timeout "30d"; at most 24h');
  });
});

describe('large scripts', () => {
  it('a 200 KiB script runs (beyond the 128 KiB a single argument may have), through a 0600 file removed afterwards', async () => {
    const filler = Array.from({ length: 3000 }, (_, index) => `: line ${String(index).padStart(4, '0')} ${'x'.repeat(64)}`).join('\n');
    const root = project(steps(['Big', fence(`stat -c '%a %n' "$0"\n${filler}\necho "done $(wc -c < "$0")"`)]));
    expect(filler.length).toBeGreaterThan(200 * 1024);
    const result = cli(root, ['run', 'tickets-runner']);
    expect(result.stderr).toContain('tickets-runner: done (1 passed)');
    expect(result.code).toBe(0);
    const [, mode, file] = /\n(\d+) (\S+script\.sh)\n/.exec(result.stdout) ?? [];
    expect(mode).toBe('600');
    expect(Number(/done (\d+)/.exec(result.stdout)?.[1])).toBeGreaterThan(200 * 1024);
    expect(existsSync(file)).toBe(false);
  });

  it('leaves the commands their standard input: a command that reads it does not eat the script', async () => {
    const root = project(steps(['Read', fence('cat; echo after-cat >> log')]));
    expect(cli(root, ['run', 'tickets-runner']).code).toBe(0);
    expect(log(root)).toBe('after-cat\n');
  });

  it('the script file is removed when the run is interrupted (SIGINT)', async () => {
    const root = project(steps(['Wait', fence('echo waiting; sleep 10')]));
    const temporary = mkdtempSync(join(tmpdir(), 'runbook-tmp-test-'));
    const child = spawn(process.execPath, [CLI, 'run', 'tickets-runner'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, TMPDIR: temporary },
    });
    let out = '';
    let scripts: string[] = [];
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      out += text;
      if (out.includes('waiting') && !scripts.length) {
        scripts = readdirSync(temporary).filter((name) => name.startsWith('runbook-'));
        child.kill('SIGINT');
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(130);
    expect(scripts).toHaveLength(1);
    expect(readdirSync(temporary).filter((name) => name.startsWith('runbook-'))).toEqual([]);
  });
});

describe('--env-file', () => {
  it('a NUL byte is refused with file:line:column (exit 2)', async () => {
    const root = project(steps(['Greet', fence('echo "<name>" >> log')]));
    writeFileSync(join(root, 'values.env'), 'name=bob\nGREETING=hi\0there\n');
    const result = await runCli(['run', 'tickets-runner', '--env-file', 'values.env'], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'runbook: --env-file: values.env:2:12: a NUL byte; an env file is text (KEY=VALUE lines), and no command can receive a NUL in a value\n',
    );
    expect(log(root)).toBe('');
  });

  it('/dev/zero and a named pipe are refused at once, without reading (exit 2)', async () => {
    const root = project(steps(['Greet', fence('echo "<name>" >> log')]));
    spawnSync('mkfifo', [join(root, 'fifo')]);
    const zero = cli(root, ['run', 'tickets-runner', '--env-file', '/dev/zero']);
    expect(zero.code).toBe(2);
    expect(zero.stderr).toBe('runbook: --env-file: "/dev/zero" is a device, not a file; give a file of KEY=VALUE lines\n');
    expect(zero.ms).toBeLessThan(10_000);
    const fifo = cli(root, ['run', 'tickets-runner', '--env-file', 'fifo']);
    expect(fifo.code).toBe(2);
    expect(fifo.stderr).toBe('runbook: --env-file: "fifo" is a named pipe, not a file; give a file of KEY=VALUE lines\n');
    expect(fifo.ms).toBeLessThan(10_000);
  });

  it('a folder or a file over 1 MiB is refused (exit 2)', async () => {
    const root = project(steps(['Greet', fence('echo "<name>" >> log')]));
    mkdirSync(join(root, 'env.d'));
    writeFileSync(join(root, 'big.env'), `name=bob\n${'# padding\n'.repeat(110_000)}`);
    expect((await runCli(['run', 'tickets-runner', '--env-file', 'env.d'], root)).stderr).toBe(
      'runbook: --env-file: "env.d" is a folder, not a file; give a file of KEY=VALUE lines\n',
    );
    const big = await runCli(['run', 'tickets-runner', '--env-file', 'big.env'], root);
    expect(big.code).toBe(2);
    expect(big.stderr).toBe('runbook: --env-file: "big.env" is 1100009 bytes; an env file of KEY=VALUE lines is at most 1048576 bytes (1 MiB)\n');
  });
});

describe('NO_COLOR and FORCE_COLOR', () => {
  const ESC = '\u001b[';
  const broken = () =>
    makeProject({
      runbooks: {
        'tickets/runner.mdx': runbookSource({ id: 'tickets-runner', body: steps(['One', fence('echo one')], ['Two', fence('exit 3')]) }).replace(
          'severity: high',
          'severity: urgent',
        ),
      },
    });

  it('lint: no escape codes with NO_COLOR, even on request of --color', () => {
    const root = broken();
    const plain = cli(root, ['lint', '--no-cache'], { NO_COLOR: '1' });
    expect(plain.code).toBe(1);
    expect(plain.stdout).toContain('error');
    expect(plain.stdout).not.toContain(ESC);
    expect(cli(root, ['lint', '--no-cache', '--color'], { NO_COLOR: '1' }).stdout).toContain(ESC);
  });

  it('lint: escape codes with FORCE_COLOR, though the output is a pipe; none without it, or with FORCE_COLOR=0', () => {
    const root = broken();
    expect(cli(root, ['lint', '--no-cache'], { FORCE_COLOR: '1' }).stdout).toContain(`${ESC}31merror`);
    expect(cli(root, ['lint', '--no-cache']).stdout).not.toContain(ESC);
    expect(cli(root, ['lint', '--no-cache'], { FORCE_COLOR: '0' }).stdout).not.toContain(ESC);
    expect(cli(root, ['lint', '--no-cache', '--no-color'], { FORCE_COLOR: '1' }).stdout).not.toContain(ESC);
  });

  it('run: the status of each command is coloured with FORCE_COLOR, plain with NO_COLOR', () => {
    const root = project(steps(['One', fence('echo one')], ['Two', fence('exit 3')]));
    const forced = cli(root, ['run', 'tickets-runner'], { FORCE_COLOR: '1' });
    expect(forced.code).toBe(1);
    expect(forced.stdout).toContain(`  -> ${ESC}32mpassed${ESC}0m in `);
    expect(forced.stdout).toContain(`  -> ${ESC}31mFAILED${ESC}0m in `);
    const plain = cli(root, ['run', 'tickets-runner'], { NO_COLOR: '1' });
    expect(plain.code).toBe(1);
    expect(plain.stdout).toContain('  -> FAILED in ');
    expect(plain.stdout + plain.stderr).not.toContain(ESC);
  });
});
