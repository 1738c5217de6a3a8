// runbook diff on a temporary git repository: a command made destructive, a moved file, an added alert,
// identical revisions, an unknown revision; matching of commands within a step; registry files and a
// revision whose runbooks no longer validate.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { matchCommands, similarity } from '../../src/lib/diff/match.ts';
import type { SnapshotCommand } from '../../src/lib/diff/snapshot.ts';
import { runCli } from '../helpers/cli.ts';
import { makeProject, runbookSource } from '../helpers/project.ts';

const git = (root: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.email=test@example.com', '-c', 'user.name=Test', '-c', 'commit.gpgsign=false', ...args], { cwd: root, encoding: 'utf8' });

const restart = (risk: string, command: string) =>
  runbookSource({
    id: 'tickets-restart',
    extra: '  alerts:\n    - name: ApiDown\n  variables:\n    pod:\n      description: The pod\n      example: api-1\n',
    body: `## Symptoms\n\nDown.\n\n## Investigation\n\n### Look at the pods\n\n\`\`\`bash\nkubectl get pods\n\`\`\`\n\n## Resolution\n\n### Restart\n\n\`\`\`bash${risk ? ` risk="${risk}"` : ''}\n${command}\n\`\`\`\n`,
  });

function repository(): string {
  const root = makeProject({
    runbooks: {
      'tickets/restart.mdx': restart('', 'kubectl get pod <pod> -o yaml'),
      'tickets/disk.mdx': runbookSource({ id: 'tickets-disk' }),
    },
    files: { '.gitignore': 'node_modules/\n' },
  });
  git(root, 'init', '-q', '-b', 'main');
  git(root, 'add', '-A');
  git(root, 'commit', '-qm', 'base');
  return root;
}

const RUNBOOKS = 'src/content/docs/runbooks';

describe('runbook diff', () => {
  it('reports a command made destructive, a moved file and an added alert (JSON), risk increases first (markdown)', async () => {
    const root = repository();
    writeFileSync(
      join(root, RUNBOOKS, 'tickets/restart.mdx'),
      restart('destructive', 'kubectl delete pod <pod>').replace('    - name: ApiDown\n', '    - name: ApiDown\n    - name: ApiRestarting\n'),
    );
    mkdirSync(join(root, RUNBOOKS, 'tickets/storage'));
    renameSync(join(root, RUNBOOKS, 'tickets/disk.mdx'), join(root, RUNBOOKS, 'tickets/storage/disk.mdx'));
    git(root, 'add', '-A');
    git(root, 'commit', '-qm', 'head');

    const json = await runCli(['diff', 'main~1', 'main', '--format', 'json'], root);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({
      added: [],
      removed: [],
      moved: [{ id: 'tickets-disk', from: `${RUNBOOKS}/tickets/disk.mdx`, to: `${RUNBOOKS}/tickets/storage/disk.mdx` }],
      changed: [
        {
          id: 'tickets-restart',
          commands: [
            {
              id: 'tickets-restart/restart',
              step: 'restart',
              change: 'changed',
              before: 'kubectl get pod <pod> -o yaml',
              after: 'kubectl delete pod <pod>',
              riskBefore: 'read',
              riskAfter: 'destructive',
            },
          ],
          alerts: { added: ['ApiRestarting'], removed: [] },
        },
      ],
    });

    const markdown = await runCli(['diff', 'main~1', 'main', '--site-url', 'https://runbooks.example.com'], root);
    expect(markdown.stdout).toBe(
      [
        '### Runbook changes',
        '',
        '**Risk increases (1)**',
        '',
        '- ⚠️ read → **destructive**: `kubectl delete pod <pod>` in [Sample runbook](https://runbooks.example.com/runbooks/tickets/restart/#restart) › Restart (was `kubectl get pod <pod> -o yaml`)',
        '',
        '**Other changes (2)**',
        '',
        '- [Sample runbook](https://runbooks.example.com/runbooks/tickets/restart/): alerts added `ApiRestarting`',
        `- moved [Sample runbook](https://runbooks.example.com/runbooks/tickets/storage/disk/) (\`tickets-disk\`): \`${RUNBOOKS}/tickets/disk.mdx\` → \`${RUNBOOKS}/tickets/storage/disk.mdx\``,
        '',
      ].join('\n'),
    );
  });

  it('compares a revision with the working tree by default', async () => {
    const root = repository();
    writeFileSync(
      join(root, RUNBOOKS, 'tickets/new.mdx'),
      runbookSource({ id: 'tickets-new', body: '## Resolution\n\n### Scale\n\n```bash risk="change"\nkubectl scale deploy/api --replicas=3\n```\n' }),
    );
    const { code, stdout } = await runCli(['diff', 'HEAD', '--format', 'json'], root);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ added: ['tickets-new'], removed: [], moved: [], changed: [] });
    const markdown = await runCli(['diff', 'HEAD'], root);
    expect(markdown.stdout).toContain('**Risk increases (1)**\n\n- ⚠️ new runbook **Sample runbook** (`tickets-new`, 1 command, change)\n');
  });

  it('finds nothing between identical revisions, and says so', async () => {
    const root = repository();
    git(root, 'commit', '-q', '--allow-empty', '-m', 'nothing');
    const json = await runCli(['diff', 'HEAD~1', 'HEAD', '--format', 'json'], root);
    expect([json.code, JSON.parse(json.stdout)]).toEqual([0, { added: [], removed: [], moved: [], changed: [] }]);
    const markdown = await runCli(['diff', 'HEAD~1', 'HEAD'], root);
    expect(markdown.stdout).toBe(
      '### Runbook changes\n\nNo operational changes: no runbook, command, placeholder, alert, severity, owner or service changed.\n',
    );
  });

  it.each([
    ['an unknown revision', ['diff', 'no-such-branch'], 'runbook: unknown revision "no-such-branch": no commit, branch or tag of that name\n'],
    ['an option as a revision', ['diff', 'main', '--', '--output=x'], 'runbook: unknown revision "--output=x": no commit, branch or tag of that name\n'],
    ['a registry file that is not one', ['diff', 'package.json'], 'runbook: package.json: not a registry: it has no "runbooks" list\n'],
  ])('exits 2 for %s', async (_name, args, message) => {
    const root = repository();
    writeFileSync(join(root, 'package.json'), '{}');
    const { code, stderr, stdout } = await runCli(args, root);
    expect([code, stderr, stdout]).toEqual([2, message, '']);
  });

  it('exits 2 outside a git repository', async () => {
    const root = makeProject({});
    const { code, stderr } = await runCli(['diff', 'HEAD'], root);
    expect(code).toBe(2);
    expect(stderr).toMatch(/is not in a git repository, so revisions cannot be read/);
  });

  it('compares two registry.json files', async () => {
    const root = repository();
    writeFileSync(join(root, 'before.json'), (await runCli(['registry'], root)).stdout);
    writeFileSync(join(root, RUNBOOKS, 'tickets/restart.mdx'), restart('', 'kubectl get pod <pod> -o yaml').replace('severity: high', 'severity: critical'));
    writeFileSync(join(root, 'after.json'), (await runCli(['registry'], root)).stdout);
    const { stdout } = await runCli(['diff', 'before.json', 'after.json', '--format', 'json'], root);
    expect(JSON.parse(stdout).changed).toEqual([{ id: 'tickets-restart', severity: { before: 'high', after: 'critical' } }]);
  });

  it('reads a base whose runbooks no longer validate as far as they go, with a note', async () => {
    const root = repository();
    // A key today's schema does not know, in the old revision.
    writeFileSync(
      join(root, RUNBOOKS, 'tickets/restart.mdx'),
      restart('', 'kubectl get pod <pod> -o yaml').replace('  severity: high\n', '  severity: high\n  pagerduty: P123\n'),
    );
    git(root, 'commit', '-qam', 'old format');
    writeFileSync(join(root, RUNBOOKS, 'tickets/restart.mdx'), restart('change', 'kubectl rollout restart deploy/<pod>'));
    const { stdout } = await runCli(['diff', 'HEAD', '--format', 'json'], root);
    const result = JSON.parse(stdout);
    expect(result.changed).toEqual([
      {
        id: 'tickets-restart',
        commands: [
          {
            id: 'tickets-restart/restart',
            step: 'restart',
            change: 'changed',
            before: 'kubectl get pod <pod> -o yaml',
            after: 'kubectl rollout restart deploy/<pod>',
            riskBefore: 'read',
            riskAfter: 'change',
          },
        ],
      },
    ]);
    expect(result.notes).toHaveLength(1);
    expect(result.notes[0]).toMatch(
      /^HEAD: 1 runbook does not validate with today's schema and was compared as far as it reads:\n {2}src\/content\/docs\/runbooks\/tickets\/restart\.mdx:\d+:\d+ .*pagerduty/,
    );
    const markdown = await runCli(['diff', 'HEAD'], root);
    expect(markdown.stdout).toMatch(/\n> HEAD: 1 runbook does not validate with today's schema/);
  });

  it('uses its cache: a second run reads the same results from it', async () => {
    const root = repository();
    writeFileSync(join(root, RUNBOOKS, 'tickets/restart.mdx'), restart('destructive', 'kubectl delete pod <pod>'));
    const first = await runCli(['diff', 'HEAD', '--format', 'json'], root);
    const cache = join(root, 'node_modules/.cache/runbook/diff.json');
    const stored = JSON.parse(readFileSync(cache, 'utf8')) as { entries: unknown[] };
    // Three files: two of the revision, the changed one of the working tree (the unchanged one is the same blob).
    expect(stored.entries).toHaveLength(3);
    const second = await runCli(['diff', 'HEAD', '--format', 'json'], root);
    expect(second.stdout).toBe(first.stdout);
    const uncached = await runCli(['diff', 'HEAD', '--format', 'json', '--no-cache'], root);
    expect(uncached.stdout).toBe(first.stdout);
  });
});

