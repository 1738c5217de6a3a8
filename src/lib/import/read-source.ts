// Reads one source file as text: UTF-8, or Windows-1252 when it is not valid UTF-8 (said in a note);
// binary, huge and unreadable files are skipped with the reason.
import { readFileSync, statSync } from 'node:fs';

/** Larger than any runbook; such a file is generated data or a log. */
export const MAX_SOURCE_BYTES = 2 * 1024 * 1024;

export type SourceText = { text: string; notes: string[] } | { skipped: string };

export function readSourceFile(path: string): SourceText {
  let bytes: Buffer;
  try {
    const size = statSync(path).size;
    if (size > MAX_SOURCE_BYTES) return { skipped: `the file is ${Math.round(size / 1024)} KiB, more than the ${MAX_SOURCE_BYTES / 1024 / 1024} MiB a runbook can be` };
    bytes = readFileSync(path);
  } catch (error) {
    return { skipped: `could not read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
  }
  if (bytes.subarray(0, 8000).includes(0)) return { skipped: 'a binary file (it holds NUL bytes), not Markdown' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), notes: [] };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), notes: ['the file is not valid UTF-8; read it as Windows-1252'] };
  }
}
