// Simple commands and their words in shell code: enough of the shell's lexical rules (quotes,
// escapes, operators, comments, heredocs, command substitution) to know what runs with which
// arguments. Syntax errors are sh-syntax's job; this never fails, it does its best.

export interface Word {
  /** The word after quote removal (`'a b'` → `a b`; `$X` stays `$X`). */
  value: string;
  /** Offsets into the code. */
  start: number;
  end: number;
}

export interface SimpleCommand {
  /** Command name and arguments, without leading assignments and redirections. */
  words: Word[];
  start: number;
  end: number;
}

const OPERATOR_CHARS = new Set(['|', '&', ';', '(', ')', '\n']);
const SPACE = /[ \t\r]/;

/** Same-length neutral words for `<name>` placeholders, so offsets stay valid. */
export function neutralisePlaceholders(code: string): string {
  return code.replace(/<([A-Za-z][A-Za-z0-9_-]*)>/g, (match) => `_${match.slice(1, -1).replace(/-/g, '_')}_`);
}

export function simpleCommands(code: string): SimpleCommand[] {
  const commands: SimpleCommand[] = [];
  let words: Word[] = [];
  let assignmentsDone = false;
  let skipNextWord = false; // the target of a redirection
  const pendingHeredocs: { delimiter: string; strip: boolean }[] = [];

  const finish = (end: number) => {
    if (words.length) commands.push({ words, start: words[0].start, end });
    words = [];
    assignmentsDone = false;
  };

  let i = 0;
  while (i < code.length) {
    const char = code[i];
    if (SPACE.test(char)) {
      i++;
      continue;
    }
    if (char === '\\' && code[i + 1] === '\n') {
      i += 2; // line continuation
      continue;
    }
    if (char === '#') {
      while (i < code.length && code[i] !== '\n') i++;
      continue;
    }
    if (char === '\n' && pendingHeredocs.length) {
      finish(i);
      i = skipHeredocBodies(code, i + 1, pendingHeredocs.splice(0));
      continue;
    }
    if (OPERATOR_CHARS.has(char) || char === '{' || char === '}') {
      // `{` and `}` only group when they stand alone; inside a word they are text (`{.spec}`).
      if ((char === '{' || char === '}') && !(code[i + 1] === undefined || /[\s;]/.test(code[i + 1]))) {
        // fall through to word reading
      } else {
        finish(i);
        i += char === code[i + 1] && (char === '|' || char === '&' || char === ';') ? 2 : 1;
        continue;
      }
    }
    // Redirections: [n]> >> < << <<- <<< >& <& &> &>>
    const redirect = /^(\d*)(<<<|<<-|<<|>>|>&|<&|&>>|&>|>\||<>|>|<)/.exec(code.slice(i, i + 8));
    if (redirect && (redirect[1] === '' || /^\d+$/.test(redirect[1]))) {
      i += redirect[0].length;
      if (redirect[2] === '<<' || redirect[2] === '<<-') {
        while (SPACE.test(code[i] ?? '')) i++;
        const word = readWord(code, i);
        pendingHeredocs.push({ delimiter: word.value, strip: redirect[2] === '<<-' });
        i = word.end;
      } else {
        skipNextWord = true;
      }
      continue;
    }
    const word = readWord(code, i, (inner, offset) => {
      for (const command of simpleCommands(inner)) {
        commands.push({
          words: command.words.map((w) => ({ ...w, start: w.start + offset, end: w.end + offset })),
          start: command.start + offset,
          end: command.end + offset,
        });
      }
    });
    i = Math.max(word.end, i + 1);
    if (skipNextWord) {
      skipNextWord = false;
      continue;
    }
    if (!assignmentsDone && /^[A-Za-z_][A-Za-z0-9_]*=/.test(code.slice(word.start, word.end))) continue;
    assignmentsDone = true;
    words.push(word);
  }
  finish(code.length);
  return commands.sort((a, b) => a.start - b.start);
}

/** Reads one word starting at `start`; command substitutions inside are passed to `onSubstitution`. */
function readWord(code: string, start: number, onSubstitution?: (inner: string, offset: number) => void): Word {
  let value = '';
  let i = start;
  while (i < code.length) {
    const char = code[i];
    if (SPACE.test(char) || OPERATOR_CHARS.has(char)) break;
    if (/[<>]/.test(char)) break;
    if (char === '\\') {
      value += code[i + 1] ?? '';
      i += 2;
    } else if (char === "'") {
      const close = code.indexOf("'", i + 1);
      const end = close === -1 ? code.length : close;
      value += code.slice(i + 1, end);
      i = end + 1;
    } else if (char === '$' && code[i + 1] === "'") {
      let j = i + 2;
      while (j < code.length && code[j] !== "'") j += code[j] === '\\' ? 2 : 1;
      value += code.slice(i + 2, j);
      i = j + 1;
    } else if (char === '"') {
      let j = i + 1;
      while (j < code.length && code[j] !== '"') {
        if (code[j] === '\\') {
          value += code[j + 1] ?? '';
          j += 2;
        } else if (code[j] === '$' && code[j + 1] === '(') {
          const close = matchParen(code, j + 1);
          onSubstitution?.(code.slice(j + 2, close), j + 2);
          value += code.slice(j, close + 1);
          j = close + 1;
        } else {
          value += code[j];
          j++;
        }
      }
      i = j + 1;
    } else if (char === '$' && code[i + 1] === '(') {
      const close = matchParen(code, i + 1);
      if (code[i + 2] !== '(') onSubstitution?.(code.slice(i + 2, close), i + 2);
      value += code.slice(i, close + 1);
      i = close + 1;
    } else if (char === '`') {
      const close = code.indexOf('`', i + 1);
      const end = close === -1 ? code.length : close;
      onSubstitution?.(code.slice(i + 1, end), i + 1);
      value += code.slice(i, end + 1);
      i = end + 1;
    } else if (char === '$' && code[i + 1] === '{') {
      const close = code.indexOf('}', i + 2);
      const end = close === -1 ? code.length - 1 : close;
      value += code.slice(i, end + 1);
      i = end + 1;
    } else {
      value += char;
      i++;
    }
  }
  return { value, start, end: Math.min(i, code.length) };
}

/** Index of the `)` that closes the `(` at `open`, aware of quotes and nesting. */
function matchParen(code: string, open: number): number {
  let depth = 0;
  for (let i = open; i < code.length; i++) {
    const char = code[i];
    if (char === '\\') i++;
    else if (char === "'") i = code.indexOf("'", i + 1) === -1 ? code.length : code.indexOf("'", i + 1);
    else if (char === '"') {
      let j = i + 1;
      while (j < code.length && code[j] !== '"') j += code[j] === '\\' ? 2 : 1;
      i = j;
    } else if (char === '(') depth++;
    else if (char === ')' && --depth === 0) return i;
  }
  return code.length - 1;
}

function skipHeredocBodies(code: string, from: number, heredocs: { delimiter: string; strip: boolean }[]): number {
  let i = from;
  for (const { delimiter, strip } of heredocs) {
    while (i < code.length) {
      const lineEnd = code.indexOf('\n', i) === -1 ? code.length : code.indexOf('\n', i);
      const line = code.slice(i, lineEnd);
      i = lineEnd + 1;
      if ((strip ? line.replace(/^\t+/, '') : line) === delimiter) break;
    }
  }
  return Math.min(i, code.length);
}