describe('matching commands', () => {
  const command = (id: string, text: string, step: string | null = 's', explicit = false): SnapshotCommand => ({
    id,
    explicit,
    step,
    section: 'investigation',
    text,
    risk: 'read',
    placeholders: [],
  });
  const ids = (pairs: ReturnType<typeof matchCommands>) => pairs.map(([a, b]) => `${a?.id ?? '-'}>${b?.id ?? '-'}`);

  it('does not turn every later command into remove + add when one is inserted', () => {
    const base = [command('r/s', 'kubectl get pods'), command('r/s-2', 'kubectl logs <pod>'), command('r/s-3', 'kubectl describe pod <pod>')];
    const head = [
      command('r/s', 'kubectl get events'),
      command('r/s-2', 'kubectl get pods'),
      command('r/s-3', 'kubectl logs <pod>'),
      command('r/s-4', 'kubectl describe pod <pod>'),
    ];
    expect(ids(matchCommands(base, head))).toEqual(['r/s>r/s-2', 'r/s-2>r/s-3', 'r/s-3>r/s-4', '->r/s']);
  });

  it('pairs an edited command at the same place, and follows a fence id anywhere', () => {
    expect(ids(matchCommands([command('r/s', 'kubectl get pods')], [command('r/s', 'psql -c "select 1"')]))).toEqual(['r/s>r/s']);
    const base = [command('restart-api', 'kubectl rollout restart deploy/api', 's', true), command('r/t', 'kubectl get pods', 't')];
    const head = [command('r/t', 'kubectl get pods', 't'), command('restart-api', 'kubectl delete pod api-0', 'u', true)];
    expect(ids(matchCommands(base, head))).toEqual(['restart-api>restart-api', 'r/t>r/t']);
  });

  it('follows a command whose step was renamed when its text is the same', () => {
    expect(ids(matchCommands([command('r/a', 'kubectl get pods', 'a')], [command('r/b', 'kubectl get pods', 'b')]))).toEqual(['r/a>r/b']);
  });

  it('measures similarity on the text', () => {
    expect(similarity('kubectl get pods', 'kubectl  get pods')).toBe(1);
    expect(similarity('kubectl get pods', 'kubectl get pod')).toBeGreaterThan(0.9);
    expect(similarity('kubectl get pods', 'psql')).toBe(0);
  });
});
