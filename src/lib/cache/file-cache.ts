// A persistent cache of JSON values computed from files, kept under node_modules/.cache/runbook/. Each value
// is stored with its file's stamp (size, modification and change time, inode) and the hash of the bytes it
// was computed from: an unchanged stamp is trusted without reading the file; a changed one costs one read and
// a hash, and the value still holds when the content is the same. The whole cache is also keyed (by the code
// and settings the values depend on): another key starts empty.
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, renameSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { dirname, join } from 'node:path';

/** What identifies a version of a file without reading it. */
export interface Stamp {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

/** A file read once: its text, the hash of exactly those bytes, and the stamp to trust next time (null: do not). */
export interface HashedFile {
  text: string;
  hash: string;
  stamp: Stamp | null;
}

/**
 * A file modified less than this before it was read is read again next time instead of trusting its stamp: a
 * second write within the file system's timestamp granularity would keep mtime (and maybe size). The same
 * rule as git's "racily clean" entries; a second covers file systems with coarse timestamps.
 */
const RACY_MS = 1000;

/** Bumped when the stored format changes. */
const FORMAT = 1;

/** SHA-256 of a file's content. node:crypto is loaded on first use: an unchanged project never needs it. */
export function hashBytes(data: string | Uint8Array): string {
  return process.getBuiltinModule('node:crypto').createHash('sha256').update(data).digest('hex');
}

/**
 * A short digest of a cache key or a path (not of content): two 53-bit cyrb53 hashes of the text. Cheap, so
 * that checking a key does not load node:crypto; a collision would at worst mistake one cache key for another.
 */
export function digest(text: string): string {
  const half = (seed: number) => {
    let h1 = 0xdeadbeef ^ seed;
    let h2 = 0x41c6ce57 ^ seed;
    for (let index = 0; index < text.length; index++) {
      const code = text.charCodeAt(index);
      h1 = Math.imul(h1 ^ code, 2654435761);
      h2 = Math.imul(h2 ^ code, 1597334677);
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
  };
  return half(1) + half(2);
}

const stampOf = (stats: Stats): Stamp => ({ size: stats.size, mtimeMs: stats.mtimeMs, ctimeMs: stats.ctimeMs, ino: stats.ino });
const sameStamp = (a: Stamp | null | undefined, b: Stamp) => !!a && a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino;
const trusted = (stamp: Stamp, now: number) => now - stamp.mtimeMs > RACY_MS;

/**
 * Reads a file once and hashes exactly the bytes read. The stamp is taken from the open file before and after
 * reading: a file that changed meanwhile, or too recently, gets no stamp, so that it is read again next time.
 */
export function readHashed(path: string): HashedFile {
  const fd = openSync(path, 'r');
  try {
    const before = stampOf(fstatSync(fd));
    const bytes = readFileSync(fd);
    const after = stampOf(fstatSync(fd));
    const stamp = sameStamp(before, after) && trusted(after, Date.now()) ? after : null;
    return { text: bytes.toString('utf8'), hash: hashBytes(bytes), stamp };
  } finally {
    closeSync(fd);
  }
}

/** The current stamp of a file, or undefined when it does not exist (or cannot be read as a file). */
function currentStamp(path: string): Stamp | undefined {
  try {
    const stats = statSync(path);
    return stats.isFile() ? stampOf(stats) : undefined;
  } catch {
    return undefined;
  }
}

interface Entry<T> {
  stamp: Stamp | null;
  hash: string;
  value?: T;
}

/** An entry as stored: the stamp as [size, mtimeMs, ctimeMs, ino] (thousands of entries are parsed at each start). */
interface StoredEntry<T> {
  s: [number, number, number, number] | null;
  h: string;
  v?: T;
}

const toStored = <T>(entry: Entry<T>): StoredEntry<T> => ({
  s: entry.stamp && [entry.stamp.size, entry.stamp.mtimeMs, entry.stamp.ctimeMs, entry.stamp.ino],
  h: entry.hash,
  ...('value' in entry ? { v: entry.value } : {}),
});

const fromStored = <T>(stored: StoredEntry<T>): Entry<T> => ({
  stamp: stored.s && { size: stored.s[0], mtimeMs: stored.s[1], ctimeMs: stored.s[2], ino: stored.s[3] },
  hash: stored.h,
  ...('v' in stored ? { value: stored.v } : {}),
});

/** How entries are kept: one document for many small values, or one file per source for large ones read singly. */
export type CacheLayout = 'document' | 'file-per-source';

export interface FileCacheOptions {
  /** Folder of the cache (e.g. <project>/node_modules/.cache/runbook). */
  dir: string;
  /** Paths given are relative to this folder (and stored so); default: paths are used as given. */
  root?: string;
  /** Name of this cache in the folder. */
  name: string;
  /** What every value depends on besides its file (code, settings): a different key starts empty. */
  key: string;
  layout?: CacheLayout;
  /** On save, drop the entries of files not looked up in this run (for a cache whose every file is looked up each time: deleted files go). */
  prune?: boolean;
}

export type Lookup<T> =
  /** The value stored for the file as it is now. */
  | { hit: true; value: T; hash: string }
  /** No value for this content yet: the file, read once, to compute it from and `set`. */
  | { hit: false; file: HashedFile }
  /** The file does not exist. */
  | { hit: false; file?: undefined };

export class FileCache<T> {
  private readonly options: Required<FileCacheOptions>;
  private entries: Map<string, Entry<T>> | undefined;
  /** Values kept under a name rather than a file (document layout), valid under the same key. */
  private named: Map<string, unknown> = new Map();
  /** Entries changed since loading (document layout) or to be written (file-per-source layout). */
  private readonly dirty = new Set<string>();
  /** Files looked up or hashed in this run. */
  private readonly seen = new Set<string>();
  /** Files this cache has read (their stamps had changed, or they had none): what a warm run should keep at 0. */
  reads = 0;

  constructor(options: FileCacheOptions) {
    this.options = { layout: 'document', prune: false, root: '', ...options };
  }

  /** The content hash of a file: from its stamp when unchanged, else by reading it; undefined when it does not exist. */
  hash(path: string): string | undefined {
    this.seen.add(path);
    const stamp = currentStamp(this.full(path));
    if (!stamp) return undefined;
    const entry = this.entry(path);
    if (entry && sameStamp(entry.stamp, stamp)) return entry.hash;
    const file = this.read(path);
    if (!file) return undefined;
    this.store(path, { stamp: file.stamp, hash: file.hash, ...(entry && entry.hash === file.hash && 'value' in entry ? { value: entry.value } : {}) });
    return file.hash;
  }

  lookup(path: string): Lookup<T> {
    this.seen.add(path);
    const stamp = currentStamp(this.full(path));
    if (!stamp) return { hit: false };
    const entry = this.entry(path);
    if (entry && 'value' in entry && sameStamp(entry.stamp, stamp)) return { hit: true, value: entry.value as T, hash: entry.hash };
    const file = this.read(path);
    if (!file) return { hit: false };
    if (entry && 'value' in entry && entry.hash === file.hash) {
      // Touched, not changed: the value holds; remember the new stamp.
      this.store(path, { ...entry, stamp: file.stamp });
      return { hit: true, value: entry.value as T, hash: file.hash };
    }
    return { hit: false, file };
  }

  /** A value kept under a name (not a file) with `keep`, while the cache's key is the same. */
  recall<V>(name: string): V | undefined {
    this.loaded();
    return this.named.get(name) as V | undefined;
  }

  keep(name: string, value: unknown): void {
    this.loaded();
    this.named.set(name, value);
    this.dirty.add('');
  }

  /** Stores the value computed from `file` (as `lookup` read it). */
  set(path: string, file: HashedFile, value: T): void {
    this.store(path, { stamp: file.stamp, hash: file.hash, value });
  }

  /** Writes what changed (temporary file + rename: a reader never sees half of it). A cache that cannot be written is skipped. */
  save(): void {
    if (this.options.prune && this.options.layout === 'document') {
      for (const path of this.loaded().keys()) {
        if (this.seen.has(path)) continue;
        this.loaded().delete(path);
        this.dirty.add(path);
      }
    }
    if (!this.dirty.size) return;
    try {
      if (this.options.layout === 'document') {
        const entries = Object.fromEntries([...this.loaded()].map(([path, entry]) => [path, toStored(entry)]));
        writeJson(this.documentPath(), { format: FORMAT, key: this.options.key, named: Object.fromEntries(this.named), entries });
      } else {
        if (this.named.size) throw new Error('named values need the document layout');
        for (const path of this.dirty) {
          const entry = this.loaded().get(path);
          if (entry) writeJson(this.sourcePath(path), { format: FORMAT, key: this.options.key, path, ...toStored(entry) });
        }
      }
      this.dirty.clear();
    } catch {
      // A read-only checkout or a full disk must not fail the command: the next run computes again.
    }
  }

  private full(path: string): string {
    return this.options.root ? `${this.options.root}/${path}` : path;
  }

  private read(path: string): HashedFile | undefined {
    this.reads++;
    try {
      return readHashed(this.full(path));
    } catch {
      return undefined; // gone since its stat
    }
  }

  private store(path: string, entry: Entry<T>): void {
    this.loaded().set(path, entry);
    this.dirty.add(path);
  }

  private entry(path: string): Entry<T> | undefined {
    const entries = this.loaded();
    if (this.options.layout === 'file-per-source' && !entries.has(path)) {
      const stored = readJson(this.sourcePath(path)) as ({ format?: number; key?: string; path?: string } & StoredEntry<T>) | undefined;
      if (stored && stored.format === FORMAT && stored.key === this.options.key && stored.path === path) entries.set(path, fromStored(stored));
    }
    return entries.get(path);
  }

  private loaded(): Map<string, Entry<T>> {
    if (this.entries) return this.entries;
    this.entries = new Map();
    if (this.options.layout === 'document') {
      const stored = readJson(this.documentPath()) as { format?: number; key?: string; named?: Record<string, unknown>; entries?: Record<string, StoredEntry<T>> } | undefined;
      if (stored && stored.format === FORMAT && stored.key === this.options.key && stored.entries) {
        this.entries = new Map(Object.entries(stored.entries).map(([path, entry]) => [path, fromStored(entry)]));
        this.named = new Map(Object.entries(stored.named ?? {}));
      }
    }
    return this.entries;
  }

  private documentPath(): string {
    return join(this.options.dir, `${this.options.name}.json`);
  }

  private sourcePath(path: string): string {
    return join(this.options.dir, this.options.name, `${digest(path)}.json`);
  }
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined; // none yet, or unreadable: start empty
  }
}

function writeJson(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(value));
  renameSync(temporary, path);
}

/** The cache folder of a project. */
export const cacheDir = (root: string) => join(root, 'node_modules', '.cache', 'runbook');
