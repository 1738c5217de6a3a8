// What a code block's copy button copies: exactly the commands, ready to paste into a terminal. The lines come
// from the core's analysis (console prompt lines without their prompt, shell lines without comment-only lines);
// this module only cuts them out of the code, filled or not, so the page needs no parser. Pure.
import type { BlockAnalysis } from './block.ts';
import type { Risk } from './risk/levels.ts';

/** A line of the code to copy: its index, and how many characters of prompt to drop. */
export type CopyLine = [line: number, skip: number];

/** The lines of a block's code that its copy button copies. */
export function copyLines(code: string, analysis: Pick<BlockAnalysis, 'lines'>): CopyLine[] {
  const starts = [0];
  for (let i = 0; i < code.length; i++) if (code[i] === '\n') starts.push(i + 1);
  return analysis.lines
    .filter((line) => !line.comment)
    .map((line) => {
      let index = starts.length - 1;
      while (index > 0 && starts[index] > line.start) index--;
      return [index, line.start - starts[index]] as CopyLine;
    });
}

/**
 * The text to copy from `code` (a block's code, possibly with values filled in: values never hold line
 * breaks, so lines keep their numbers). Read-only blocks end with a newline (pasting runs them); change and
 * destructive blocks do not, so pasting leaves the (last) command waiting for Enter.
 */
export function copyText(code: string, lines: readonly CopyLine[], risk: Risk): string {
  const all = code.split('\n');
  const text = lines
    .map(([line, skip]) => (all[line] ?? '').slice(skip))
    .join('\n')
    .replace(/\s+$/, '');
  return risk !== 'read' || !text ? text : `${text}\n`;
}
