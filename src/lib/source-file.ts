// Reading a content file (a page, a service, the config): its bytes once, within a size limit, as
// UTF-8 only (a byte order mark is dropped), and every failure as a problem at its place instead of
// an exception. The hash is of the exact bytes read, so a cache keyed by it describes this text.
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { LineIndex, problemAt, type Problem } from './problem.ts';

/** A runbook is a page of text: 1 MiB is hundreds of times a long one, and bounds what one file costs. */
export const MAX_CONTENT_BYTES = 1024 * 1024;

export interface ContentFile {
  /** The text without a byte order mark; undefined when the file cannot be used (see problems). */
  text?: string;
  /** The file started with a UTF-8 byte order mark (kept when the file is written back). */
  bom: boolean;
  /** sha256 of the bytes read (undefined when nothing could be read). */
  hash?: string;
  problems: Problem[];
}

const at = (file: string, rule: string, message: string, hint: string, line = 1, column = 1): Problem => {
  const point = { line, column, offset: 0 };
  return problemAt(file, { start: point, end: point }, { rule, message, hint });
};

const mib = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;

/** The problem of a file over the size limit (found before reading it, or after). */
export function fileTooLarge(file: string, bytes: number, maxBytes = MAX_CONTENT_BYTES): Problem {
  return at(
    file,
    'files/size',
    `File too large: ${mib(bytes)}; a content file may be at most ${mib(maxBytes)}`,
    'Split it into several runbooks, or move long output and data into a linked file.',
  );
}

/** The problem of a file that cannot be opened or read (`code`: the system's error code). */
export function fileUnreadable(file: string, code: string): Problem {
  return at(
    file,
    'files/unreadable',
    `Cannot read ${file} (${code})`,
    code === 'EACCES' ? 'Make the file readable (chmod a+r).' : 'Check that the file exists and is readable.',
  );
}

/** Reads `file` (relative to `root`, or absolute). Never throws. */
export function readContentFile(root: string, file: string, maxBytes = MAX_CONTENT_BYTES): ContentFile {
  let bytes: Buffer;
  let fd: number | undefined;
  try {
    fd = openSync(resolve(root, file), 'r');
    const stat = fstatSync(fd);
    if (!stat.isFile())
      return { bom: false, problems: [at(file, 'files/unreadable', `${file} is not a regular file`, 'Give the path of a .md, .mdx or .yaml file.')] };
    if (stat.size > maxBytes) return { bom: false, problems: [fileTooLarge(file, stat.size, maxBytes)] };
    bytes = readFileSync(fd);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    return { bom: false, problems: [fileUnreadable(file, code)] };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  const hash = createHash('sha256').update(bytes).digest('hex');
  // A file that grew past the limit between the stat and the read.
  if (bytes.length > maxBytes) return { bom: false, hash, problems: [fileTooLarge(file, bytes.length, maxBytes)] };
  return { ...decodeUtf8(file, bytes), hash };
}

/** UTF-8 bytes as text, without a byte order mark; invalid bytes are a problem at their line, column and byte offset. */
export function decodeUtf8(file: string, bytes: Uint8Array): { text?: string; bom: boolean; problems: Problem[] } {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return {
      bom: false,
      problems: [
        at(file, 'files/encoding', 'The file is UTF-16 text; content files are UTF-8', 'Save it as UTF-8 (in most editors: "Save with encoding", UTF-8).'),
      ],
    };
  }
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body), bom, problems: [] };
  } catch {
    const bad = firstInvalidByte(body);
    const before = new TextDecoder('utf-8', { ignoreBOM: true }).decode(body.subarray(0, bad));
    const point = new LineIndex(before).point(before.length);
    const shown = `0x${body[bad].toString(16).toUpperCase().padStart(2, '0')}`;
    return {
      bom,
      problems: [
        at(
          file,
          'files/encoding',
          `Invalid UTF-8 at byte ${bad + (bom ? 3 : 0)} (line ${point.line}, column ${point.column}): the byte ${shown} is not part of a UTF-8 character`,
          'Save the file as UTF-8; it was probably written as Latin-1 or Windows-1252 (in most editors: "Save with encoding", UTF-8).',
          point.line,
          point.column,
        ),
      ],
    };
  }
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence (RFC 3629). */
export function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const byte = bytes[i];
    if (byte < 0x80) {
      i++;
      continue;
    }
    let length: number;
    let min = 0x80;
    let max = 0xbf;
    if (byte >= 0xc2 && byte <= 0xdf) length = 2;
    else if (byte >= 0xe0 && byte <= 0xef) {
      length = 3;
      if (byte === 0xe0) min = 0xa0; // no overlong forms
      if (byte === 0xed) max = 0x9f; // no surrogates
    } else if (byte >= 0xf0 && byte <= 0xf4) {
      length = 4;
      if (byte === 0xf0) min = 0x90;
      if (byte === 0xf4) max = 0x8f; // nothing above U+10FFFF
    } else return i;
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k];
      if (next === undefined) return i;
      if (k === 1 ? next < min || next > max : next < 0x80 || next > 0xbf) return i;
    }
    i += length;
  }
  return bytes.length;
}
