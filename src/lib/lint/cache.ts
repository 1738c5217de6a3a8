// The lint cache: the last result, kept while nothing that could change it has changed — the
// content of every file (runbooks and services), the linter's own source, the config, "today"
// and the rules. A second run with nothing changed costs only reading and hashing the files.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Problem } from '../problem.ts';

export interface LintCache {
  key: string;
  problems: Problem[];
}

let linterHash: string | undefined;

/**
 * Hash of the linter's own code (src/lib and src/schema) and of the installed dependencies
 * (package-lock.json: parsers, CLI specs): a changed rule or an upgraded parser invalidates the cache.
 */
export function linterSourceHash(): string {
  if (linterHash) return linterHash;
  const hash = createHash('sha256');
  const lib = fileURLToPath(new URL('..', import.meta.url));
  try {
    hash.update(readFileSync(join(lib, '..', '..', 'package-lock.json')));
  } catch {
    // no lockfile (an installed copy): the versions are fixed anyway
  }
  for (const dir of [lib, join(lib, '..', 'schema')]) {
    const entries = readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
      .map((entry) => join(entry.parentPath, entry.name))
      .sort();
    for (const path of entries) hash.update(path.slice(lib.length)).update(readFileSync(path));
  }
  linterHash = hash.digest('hex');
  return linterHash;
}

export function cacheKey(parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

export function readCache(path: string, key: string): LintCache | undefined {
  try {
    const cache = JSON.parse(readFileSync(path, 'utf8')) as LintCache;
    return cache.key === key ? cache : undefined;
  } catch {
    return undefined; // no cache yet, or unreadable
  }
}

export function writeCache(path: string, cache: LintCache): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(cache));
    renameSync(temporary, path);
  } catch {
    // A read-only checkout must not fail the lint.
  }
}
