// The snapshot of each runbook file, kept between runs by the hash of its bytes (and of the code that
// read it): comparing two revisions of 2,000 runbooks parses only the files that changed since a file
// with the same bytes was last read, in either revision or the working tree.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { linterSourceHash } from '../lint/cache.ts';
import type { SnapshotRunbook } from './snapshot.ts';

export interface CachedFile {
  /** The runbook as far as it reads; undefined when the file has no runbook id at all. */
  runbook?: SnapshotRunbook;
  /** The runbook names its owner (else the owner is its service's, looked up at each use). */
  ownOwner: boolean;
  /** Why the frontmatter does not validate today (first error), when it does not. */
  invalid?: string;
}

/** Entries of files the last run did not see, kept up to this share of the ones it did (older revisions, other branches). */
const KEEP_OLD = 1;

export class SnapshotCache {
  private entries = new Map<string, CachedFile>();
  private used = new Set<string>();
  private dirty = false;
  private readonly code: string;
  private readonly path: string | undefined;

  /** `path`: the cache file; undefined keeps the cache in memory only. */
  constructor(path: string | undefined) {
    this.path = path;
    // Kept in memory only, the entries live as long as this code: no need to hash it.
    this.code = path ? linterSourceHash(path) : 'this process';
    if (!path) return;
    try {
      const stored = JSON.parse(readFileSync(path, 'utf8')) as { code?: string; entries?: [string, CachedFile][] };
      // Entries of other code are never hit again (the code is part of each key): dropped.
      if (stored.code === this.code && Array.isArray(stored.entries)) this.entries = new Map(stored.entries);
    } catch {
      // no cache yet, or unreadable: start empty
    }
  }

  /** The key of a file's bytes, as read by this code for a project whose pages live under `docsDir`. */
  key(file: string, contentHash: string, docsDir: string): string {
    return createHash('sha256')
      .update(JSON.stringify([this.code, file, contentHash, docsDir]))
      .digest('hex');
  }

  get(key: string): CachedFile | undefined {
    const found = this.entries.get(key);
    if (found) this.used.add(key);
    return found;
  }

  set(key: string, value: CachedFile): void {
    this.entries.set(key, value);
    this.used.add(key);
    this.dirty = true;
  }

  /** Writes the cache (next to it, then renamed); entries of this run first, then older ones up to the limit. */
  save(): void {
    if (!this.path || !this.dirty) return;
    const kept = [...this.used].map((key) => [key, this.entries.get(key)!] as [string, CachedFile]);
    const limit = this.used.size * (1 + KEEP_OLD) + 100;
    for (const [key, value] of this.entries) {
      if (kept.length >= limit) break;
      if (!this.used.has(key)) kept.push([key, value]);
    }
    const temporary = `${this.path}.${process.pid}.tmp`;
    try {
      mkdirSync(dirname(this.path), { recursive: true });
      writeFileSync(temporary, JSON.stringify({ code: this.code, entries: kept }));
      renameSync(temporary, this.path);
      this.dirty = false;
    } catch {
      rmSync(temporary, { force: true });
      // A read-only checkout must not fail the diff.
    }
  }
}
