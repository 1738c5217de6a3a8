// What a code block's copy button copies: exactly the commands, ready to paste into a terminal.
// Pure: used at build time (the button's initial text) and in the browser (after values are filled).
import { commandRanges, commandText } from './model/code.ts';
import type { BlockKind, CommandLanguage, Risk } from './model/types.ts';

export interface CopyOptions {
  language?: CommandLanguage;
  kind: BlockKind;
  risk: Risk;
}

/**
 * - console blocks: only the commands, without `$ `/`# ` prompts and without output lines;
 * - shell blocks: without full-line comments (they are notes for the reader, not commands);
 * - read-only blocks end with a newline (pasting runs them); change and destructive blocks do not,
 *   so pasting into a terminal leaves the (last) command waiting for Enter.
 */
export function copyText(code: string, { language, kind, risk }: CopyOptions): string {
  let text = kind === 'console' ? commandText(code, commandRanges(code, kind)) : code;
  if (language === 'shell') {
    text = text
      .split('\n')
      .filter((line) => !/^\s*#/.test(line) || /^#!/.test(line))
      .join('\n');
  }
  text = text.replace(/\s+$/, '');
  return risk !== 'read' || !text ? text : `${text}\n`;
}
