// Names of imported files, their provenance hash, and the walk over source folders.
import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kebabSlug, limitSlug, splitIdentifier, transliterate, uniqueNames } from '../../src/lib/import/names.ts';
import { EMPTY_HASH, importState, stamp } from '../../src/lib/import/provenance.ts';
import { mapReviewInterval } from '../../src/lib/import/source-frontmatter.ts';
import { collectSources } from '../../src/lib/import/walk.ts';

describe('names', () => {
  it.each([
    ['Überprüfung der Datenbank', 'uberprufung-der-datenbank'],
    ['Ошибка репликации', 'oshibka-replikatsii'],
    ['Σφάλμα δίσκου', 'sfalma-diskoy'],
    ['Straße & Œuvre', 'strasse-and-oeuvre'],
    ['数据库故障', 'page'],
    ['  --  ', 'page'],
  ])('%s → %s', (title, slug) => {
    expect(kebabSlug(title, 'page')).toBe(slug);
  });

  it('splits identifiers at case changes and acronyms', () => {
    expect(splitIdentifier('KubeAPIDown')).toBe('Kube API Down');
    expect(splitIdentifier('etcdHighFsyncDurations')).toBe('etcd High Fsync Durations');
    expect(splitIdentifier('CDIDataImportCronOutdated')).toBe('CDI Data Import Cron Outdated');
    expect(splitIdentifier('pg_repack')).toBe('pg repack');
    expect(transliterate('Ärger')).toBe('Arger');
  });

  it('cuts long slugs at a word, keeping two long names apart with a hash of the whole', () => {
    const a = limitSlug(`${'word-'.repeat(30)}a`);
    const b = limitSlug(`${'word-'.repeat(30)}b`);
    expect(a.length).toBeLessThanOrEqual(80);
    expect(a).toMatch(/^word-word-.*-[0-9a-f]{6}$/);
    expect(a).not.toBe(b);
    expect(limitSlug('short')).toBe('short');
  });

  it('qualifies a name wanted twice by its folder, then numbers it, in the given order', () => {
    const items = [
      { name: 'diagnosis', folder: 'helpers' },
      { name: 'diagnosis', folder: undefined },
      { name: 'restart', folder: 'x' },
      { name: 'restart', folder: 'x' },
    ];
    const names = uniqueNames(
      items,
      (item) => item.name,
      (item) => item.folder,
    );
    expect(items.map((item) => names.get(item))).toEqual(['helpers-diagnosis', 'diagnosis', 'x-restart', 'x-restart-2']);
  });

  it('maps review intervals', () => {
    expect(['6 months', '1 year', '3 weeks', '90 days', 'soon'].map(mapReviewInterval)).toEqual(['180d', '365d', '3w', '90d', undefined]);
  });
});

describe('provenance (importedFrom)', () => {
  const file = `---\ntitle: X\nimportedFrom:\n  source: a.md\n  ${EMPTY_HASH}\n---\n\nBody.\n`;

  it('stamps the hash of the file with the hash left empty, and reads it back', () => {
    const stamped = stamp(file);
    expect(stamped).toMatch(/\n {2}sha256: [0-9a-f]{64}\n/);
    expect(importState(stamped)).toBe('untouched');
    expect(stamp(file)).toBe(stamped);
  });

  it('tells an edited file, and a file no import wrote', () => {
    const stamped = stamp(file);
    expect(importState(stamped.replace('Body.', 'Body, edited.'))).toBe('edited');
    expect(importState(stamped.replace('title: X', 'title: Y'))).toBe('edited');
    expect(importState('---\ntitle: X\n---\n\nBody.\n')).toBe('not-imported');
    expect(importState('no frontmatter at all')).toBe('not-imported');
  });
});

describe('walking source folders', () => {
  it('finds Markdown files in name order, skips hidden folders and node_modules, does not follow folder links, reports what is missing or empty', () => {
    const root = mkdtempSync(join(tmpdir(), 'import-walk-'));
    const write = (path: string, text = '# x\n') => {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), text);
    };
    write('docs/b/B.md');
    write('docs/a/A.markdown');
    write('docs/a/notes.txt');
    write('docs/.git/HEAD.md');
    write('docs/node_modules/pkg/README.md');
    mkdirSync(join(root, 'empty'));
    symlinkSync(join(root, 'docs'), join(root, 'docs/a/loop'));
    const walk = collectSources(root, ['docs', 'docs/b/B.md', 'missing', 'empty']);
    expect(walk.sources.map((source) => [source.name, source.relative])).toEqual([
      ['docs/a/A.markdown', 'a/A.markdown'],
      ['docs/b/B.md', 'b/B.md'],
    ]);
    expect(walk.missing).toEqual(['missing']);
    expect(walk.empty).toEqual(['empty']);
  });

  // Permissions do not stop root: only meaningful for an ordinary user.
  it.skipIf(process.getuid?.() === 0)('reports a folder it cannot read instead of passing over it', () => {
    const root = mkdtempSync(join(tmpdir(), 'import-walk-'));
    mkdirSync(join(root, 'docs/private'), { recursive: true });
    writeFileSync(join(root, 'docs/private/A.md'), '# A\n');
    writeFileSync(join(root, 'docs/B.md'), '# B\n');
    chmodSync(join(root, 'docs/private'), 0o000);
    try {
      const walk = collectSources(root, ['docs']);
      expect(walk.sources.map((source) => source.name)).toEqual(['docs/B.md']);
      expect(walk.unreadable).toEqual([{ path: 'docs/private', reason: 'EACCES' }]);
    } finally {
      chmodSync(join(root, 'docs/private'), 0o755);
    }
  });
});
