// A persistent cache of JSON values computed from files, kept under node_modules/.cache/runbook/. Each value
// is stored with its file's stamp (size, modification and change time, inode) and the hash of the bytes it
// was computed from: an unchanged stamp is trusted without reading the file; a changed one costs one read and
// a hash, and the value still holds when the content is the same. The whole cache is also keyed (by the code
// and settings the values depend on): another key starts empty.
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, renameSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { decodeUtf8, fileTooLarge, fileUnreadable, MAX_CONTENT_BYTES, type ContentFile } from '../source-file.ts';

/** What identifies a version of a file without reading it. */
export interface Stamp {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

/**
 * A file read once: its text (decoded as every content file is: a BOM accepted, invalid UTF-8 and oversized
 * files refused with a problem), the hash of exactly those bytes, and the stamp to trust next time (null: do not).
 */
export interface HashedFile extends ContentFile {
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
const sameStamp = (a: Stamp, b: Stamp) => a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino;
const trusted = (stamp: Stamp, now: number) => now - stamp.mtimeMs > RACY_MS;

/**
 * Reads a file once and hashes exactly the bytes read. The stamp is taken from the open file before and after
 * reading: a file that changed meanwhile, or too recently, gets no stamp, so that it is read again next time.
 */
export function readHashed(path: string, root = process.cwd()): HashedFile {
  // Problems name the file as the project does: relative to its root, with `/`.
  const file = relative(root, path).split('\\').join('/');
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    return { bom: false, hash: `unreadable:${code}`, stamp: null, problems: [fileUnreadable(file, code)] };
  }
  try {
    const before = stampOf(fstatSync(fd));
    if (before.size > MAX_CONTENT_BYTES) {
      return { bom: false, hash: `size:${before.size}:${before.mtimeMs}`, stamp: null, problems: [fileTooLarge(file, before.size)] };
    }
    const bytes = readFileSync(fd);
    const after = stampOf(fstatSync(fd));
    const stamp = sameStamp(before, after) && trusted(after, Date.now()) ? after : null;
    return { ...decodeUtf8(file, bytes), hash: hashBytes(bytes), stamp };
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

/**
 * An entry as kept, in memory as on disk (thousands are parsed at each start, so they stay as parsed): the
 * stamp as [size, mtimeMs, ctimeMs, ino], the content hash, and the value when one was computed.
 */
interface Entry<T> {
  s: [number, number, number, number] | null;
  h: string;
  v?: T;
}

const packStamp = (stamp: Stamp | null): Entry<never>['s'] => stamp && [stamp.size, stamp.mtimeMs, stamp.ctimeMs, stamp.ino];
const matches = (packed: Entry<never>['s'], stamp: Stamp) =>
  !!packed && packed[0] === stamp.size && packed[1] === stamp.mtimeMs && packed[2] === stamp.ctimeMs && packed[3] === stamp.ino;

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
  /** Entries by path, as parsed (not copied into a Map: thousands of them at each start). */
  private entries: Record<string, Entry<T>> | undefined;
  /** Values kept under a name rather than a file (document layout), valid under the same key. */
  private named: Record<string, unknown> = {};
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
    if (entry && matches(entry.s, stamp)) return entry.h;
    const file = this.read(path);
    if (!file) return undefined;
    this.store(path, { s: packStamp(file.stamp), h: file.hash, ...(entry && entry.h === file.hash && 'v' in entry ? { v: entry.v } : {}) });
    return file.hash;
  }

  lookup(path: string): Lookup<T> {
    this.seen.add(path);
    const stamp = currentStamp(this.full(path));
    if (!stamp) return { hit: false };
    const entry = this.entry(path);
    if (entry && 'v' in entry && matches(entry.s, stamp)) return { hit: true, value: entry.v as T, hash: entry.h };
    const file = this.read(path);
    if (!file) return { hit: false };
    if (entry && 'v' in entry && entry.h === file.hash) {
      // Touched, not changed: the value holds; remember the new stamp.
      this.store(path, { ...entry, s: packStamp(file.stamp) });
      return { hit: true, value: entry.v as T, hash: file.hash };
    }
    return { hit: false, file };
  }

  /** A value kept under a name (not a file) with `keep`, while the cache's key is the same. */
  recall<V>(name: string): V | undefined {
    this.loaded();
    return Object.hasOwn(this.named, name) ? (this.named[name] as V) : undefined;
  }

  keep(name: string, value: unknown): void {
    this.loaded();
    this.named[name] = value;
    this.dirty.add('');
  }

  /** Stores the value computed from `file` (as `lookup` read it). */
  set(path: string, file: HashedFile, value: T): void {
    this.store(path, { s: packStamp(file.stamp), h: file.hash, v: value });
  }

  /** Writes what changed (temporary file + rename: a reader never sees half of it). A cache that cannot be written is skipped. */
  save(): void {
    const entries = this.loaded();
    if (this.options.prune && this.options.layout === 'document') {
      for (const path of Object.keys(entries)) {
        if (this.seen.has(path)) continue;
        delete entries[path];
        this.dirty.add(path);
      }
    }
    if (!this.dirty.size) return;
    try {
      if (this.options.layout === 'document') {
        writeJson(this.documentPath(), { format: FORMAT, key: this.options.key, named: this.named, entries });
      } else {
        if (Object.keys(this.named).length) throw new Error('named values need the document layout');
        for (const path of this.dirty) {
          if (Object.hasOwn(entries, path)) writeJson(this.sourcePath(path), { format: FORMAT, key: this.options.key, path, ...entries[path] });
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
      return readHashed(this.full(path), this.options.root || process.cwd());
    } catch {
      return undefined; // gone since its stat
    }
  }

  private store(path: string, entry: Entry<T>): void {
    this.loaded()[path] = entry;
    this.dirty.add(path);
  }

  private entry(path: string): Entry<T> | undefined {
    const entries = this.loaded();
    if (this.options.layout === 'file-per-source' && !Object.hasOwn(entries, path)) {
      const stored = readJson(this.sourcePath(path)) as ({ format?: number; key?: string; path?: string } & Entry<T>) | undefined;
      if (stored && stored.format === FORMAT && stored.key === this.options.key && stored.path === path)
        entries[path] = { s: stored.s, h: stored.h, ...('v' in stored ? { v: stored.v } : {}) };
    }
    return Object.hasOwn(entries, path) ? entries[path] : undefined;
  }

  private loaded(): Record<string, Entry<T>> {
    if (this.entries) return this.entries;
    this.entries = Object.create(null) as Record<string, Entry<T>>;
    if (this.options.layout === 'document') {
      const stored = readJson(this.documentPath()) as
        { format?: number; key?: string; named?: Record<string, unknown>; entries?: Record<string, Entry<T>> } | undefined;
      if (stored && stored.format === FORMAT && stored.key === this.options.key && stored.entries && typeof stored.entries === 'object') {
        // Used as parsed: every access checks Object.hasOwn, so no path can reach the prototype.
        this.entries = stored.entries;
        this.named = stored.named ?? {};
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
