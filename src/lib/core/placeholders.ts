// The placeholder syntax, defined once: `<name>` in a command, filled in by the reader or `runbook run --set`.
// Pure (no node: imports): the site's page script uses it too.

/** A placeholder name: a letter, then letters, digits, `_` and `-`. */
export const PLACEHOLDER_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;
const PLACEHOLDER = /<([A-Za-z][A-Za-z0-9_-]*)>/g;

export interface PlaceholderMatch {
  name: string;
  /** Offsets of `<name>` in the text. */
  start: number;
  end: number;
}

/** `<name>` placeholders in `text` (only inside `ranges` when given). `<<EOF>`-like text is not one. */
export function findPlaceholders(text: string, ranges: readonly { start: number; end: number }[] = [{ start: 0, end: text.length }]): PlaceholderMatch[] {
  const found: PlaceholderMatch[] = [];
  for (const range of ranges) {
    const part = text.slice(range.start, range.end);
    for (const match of part.matchAll(PLACEHOLDER)) {
      if (match.index > 0 && part[match.index - 1] === '<') continue;
      found.push({ name: match[1], start: range.start + match.index, end: range.start + match.index + match[0].length });
    }
  }
  return found;
}

/** A text with its placeholders replaced by sentinels, and the way back to offsets of the original text. */
export interface SentinelText {
  text: string;
  /** The placeholders, in order; `sentinel` is the word that stands for each in `text`. */
  placeholders: (PlaceholderMatch & { sentinel: string; at: number })[];
  /** Offset in the original text of an offset in `text` (a place inside a sentinel maps to its placeholder). */
  toOriginal(offset: number): number;
}

/**
 * Replaces each placeholder by a distinct sentinel word made of letters and digits, which every parser reads
 * as one plain name, so that the parsed structure is the one the command has once filled in and each
 * placeholder can be found in the tree. The sentinel prefix is chosen not to occur in the text.
 */
export function withSentinels(text: string, placeholders: readonly PlaceholderMatch[]): SentinelText {
  let prefix = 'rbv';
  while (text.includes(prefix)) prefix += 'q';
  let out = '';
  let last = 0;
  const segments: { at: number; length: number; start: number; end: number }[] = [];
  const placed: SentinelText['placeholders'] = [];
  placeholders.forEach((placeholder, index) => {
    out += text.slice(last, placeholder.start);
    const sentinel = `${prefix}${index}z`;
    segments.push({ at: out.length, length: sentinel.length, start: placeholder.start, end: placeholder.end });
    placed.push({ ...placeholder, sentinel, at: out.length });
    out += sentinel;
    last = placeholder.end;
  });
  out += text.slice(last);
  return {
    text: out,
    placeholders: placed,
    toOriginal(offset) {
      let delta = 0;
      for (const segment of segments) {
        if (offset < segment.at) break;
        if (offset < segment.at + segment.length) return offset === segment.at ? segment.start : segment.end;
        delta = segment.end - (segment.at + segment.length);
      }
      return offset + delta;
    },
  };
}
