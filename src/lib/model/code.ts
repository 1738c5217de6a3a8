// What a block's code holds: its language, the lines that are commands, placeholders and
// environment variables — all with their offsets into the code.
import type { BlockKind, CommandLanguage } from './types.ts';

const LANGUAGES: Record<string, CommandLanguage | 'console'> = {
  bash: 'shell', sh: 'shell', shell: 'shell', zsh: 'shell', shellscript: 'shell',
  console: 'console', 'shell-session': 'console', shellsession: 'console',
  sql: 'sql', postgresql: 'sql', postgres: 'sql', pgsql: 'sql',
  promql: 'promql',
};

/** The runner language and block kind for a fence language. */
export function classify(lang: string, text: boolean): { kind: BlockKind; language?: CommandLanguage } {
  const mapped = LANGUAGES[lang];
  if (text) return { kind: 'text', language: mapped === 'console' ? 'shell' : mapped };
  if (mapped === 'console') return { kind: 'console', language: 'shell' };
  if (mapped) return { kind: 'command', language: mapped };
  return { kind: 'snippet' };
}

export function isShellLanguage(lang: string): boolean {
  return LANGUAGES[lang] === 'shell' || LANGUAGES[lang] === 'console';
}

/** A range of the code that is a command (for console blocks: a prompt line without its prompt). */
export interface CommandRange {
  start: number;
  end: number;
}

const PROMPT = /^(\$|#) ?/;

/**
 * The ranges of `code` that are commands. Console blocks: prompt lines (`$ `, root `# `) and their
 * `\` continuations; everything else is output. Other blocks: the whole code.
 */
export function commandRanges(code: string, kind: BlockKind): CommandRange[] {
  if (kind !== 'console') return [{ start: 0, end: code.length }];
  const ranges: CommandRange[] = [];
  let offset = 0;
  let continuing = false;
  for (const line of code.split('\n')) {
    const lineEnd = offset + line.length;
    if (continuing) {
      ranges.push({ start: offset, end: lineEnd });
      continuing = line.trimEnd().endsWith('\\');
    } else {
      const prompt = PROMPT.exec(line);
      if (prompt && (line.length > prompt[0].length || prompt[1] === '$')) {
        ranges.push({ start: offset + prompt[0].length, end: lineEnd });
        continuing = line.trimEnd().endsWith('\\');
      }
    }
    offset = lineEnd + 1;
  }
  return ranges;
}

/** The command text of a block: console prompt lines joined, or the whole code. */
export function commandText(code: string, ranges: CommandRange[]): string {
  return ranges.map((range) => code.slice(range.start, range.end)).join('\n');
}

/** A block's command text with the way back from an offset in it to the offset in the block's code. */
export interface CommandSource {
  text: string;
  toCode(offset: number): number;
}

/** The command text of a block (console: its prompt lines joined by newlines), mapped back into `code`. */
export function commandSource(code: string, kind: BlockKind): CommandSource {
  if (kind !== 'console') return { text: code, toCode: (offset) => offset };
  const ranges = commandRanges(code, kind);
  const starts: number[] = [];
  let length = 0;
  for (const range of ranges) {
    starts.push(length);
    length += range.end - range.start + 1;
  }
  return {
    text: commandText(code, ranges),
    toCode(offset) {
      let index = ranges.length - 1;
      while (index > 0 && starts[index] > offset) index--;
      const range = ranges[index];
      return range ? Math.min(range.start + offset - starts[index], range.end) : 0;
    },
  };
}

export interface CodeMatch {
  name: string;
  start: number;
  end: number;
}

const PLACEHOLDER = /<([A-Za-z][A-Za-z0-9_-]*)>/g;

/** `<name>` placeholders inside the given ranges of `code`. */
export function findPlaceholders(code: string, ranges: CommandRange[]): CodeMatch[] {
  const found: CodeMatch[] = [];
  for (const range of ranges) {
    const text = code.slice(range.start, range.end);
    for (const match of text.matchAll(PLACEHOLDER)) {
      // `<<EOF>` style heredocs and `<-` are not placeholders; `a<b>c` in a comparison is rare enough.
      if (match.index > 0 && text[match.index - 1] === '<') continue;
      found.push({ name: match[1], start: range.start + match.index, end: range.start + match.index + match[0].length });
    }
  }
  return found;
}

/** Variables every shell has; a runbook need not declare them. */
const SHELL_BUILTINS = new Set([
  'HOME', 'PATH', 'USER', 'PWD', 'OLDPWD', 'SHELL', 'HOSTNAME', 'RANDOM', 'LINENO', 'SECONDS', 'IFS', 'TERM',
  'EDITOR', 'TMPDIR', 'UID', 'EUID', 'PPID', 'LANG', 'BASHPID', 'BASH_SOURCE', 'BASH_VERSION', 'PIPESTATUS', 'REPLY',
]);

/**
 * `$NAME` and `${NAME...}` references to environment variables in shell code: upper-case names,
 * outside single quotes, not assigned in the block itself (`NAME=`, `export NAME=`, `read NAME`, `for NAME in`).
 */
export function findEnvRefs(code: string, ranges: CommandRange[]): CodeMatch[] {
  const found: CodeMatch[] = [];
  const assigned = new Set<string>();
  for (const range of ranges) {
    const text = code.slice(range.start, range.end);
    for (const match of text.matchAll(/(?:^|[\s;&|(])(?:export\s+|local\s+|declare\s+(?:-\w+\s+)?)?([A-Z_][A-Z0-9_]*)=/g)) assigned.add(match[1]);
    for (const match of text.matchAll(/\b(?:read(?:\s+-\w+)*|for)\s+([A-Z_][A-Z0-9_]*)\b/g)) assigned.add(match[1]);
  }
  for (const range of ranges) {
    let quote: "'" | '"' | null = null;
    for (let i = range.start; i < range.end; i++) {
      const char = code[i];
      if (quote === "'") {
        if (char === "'") quote = null;
        continue;
      }
      if (char === '\\') {
        i++;
        continue;
      }
      if (char === "'" && quote === null) {
        quote = "'";
        continue;
      }
      if (char === '"') {
        quote = quote === '"' ? null : '"';
        continue;
      }
      if (char === '#' && quote === null && (i === range.start || /\s/.test(code[i - 1]))) {
        // A comment runs to the end of the line.
        const newline = code.indexOf('\n', i);
        i = newline === -1 || newline > range.end ? range.end : newline;
        continue;
      }
      if (char !== '$') continue;
      const match = /^\$(?:\{#?([A-Z_][A-Z0-9_]*)|([A-Z_][A-Z0-9_]*))/.exec(code.slice(i, Math.min(range.end, i + 80)));
      if (!match) continue;
      const name = match[1] ?? match[2];
      const start = i + (match[1] ? match[0].length - name.length : 1);
      if (!SHELL_BUILTINS.has(name) && !assigned.has(name)) found.push({ name, start, end: start + name.length });
      i += match[0].length - 1;
    }
  }
  return found;
}
