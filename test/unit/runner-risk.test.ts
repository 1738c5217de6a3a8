// The runner's safety net: a block that declares less risk than it carries is treated by what it does.
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { makeProject, runbookSource } from '../helpers/project.ts';

describe('runbook run: inferred risk', () => {
  const root = () =>
    makeProject({
      runbooks: {
        'tickets/a.mdx': runbookSource({ id: 'tickets-a', body: '## Symptoms\n\nSlow.\n\n## Resolution\n\n### Clean up\n\n```bash\necho kubectl delete pod api-1 > /dev/null\nkubectl delete pod api-1\n```\n' }),
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
