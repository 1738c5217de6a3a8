// Line-continuation mistakes, found from the commands and comments the parser read (never from the text alone): a
// `\` at the end of a line followed by spaces escapes a space, not the line break, so the line ends there; a `\` at
// the end of a comment is part of the comment, so the command ends with it (mvdan/sh joins the next line, bash does
// not); and a line that starts with an option (`--namespace shop`) is a command of its own because the line before
// it lost its `\`.
import type { Command } from './commands.ts';

export interface ContinuationMistake {
  kind: 'space-after-backslash' | 'backslash-in-comment' | 'missing-backslash';
  /** Code offsets of what is wrong: the spaces after the `\`, the `\` ending a comment, or the option that starts a command. */
  start: number;
  end: number;
  /** The command the line break ended (`kubectl get pods`), by index. */
  ended?: number;
  /** The command the next line starts, by index. */
  started?: number;
  /** For `backslash-in-comment`: the first word that bash runs as a new command. */
  word?: { start: number; end: number };
}

/** The end of the line that holds `offset`. */
const lineEnd = (code: string, offset: number) => (code.indexOf('\n', offset) === -1 ? code.length : code.indexOf('\n', offset));
const lineStart = (code: string, offset: number) => code.lastIndexOf('\n', offset - 1) + 1;

/**
 * A word that can only be an option: `--namespace`, `--tail=50`, `-n`, `-lapp=api`, `-ojsonpath={...}`, `-p'{...}'`.
 * Not a word of output that happens to start with `-`: a file mode from `ls -l` (`-rw-r--r--`, `-rwxrwxrwx`),
 * `-bash:` from an error message, `-----BEGIN`.
 */
const OPTION = /^(?:--[A-Za-z0-9][\w.-]*(?:=[\s\S]*)?|-[A-Za-z0-9](?:[A-Za-z0-9]*(?:=[\s\S]*)?|[^\w\s:-][\s\S]*))$/;
const FILE_MODE = /^[-dlbcpsD][-r][-w][-xsS][-r][-w][-xsS][-r][-w][-xtT][.+@]?$/;
export const isOptionWord = (value: string) => OPTION.test(value) && !FILE_MODE.test(value);

/**
 * The line-continuation mistakes of a shell block's commands (`code` is the block's code; offsets are code
 * offsets; `comments` the code ranges of its comments).
 */
export function continuationMistakes(code: string, commands: readonly Command[], comments: readonly { start: number; end: number }[]): ContinuationMistake[] {
  const mistakes: ContinuationMistake[] = [];
  // Commands of the block itself (not words of another: `$(...)`, strings a wrapper parses again).
  const own = commands.filter((command) => command.via !== 'shell' && command.parent === undefined && !command.substitution && command.argv.length);
  const startingAfter = (offset: number) => own.find((command) => command.start > offset);
  for (const command of own) {
    const last = command.argv[command.argv.length - 1];
    const end = lineEnd(code, last.end);
    // The last word ends with an escaped space or tab (`\ `) and only blanks follow it on the line.
    if (
      /[ \t]$/.test(last.value) &&
      /\\[ \t]$/.test(code.slice(last.start, last.end)) &&
      !/\\\\[ \t]$/.test(code.slice(last.start, last.end)) &&
      code.slice(last.end, end).trim() === ''
    ) {
      const next = startingAfter(end);
      mistakes.push({ kind: 'space-after-backslash', start: last.end - 1, end, ended: command.index, ...(next ? { started: next.index } : {}) });
    }
  }
  // A comment that ends with `\` inside a command: bash ends the command at the comment's line break.
  for (const comment of comments) {
    if (!/\\\s*$/.test(code.slice(comment.start, comment.end))) continue;
    const command = own.find((candidate) => candidate.start < comment.start && candidate.argv.some((word) => word.start > comment.start));
    const after = command?.argv.find((word) => word.start > comment.start);
    if (!command || !after) continue;
    // Meant to continue: the next line holds an option, or is indented under the command. (A program name at the
    // start of the line is a command of its own, as the author meant and bash reads it.)
    const indent = (offset: number) => /^[ \t]*/.exec(code.slice(lineStart(code, offset)))![0].length;
    if (!/^-/.test(after.value) && indent(after.start) <= indent(command.start)) continue;
    const at = comment.start + code.slice(comment.start, comment.end).lastIndexOf('\\');
    mistakes.push({ kind: 'backslash-in-comment', start: at, end: at + 1, ended: command.index, word: { start: after.start, end: after.end } });
  }
  for (const command of own) {
    const name = command.argv[0];
    // An option where a program should be, first on its line, after a line that holds a command.
    if (!name.literal || !isOptionWord(name.value)) continue;
    const start = lineStart(code, name.start);
    if (code.slice(start, name.start).trim() !== '' || start === 0) continue;
    const previous = [...own].reverse().find((other) => other.end <= start && other.index !== command.index);
    // Only comments, line breaks and `\` between them (no blank line): the option was meant for that command.
    const between = code.slice(previous?.end ?? 0, start);
    if (!previous || /\n[ \t]*\n/.test(between)) continue;
    // A line of output before it (`drwxr-xr-x 2 root root ...` from `ls -l`) is no command to continue.
    if (FILE_MODE.test(previous.argv[0].value)) continue;
    if (mistakes.some((mistake) => mistake.kind === 'space-after-backslash' && mistake.started === command.index)) continue;
    mistakes.push({ kind: 'missing-backslash', start: name.start, end: name.end, ended: previous.index, started: command.index });
  }
  return mistakes.sort((a, b) => a.start - b.start);
}
