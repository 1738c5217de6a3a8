// Writes a set of files all at once or not at all: every file first goes to a temporary name next to
// its target; only when all of them are on disk are they renamed into place, and a failure on the way
// puts back what was there before.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export type WriteStatus = 'new' | 'overwrite' | 'unchanged' | 'kept';

export interface FileToWrite {
  /** Absolute path. */
  path: string;
  /** Text, or the bytes of a copied file (an image). */
  content: string | Uint8Array;
  /** Never replace an existing file (the service YAML someone may have edited). */
  keepExisting?: boolean;
}

export interface PlannedWrite extends FileToWrite {
  status: WriteStatus;
}

export function planWrites(files: FileToWrite[]): PlannedWrite[] {
  return files.map((file) => {
    if (!existsSync(file.path)) return { ...file, status: 'new' };
    if (file.keepExisting) return { ...file, status: 'kept' };
    return { ...file, status: readFileSync(file.path).equals(Buffer.from(file.content)) ? 'unchanged' : 'overwrite' };
  });
}

export class WriteFailedError extends Error {}

const sibling = (path: string, tag: string) => join(dirname(path), `.${basename(path)}.${tag}-${process.pid}`);

/** Writes every planned `new` and `overwrite` file, or none of them. */
export function writeAll(plan: PlannedWrite[]): void {
  const todo = plan.filter((file) => file.status === 'new' || file.status === 'overwrite');
  const temporary: string[] = [];
  const createdDirs: string[] = [];
  const cleanup = () => temporary.forEach((path) => rmSync(path, { force: true }));
  try {
    for (const file of todo) {
      // mkdirSync returns the first folder it had to create: removing it undoes all of them.
      const created = mkdirSync(dirname(file.path), { recursive: true });
      if (created) createdDirs.push(created);
      const temp = sibling(file.path, 'import-tmp');
      writeFileSync(temp, file.content);
      temporary.push(temp);
    }
  } catch (error) {
    cleanup();
    for (const dir of createdDirs.reverse()) rmSync(dir, { recursive: true, force: true });
    throw new WriteFailedError(`could not write ${error instanceof Error ? error.message : String(error)}; nothing was written`);
  }
  const done: { file: PlannedWrite; backup?: string }[] = [];
  try {
    for (const [index, file] of todo.entries()) {
      let backup: string | undefined;
      if (file.status === 'overwrite') {
        backup = sibling(file.path, 'import-backup');
        renameSync(file.path, backup);
      }
      done.push({ file, ...(backup ? { backup } : {}) });
      renameSync(temporary[index], file.path);
    }
  } catch (error) {
    for (const { file, backup } of done.reverse()) {
      rmSync(file.path, { force: true });
      if (backup) renameSync(backup, file.path);
    }
    cleanup();
    throw new WriteFailedError(`could not move files into place (${error instanceof Error ? error.message : String(error)}); nothing was changed`);
  }
  for (const { backup } of done) if (backup) rmSync(backup, { force: true });
}
