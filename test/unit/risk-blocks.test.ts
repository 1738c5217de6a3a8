// The site's command blocks carry the effective risk: a block that declares less than its commands do is
// labelled, marked and copied (without a trailing newline) at what they do.
import { ExpressiveCode } from '@astrojs/starlight/expressive-code';
import { toHtml } from '@astrojs/starlight/expressive-code/hast';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pluginRunbookBlocks } from '../../src/expressive-code/runbook-blocks.ts';

// Frames (the copy button) come with Expressive Code's defaults; no highlighting needed here.
const engine = new ExpressiveCode({ plugins: [pluginRunbookBlocks()], shiki: false });

const dir = mkdtempSync(join(tmpdir(), 'risk-blocks-'));
let pages = 0;

/** Renders the block as the site does: from a page file, whose model the plugin looks up. */
async function render(language: string, code: string, meta = '') {
  const file = join(dir, `page-${++pages}.mdx`);
  writeFileSync(file, `---\ntitle: Page\n---\n\n\`\`\`${language}${meta ? ` ${meta}` : ''}\n${code}\n\`\`\`\n`);
  const block = { code, language, meta, parentDocument: { sourceFilePath: file, positionInDocument: { groupIndex: 0 } } };
  const html = toHtml((await engine.render(block)).renderedGroupAst);
  return {
    risk: /data-rb-risk="([a-z]+)"/.exec(html)?.[1],
    label: /<strong>([^<]+)<\/strong>/.exec(html)?.[1],
    copied: /data-code="([^"]*)"/
      .exec(html)?.[1]
      .replaceAll('\u007f', '\n')
      .replace(/&#x([0-9a-f]+);|&quot;|&amp;/gi, (entity, hex?: string) => (hex ? String.fromCodePoint(parseInt(hex, 16)) : entity === '&quot;' ? '"' : '&')),
    marked: /class="frame[^"]*rb-risk-([a-z]+)/.exec(html)?.[1],
  };
}

describe('runbook blocks on the site', () => {
  it('a delete declared read is labelled and copied as destructive: no newline, so pasting does not run it', async () => {
    expect(await render('bash', 'kubectl -n shop delete pod api-1')).toEqual({
      risk: 'destructive',
      label: 'Destructive',
      copied: 'kubectl -n shop delete pod api-1',
      marked: 'destructive',
    });
  });

  it('console blocks by their prompt lines, SQL blocks by their statements', async () => {
    expect(await render('console', '$ psql "$DATABASE_URL" -Atc "DELETE FROM sessions"\nDELETE 3')).toMatchObject({
      risk: 'destructive',
      copied: 'psql "$DATABASE_URL" -Atc "DELETE FROM sessions"',
    });
    expect(await render('sql', 'UPDATE jobs SET state = 1;', 'risk="change"')).toMatchObject({ risk: 'destructive', label: 'Destructive' });
  });

  it('a read block stays read and is copied with its newline; a declared risk is kept', async () => {
    expect(await render('bash', 'kubectl -n shop get pods')).toEqual({
      risk: 'read',
      label: undefined,
      copied: 'kubectl -n shop get pods\n',
      marked: undefined,
    });
    expect(await render('bash', 'kubectl rollout restart deploy/api', 'risk="destructive"')).toMatchObject({
      risk: 'destructive',
      copied: 'kubectl rollout restart deploy/api',
    });
    expect(await render('bash', 'echo "kubectl delete pod x"', 'text')).toMatchObject({ risk: undefined });
  });
});
