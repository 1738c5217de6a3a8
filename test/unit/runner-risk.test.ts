// The runner's safety net: a block that declares less risk than it carries is treated by what it does.
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { makeProject, runbookSource } from '../helpers/project.ts';

describe('runbook run: inferred risk', () => {
  const root = () =>
    makeProject({
      runbooks: {
        'tickets/a.mdx': runbookSource({
          id: 'tickets-a',
          body: '## Symptoms\n\nSlow.\n\n## Resolution\n\n### Clean up\n\n```bash\necho kubectl delete pod api-1 > /dev/null\nkubectl delete pod api-1\n```\n',
        }),
      },
    });

  it('shows the raised risk in a dry run', async () => {
    const { code, stdout } = await runCli(['run', 'tickets-a', '--dry-run'], root());
    expect(code).toBe(0);
    expect(stdout).toContain('(destructive, asks for the runbook id, risk raised: declared read, but');
  });

  it('refuses to run it without a terminal, even with --yes', async () => {
    const { code, stdout, stderr } = await runCli(['run', 'tickets-a', '--yes'], root());
    expect(code).toBe(1);
    expect(`${stdout}${stderr}`).toContain('destructive: needs the runbook id typed on a terminal, or --yes --allow-destructive');
  });
});

describe('runbook run: inferred risk of console blocks and of the filled text', () => {
  const fence = (lang: string, code: string) => `## Symptoms\n\nSlow.\n\n## Resolution\n\n### Clean up\n\n\`\`\`${lang}\n${code}\n\`\`\`\n`;
  const project = (body: string, extra = '') => makeProject({ runbooks: { 'tickets/a.mdx': runbookSource({ id: 'tickets-a', extra, body }) } });

  it('a console block declared read that deletes is destructive: its prompt lines are what runs', async () => {
    const root = project(fence('console', '$ kubectl delete pod api-1\npod "api-1" deleted'));
    const dry = await runCli(['run', 'tickets-a', '--dry-run'], root);
    expect(dry.stdout).toContain('(destructive, asks for the runbook id, risk raised: declared read, but `kubectl delete pod` deletes Kubernetes objects)');
    const { code, stdout } = await runCli(['run', 'tickets-a', '--yes'], root);
    expect(code).toBe(1);
    expect(stdout).toContain('destructive: needs the runbook id typed on a terminal, or --yes --allow-destructive');
  });

  it('a console block with a continued prompt line and SQL inside', async () => {
    const root = project(fence('console', '$ psql "$DATABASE_URL" \\\n    -Atc "DELETE FROM sessions"\nDELETE 12'), '  env:\n    DATABASE_URL: Database\n');
    const dry = await runCli(['run', 'tickets-a', '--dry-run'], root);
    expect(dry.stdout).toContain('(destructive, asks for the runbook id, risk raised: declared read, but `DELETE FROM sessions` deletes rows)');
  });

  it('the risk of the filled text counts: a value can make the command a delete', async () => {
    const extra = '  variables:\n    verb:\n      description: What to do with the pod\n      example: describe\n';
    const root = project(fence('bash', 'kubectl <verb> pod api-1'), extra);
    expect((await runCli(['run', 'tickets-a', '--dry-run', '--set', 'verb=describe'], root)).stdout).toContain('(read)');
    const dry = await runCli(['run', 'tickets-a', '--dry-run', '--set', 'verb=delete'], root);
    expect(dry.stdout).toContain('(destructive, asks for the runbook id, risk raised: declared read, but `kubectl delete pod` deletes Kubernetes objects)');
    expect((await runCli(['run', 'tickets-a', '--yes', '--set', 'verb=delete'], root)).code).toBe(1);
  });

  it('a console block declared at its risk is not raised', async () => {
    const root = project(fence('console risk="destructive"', '$ kubectl delete pod api-1'));
    expect((await runCli(['run', 'tickets-a', '--dry-run'], root)).stdout).toContain('(destructive, asks for the runbook id)\n');
  });
});
