// The shipped content: every runbook of the five seed documents is in the registry (reviewed),
// and every code block of the sources is in some page of the site (by normalised content).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { markdownToMdast } from 'satteri';
import type { Code, Root } from 'mdast';
import { listContentFiles, loadProject } from '../../src/lib/project.ts';
import { buildRegistry } from '../../src/lib/registry.ts';
import { repairMojibake } from '../../src/lib/text/mojibake.ts';
import { SEEDS, SEEDS_DIR } from '../../scripts/import-seeds.ts';

const registry = buildRegistry(await loadProject({ config: { now: '2026-11-24' } }));

function codeBlocks(tree: Root): Code[] {
  const found: Code[] = [];
  const visit = (node: { type: string; children?: unknown[] }) => {
    if (node.type === 'code') found.push(node as Code);
    for (const child of node.children ?? []) visit(child as { type: string; children?: unknown[] });
  };
  visit(tree);
  return found;
}

/** Commands compared by their words: no comments, quotes, prompts, indentation or markup. */
const words = (text: string) =>
  text
    .split('\n')
    .map((line) => line.replace(/^\s*(\$|#)\s.*$/, (match) => (match.trim().startsWith('$') ? match.replace(/^\s*\$\s/, '') : '')))
    .join(' ')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

describe('shipped content', () => {
  it('has every runbook of the five seed documents, reviewed', () => {
    const perService = Object.fromEntries(SEEDS.map((seed) => [seed.service, registry.runbooks.filter((runbook) => runbook.service === seed.service).length]));
    expect(perService).toEqual(Object.fromEntries(SEEDS.map((seed) => [seed.service, seed.runbooks])));
    expect(registry.runbooks.filter((runbook) => runbook.lastReviewed === '2026-11-24').length).toBe(registry.runbooks.length);
  });

  it('keeps the substance of every source code block somewhere on the site', () => {
    const site = listContentFiles(process.cwd(), 'src/content/docs')
      .map((file) => words(readFileSync(file, 'utf8')))
      .join(' ');
    const lost: string[] = [];
    for (const file of readdirSync(SEEDS_DIR).filter((name) => name.endsWith('.txt'))) {
      const tree = markdownToMdast(repairMojibake(readFileSync(join(SEEDS_DIR, file), 'utf8'))) as Root;
      for (const block of codeBlocks(tree)) {
        // The corrected content changes commands, so ask only for their distinctive words: every
        // word of three letters or more of the block appears on the site.
        const distinctive = [
          ...new Set(
            words(block.value)
              .split(' ')
              .filter((word) => word.length >= 3),
          ),
        ];
        const missing = distinctive.filter((word) => !site.includes(word));
        if (distinctive.length && missing.length / distinctive.length > 0.2)
          lost.push(`${file}:${block.position?.start.line}: ${missing.slice(0, 8).join(', ')}`);
      }
    }
    expect(lost).toEqual([]);
  });
});
