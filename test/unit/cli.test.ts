// The runbook CLI as a user meets it: output, exit codes and messages.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { makeProject, runbookSource } from '../helpers/project.ts';

describe('runbook list / show / registry', () => {
  it('lists the runbooks as a table, most severe first', async () => {
    const { code, stdout } = await runCli(['list', '--now', '2026-11-24']);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^ID\s+SEVERITY\s+SERVICE\s+OWNER\s+ALERTS\s+REVIEWED\s+CMDS$/);
    expect(stdout).toContain('tickets-pod-crash-loop');
  });

  it('filters and prints JSON', async () => {
    const { code, stdout } = await runCli(['list', '--service', 'tickets', '--severity', 'medium', '--json']);
    expect(code).toBe(0);
    const entries = JSON.parse(stdout) as { id: string; severity: string }[];
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((entry) => entry.severity === 'medium')).toBe(true);
  });

  it('shows a runbook found by its alert name', async () => {
    const { code, stdout } = await runCli(['show', 'PodCrashLooping']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Pod crash loop {2}\[tickets-pod-crash-loop\]/);
    expect(stdout).toContain('kubectl -n tickets-dev logs <pod-name> --previous');
  });

  it('shows a runbook found by alias, as JSON', async () => {
    const { code, stdout } = await runCli(['show', '4. pod crash loop', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).id).toBe('tickets-pod-crash-loop');
  });

  it('exits 1 with suggestions for an unknown runbook', async () => {
    const { code, stdout, stderr } = await runCli(['show', 'pod-crash']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('runbook: No runbook with id, alias or alert name "pod-crash"');
    expect(stderr).toContain('Did you mean:\n  tickets-pod-crash-loop');
  });

  it('exits 2 on usage errors', async () => {
    expect((await runCli(['lst'])).code).toBe(2);
    expect((await runCli(['list', '--severity', 'urgent'])).code).toBe(2);
    const badNow = await runCli(['list', '--now', 'yesterday']);
    expect([badNow.code, badNow.stderr]).toEqual([2, 'runbook: --now: expected a date written as YYYY-MM-DD, got "yesterday"\n']);
    const badDir = await runCli(['list', '--content', 'no/such/dir']);
    expect([badDir.code, badDir.stderr]).toEqual([2, 'runbook: --content: no such folder "no/such/dir"\n']);
  });

  it('has --help on every command', async () => {
    for (const command of ['list', 'show', 'registry', 'lint']) {
      const { code, stdout } = await runCli([command, '--help']);
      expect(code).toBe(0);
      expect(stdout).toContain(`Usage: runbook ${command}`);
    }
  });

  it('writes the registry to a file, whole', async () => {
    const root = makeProject({ runbooks: { 'tickets/a.mdx': runbookSource({ id: 'tickets-a' }) } });
    const { code, stderr } = await runCli(['registry', '--out', 'registry.json'], root);
    expect(code).toBe(0);
    expect(stderr).toMatch(/^Wrote 1 runbooks to .*registry\.json\n$/);
    expect(JSON.parse(readFileSync(join(root, 'registry.json'), 'utf8')).registryVersion).toBe(2);
  });

  it('refuses to write a registry of invalid content', async () => {
    const root = makeProject({ runbooks: { 'tickets/a.mdx': runbookSource({ id: 'tickets-a', service: 'nope' }) } });
    const { code, stderr } = await runCli(['registry', '--out', 'registry.json'], root);
    expect(code).toBe(2);
    expect(stderr).toContain('src/content/docs/runbooks/tickets/a.mdx:5:12  error  Unknown service "nope"');
    expect(existsSync(join(root, 'registry.json'))).toBe(false);
  });
});

