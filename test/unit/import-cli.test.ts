// `runbook import` as a user meets it: files and folders, dry run, one entry per produced file, a
// batch that goes on past a broken file, re-imports that keep what was edited, bad input.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../src/lib/project.ts';
import { runCli } from '../helpers/cli.ts';
import { makeProject } from '../helpers/project.ts';

const DOC = `# Shop runbooks

**Last Updated**: 2026-03-01

## Checkout

### RB-001: Checkout Errors

**Symptoms**:
- Checkout answers 502

**Severity**: High

**Steps**:

1. **Check Pods**
   \`\`\`bash
   kubectl -n shop get pods
   \`\`\`

2. **Restart Checkout**
   \`\`\`bash
   kubectl -n shop rollout restart deployment/checkout
   \`\`\`

## Escalation

| Issue | Level 1 (On-Call) | Level 2 (Lead) |
|---|---|---|
| Checkout down | Fix | Escalate after 15 min |
`;

/** Alert pages in the prometheus-operator / openshift layout, one folder per service. */
const ALERT = (name: string, extra = '') => `# ${name}

## Meaning

The ${name} alert fires.

## Impact

Users see errors.

## Diagnosis

\`\`\`bash
kubectl -n $NAMESPACE get pods
\`\`\`

## Mitigation

\`\`\`bash
kubectl -n $NAMESPACE delete pod $POD
\`\`\`
${extra}`;

function project(files: Record<string, string> = { 'docs/shop.md': DOC }) {
  return makeProject({ files });
}

const RUNBOOK = 'src/content/docs/runbooks/shop/checkout-errors.mdx';
const PAGE = 'src/content/docs/services/shop/escalation.mdx';
const SERVICE = 'src/content/services/shop.yaml';

const listTree = (root: string, dir: string) => (existsSync(join(root, dir)) ? readdirSync(join(root, dir), { recursive: true }).map(String).sort() : []);

describe('runbook import of a document of many runbooks (--service)', () => {
  it('--dry-run prints what each file would become, the TODOs and the summary, and writes nothing', async () => {
    const root = project();
    const { code, stdout } = await runCli(['import', 'docs/shop.md', '--service', 'shop', '--dry-run'], root);
    expect(code).toBe(0);
    expect(stdout).toContain(`would create  runbook  ${RUNBOOK}  [shop-checkout-errors]  (todo: owner, escalation)`);
    expect(stdout).toContain(`would create  service  ${SERVICE}`);
    expect(stdout).toContain(`would create  service  ${SERVICE}  (todo: owner, escalation)`);
    expect(stdout).toContain('Summary (dry run: nothing written)');
    expect(stdout).toMatch(/1 source\(s\): 1 imported, 0 skipped/);
    expect(existsSync(join(root, 'src/content/docs/runbooks/shop'))).toBe(false);
    expect(existsSync(join(root, SERVICE))).toBe(false);
  });

  it('writes runbooks, pages and the service file that the project then loads without problems', async () => {
    const root = project();
    const { code, stdout } = await runCli(['import', 'docs/shop.md', '--service', 'shop', '--name', 'Shop'], root);
    expect(code).toBe(0);
    expect(stdout).toContain(`created       runbook  ${RUNBOOK}`);
    expect(readFileSync(join(root, PAGE), 'utf8')).toMatch(
      /^---\ntitle: Escalation\ndescription: .+\nimportedFrom:\n {2}source: docs\/shop.md\n {2}sha256: [0-9a-f]{64}\n---\n/,
    );
    const service = readFileSync(join(root, SERVICE), 'utf8');
    expect(service).toContain('name: Shop');
    expect(service).toMatch(/todo:\n {2}- owner\n {2}- escalation\n/);
    const loaded = await loadProject({ root });
    expect(loaded.problems).toEqual([]);
    const runbook = loaded.runbooks.find((each) => each.id === 'shop-checkout-errors')!;
    expect(runbook.problems).toEqual([]);
    expect(runbook.meta).toMatchObject({ service: 'shop', severity: 'high', aliases: ['RB-001'], lastReviewed: '2026-03-01', todo: ['owner', 'escalation'] });
    // The restart is a change: the core's risk classification is written on the fence.
    expect(runbook.blocks.map((block) => block.attributes.risk)).toEqual(['read', 'change']);
    expect(loaded.services.find((each) => each.id === 'shop')?.data?.escalation.map((level) => level.who)).toEqual(['On-Call', 'Lead']);
  });

  it('says what of the imported runbooks still fails lint', async () => {
    const root = project();
    const { code, stdout } = await runCli(['import', 'docs/shop.md', '--service', 'shop'], root);
    expect(code).toBe(0);
    // The review date is old; the risk is marked, so risk/declared is not among them; import/todo warns per provisional field.
    expect(stdout).toContain('Lint of the imported runbooks: 1 error(s), 2 warning(s) (import/todo ×2, review/stale ×1)');
    const dry = await runCli(['import', 'docs/shop.md', '--service', 'shop', '--dry-run'], root);
    expect(dry.stdout).not.toContain('Lint of the imported runbooks');
  });

  it('--verbatim writes the same files with the text as written', async () => {
    const root = project();
    const { code } = await runCli(['import', 'docs/shop.md', '--service', 'shop', '--verbatim'], root);
    expect(code).toBe(0);
    const runbook = readFileSync(join(root, RUNBOOK), 'utf8');
    expect(runbook).toContain('id: shop-checkout-errors');
    expect(runbook).toContain('\n**Symptoms**:\n- Checkout answers 502\n\n**Severity**: High\n\n**Steps**:\n\n1. **Check Pods**\n   ```bash\n');
    expect(runbook).not.toContain('TODO (import)');
    expect(runbook).not.toContain('variables:');
    expect(runbook).not.toContain('risk=');
    // The linter then reports what the document lacks: here, its sections.
    const loaded = await loadProject({ root });
    expect(loaded.runbooks.find((each) => each.id === 'shop-checkout-errors')?.sections).toEqual([]);
  });
});

