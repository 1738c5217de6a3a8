// The lines of shell code as the shell reads them: which ones start a command, which are comments,
// and which lie inside a quoted string or a heredoc body (data, not shell). Like words.ts, it never
// fails: unterminated strings run to the end of the code.

export interface ShellLine {
  /** Offsets of the line in the code, without its newline. */
  start: number;
  end: number;
  /** The line starts in shell code: not inside a quoted string or a heredoc body. */
  code: boolean;
  /** It continues the line before (a `\` at its end, or a `|`, `&&`, `||` waiting for its command). */
  continued: boolean;
  /** Nothing but a comment (after indentation). */
  comment: boolean;
  /** Inside a heredoc body (the delimiter line included). */
  heredoc: boolean;
}

export interface ShellLayout {
  lines: ShellLine[];
  /** Ranges of `# ...` comments. */
  comments: { start: number; end: number }[];
}

type Frame = 'code' | 'single' | 'double' | 'ansi' | 'backtick';

const layouts = new Map<string, ShellLayout>();

/**
 * The heredoc operator at the start of `text` (`<<EOF`, `<<-'END-SQL'`, `<< "x y"`): its delimiter as the
 * shell compares it (quotes and backslashes removed), whether leading tabs are stripped, and its length.
 */
export function heredocStart(text: string): { delimiter: string; strip: boolean; length: number } | undefined {
  const match = /^<<(-?)[ \t]*(?:'([^'\n]*)'|"([^"\n]*)"|\\?([^\s;&|<>()]+))/.exec(text);
  if (!match) return undefined;
  return { delimiter: match[2] ?? match[3] ?? match[4].replaceAll('\\', ''), strip: match[1] === '-', length: match[0].length };
}

export function shellLayout(code: string): ShellLayout {
  const cached = layouts.get(code);
  if (cached) return cached;
  const layout = scan(code);
  if (layouts.size >= 5000) layouts.clear();
  layouts.set(code, layout);
  return layout;
}

function scan(code: string): ShellLayout {
  const lines: ShellLine[] = [];
  const comments: ShellLayout['comments'] = [];
  const stack: Frame[] = ['code'];
  const pending: { delimiter: string; strip: boolean }[] = [];
  let continued = false;
  let i = 0;
  while (i <= code.length) {
    // A line starts at i.
    const lineEnd = code.indexOf('\n', i) === -1 ? code.length : code.indexOf('\n', i);
    const inCode = stack[stack.length - 1] === 'code';
    const first = /^[ \t]*/.exec(code.slice(i, lineEnd))![0].length + i;
    const line: ShellLine = { start: i, end: lineEnd, code: inCode, continued: inCode && continued, comment: inCode && code[first] === '#', heredoc: false };
    lines.push(line);
    let j = i;
    while (j < lineEnd) {
      const frame = stack[stack.length - 1];
      const char = code[j];
      if (frame === 'single') {
        if (char === "'") stack.pop();
        j++;
      } else if (frame === 'ansi') {
        if (char === '\\') j++;
        else if (char === "'") stack.pop();
        j++;
      } else if (frame === 'double' || frame === 'backtick') {
        if (char === '\\') j += 2;
        else if ((frame === 'double' && char === '"') || (frame === 'backtick' && char === '`')) {
          stack.pop();
          j++;
        } else if (frame === 'double' && char === '`') {
          stack.push('backtick');
          j++;
        } else j++;
      } else if (char === '\\') j += 2;
      else if (char === "'") {
        stack.push('single');
        j++;
      } else if (char === '$' && code[j + 1] === "'") {
        stack.push('ansi');
        j += 2;
      } else if (char === '"') {
        stack.push('double');
        j++;
      } else if (char === '`') {
        stack.push('backtick');
        j++;
      } else if (char === '#' && (j === 0 || /[\s;&|()]/.test(code[j - 1]))) {
        comments.push({ start: j, end: lineEnd });
        j = lineEnd;
      } else if (char === '<' && code[j + 1] === '<' && code[j + 2] !== '<') {
        const heredoc = heredocStart(code.slice(j, lineEnd));
        if (heredoc) pending.push(heredoc);
        j += heredoc ? heredoc.length : 2;
      } else j++;
    }
    const inCodeAtEnd = stack[stack.length - 1] === 'code';
    const comment = comments.length > 0 && comments[comments.length - 1].start >= line.start ? comments[comments.length - 1].start : undefined;
    const text = code.slice(line.start, comment ?? lineEnd);
    continued = inCodeAtEnd && ((comment === undefined && /(^|[^\\])(\\\\)*\\$/.test(text)) || /(\||&&)[ \t]*$/.test(text));
    i = lineEnd + 1;
    if (pending.length && inCodeAtEnd) {
      // Heredoc bodies follow the line that opened them.
      for (const { delimiter, strip } of pending.splice(0)) {
        while (i <= code.length) {
          const end = code.indexOf('\n', i) === -1 ? code.length : code.indexOf('\n', i);
          lines.push({ start: i, end, code: false, continued: false, comment: false, heredoc: true });
          const text = code.slice(i, end);
          i = end + 1;
          if ((strip ? text.replace(/^\t+/, '') : text) === delimiter) break;
        }
      }
      continued = false;
    }
    if (lineEnd === code.length) break;
  }
  return { lines, comments };
}
