// Files `runbook run` opens for the user: env files (regular, bounded, text) and transcripts (written
// through one descriptor that never goes through a symbolic link and never replaces a file unless
// --append). Problems are usage errors that name the file and how to fix it.
import { accessSync, closeSync, constants, fchmodSync, fstatSync, lstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from './errors.ts';

/** An env file holds values and a few variables, not data: larger is a mistake (a log, a dump, /dev/zero). */
export const ENV_FILE_LIMIT = 1024 * 1024;

const errorCode = (error: unknown) => (error as NodeJS.ErrnoException).code ?? String(error);

/** What a non-regular file is, for messages. */
function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a named pipe';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSocket()) return 'a socket';
  if (stats.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

/**
 * Reads an env file: a regular file of at most ENV_FILE_LIMIT bytes, without NUL bytes. Opened without
 * blocking and checked on the open descriptor, so a named pipe or /dev/zero is refused at once instead of
 * hanging, and a file swapped after a check is still the file checked.
 */
export function readEnvFile(cwd: string, file: string): { name: string; text: string } {
  let fd: number;
  try {
    fd = openSync(resolve(cwd, file), constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw new UsageError(`--env-file: cannot read "${file}" (${errorCode(error)})`);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new UsageError(`--env-file: "${file}" is ${kindOf(stats)}, not a file; give a file of KEY=VALUE lines`);
    if (stats.size > ENV_FILE_LIMIT)
      throw new UsageError(`--env-file: "${file}" is ${stats.size} bytes; an env file of KEY=VALUE lines is at most ${ENV_FILE_LIMIT} bytes (1 MiB)`);
    // Read to the end, but never more than the limit (the file may grow while it is read).
    const buffer = Buffer.alloc(ENV_FILE_LIMIT + 1);
    let length = 0;
    for (let read = -1; read !== 0 && length < buffer.length; length += read) read = readSync(fd, buffer, length, buffer.length - length, null);
    if (length > ENV_FILE_LIMIT) throw new UsageError(`--env-file: "${file}" is more than ${ENV_FILE_LIMIT} bytes (1 MiB); an env file holds KEY=VALUE lines`);
    const nul = buffer.subarray(0, length).indexOf(0);
    if (nul !== -1) {
      const before = buffer.subarray(0, nul);
      const line = before.filter((byte) => byte === 0x0a).length + 1;
      const column = nul - (before.lastIndexOf(0x0a) + 1) + 1;
      throw new UsageError(
        `--env-file: ${file}:${line}:${column}: a NUL byte; an env file is text (KEY=VALUE lines), and no command can receive a NUL in a value`,
      );
    }
    return { name: file, text: buffer.toString('utf8', 0, length) };
  } finally {
    closeSync(fd);
  }
}

/** Transcripts hold commands and output (secrets masked, but still the inside of an incident): owner only. */
export const TRANSCRIPT_MODE = 0o600;

/**
 * Why `file` cannot be a transcript, with the fix; undefined when it can. Checked before values are asked
 * and anything runs; `openTranscript` checks again, race-free, when it opens the file.
 */
export function transcriptProblem(cwd: string, file: string, append: boolean): string | undefined {
  const path = resolve(cwd, file);
  const folder = dirname(file);
  try {
    if (!statSync(dirname(path)).isDirectory()) return `${folder} is not a folder; choose a path in an existing folder`;
  } catch {
    return `the folder ${folder} does not exist; create it first (mkdir -p ${folder}) or choose another path`;
  }
  let existing: Stats | undefined;
  try {
    existing = lstatSync(path);
  } catch {
    // A new file.
  }
  if (existing?.isSymbolicLink())
    return 'it is a symbolic link, and a transcript is never written through one; give the path of the file itself, or a new name';
  if (existing?.isDirectory()) return `it is a folder; give a file name, such as ${file.replace(/\/*$/, '')}/run.jsonl`;
  if (existing && !existing.isFile()) return `it is ${kindOf(existing)}; give the name of a new file`;
  if (existing && !append) return 'the file exists, and a transcript never replaces one; pass --append to add this run to it, or choose a new name';
  try {
    accessSync(existing ? path : dirname(path), constants.W_OK);
  } catch {
    return existing ? 'the file is not writable; choose another path' : `the folder ${folder} is not writable; choose another path`;
  }
  return undefined;
}

/**
 * Opens the transcript for the whole run: a new file (O_EXCL: never one that appeared since the check) or,
 * with `append`, an existing regular file at its end; never through a symbolic link (O_NOFOLLOW). Mode 0600.
 */
export function openTranscript(cwd: string, file: string, append: boolean): number {
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_NOFOLLOW | (append ? constants.O_APPEND : constants.O_EXCL);
  let fd: number;
  try {
    fd = openSync(resolve(cwd, file), flags, TRANSCRIPT_MODE);
  } catch (error) {
    const code = errorCode(error);
    const why =
      code === 'ELOOP'
        ? 'it is a symbolic link, and a transcript is never written through one'
        : code === 'EEXIST'
          ? 'the file exists, and a transcript never replaces one; pass --append to add this run to it'
          : `${code}; choose another path`;
    throw new UsageError(`--transcript: cannot write "${file}": ${why}`);
  }
  const stats = fstatSync(fd);
  if (!stats.isFile()) {
    closeSync(fd);
    throw new UsageError(`--transcript: cannot write "${file}": it is ${kindOf(stats)}; give the name of a new file`);
  }
  try {
    fchmodSync(fd, TRANSCRIPT_MODE);
  } catch {
    // Someone else's file we may append to: its mode is theirs to set.
  }
  return fd;
}