describe('runbook import of folders', () => {
  const tree = () =>
    project({
      'upstream/alerts/cluster-dns-operator/CoreDNSErrorsHigh.md': ALERT('CoreDNSErrorsHigh'),
      'upstream/alerts/cluster-dns-operator/README.md': '# DNS operator\n\nAlerts of the DNS operator. See [CoreDNSErrorsHigh](CoreDNSErrorsHigh.md).\n',
      'upstream/alerts/machine-config-operator/MCDDrainError.md': ALERT('MCDDrainError', '\n**Severity:** Warning\n'),
      'upstream/alerts/machine-config-operator/_index.md': '---\ntitle: MCO\nweight: 10\n---\n',
      // A Markdown file that is not text: the batch goes on without it.
      'upstream/alerts/machine-config-operator/Broken.md': 'PNG\u0000\u0001binary',
    });

  it('imports every file of the folder, skips the broken one with its reason and exits 1 naming it', async () => {
    const root = tree();
    const { code, stdout, stderr } = await runCli(['import', 'upstream/alerts'], root);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    expect(stdout).toContain('  upstream/alerts/machine-config-operator/Broken.md: a binary file (it holds NUL bytes), not Markdown');
    expect(stdout).toContain('  upstream/alerts/machine-config-operator/_index.md: no content besides its frontmatter (a section index page)');
    expect(listTree(root, 'src/content/docs/runbooks')).toEqual([
      'cluster-dns-operator',
      'cluster-dns-operator/core-dns-errors-high.mdx',
      'machine-config-operator',
      'machine-config-operator/mcd-drain-error.mdx',
    ]);
    // The service comes from the operator folder; a README without commands is a reference page of it.
    expect(listTree(root, 'src/content/docs/services')).toEqual(['cluster-dns-operator', 'cluster-dns-operator/dns-operator.mdx']);
    expect(listTree(root, 'src/content/services')).toEqual(['cluster-dns-operator.yaml', 'machine-config-operator.yaml', 'tickets.yaml']);
    const loaded = await loadProject({ root });
    expect(loaded.problems).toEqual([]);
    const dns = loaded.runbooks.find((each) => each.meta?.alerts[0]?.name === 'CoreDNSErrorsHigh')!;
    expect(dns.problems).toEqual([]);
    expect(dns.meta).toMatchObject({
      id: 'cluster-dns-operator-core-dns-errors-high',
      service: 'cluster-dns-operator',
      severity: 'medium',
      todo: ['severity', 'owner', 'escalation', 'lastReviewed'],
    });
    // $POD is set by no command: a placeholder; $NAMESPACE too.
    expect(dns.blocks.map((block) => block.code)).toEqual(['kubectl -n <namespace> get pods', 'kubectl -n <namespace> delete pod <pod>']);
    expect(dns.blocks[1].attributes.risk).toBe('destructive');
    expect(Object.keys(dns.meta!.variables)).toEqual(['namespace', 'pod']);
    const mcd = loaded.runbooks.find((each) => each.meta?.alerts[0]?.name === 'MCDDrainError')!;
    expect(mcd.meta).toMatchObject({ severity: 'medium', todo: ['owner', 'escalation', 'lastReviewed'] });
    // The README's link to the alert page leads to its new page.
    expect(readFileSync(join(root, 'src/content/docs/services/cluster-dns-operator/dns-operator.mdx'), 'utf8')).toContain(
      '[CoreDNSErrorsHigh](/runbooks/cluster-dns-operator/core-dns-errors-high/)',
    );
  });

  it('--json gives one entry per produced file, and one per skipped source', async () => {
    const root = tree();
    const { code, stdout } = await runCli(['import', 'upstream/alerts', '--dry-run', '--json'], root);
    expect(code).toBe(1);
    const summary = JSON.parse(stdout);
    const byOutput = (output: string) => summary.entries.find((entry: { output: string }) => entry.output === output);
    expect(byOutput('src/content/docs/runbooks/cluster-dns-operator/core-dns-errors-high.mdx')).toEqual({
      source: 'upstream/alerts/cluster-dns-operator/CoreDNSErrorsHigh.md',
      output: 'src/content/docs/runbooks/cluster-dns-operator/core-dns-errors-high.mdx',
      id: 'cluster-dns-operator-core-dns-errors-high',
      kind: 'runbook',
      status: 'imported with TODOs',
      write: 'create',
      todo: ['severity', 'owner', 'escalation', 'lastReviewed'],
      todos: expect.arrayContaining([
        expect.stringMatching(/^severity set to medium provisionally/),
        expect.stringMatching(/^owner: the source names no owning team/),
      ]),
      reasons: [],
    });
    expect(byOutput('src/content/services/machine-config-operator.yaml')).toMatchObject({
      source: null,
      kind: 'service',
      status: 'imported with TODOs',
      todo: ['owner', 'escalation'],
    });
    expect(summary.entries.filter((entry: { status: string }) => entry.status === 'skipped')).toEqual([
      {
        source: 'upstream/alerts/machine-config-operator/Broken.md',
        output: null,
        id: null,
        kind: null,
        status: 'skipped',
        write: 'none',
        todo: [],
        todos: [],
        reasons: ['a binary file (it holds NUL bytes), not Markdown'],
      },
      {
        source: 'upstream/alerts/machine-config-operator/_index.md',
        output: null,
        id: null,
        kind: null,
        status: 'skipped',
        write: 'none',
        todo: [],
        todos: [],
        reasons: ['no content besides its frontmatter (a section index page)'],
      },
    ]);
    expect(summary.counts).toMatchObject({ sources: 5, imported: 3, skipped: 2 });
    expect(summary.written).toBe(false);
  });

  it('a second import of the same folder writes identical files', async () => {
    const root = tree();
    expect((await runCli(['import', 'upstream/alerts', '--out', 'first'], root)).code).toBe(1);
    expect((await runCli(['import', 'upstream/alerts', '--out', 'second'], root)).code).toBe(1);
    const first = listTree(root, 'first');
    expect(first.length).toBeGreaterThan(5);
    expect(listTree(root, 'second')).toEqual(first);
    for (const file of first) {
      if (!file.endsWith('.mdx') && !file.endsWith('.yaml')) continue;
      expect(readFileSync(join(root, 'second', file), 'utf8'), file).toBe(readFileSync(join(root, 'first', file), 'utf8'));
    }
    // Into the same place again: nothing to write (the service files exist now, and are not imported again).
    const again = await runCli(['import', 'upstream/alerts', '--out', 'first', '--json'], root);
    expect(
      JSON.parse(again.stdout)
        .entries.filter((entry: { output: string | null }) => entry.output)
        .map((entry: { write: string }) => entry.write),
    ).toEqual(Array(3).fill('unchanged'));
  });

  it('updates untouched files after an upstream change, keeps edited ones ("kept: edited locally") unless --force', async () => {
    const root = tree();
    expect((await runCli(['import', 'upstream/alerts'], root)).code).toBe(1);
    const dns = join(root, 'src/content/docs/runbooks/cluster-dns-operator/core-dns-errors-high.mdx');
    const mcd = join(root, 'src/content/docs/runbooks/machine-config-operator/mcd-drain-error.mdx');
    writeFileSync(dns, readFileSync(dns, 'utf8').replace('The CoreDNSErrorsHigh alert fires.', 'Edited by the team.'));
    const upstream = join(root, 'upstream/alerts/machine-config-operator/MCDDrainError.md');
    writeFileSync(upstream, readFileSync(upstream, 'utf8').replace('Users see errors.', 'Nodes do not drain.'));

    const second = await runCli(['import', 'upstream/alerts', '--json'], root);
    expect(second.code).toBe(1);
    const entries = JSON.parse(second.stdout).entries as { output: string | null; status: string; write: string; reasons: string[] }[];
    expect(entries.find((entry) => entry.output?.endsWith('core-dns-errors-high.mdx'))).toMatchObject({ status: 'kept: edited locally', write: 'keep' });
    expect(entries.find((entry) => entry.output?.endsWith('mcd-drain-error.mdx'))).toMatchObject({ status: 'imported with TODOs', write: 'update' });
    expect(readFileSync(dns, 'utf8')).toContain('Edited by the team.');
    expect(readFileSync(mcd, 'utf8')).toContain('Nodes do not drain.');

    const forced = await runCli(['import', 'upstream/alerts', '--force'], root);
    expect(forced.stdout).toMatch(/updated +runbook +src\/content\/docs\/runbooks\/cluster-dns-operator\/core-dns-errors-high.mdx/);
    expect(readFileSync(dns, 'utf8')).toContain('The CoreDNSErrorsHigh alert fires.');
  });

  it('--out writes a tree laid out like the project, to copy over it', async () => {
    const root = tree();
    await runCli(['import', 'upstream/alerts', '--out', 'review'], root);
    expect(listTree(root, 'review')).toContain('src/content/docs/runbooks/cluster-dns-operator/core-dns-errors-high.mdx');
    expect(listTree(root, 'review')).toContain('src/content/services/cluster-dns-operator.yaml');
    expect(existsSync(join(root, 'src/content/docs/runbooks/cluster-dns-operator'))).toBe(false);
  });

  it('a file it cannot write is skipped with the reason, in the dry run as in the real run', async () => {
    const root = project();
    // A file where the pages folder must go.
    writeFileSync(join(root, 'pages-here'), 'not a folder');
    for (const dry of [['--dry-run'], []]) {
      const { code, stdout } = await runCli(['import', 'docs/shop.md', '--service', 'shop', '--pages-out', 'pages-here/shop', ...dry], root);
      expect(code).toBe(1);
      expect(stdout).toMatch(/pages-here\/shop\/escalation\.mdx: cannot write pages-here\/shop\/escalation\.mdx: .*pages-here is a file, not a folder/);
    }
    // The runbook was written all the same, and no temporary file is left.
    expect(existsSync(join(root, RUNBOOK))).toBe(true);
    expect(readdirSync(root, { recursive: true }).filter((name) => String(name).includes('import-tmp'))).toEqual([]);
  });
});

describe('runbook import: bad input', () => {
  it('explains usage errors without a stack trace (exit 2)', async () => {
    const root = project();
    const badId = await runCli(['import', 'docs/shop.md', '--service', 'Shop Team'], root);
    expect([badId.code, badId.stderr]).toEqual([2, 'runbook: --service: expected a kebab-case id such as "tickets", got "Shop Team"\n']);
    const name = await runCli(['import', 'docs/shop.md', '--name', 'Shop'], root);
    expect(name.code).toBe(2);
    expect(name.stderr).toMatch(/^runbook: --name names the service given with --service/);
    const none = await runCli(['import'], root);
    expect(none.code).toBe(2);
  });

  it('reports a path that does not exist as skipped (exit 1) and imports the rest', async () => {
    const root = project({ 'docs/shop.md': DOC, 'docs/notes.md': '# Notes\n\nNothing to run, no incident: a reference page.\n' });
    const { code, stdout } = await runCli(['import', 'docs/nope.md', 'docs/notes.md', '--service', 'shop'], root);
    expect(code).toBe(1);
    expect(stdout).toContain('  docs/nope.md: no such file or folder');
    expect(stdout).toMatch(/created +page +src\/content\/docs\/services\/shop\/notes.mdx/);
  });
});
