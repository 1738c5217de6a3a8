// Matching a command against an entry of a table keyed by program (`kubectl delete`, `aws * delete-*`), as
// the risk table and the long-running and interactive tables write them. Matches words, never text.
import type { Command, CommandWord } from './commands.ts';
import { findFlag, positionals, valueOptions } from './programs.ts';

export interface CommandPattern {
  /** The program and subcommand words: `kubectl rollout undo`; `*` one word, `**` any number, `a|b` either, `delete-*` a prefix. */
  pattern: string;
  withFlag?: readonly string[];
  /** Not when one of these options is given. */
  withoutFlag?: readonly string[];
}

export interface PatternMatch {
  /** The program and the words the pattern matched. */
  words: CommandWord[];
  /** The words that show what the command does: the matched words, short options and the object after them, the flag found. */
  shown: CommandWord[];
  /** The option that `withFlag` found. */
  flag?: CommandWord;
}

interface Compiled {
  programs: RegExp[];
  words: (RegExp | '**')[];
}

const compiled = new Map<string, Compiled>();
const globs = new Map<string, RegExp>();

/** A compiled glob (`delete-*`, `a|b`), cached; `flags` 'i' for case-insensitive words. */
export function glob(pattern: string, flags = ''): RegExp {
  let regex = globs.get(flags + pattern);
  if (!regex) {
    const alternatives = pattern.split('|').map((part) => part.replace(/[.+?^${}()[\]\\]/g, '\\$&').replace(/\*/g, '[^ ]*'));
    globs.set(flags + pattern, (regex = new RegExp(`^(?:${alternatives.join('|')})$`, flags)));
  }
  return regex;
}

function compile(pattern: string): Compiled {
  let entry = compiled.get(pattern);
  if (!entry) {
    const [program, ...words] = pattern.split(' ');
    entry = { programs: [glob(program)], words: words.map((word) => (word === '**' ? '**' : glob(word))) };
    compiled.set(pattern, entry);
  }
  return entry;
}

/** The first word of a pattern: the programs it is for. */
export function patternPrograms(pattern: string): string[] {
  return pattern.split(' ')[0].split('|');
}

function matchWords(pattern: (RegExp | '**')[], words: CommandWord[], p = 0, w = 0, matched: CommandWord[] = []): CommandWord[] | undefined {
  if (p === pattern.length) return matched;
  const part = pattern[p];
  if (part === '**') {
    for (let skip = w; skip <= words.length; skip++) {
      const result = matchWords(pattern, words, p + 1, skip, matched);
      if (result) return result;
    }
    return undefined;
  }
  if (w >= words.length || !part.test(words[w].value)) return undefined;
  return matchWords(pattern, words, p + 1, w + 1, [...matched, words[w]]);
}

/** A command's arguments and positional words, worked out once per command. */
const views = new WeakMap<Command, { args: CommandWord[]; positional: CommandWord[] }>();
export function commandView(command: Command): { args: CommandWord[]; positional: CommandWord[] } {
  let view = views.get(command);
  if (!view) {
    const args = command.argv.slice(1);
    views.set(command, (view = { args, positional: positionals(command.program, args) }));
  }
  return view;
}

/** Whether a command matches a table pattern, and the words it matched. */
export function matchCommand(command: Command, entry: CommandPattern): PatternMatch | undefined {
  if (command.dynamic || !command.name) return undefined;
  const { programs, words: pattern } = compile(entry.pattern);
  if (!programs.some((program) => program.test(command.program) || program.test(command.name))) return undefined;
  const { args, positional } = commandView(command);
  const matched = matchWords(pattern, positional);
  if (!matched) return undefined;
  let flag: CommandWord | undefined;
  if (entry.withFlag) {
    flag = findFlag(command.program, args, entry.withFlag);
    if (!flag) return undefined;
  }
  if (entry.withoutFlag && findFlag(command.program, args, entry.withoutFlag)) return undefined;
  // Words skipped by `**` count as matched (`gcloud compute instances delete`).
  const last = matched[matched.length - 1];
  const words = [command.argv[0], ...(last ? positional.slice(0, positional.indexOf(last) + 1) : [])];
  const shown = [...words];
  // Short options and then the object, right after the matched words: `rm -rf /srv/x`, `kubectl delete pod`.
  const values = valueOptions(command.program);
  let j = last ? args.indexOf(last) + 1 : 0;
  const options: CommandWord[] = [];
  while (args[j] && /^-[A-Za-z0-9]+$/.test(args[j].value) && !values.has(args[j].value)) options.push(args[j++]);
  if (args[j] && !args[j].value.startsWith('-')) shown.push(...options, args[j]);
  if (flag) {
    shown.push(flag);
    const spaced = entry.withFlag?.find((candidate) => candidate.startsWith(`${flag.value} `));
    if (spaced) shown.push(args[args.indexOf(flag) + 1]);
  }
  return { words, shown, ...(flag ? { flag } : {}) };
}

/** Entries of a table by program (`kubectl`), so a command is tried only against its own program's entries. */
export function indexByProgram<T extends CommandPattern>(entries: readonly T[]): (command: Command) => readonly T[] {
  const index = new Map<string, T[]>();
  const globbed: T[] = [];
  for (const entry of entries) {
    for (const program of patternPrograms(entry.pattern)) {
      if (program.includes('*')) globbed.push(entry);
      else index.set(program, [...(index.get(program) ?? []), entry]);
    }
  }
  return (command) => {
    const own = index.get(command.program) ?? [];
    const named = command.name !== command.program ? (index.get(command.name) ?? []) : [];
    return named.length || globbed.length ? [...new Set([...own, ...named, ...globbed])] : own;
  };
}

/** The words as written in the code, joined: `kubectl delete pod`. Words of one string share a span: shown once. */
export function showWords(code: string, words: readonly CommandWord[], max = 60): string {
  const text = [...new Map(words.map((word) => [`${word.start}:${word.end}`, word])).values()]
    .sort((a, b) => a.start - b.start)
    .map((word) => code.slice(word.start, word.end))
    .join(' ')
    .replace(/\s+/g, ' ');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
