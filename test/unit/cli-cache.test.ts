// `runbook list`, `show` and `run` read the runbooks through the file cache: whatever changes on disk (a runbook,
// a service, the config, the day) shows at once, and an unchanged project is read without parsing anything.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { makeProject, runbookSource, SERVICE_YAML } from '../helpers/project.ts';

const RUNBOOKS = 'src/content/docs/runbooks';

function project() {
  return makeProject({
    runbooks: {
      'tickets/a.mdx': runbookSource({ id: 'tickets-a', title: 'Runbook A' }),
      'tickets/b.mdx': runbookSource({ id: 'tickets-b', title: 'Runbook B', extra: '  aliases: [RB-2]\n' }),
    },
  });
}

const ids = async (root: string, ...args: string[]) =>
  (JSON.parse((await runCli(['list', '--json', ...args], root)).stdout) as { id: string }[]).map((entry) => entry.id);

describe('the runbook cache behind list, show and run', () => {
  it('is written on the first list, under node_modules/.cache/runbook', async () => {
    const root = project();
    expect((await runCli(['list'], root)).code).toBe(0);
    expect(existsSync(join(root, 'node_modules/.cache/runbook/runbook-index.json'))).toBe(true);
  });

  it('a changed runbook shows at once, even a change that keeps its size', async () => {
    const root = project();
    expect((await runCli(['show', 'tickets-a'], root)).stdout).toMatch(/^Runbook A {2}\[tickets-a\]/);
    const file = join(root, RUNBOOKS, 'tickets/a.mdx');
    writeFileSync(file, readFileSync(file, 'utf8').replace('Runbook A', 'Runbook Z').replace('severity: high', 'severity: low '));
    expect((await runCli(['show', 'tickets-a'], root)).stdout).toMatch(/^Runbook Z {2}\[tickets-a\]/);
    expect(JSON.parse((await runCli(['list', '--json'], root)).stdout)).toMatchObject([
      { id: 'tickets-b' },
      { id: 'tickets-a', severity: 'low', title: 'Runbook Z' },
    ]);
  });

  it('a new or deleted runbook shows at once; a deleted one is not found any more', async () => {
    const root = project();
    expect(await ids(root)).toEqual(['tickets-a', 'tickets-b']);
    writeFileSync(join(root, RUNBOOKS, 'tickets/c.mdx'), runbookSource({ id: 'tickets-c' }));
    rmSync(join(root, RUNBOOKS, 'tickets/b.mdx'));
    expect(await ids(root)).toEqual(['tickets-a', 'tickets-c']);
    expect((await runCli(['show', 'RB-2'], root)).code).toBe(1);
    expect((await runCli(['list'], root)).stdout).not.toContain('tickets-b');
  });

  it("a service's owner, the config and --now are followed", async () => {
    const root = project();
    const owner = async () => JSON.parse((await runCli(['list', '--json'], root)).stdout)[0].owner as string;
    expect(await owner()).toBe('tickets-team');
    writeFileSync(join(root, 'src/content/services/tickets.yaml'), SERVICE_YAML.replace('tickets-team', 'support-team'));
    expect(await owner()).toBe('support-team');
    // Reviewed 2026-11-01; reviews are due every 180 days by default.
    expect(await ids(root, '--stale', '--now', '2027-01-01')).toEqual([]);
    expect(await ids(root, '--stale', '--now', '2027-06-01')).toEqual(['tickets-a', 'tickets-b']);
    writeFileSync(join(root, 'runbook.config.yaml'), 'reviewEvery: 30d\n');
    expect(await ids(root, '--stale', '--now', '2027-01-01')).toEqual(['tickets-a', 'tickets-b']);
    expect((await runCli(['show', 'tickets-a', '--now', '2027-01-01'], root)).stdout).toContain('last reviewed   2026-11-01  (review overdue)');
  });

  it('a runbook whose frontmatter breaks is named with its errors, and works again once fixed', async () => {
    const root = project();
    const file = join(root, RUNBOOKS, 'tickets/a.mdx');
    const good = readFileSync(file, 'utf8');
    expect((await runCli(['show', 'tickets-a'], root)).code).toBe(0);
    writeFileSync(file, good.replace('severity: high', 'severity: urgent'));
    const broken = await runCli(['show', 'tickets-a'], root);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain(`runbook: ${RUNBOOKS}/tickets/a.mdx has 1 error(s), so it cannot be used until they are fixed:`);
    expect(await ids(root)).toEqual(['tickets-b']);
    writeFileSync(file, good);
    expect((await runCli(['show', 'tickets-a'], root)).code).toBe(0);
  });

  it('run finds the runbook through the cache and runs the file as it is now', async () => {
    const root = project();
    expect((await runCli(['list'], root)).code).toBe(0);
    const file = join(root, RUNBOOKS, 'tickets/a.mdx');
    writeFileSync(file, runbookSource({ id: 'tickets-a', body: '## Investigation\n\n### Say\n\n```bash\necho changed >> log\n```\n' }));
    expect((await runCli(['run', 'tickets-a'], root)).code).toBe(0);
    expect(readFileSync(join(root, 'log'), 'utf8')).toBe('changed\n');
  });

  it('a damaged or unwritable cache is no error', async () => {
    const root = project();
    await runCli(['list'], root);
    writeFileSync(join(root, 'node_modules/.cache/runbook/runbook-index.json'), '{"format":1,');
    expect(await ids(root)).toEqual(['tickets-a', 'tickets-b']);
    rmSync(join(root, 'node_modules'), { recursive: true });
    writeFileSync(join(root, 'node_modules'), 'not a folder');
    expect(await ids(root)).toEqual(['tickets-a', 'tickets-b']);
    expect((await runCli(['show', 'RB-2'], root)).code).toBe(0);
  });
});
