// Reads one source file as text: UTF-8, or Windows-1252 when it is not valid UTF-8 (said in a note that
// names the first bad byte); binary, oversized and unreadable files are skipped with the reason. The size
// limit is the content files' own: an imported page larger than that could not be read back.
import { readFileSync, statSync } from 'node:fs';
import { decodeUtf8, MAX_CONTENT_BYTES } from '../source-file.ts';

export type SourceText = { text: string; notes: string[] } | { skipped: string };

const mib = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;

export function readSourceFile(path: string): SourceText {
  let bytes: Buffer;
  try {
    const size = statSync(path).size;
    if (size > MAX_CONTENT_BYTES)
      return { skipped: `the file is ${mib(size)}, more than a runbook page may be (${mib(MAX_CONTENT_BYTES)}); split it and import the parts` };
    bytes = readFileSync(path);
  } catch (error) {
    return { skipped: `could not read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
  }
  if (bytes.subarray(0, 8000).includes(0)) return { skipped: 'a binary file (it holds NUL bytes), not Markdown' };
  const decoded = decodeUtf8(path, bytes);
  if (decoded.text !== undefined) return { text: decoded.text, notes: [] };
  const why = decoded.problems[0];
  return {
    text: new TextDecoder('windows-1252').decode(bytes),
    notes: [
      `the file is not valid UTF-8 (${why?.message ?? 'invalid bytes'}); read it as Windows-1252: check its accented and other non-ASCII characters (source line ${why?.line ?? 1})`,
    ],
  };
}
