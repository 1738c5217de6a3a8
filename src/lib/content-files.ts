// The files of a content folder. Symbolic links are followed, but each real folder is walked once:
// a link back to a folder being walked (a loop) or to one already walked is reported and skipped,
// never walked forever. Broken links and unreadable folders are reported too.
import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { problemAt, type Problem, type Span } from './problem.ts';

export interface ContentFiles {
  /** Paths relative to the root, with `/`, sorted. */
  files: string[];
  problems: Problem[];
}

/** Deeper than any real content tree; a guard against what realpath cannot see (bind mounts). */
const MAX_DEPTH = 64;

const toPosix = (path: string) => path.split(sep).join('/');
const START: Span = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };

export interface WalkOptions {
  /** Names to leave out (default: files whose name starts with `_`, as Starlight does). */
  skip?: (name: string, isDirectory: boolean) => boolean;
}

const starlightSkip = (name: string, isDirectory: boolean) => !isDirectory && name.startsWith('_');

/** Every file under `dir` ending in one of `extensions`, skipping names that start with `_` (as Starlight does) unless `options.skip` says otherwise. */
export function walkContentFiles(root: string, dir: string, extensions: string[], { skip = starlightSkip }: WalkOptions = {}): ContentFiles {
  const files: string[] = [];
  const problems: Problem[] = [];
  const report = (path: string, message: string, hint: string, severity: Problem['severity'] = 'error') =>
    problems.push(problemAt(toPosix(relative(root, path)) || '.', START, { rule: 'files/symlink', severity, message, hint }));
  const top = resolve(root, dir);
  let topReal: string;
  try {
    if (!statSync(top).isDirectory()) return { files, problems };
    topReal = realpathSync(top);
  } catch {
    return { files, problems }; // no such folder: nothing to walk
  }
  const walked = new Map<string, string>([[topReal, top]]);
  // Depth first; each entry knows the real folders above it, to tell a loop from a second route.
  const stack: { path: string; ancestors: string[] }[] = [{ path: top, ancestors: [topReal] }];
  while (stack.length) {
    const { path, ancestors } = stack.pop()!;
    let entries: Dirent[];
    try {
      entries = readdirSync(path, { withFileTypes: true });
    } catch (error) {
      report(
        path,
        `Cannot read the folder ${toPosix(relative(root, path))} (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
        'Make it readable, or move it out of the content folder.',
      );
      continue;
    }
    for (const entry of entries) {
      const child = join(path, entry.name);
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const target = statSync(child);
          isDirectory = target.isDirectory();
          isFile = target.isFile();
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (code === 'ELOOP')
            report(
              child,
              `Symbolic link loop at ${toPosix(relative(root, child))}: the link resolves to itself`,
              'Remove the link or point it at a real file or folder.',
            );
          else
            report(
              child,
              `Broken symbolic link ${toPosix(relative(root, child))}: its target does not exist`,
              'Remove the link or point it at an existing file or folder.',
              'warn',
            );
          continue;
        }
      }
      if (skip(entry.name, isDirectory)) continue;
      if (isDirectory) {
        let real: string;
        try {
          real = realpathSync(child);
        } catch {
          continue; // removed while walking
        }
        const display = toPosix(relative(root, child));
        if (ancestors.includes(real)) {
          report(
            child,
            `Symbolic link loop: ${display} leads back to ${toPosix(relative(root, walked.get(real) ?? real)) || '.'}, which contains it; not followed`,
            'Remove the link, or link to a folder outside this one.',
          );
        } else if (walked.has(real)) {
          report(
            child,
            `${display} leads to ${toPosix(relative(root, walked.get(real)!))}, which is already read; not followed a second time`,
            'Remove one of the two routes to that folder, or its pages are read twice.',
            'warn',
          );
        } else if (ancestors.length >= MAX_DEPTH) {
          report(child, `${display} is more than ${MAX_DEPTH} folders deep; not followed`, 'Flatten the folder tree (a link may lead back into it).');
        } else {
          walked.set(real, child);
          stack.push({ path: child, ancestors: [...ancestors, real] });
        }
      } else if (isFile && extensions.some((extension) => entry.name.endsWith(extension))) {
        files.push(toPosix(relative(root, child)));
      }
    }
  }
  return { files: files.sort(), problems };
}

/** Every .md/.mdx file under `dir` (which may be absolute), sorted; see walkContentFiles for the problems of a walk. */
export function listContentFiles(root: string, dir: string, extensions = ['.md', '.mdx']): string[] {
  return walkContentFiles(root, dir, extensions).files;
}

/** The project's settings file, at its root (optional). */
export const CONFIG_FILE = 'runbook.config.yaml';

/** The id of a service: its file name without .yaml/.yml. */
export const serviceIdOf = (file: string) => file.slice(file.lastIndexOf('/') + 1).replace(/\.ya?ml$/, '');
