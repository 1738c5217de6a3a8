// The content files of a project, found by listing folders only (no parsing): cheap enough for the CLI's start-up.
import { existsSync, readdirSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

const toPosix = (path: string) => path.split(sep).join('/');

/** The project's settings file, at its root (optional). */
export const CONFIG_FILE = 'runbook.config.yaml';

/** Every .md/.mdx file under `dir`, skipping names that start with `_` (as Starlight does), sorted. */
export function listContentFiles(root: string, dir: string, extensions = ['.md', '.mdx']): string[] {
  // `dir` may be absolute (a --content given as a full path).
  const absolute = resolve(root, dir);
  if (!existsSync(absolute)) return [];
  const files: string[] = [];
  // A walk of our own, building relative paths by hand: readdirSync's `recursive` option and path.relative per
  // file cost several times more on a tree of thousands of runbooks.
  const walk = (folder: string, prefix: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(folder, entry.name), `${prefix}${entry.name}/`);
      else if (entry.isFile() && !entry.name.startsWith('_') && extensions.some((extension) => entry.name.endsWith(extension))) files.push(prefix + entry.name);
    }
  };
  const base = toPosix(relative(root, absolute));
  walk(absolute, base ? `${base}/` : '');
  return files.sort();
}

/** The id of a service: its file name without .yaml/.yml. */
export const serviceIdOf = (file: string) => file.slice(file.lastIndexOf('/') + 1).replace(/\.ya?ml$/, '');
