// Characters that look like ASCII (or like nothing) but are not, and break code that is copied:
// typographic quotes and dashes from word processors, invisible spaces and joiners, and bidi
// controls that make code display differently from what runs (Trojan Source, CVE-2021-42574).

export type CharacterKind = 'quote' | 'dash' | 'hyphen' | 'space' | 'invisible' | 'bidi';

export interface SuspiciousCharacter {
  name: string;
  kind: CharacterKind;
  /** What it should be in code ('' = remove). Dashes depend on context (`-` or `--`). */
  ascii: string;
}

/** By code point. Names are the Unicode character names. */
export const SUSPICIOUS_CHARACTERS: ReadonlyMap<string, SuspiciousCharacter> = new Map<string, SuspiciousCharacter>([
  ['\u2018', { name: 'LEFT SINGLE QUOTATION MARK', kind: 'quote', ascii: "'" }],
  ['\u2019', { name: 'RIGHT SINGLE QUOTATION MARK', kind: 'quote', ascii: "'" }],
  ['\u201C', { name: 'LEFT DOUBLE QUOTATION MARK', kind: 'quote', ascii: '"' }],
  ['\u201D', { name: 'RIGHT DOUBLE QUOTATION MARK', kind: 'quote', ascii: '"' }],
  ['\u2010', { name: 'HYPHEN', kind: 'hyphen', ascii: '-' }],
  ['\u2011', { name: 'NON-BREAKING HYPHEN', kind: 'hyphen', ascii: '-' }],
  ['\u2212', { name: 'MINUS SIGN', kind: 'hyphen', ascii: '-' }],
  ['\u2012', { name: 'FIGURE DASH', kind: 'dash', ascii: '--' }],
  ['\u2013', { name: 'EN DASH', kind: 'dash', ascii: '--' }],
  ['\u2014', { name: 'EM DASH', kind: 'dash', ascii: '--' }],
  ['\u2015', { name: 'HORIZONTAL BAR', kind: 'dash', ascii: '--' }],
  ['\u00A0', { name: 'NO-BREAK SPACE', kind: 'space', ascii: ' ' }],
  ['\u202F', { name: 'NARROW NO-BREAK SPACE', kind: 'space', ascii: ' ' }],
  ['\u00AD', { name: 'SOFT HYPHEN', kind: 'invisible', ascii: '' }],
  ['\u200B', { name: 'ZERO WIDTH SPACE', kind: 'invisible', ascii: '' }],
  ['\u200C', { name: 'ZERO WIDTH NON-JOINER', kind: 'invisible', ascii: '' }],
  ['\u200D', { name: 'ZERO WIDTH JOINER', kind: 'invisible', ascii: '' }],
  ['\u2060', { name: 'WORD JOINER', kind: 'invisible', ascii: '' }],
  ['\uFEFF', { name: 'ZERO WIDTH NO-BREAK SPACE (byte order mark)', kind: 'invisible', ascii: '' }],
  ['\u200E', { name: 'LEFT-TO-RIGHT MARK', kind: 'bidi', ascii: '' }],
  ['\u200F', { name: 'RIGHT-TO-LEFT MARK', kind: 'bidi', ascii: '' }],
  ['\u202A', { name: 'LEFT-TO-RIGHT EMBEDDING', kind: 'bidi', ascii: '' }],
  ['\u202B', { name: 'RIGHT-TO-LEFT EMBEDDING', kind: 'bidi', ascii: '' }],
  ['\u202C', { name: 'POP DIRECTIONAL FORMATTING', kind: 'bidi', ascii: '' }],
  ['\u202D', { name: 'LEFT-TO-RIGHT OVERRIDE', kind: 'bidi', ascii: '' }],
  ['\u202E', { name: 'RIGHT-TO-LEFT OVERRIDE', kind: 'bidi', ascii: '' }],
  ['\u2066', { name: 'LEFT-TO-RIGHT ISOLATE', kind: 'bidi', ascii: '' }],
  ['\u2067', { name: 'RIGHT-TO-LEFT ISOLATE', kind: 'bidi', ascii: '' }],
  ['\u2068', { name: 'FIRST STRONG ISOLATE', kind: 'bidi', ascii: '' }],
  ['\u2069', { name: 'POP DIRECTIONAL ISOLATE', kind: 'bidi', ascii: '' }],
]);

/** Matches any character of the table (one at a time). */
// Each suspicious character on its own (joiners and combining marks included): a class of single characters.
// eslint-disable-next-line no-misleading-character-class
export const SUSPICIOUS_PATTERN = new RegExp(`[${[...SUSPICIOUS_CHARACTERS.keys()].join('')}]`, 'g');

/** `U+201C LEFT DOUBLE QUOTATION MARK`. */
export function describeCharacter(char: string): string {
  const code = `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  const known = SUSPICIOUS_CHARACTERS.get(char);
  return known ? `${code} ${known.name}` : code;
}
