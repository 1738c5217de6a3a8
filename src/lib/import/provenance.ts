// `importedFrom` in an imported file's frontmatter: its source, and the SHA-256 of the file as written
// (computed with the hash itself left empty). A re-import replaces a file only while its content
// still has that hash: a file someone edited since is kept.
import { createHash } from 'node:crypto';

/** The hash line as the renderer writes it, before `stamp` fills it in. */
export const EMPTY_HASH = 'sha256: ""';
const STAMPED = /^( +)sha256: ([0-9a-f]{64})[ \t]*$/m;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The file with its hash filled in (`content` holds `sha256: ''` once, in its `importedFrom`). */
export function stamp(content: string): string {
  const at = content.indexOf(EMPTY_HASH);
  if (at === -1) return content;
  return content.slice(0, at) + `sha256: ${sha256(content)}` + content.slice(at + EMPTY_HASH.length);
}

/** Where an existing file stands: written by an import and untouched since, edited since, or never imported. */
export type ImportState = 'untouched' | 'edited' | 'not-imported';

/** Reads the state of a file from its own text: the hash it carries against the hash of its content. */
export function importState(content: string): ImportState {
  const frontmatter = /^---\n[\s\S]*?\n---\n/.exec(content)?.[0];
  const match = frontmatter && /^importedFrom:\n(?: +.*\n)*/m.exec(frontmatter);
  const hash = match ? STAMPED.exec(match[0]) : null;
  if (!match || !hash) return 'not-imported';
  const at = (match.index ?? 0) + (hash.index ?? 0) + hash[1].length;
  const unstamped = content.slice(0, at) + EMPTY_HASH + content.slice(at + 'sha256: '.length + 64);
  return sha256(unstamped) === hash[2] ? 'untouched' : 'edited';
}
