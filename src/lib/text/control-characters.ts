// Control characters in content: a terminal obeys ESC sequences and C1 controls (clear a line, move
// the cursor, retitle the window), a backspace or carriage return overwrites what was shown, and bidi
// overrides make text display in another order than it is stored. None belongs in a runbook, and
// none may reach a terminal raw: everything the CLI prints from content goes through
// `escapeControlCharacters`.

/**
 * The characters refused in content: C0 controls except tab, newline and carriage return; DEL; C1
 * controls; and the bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069).
 */
export const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
const CONTROL_CHARACTERS = new RegExp(CONTROL_CHARACTER.source, 'g');

/** What the terminal or the reader sees instead, for messages. */
const NAMES: Record<number, string> = {
  0x00: 'NUL',
  0x07: 'BELL',
  0x08: 'BACKSPACE',
  0x0b: 'VERTICAL TAB',
  0x0c: 'FORM FEED',
  0x1b: 'ESCAPE',
  0x7f: 'DELETE',
  0x9b: 'CONTROL SEQUENCE INTRODUCER',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
};

export interface ControlCharacter {
  /** Offset in the text (UTF-16 code units). */
  offset: number;
  char: string;
}

export function findControlCharacters(text: string): ControlCharacter[] {
  return [...text.matchAll(CONTROL_CHARACTERS)].map((match) => ({ offset: match.index, char: match[0] }));
}

export function isBidiControl(char: string): boolean {
  return /[\u202A-\u202E\u2066-\u2069]/.test(char);
}

/** `U+001B ESCAPE`, `U+0085 (C1 control)`. */
export function describeControlCharacter(char: string): string {
  const code = char.codePointAt(0)!;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  if (NAMES[code]) return `${hex} ${NAMES[code]}`;
  return `${hex} (${code < 0x20 ? 'C0' : 'C1'} control)`;
}

const escapeOne = (char: string) => {
  const code = char.codePointAt(0)!;
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
};

/**
 * Text from content made safe for a terminal: each control character written as `\x1b` or `\u202e`,
 * and a carriage return that does not end a line (it would overwrite it) as `\r`. Tabs and newlines
 * stay. Idempotent: escaped text holds no control characters.
 */
export function escapeControlCharacters(text: string): string {
  return text.replace(CONTROL_CHARACTERS, escapeOne).replace(/\r(?!\n)/g, '\\r');
}

/**
 * JSON text (from JSON.stringify, which escapes C0 itself) with DEL, C1 and bidi controls written as
 * `\u` escapes: the same value for a JSON reader, and nothing a terminal obeys.
 */
export function escapeJsonControlCharacters(json: string): string {
  return json.replace(CONTROL_CHARACTERS, (char) => `\\u${char.codePointAt(0)!.toString(16).padStart(4, '0')}`);
}