describe('runbook lint', () => {
  const BROKEN = runbookSource({
    id: 'tickets-broken',
    extra: '  severty: high\n',
    body: '## Symptoms\n\nSlow.\n\n## Investigation\n\n### Logs\n\n```bash\n$ kubectl logs <pod>\n```\n',
  });
  const broken = () => makeProject({ runbooks: { 'tickets/broken.mdx': BROKEN } });

  it('passes clean content with exit 0', async () => {
    const root = makeProject({ runbooks: { 'tickets/a.mdx': runbookSource({ id: 'tickets-a' }) } });
    const { code, stdout } = await runCli(['lint', '--now', '2026-11-24'], root);
    expect([code, stdout]).toEqual([0, '✔ 1 page checked, no problems.\n']);
  });

  it('exits 1 and names file:line:column and rule in every format', async () => {
    const root = broken();
    const pretty = await runCli(['lint', '--now', '2026-11-24'], root);
    expect(pretty.code).toBe(1);
    expect(pretty.stdout).toContain('src/content/docs/runbooks/tickets/broken.mdx\n  8:3      error  runbook: Unknown key "severty"');
    expect(pretty.stdout).toContain('schema/frontmatter');
    expect(pretty.stdout).toContain('    > 8 |   severty: high');

    const json = await runCli(['lint', '--format', 'json', '--now', '2026-11-24'], root);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)[0]).toMatchObject({
      file: 'src/content/docs/runbooks/tickets/broken.mdx',
      line: 8,
      column: 3,
      rule: 'schema/frontmatter',
      severity: 'error',
    });

    const github = await runCli(['lint', '--format', 'github', '--now', '2026-11-24'], root);
    expect(github.stdout.split('\n')[0]).toBe(
      '::error file=src/content/docs/runbooks/tickets/broken.mdx,line=8,col=3,endLine=8,endColumn=10,title=schema/frontmatter::runbook%3A Unknown key "severty"; allowed keys%3A id, aliases, service, owner, severity, alerts, responseTime, timeToResolve, lastReviewed, reviewEvery, variables, env, related, tags, todo'.replace(
        /%3A/g,
        ':',
      ),
    );

    const sarif = await runCli(['lint', '--format', 'sarif', '--now', '2026-11-24'], root);
    expect(sarif.code).toBe(1);
    const log = JSON.parse(sarif.stdout);
    expect(log.runs[0].results[0]).toMatchObject({
      ruleId: 'schema/frontmatter',
      level: 'error',
      locations: [
        { physicalLocation: { artifactLocation: { uri: 'src/content/docs/runbooks/tickets/broken.mdx' }, region: { startLine: 8, startColumn: 3 } } },
      ],
    });
    const schema = JSON.parse(readFileSync('node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json', 'utf8'));
    const validate = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false }).compile(schema);
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('fixes what is safe to fix with --fix', async () => {
    const root = makeProject({
      runbooks: {
        'tickets/a.mdx': runbookSource({ id: 'tickets-a', body: '## Symptoms\n\nSlow.\n\n## Investigation\n\n### Pods\n\n```bash\n$ kubectl get pods\n```\n' }),
      },
    });
    const { code, stdout } = await runCli(['lint', '--fix', '--now', '2026-11-24'], root);
    expect([code, stdout]).toEqual([0, '✔ 1 page checked, no problems (1 fixed).\n']);
    expect(readFileSync(join(root, 'src/content/docs/runbooks/tickets/a.mdx'), 'utf8')).toContain('```bash\nkubectl get pods\n```');
  });

  it('fails on too many warnings with --max-warnings', async () => {
    const root = makeProject({
      runbooks: {
        'tickets/a.mdx': runbookSource({ id: 'tickets-a', body: '## Symptoms\n\nSlow.\n\n## Investigation\n\n### Pods\n\n```bash\n$ kubectl get pods\n```\n' }),
      },
    });
    expect((await runCli(['lint', '--now', '2026-11-24'], root)).code).toBe(0);
    expect((await runCli(['lint', '--now', '2026-11-24', '--max-warnings', '0'], root)).code).toBe(1);
  });

  it('serves a second run with nothing changed from the cache, and notices a change', async () => {
    const root = makeProject({
      runbooks: {
        'tickets/a.mdx': runbookSource({ id: 'tickets-a', body: '## Symptoms\n\nSlow.\n\n## Investigation\n\n### Pods\n\n```bash\n$ kubectl get pods\n```\n' }),
      },
    });
    const first = await runCli(['lint', '--format', 'json', '--now', '2026-11-24'], root);
    expect(existsSync(join(root, 'node_modules/.cache/runbook/lint.json'))).toBe(true);
    const second = await runCli(['lint', '--format', 'json', '--now', '2026-11-24'], root);
    expect(second.stdout).toBe(first.stdout);
    const third = await runCli(['lint', '--format', 'json', '--now', '2031-01-01'], root);
    expect(third.stdout).not.toBe(first.stdout);
  });

  it('exits 2 for a path that does not exist', async () => {
    const { code, stderr } = await runCli(['lint', 'nope.mdx'], broken());
    expect([code, stderr]).toEqual([2, 'runbook: No such file or folder: nope.mdx\n']);
  });
});

describe('runbook lint: pages besides runbooks', () => {
  it('checks the commands and links of team pages too', async () => {
    const root = makeProject({
      runbooks: { 'tickets/a.mdx': runbookSource({ id: 'tickets-a' }) },
      files: {
        'src/content/docs/services/tickets/useful-commands.mdx':
          '---\ntitle: Useful commands\n---\n\nSee [SLOs](./slos.md).\n\n```bash\nredis-cli FLUSHDB\n```\n',
      },
    });
    const { code, stdout } = await runCli(['lint', '--format', 'json', '--now', '2026-11-24'], root);
    expect(code).toBe(1);
    const rules = (JSON.parse(stdout) as { file: string; rule: string }[]).map((problem) => `${problem.file} ${problem.rule}`);
    expect(rules).toContain('src/content/docs/services/tickets/useful-commands.mdx links/resolve');
    expect(rules).toContain('src/content/docs/services/tickets/useful-commands.mdx risk/declared');
  });
});

