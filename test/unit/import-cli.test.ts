// `runbook import` as a user meets it: dry run, writing all files or none, conflicts, bad input.
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

function project(files: Record<string, string> = { 'docs/shop.md': DOC }) {
  return makeProject({ files });
}

const RUNBOOK = 'src/content/docs/runbooks/shop/checkout-errors.mdx';
const PAGE = 'src/content/docs/services/shop/escalation.mdx';
const SERVICE = 'src/content/services/shop.yaml';

describe('runbook import', () => {
  it('--dry-run prints the plan and the report and writes nothing', async () => {
    const root = project();
    const { code, stdout } = await runCli(['import', 'docs/shop.md', '--service', 'shop', '--dry-run'], root);
    expect(code).toBe(0);
    expect(stdout).toContain(`would create         ${RUNBOOK}  [shop-checkout-errors]`);
    expect(stdout).toContain(`would create         ${SERVICE}`);
    expect(stdout).toContain('Dry run: nothing written. 1 runbook(s), 2 service page(s)');
    expect(stdout).toMatch(/docs\/shop\.md: \d+ to decide/);
    expect(existsSync(join(root, 'src/content/docs/runbooks/shop'))).toBe(false);
    expect(existsSync(join(root, SERVICE))).toBe(false);
  });

  it('writes runbooks, pages and the service YAML that the project then loads without problems', async () => {
    const root = project();
    const { code, stdout } = await runCli(['import', 'docs/shop.md', '--service', 'shop', '--name', 'Shop'], root);
    expect(code).toBe(0);
    expect(stdout).toContain(`created              ${RUNBOOK}`);
    expect(readFileSync(join(root, PAGE), 'utf8')).toMatch(/^---\ntitle: Escalation\ndescription: .+\n---\n/);
    expect(readFileSync(join(root, SERVICE), 'utf8')).toContain('name: Shop');
    const loaded = loadProject({ root });
    expect(loaded.problems).toEqual([]);
    const runbook = loaded.runbooks.find((each) => each.id === 'shop-checkout-errors')!;
    expect(runbook.problems).toEqual([]);
    expect(runbook.meta).toMatchObject({ service: 'shop', severity: 'high', aliases: ['RB-001'], lastReviewed: '2026-03-01' });
    expect(loaded.services.find((service) => service.id === 'shop')?.data?.escalation.map((level) => level.who)).toEqual(['On-Call', 'Lead']);
  });

  it('says what of the imported runbooks still fails lint', async () => {
    const root = project();
    const { code, stdout } = await runCli(['import', 'docs/shop.md', '--service', 'shop'], root);
    expect(code).toBe(0);
    // The restart is a change the document did not mark, and the review date is old.
    expect(stdout).toContain('Lint of the imported runbooks: 2 error(s), 0 warning(s) (review/stale ×1, risk/declared ×1); review them with: npx runbook lint src/content/docs/runbooks/shop\n');
    const dry = await runCli(['import', 'docs/shop.md', '--service', 'shop', '--dry-run', '--force'], root);
    expect(dry.stdout).not.toContain('Lint of the imported runbooks');
  });

  it('refuses to replace files with other content unless --force, and never replaces a service YAML', async () => {
    const root = project();
    expect((await runCli(['import', 'docs/shop.md', '--service', 'shop'], root)).code).toBe(0);
    writeFileSync(join(root, RUNBOOK), 'edited by hand\n');
    writeFileSync(join(root, SERVICE), 'name: Shop\nowner: shop-team\nescalation:\n  - who: Me\n    when: always\n    contact: "#shop"\n');

    const refused = await runCli(['import', 'docs/shop.md', '--service', 'shop'], root);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('1 file(s) exist with other content; nothing was written (use --force to replace them):');
    expect(refused.stderr).toContain(RUNBOOK);
    expect(readFileSync(join(root, RUNBOOK), 'utf8')).toBe('edited by hand\n');

    const forced = await runCli(['import', 'docs/shop.md', '--service', 'shop', '--force'], root);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain(`replaced             ${RUNBOOK}`);
    expect(forced.stdout).toContain(`kept existing        ${SERVICE}`);
    expect(readFileSync(join(root, RUNBOOK), 'utf8')).toContain('id: shop-checkout-errors');
    expect(readFileSync(join(root, SERVICE), 'utf8')).toContain('who: Me');
  });

  it('writes all files or none', async () => {
    const root = project();
    // A file where the pages folder must go: the pages cannot be written, so nothing is.
    writeFileSync(join(root, 'pages-here'), 'not a folder');
    const { code, stderr } = await runCli(['import', 'docs/shop.md', '--service', 'shop', '--pages-out', 'pages-here/shop'], root);
    expect(code).toBe(2);
    expect(stderr).toMatch(/nothing was written/);
    expect(existsSync(join(root, 'src/content/docs/runbooks'))).toBe(false);
    expect(existsSync(join(root, SERVICE))).toBe(false);
    expect(readdirSync(root, { recursive: true }).filter((name) => String(name).includes('import-tmp'))).toEqual([]);
  });

  it('--verbatim writes the same files with the text as written', async () => {
    const root = project();
    const { code, stdout } = await runCli(['import', 'docs/shop.md', '--service', 'shop', '--verbatim'], root);
    expect(code).toBe(0);
    expect(stdout).toContain(`created              ${RUNBOOK}  [shop-checkout-errors]`);
    expect(stdout).toMatch(/item\(s\) to decide \(listed below\)/);
    const runbook = readFileSync(join(root, RUNBOOK), 'utf8');
    expect(runbook).toContain('id: shop-checkout-errors');
    expect(runbook).toContain('\n**Symptoms**:\n- Checkout answers 502\n\n**Severity**: High\n\n**Steps**:\n\n1. **Check Pods**\n   ```bash\n');
    expect(runbook).not.toContain('TODO (import)');
    expect(runbook).not.toContain('variables:');
    // The linter then reports what the document lacks: here, its sections.
    const loaded = loadProject({ root });
    expect(loaded.runbooks.find((each) => each.id === 'shop-checkout-errors')?.sections).toEqual([]);
  });

  it('prints JSON with the files and the report', async () => {
    const root = project();
    const { code, stdout } = await runCli(['import', 'docs/shop.md', '--service', 'shop', '--dry-run', '--json'], root);
    expect(code).toBe(0);
    const summary = JSON.parse(stdout);
    expect(summary.written).toBe(false);
    expect(summary.files.map((file: { kind: string }) => file.kind)).toEqual(['runbook', 'page', 'page', 'service']);
    expect(summary.files[0].content).toMatch(/^---\ntitle: Checkout Errors\n/);
    expect(summary.report.length).toBeGreaterThan(0);
  });

  it('explains bad input without a stack trace', async () => {
    const root = project({ 'docs/shop.md': DOC, 'docs/notes.md': '# Notes\n\nNothing to run.\n' });
    const badId = await runCli(['import', 'docs/shop.md', '--service', 'Shop Team'], root);
    expect(badId.code).toBe(2);
    expect(badId.stderr).toBe('runbook: --service: expected a kebab-case id such as "tickets", got "Shop Team"\n');

    const missing = await runCli(['import', 'docs/nope.md', '--service', 'shop'], root);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('runbook: No such file "docs/nope.md"\n');

    const empty = await runCli(['import', 'docs/notes.md', '--service', 'shop'], root);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/^runbook: docs\/notes\.md: found no runbooks\. Expected headings such as/);

    const noService = await runCli(['import', 'docs/shop.md'], root);
    expect(noService.code).toBe(2);
    expect(noService.stderr).toContain("required option '--service <id>' not specified");
  });
});
