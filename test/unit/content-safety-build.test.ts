// The site build refuses what mdx/safety refuses, before any of it runs: a page whose attribute
// expression, spread, expression, export or import would write a marker file stops `astro build`
// with file:line:column for each construct, and no marker is ever written. A control build of the
// same page without the check writes every marker, so the payloads are real. Markdown (.md) pages
// with a <script> stop the build too.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSite, makeSite } from '../helpers/site.ts';
import { runbookSource, SERVICE_YAML } from '../helpers/project.ts';

const roots: string[] = [];
const markers = mkdtempSync(join(tmpdir(), 'mdx-markers-'));
afterAll(() => {
  for (const root of [...roots, markers]) rmSync(root, { recursive: true, force: true });
});

const write = (name: string) => `process.getBuiltinModule('fs').writeFileSync(${JSON.stringify(join(markers, name))}, 'ran')`;
const PAGE = 'src/content/docs/runbooks/tickets/evil.mdx';

// Line numbers in the file: the frontmatter takes lines 1-8 (runbookSource), the body starts on line 10.
const BODY = `import { Aside } from '@astrojs/starlight/components';
import './side-effect.mjs';
export const loaded = ${write('export')};

## Symptoms

<Aside title={${write('attribute')}}>Careful.</Aside>

<Aside {...(${write('spread')}, {})}>Careful.</Aside>

Slow since {${write('expression')}}.

<img src="graph.png" alt="" onerror="alert(1)" />

[dashboard](javascript:alert(1))

<script>alert(1)</script>

## Investigation

### Check

\`\`\`bash
kubectl get pods
\`\`\`
`;

/** Each construct of BODY: where it is, and the start of what the build says. */
const REFUSED = [
  { at: '11:1', message: "Not allowed in a page: `import './side-effect.mjs';`" },
  { at: '12:1', message: 'Not allowed in a page: `export const loaded = process.getBuiltinModule' },
  { at: '16:8', message: 'Attribute expression title={process.getBuiltinModule' },
  { at: '18:8', message: 'Spread attribute {...(process.getBuiltinModule' },
  { at: '20:12', message: 'JavaScript expression {process.getBuiltinModule' },
  { at: '22:29', message: 'Event handler attribute onerror on <img>' },
  { at: '24:1', message: 'javascript: URL in a link (javascript:alert(1))' },
  { at: '26:1', message: '<script> element in a page' },
];
const MARKERS = ['attribute', 'export', 'expression', 'import', 'spread'];

function site() {
  const root = makeSite({
    'src/content/services/tickets.yaml': SERVICE_YAML,
    [PAGE]: runbookSource({ id: 'tickets-evil', body: BODY }),
    // Imported by the page: loading it writes the `import` marker.
    'src/content/docs/runbooks/tickets/side-effect.mjs': `${write('import')};\n`,
  });
  roots.push(root);
  return root;
}

describe('the content safety check in the site build', () => {
  it('stops the build at the page, naming file:line:column of every construct, before any of it runs', () => {
    const root = site();
    const { status, output } = buildSite(root);
    expect(status).not.toBe(0);
    expect(output).toContain(`This page holds ${REFUSED.length} constructs that a runbook page may not run (mdx/safety):`);
    for (const { at, message } of REFUSED) expect(output).toContain(`${PAGE}:${at}  ${message}`);
    expect(output).toContain('fix: Write the value as literal text in quotes: name="value".');
    expect(output).toContain('The page was not compiled, so none of it ran.');
    // Astro's location line points at the first construct.
    expect(output).toMatch(new RegExp(`Location:\\s+\\S*${PAGE.replace(/[/.]/g, '\\$&')}:11:1`));
    expect(readdirSync(markers)).toEqual([]);
    expect(existsSync(join(root, 'dist/runbooks/tickets/evil/index.html'))).toBe(false);
  }, 300_000);

  it('(control) without the check, the same page builds and every payload runs', () => {
    const root = site();
    const integration = join(root, 'src/integration.ts');
    const text = readFileSync(integration, 'utf8');
    const registration = 'processor.options.mdastPlugins.unshift(contentSafety);';
    expect(text).toContain(registration);
    writeFileSync(integration, text.replace(registration, ''));
    const { status, output } = buildSite(root);
    expect(status, output).toBe(0);
    expect(readdirSync(markers).sort()).toEqual(MARKERS);
    for (const name of MARKERS) rmSync(join(markers, name));
  }, 300_000);

  it('stops the build on a Markdown page with raw HTML that runs code, before building anything', () => {
    const root = makeSite({
      'src/content/services/tickets.yaml': SERVICE_YAML,
      'src/content/docs/runbooks/tickets/ok.mdx': runbookSource({ id: 'tickets-ok' }),
      'src/content/docs/guides/evil.md':
        '---\ntitle: Evil guide\n---\n\nHello {name}.\n\n<script>alert(1)</script>\n\nText <img src=x onerror="alert(1)"> and [x](JavaScript:alert(1)).\n',
    });
    roots.push(root);
    const { status, output } = buildSite(root);
    expect(status).not.toBe(0);
    expect(output).toContain('src/content/docs/guides/evil.md:7:1  error  <script> element in a page');
    expect(output).toContain('src/content/docs/guides/evil.md:9:6  error  Event handler attribute onError on <img>');
    expect(output).toContain('src/content/docs/guides/evil.md:9:41  error  javascript: URL in a link (JavaScript:alert(1))');
    expect(existsSync(join(root, 'dist'))).toBe(false);
  }, 300_000);
});
