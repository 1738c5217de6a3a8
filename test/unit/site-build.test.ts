// The real site build: it stops on bad content with file, line and field, and a runbook page does
// not grow with the runbooks of other services.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSite, makeSite as makeSiteOnce } from '../helpers/site.ts';
import { runCli } from '../helpers/cli.ts';
import { runbookSource, SERVICE_YAML } from '../helpers/project.ts';

const sites: string[] = [];
const makeSite = (files: Record<string, string>) => {
  const root = makeSiteOnce(files);
  sites.push(root);
  return root;
};
afterAll(() => {
  for (const root of sites) rmSync(root, { recursive: true, force: true });
});

const OTHER_SERVICE = SERVICE_YAML.replace('name: Tickets', 'name: Payments').replace('owner: tickets-team', 'owner: payments-team');

describe('astro build', () => {
  it('fails on a broken runbook, naming the file, the line and the field', () => {
    const root = makeSite({
      'src/content/services/tickets.yaml': SERVICE_YAML,
      'src/content/docs/runbooks/tickets/ok.mdx': runbookSource({ id: 'tickets-ok' }),
      'src/content/docs/runbooks/tickets/broken.mdx': runbookSource({
        id: 'tickets-broken',
        service: 'tickets',
        extra: '  severty: high\n  related: [tickets-missing]\n',
      }),
    });
    const { status, output } = buildSite(root);
    expect(status).not.toBe(0);
    expect(output).toContain('Runbook content has 1 error');
    expect(output).toContain(
      'src/content/docs/runbooks/tickets/broken.mdx:8:3  error  runbook: Unknown key "severty"; allowed keys: id, aliases, service, owner, severity',
    );
    // Astro's own location line points at the first problem, and no stack trace follows.
    expect(output).toMatch(/Location:\s+\S*src\/content\/docs\/runbooks\/tickets\/broken\.mdx:8:3/);
    expect(output).not.toMatch(/^\s+at .+\(.*node_modules/m);
  }, 120_000);

  it('keeps a runbook page the same size when 200 runbooks of another service are added', () => {
    const base = {
      'src/content/services/tickets.yaml': SERVICE_YAML,
      'src/content/services/payments.yaml': OTHER_SERVICE,
      'src/content/docs/runbooks/tickets/a.mdx': runbookSource({ id: 'tickets-a' }),
      'src/content/docs/runbooks/payments/p-0.mdx': runbookSource({ id: 'payments-0', service: 'payments' }),
    };
    const small = makeSite(base);
    const more = Object.fromEntries(
      Array.from({ length: 200 }, (_, i) => [
        `src/content/docs/runbooks/payments/p-${i + 1}.mdx`,
        runbookSource({ id: `payments-${i + 1}`, service: 'payments', title: `Payments runbook ${i + 1}` }),
      ]),
    );
    const large = makeSite({ ...base, ...more });
    for (const root of [small, large]) expect(buildSite(root).status).toBe(0);
    const page = (root: string) => readFileSync(join(root, 'dist/runbooks/tickets/a/index.html')).length;
    const ratio = page(large) / page(small);
    console.log(`runbook page: ${page(small)} bytes with 1 other runbook, ${page(large)} bytes with 201 (ratio ${ratio.toFixed(3)})`);
    expect(ratio).toBeLessThan(1.1);
  }, 300_000);

  it('builds what runbook import writes: alert pages with raw HTML and Hugo syntax, a reference page, a copied image, the review banner', async () => {
    const root = makeSite({
      'src/content/services/tickets.yaml': SERVICE_YAML,
      'src/content/docs/runbooks/tickets/ok.mdx': runbookSource({ id: 'tickets-ok' }),
      'upstream/node/NodeClockNotSynchronising.md': `---
title: Node Clock Not Synchronising
weight: 20
---

# NodeClockNotSynchronising

<!-- generated: do not edit -->

## Meaning

The clock of {{< param "node" >}} drifts.<br>See <a href="https://example.com/ntp">NTP</a>.

<details>
<summary>Why it matters</summary>

Certificates fail.

</details>

<script>alert("never runs")</script>

{{< hint warning >}}
Do not restart chronyd during a backup.
{{< /hint >}}

![Clock](img/clock.png) ![Missing](img/missing.png)

## Diagnosis

\`\`\`shell
kubectl -n $NAMESPACE logs -f $POD
\`\`\`

## Mitigation

See [Node Clock Skew Detected]({{< ref "./NodeClockSkewDetected.md" >}}) and [the notes](README.md).
`,
      'upstream/node/NodeClockSkewDetected.md':
        '# NodeClockSkewDetected\n\n## Meaning\n\nSkew.\n\n## Mitigation\n\n```bash\nsudo systemctl restart chronyd\n```\n',
      'upstream/node/README.md': '# Node notes\n\nNothing to run here: a reference page of the node service.\n',
      'upstream/node/img/clock.png': 'not really a PNG, copied as it is',
    });
    const imported = await runCli(['import', 'upstream'], root);
    expect(imported.code, imported.stdout).toBe(0);
    const { status, output } = buildSite(root);
    expect(status, output).toBe(0);
    const page = readFileSync(join(root, 'dist/runbooks/node/node-clock-not-synchronising/index.html'), 'utf8');
    expect(page).toContain('data-testid="import-todo"');
    expect(page).toMatch(/<aside[^>]*class="starlight-aside starlight-aside--caution"/);
    // Shown as text (with the site's typographic quotes), never run.
    expect(page).toMatch(/<p>&lt;script&gt;alert\(.never runs.\)&lt;\/script&gt;<\/p>/);
    expect(page).not.toContain('generated: do not edit');
    expect(page).toContain('href="/runbooks/node/node-clock-skew-detected/"');
    expect(page).toContain('href="/services/node/node-notes/"');
    expect(page).toContain('src="/imported/node/img/clock.png"');
    expect(page).toContain('(image not found: Missing)');
    expect(existsSync(join(root, 'dist/imported/node/img/clock.png'))).toBe(true);
    expect(existsSync(join(root, 'dist/services/node/node-notes/index.html'))).toBe(true);
  }, 300_000);
});
