// The lint cache: the last result, kept while nothing that could change it has changed — the bytes of
// every file linted (runbooks, other pages, services), the linter's own code and dependencies, the config,
// "today" and the rules. Kept by the file cache the CLI's list and show use (src/lib/cache): the same way
// of reading and hashing files, the same folder.
import { basename, dirname } from 'node:path';
import type { Problem } from '../problem.ts';
import { codeHash, fileHashes } from '../cache/code-hash.ts';
import { FileCache, hashBytes } from '../cache/file-cache.ts';

/**
 * Hash of the linter's own code (src/lib, src/schema) and of the installed dependencies (package-lock.json:
 * parsers, CLI specs): a changed rule or an upgraded parser invalidates the cache. Each source file is read
 * only when its stamp changed.
 */
export function linterSourceHash(cacheFile: string): string {
  const hashes = fileHashes(dirname(cacheFile));
  const hash = codeHash(hashes);
  hashes.save();
  return hash;
}

export function cacheKey(parts: unknown[]): string {
  return hashBytes(JSON.stringify(parts));
}

const store = (cacheFile: string, key: string) => new FileCache<never>({ dir: dirname(cacheFile), name: basename(cacheFile, '.json'), key });

/** The problems found under this key, if the cache has them. */
export function readCache(cacheFile: string, key: string): Problem[] | undefined {
  return store(cacheFile, key).recall<Problem[]>('problems');
}

export function writeCache(cacheFile: string, key: string, problems: Problem[]): void {
  const cache = store(cacheFile, key);
  cache.keep('problems', problems);
  // A read-only checkout must not fail the lint: save() skips a cache it cannot write.
  cache.save();
}
