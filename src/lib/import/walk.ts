// The sources of an import: files given by name, and the Markdown files found by walking folders.
// Sorted and free of duplicates, so the same arguments always give the same batch in the same order.
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';

/** Extensions a folder walk picks up; a file given by name is taken whatever its extension. */
export const MARKDOWN_EXTENSIONS = ['.md', '.markdown', '.mdx', '.mdown', '.mkd'];

export interface SourceRef {
  /** Absolute path. */
  path: string;
  /** The path as messages and `importedFrom` show it: relative to the working folder, with `/`. */
  name: string;
  /** The folder the walk started from (for a file given by name: its folder). */
  root: string;
  /** Path from `root`, with `/`. */
  relative: string;
}

export interface WalkResult {
  sources: SourceRef[];
  /** Arguments that name nothing on disk. */
  missing: string[];
  /** Folders given that hold no Markdown file. */
  empty: string[];
  /** Folders that could not be read, with the reason (`docs/private: EACCES`). */
  unreadable: { path: string; reason: string }[];
}

const toPosix = (path: string) => path.split(sep).join('/');

/** Folders never walked: installed dependencies (hidden folders such as .git are skipped too). */
const SKIPPED_FOLDERS = new Set(['node_modules']);

const isMarkdown = (name: string) => MARKDOWN_EXTENSIONS.some((extension) => name.toLowerCase().endsWith(extension));

/** Every Markdown file under `dir`, depth first in name order; symbolic links to folders are not followed (no loops). */
function walkFolder(dir: string, found: string[], unreadable: WalkResult['unreadable']): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    unreadable.push({ path: dir, reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name)) walkFolder(path, found, unreadable);
    } else if ((entry.isFile() || entry.isSymbolicLink()) && isMarkdown(entry.name)) {
      if (entry.isSymbolicLink()) {
        try {
          if (!statSync(path).isFile()) continue;
        } catch {
          continue; // a dangling link
        }
      }
      found.push(path);
    }
  }
}

export function collectSources(cwd: string, args: string[]): WalkResult {
  const sources: SourceRef[] = [];
  const missing: string[] = [];
  const empty: string[] = [];
  const unreadable: WalkResult['unreadable'] = [];
  const seen = new Set<string>();
  const add = (path: string, root: string) => {
    let key = path;
    try {
      key = realpathSync(path);
    } catch {
      // keep the path as given
    }
    if (seen.has(key)) return;
    seen.add(key);
    sources.push({ path, name: toPosix(relative(cwd, path)) || basename(path), root, relative: toPosix(relative(root, path)) });
  };
  for (const arg of args) {
    const path = resolve(cwd, arg);
    if (!existsSync(path)) {
      missing.push(arg);
      continue;
    }
    if (statSync(path).isDirectory()) {
      const found: string[] = [];
      const before = unreadable.length;
      walkFolder(path, found, unreadable);
      if (!found.length && unreadable.length === before) empty.push(arg);
      for (const file of found) add(file, path);
    } else {
      add(path, dirname(path));
    }
  }
  return { sources, missing, empty, unreadable: unreadable.map((each) => ({ ...each, path: toPosix(relative(cwd, each.path)) || each.path })) };
}
