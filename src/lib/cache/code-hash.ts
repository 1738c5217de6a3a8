// The hash of the code that computes cached results (src/lib, src/schema) and of the installed
// dependencies (package-lock.json: parsers, CLI specs): a changed rule, model or upgraded parser
// makes every cached result stale. Each source file's hash comes from the file cache, so an unchanged
// checkout costs a directory listing and a stat per file, not reading them.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { digest, FileCache } from './file-cache.ts';

/** src/ of this package. */
const SOURCE = fileURLToPath(new URL('../..', import.meta.url));

/** The files whose content the cached results depend on, sorted. */
function codeFiles(): string[] {
  const files = [join(SOURCE, '..', 'package-lock.json')];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(folder, entry.name));
      else if (entry.isFile() && entry.name.endsWith('.ts')) files.push(join(folder, entry.name));
    }
  };
  walk(join(SOURCE, 'lib'));
  walk(join(SOURCE, 'schema'));
  return files.sort();
}

/** File hashes by stamp, shared by everything that keys a cache by files' content (code, config, services). */
export function fileHashes(cacheDir: string): FileCache<never> {
  return new FileCache<never>({ dir: cacheDir, name: 'file-hashes', key: 'sha256' });
}

/** The hash of the code and dependencies; `hashes` should be saved afterwards. */
export function codeHash(hashes: FileCache<never>): string {
  // A missing lockfile (an installed copy) hashes as absent: the versions are fixed anyway.
  return digest(JSON.stringify(codeFiles().map((file) => [file.slice(SOURCE.length), hashes.hash(file) ?? 'absent'])));
}