describe('runbook lint: usage mistakes are not a pass', () => {
  it('exits 2 for a --content folder that does not exist', async () => {
    const root = makeProject({ runbooks: { 'tickets/a.mdx': runbookSource({ id: 'tickets-a' }) } });
    expect(await runCli(['lint', '--content', 'src/content/docs/runbookz'], root)).toMatchObject({
      code: 2,
      stderr: 'runbook: --content: no such folder "src/content/docs/runbookz"\n',
    });
  });

  it('exits 2 when there is nothing to lint', async () => {
    const root = makeProject({ runbooks: {}, files: { 'empty/README.txt': 'x' } });
    expect(await runCli(['lint', 'empty'], root)).toMatchObject({ code: 2, stderr: 'runbook: Nothing to lint: no .md or .mdx files in empty\n' });
  });

  it('reports a config setting for a rule that does not exist, at its key', async () => {
    const root = makeProject({ runbooks: { 'tickets/a.mdx': runbookSource({ id: 'tickets-a' }) }, config: 'lint:\n  rules:\n    shel/syntax: off\n' });
    const { code, stdout } = await runCli(['lint', '--format', 'json', '--now', '2026-11-24'], root);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toEqual([
      expect.objectContaining({
        file: 'runbook.config.yaml',
        line: 3,
        column: 5,
        rule: 'config',
        message: 'lint.rules names an unknown rule "shel/syntax"; did you mean "shell/syntax" or "sql/syntax"?',
      }),
    ]);
  });

  it('suggests each runbook once, naming the alias or alert that matched', async () => {
    const { code, stderr } = await runCli(['show', 'PodCrashLoop']);
    expect(code).toBe(1);
    const suggestions = stderr
      .split('Did you mean:\n')[1]
      .trim()
      .split('\n')
      .map((line) => line.trim().split(' ')[0]);
    expect(suggestions[0]).toBe('tickets-pod-crash-loop');
    expect(new Set(suggestions).size).toBe(suggestions.length);
    expect(stderr).toContain('tickets-pod-crash-loop (PodCrashLooping)');
  });

  it('exits 2 for an empty runbook name, an unknown service and no command at all', async () => {
    expect(await runCli(['show', ' '])).toMatchObject({ code: 2, stderr: expect.stringContaining('got an empty string') });
    expect(await runCli(['list', '--service', 'tickt'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('no service "tickt"; did you mean "tickets"?'),
    });
    const bare = await runCli([]);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('Usage: runbook');
  });

  it('takes absolute paths for --content and lint paths', async () => {
    const folder = resolve('src/content/docs/runbooks');
    const listed = await runCli(['list', '--content', folder, '--json']);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout).length).toBeGreaterThan(40);
    const linted = await runCli(['lint', join(folder, 'tickets'), '--now', '2026-11-24', '--no-cache']);
    expect([linted.code, linted.stdout]).toEqual([0, '✔ 5 pages checked, no problems.\n']);
  });

  it('refuses a folder as --out and leaves no temporary file', async () => {
    const root = makeProject({ runbooks: { 'tickets/a.mdx': runbookSource({ id: 'tickets-a' }) } });
    const { code, stderr } = await runCli(['registry', '--out', 'src'], root);
    expect([code, stderr]).toEqual([2, `runbook: --out: "src" is a folder; name the file, e.g. ${join('src', 'registry.json')}\n`]);
    expect(readdirSync(root).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('stops quietly when its output is closed early (| head)', () => {
    const result = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" scripts/runbook.js registry | head -c 10 >/dev/null`], {
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('names the errors of a runbook that exists but does not validate, for show and run', async () => {
    const root = makeProject({ runbooks: { 'tickets/a.mdx': runbookSource({ id: 'tickets-a', extra: '  severty: high\n' }) } });
    for (const args of [
      ['show', 'tickets-a'],
      ['run', 'tickets-a', '--dry-run'],
    ]) {
      const { code, stderr } = await runCli(args, root);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr).toMatch(
        /^runbook: src\/content\/docs\/runbooks\/tickets\/a\.mdx has 1 error\(s\), so it cannot be used until they are fixed:\nsrc\/content\/docs\/runbooks\/tickets\/a\.mdx:\d+:\d+ {2}error {2}.*severty/,
      );
    }
  });
});
