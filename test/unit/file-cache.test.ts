// The file cache: values per file, trusted by stamp (size, mtime, ctime, inode), checked by a content hash
// only when the stamp changed, kept on disk across processes, and dropped when the key changes.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { digest, FileCache, readHashed } from '../../src/lib/cache/file-cache.ts';

const sha256 = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

function setup() {
  const root = mkdtempSync(join(tmpdir(), 'file-cache-test-'));
  const dir = join(root, 'node_modules/.cache/runbook');
  const file = join(root, 'a.mdx');
  /** Writes the file with an mtime a minute ago: old enough for its stamp to be trusted. */
  const write = (text: string, mtime = Date.now() / 1000 - 60) => {
    writeFileSync(file, text);
    utimesSync(file, mtime, mtime);
  };
  return { root, dir, file, write };
}

/** What a command does: look up, compute on a miss, store, save. Returns the value and whether it was computed. */
function use(cache: FileCache<string>, file: string, compute: (text: string) => string) {
  const found = cache.lookup(file);
  if (found.hit) return { value: found.value, computed: false };
  if (!found.file) throw new Error('missing');
  const value = compute(found.file.text ?? '');
  cache.set(file, found.file, value);
  cache.save();
  return { value, computed: true };
}

describe('readHashed', () => {
  it('hashes exactly the bytes read, and stamps only a file not modified within the last second', () => {
    const { file, write } = setup();
    writeFileSync(file, Buffer.from([0xef, 0xbb, 0xbf, 0x61, 0xff]));
    const fresh = readHashed(file);
    expect(fresh.hash).toBe(sha256(Buffer.from([0xef, 0xbb, 0xbf, 0x61, 0xff])));
    expect(fresh.stamp).toBeNull();
    write('old enough');
    expect(readHashed(file)).toMatchObject({ text: 'old enough', hash: sha256('old enough'), stamp: { size: 10 } });
  });
});

describe('FileCache', () => {
  it('computes once; a new process (a new cache object) trusts the unchanged stamp without reading the file', () => {
    const { dir, file, write } = setup();
    write('# one');
    const upper = (text: string) => text.toUpperCase();
    expect(use(new FileCache<string>({ dir, name: 'test', key: 'k' }), file, upper)).toEqual({ value: '# ONE', computed: true });
    const second = new FileCache<string>({ dir, name: 'test', key: 'k' });
    expect(use(second, file, upper)).toEqual({ value: '# ONE', computed: false });
    expect(second.reads).toBe(0);
  });

  it('a changed file is computed again, even at the same size and mtime', () => {
    const { dir, file, write } = setup();
    const mtime = Date.now() / 1000 - 60;
    write('# one', mtime);
    use(new FileCache<string>({ dir, name: 'test', key: 'k' }), file, (text) => text);
    write('# two', mtime);
    expect(use(new FileCache<string>({ dir, name: 'test', key: 'k' }), file, (text) => text)).toEqual({ value: '# two', computed: true });
  });

  it('a touched but unchanged file costs one read and a hash, then is trusted again', () => {
    const { dir, file, write } = setup();
    write('# one');
    use(new FileCache<string>({ dir, name: 'test', key: 'k' }), file, (text) => text);
    const touched = Date.now() / 1000 - 30;
    utimesSync(file, touched, touched);
    const second = new FileCache<string>({ dir, name: 'test', key: 'k' });
    expect(use(second, file, () => 'never')).toEqual({ value: '# one', computed: false });
    expect(second.reads).toBe(1);
    second.save();
    const third = new FileCache<string>({ dir, name: 'test', key: 'k' });
    expect(use(third, file, () => 'never').computed).toBe(false);
    expect(third.reads).toBe(0);
  });

  it('a file written within the last second is read again next time (its stamp is not trusted yet)', () => {
    const { dir, file } = setup();
    writeFileSync(file, '# fresh');
    use(new FileCache<string>({ dir, name: 'test', key: 'k' }), file, (text) => text);
    const second = new FileCache<string>({ dir, name: 'test', key: 'k' });
    expect(use(second, file, () => 'never').computed).toBe(false);
    expect(second.reads).toBe(1);
  });

  it('another key starts empty', () => {
    const { dir, file, write } = setup();
    write('# one');
    use(new FileCache<string>({ dir, name: 'test', key: 'code v1' }), file, () => 'v1');
    expect(use(new FileCache<string>({ dir, name: 'test', key: 'code v2' }), file, () => 'v2')).toEqual({ value: 'v2', computed: true });
  });

  it('one file per source: each value in its own file, named by a digest of the path', () => {
    const { dir, file, write } = setup();
    write('# one');
    use(new FileCache<string>({ dir, name: 'entries', key: 'k', layout: 'file-per-source' }), file, (text) => text.repeat(2));
    expect(readdirSync(join(dir, 'entries'))).toEqual([`${digest(file)}.json`]);
    const second = new FileCache<string>({ dir, name: 'entries', key: 'k', layout: 'file-per-source' });
    expect(use(second, file, () => 'never')).toEqual({ value: '# one# one', computed: false });
  });

  it('paths relative to a root, and pruning of files not looked up any more', () => {
    const { root, dir, write } = setup();
    write('# a');
    writeFileSync(join(root, 'b.mdx'), '# b');
    const first = new FileCache<string>({ dir, root, name: 'index', key: 'k', prune: true });
    use(first, 'a.mdx', (text) => text);
    use(first, 'b.mdx', (text) => text);
    rmSync(join(root, 'b.mdx'));
    // The next run lists a.mdx only (b.mdx was deleted): b's entry goes.
    const second = new FileCache<string>({ dir, root, name: 'index', key: 'k', prune: true });
    use(second, 'a.mdx', () => 'never');
    second.save();
    const stored = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as { entries: Record<string, unknown> };
    expect(Object.keys(stored.entries)).toEqual(['a.mdx']);
  });

  it('a damaged cache file is ignored, and a cache that cannot be written is skipped without an error', () => {
    const { root, dir, file, write } = setup();
    write('# one');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'test.json'), '{"format":1,"key":"k","entr');
    expect(use(new FileCache<string>({ dir, name: 'test', key: 'k' }), file, () => 'computed').computed).toBe(true);
    const blocked = join(root, 'blocked');
    writeFileSync(blocked, 'a file where the cache folder should be');
    const unwritable = new FileCache<string>({ dir: join(blocked, 'cache'), name: 'test', key: 'k' });
    expect(() => use(unwritable, file, () => 'computed')).not.toThrow();
  });

  it('named values are kept under the key', () => {
    const { dir } = setup();
    const first = new FileCache<never>({ dir, name: 'config', key: 'k' });
    expect(first.recall('loaded')).toBeUndefined();
    first.keep('loaded', { contentDir: 'x' });
    first.save();
    expect(new FileCache<never>({ dir, name: 'config', key: 'k' }).recall('loaded')).toEqual({ contentDir: 'x' });
    expect(new FileCache<never>({ dir, name: 'config', key: 'other' }).recall('loaded')).toBeUndefined();
  });
});
