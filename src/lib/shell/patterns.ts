// Matching a command against a pattern of a table (`kubectl delete`, `aws * delete-*`): the
// patterns of the risk table and of the never-ends rules.
import { findFlag, positionals, programOf, valueOptions, type RunCommand } from './commands.ts';
import type { Word } from './words.ts';

export interface CommandPattern {
  pattern: string;
  withFlag?: readonly string[];
  /** Not when one of these options is given. */
  withoutFlag?: readonly string[];
}

export interface PatternMatch {
  /** The program and the words the pattern matched. */
  words: Word[];
  /** The words that show what the command does: the matched words, short options and the object right after them (`rm -rf /srv/x`, `kubectl delete pod`), and the flag found. */
  shown: Word[];
  /** The option that `withFlag` found. */
  flag?: Word;
}

interface CompiledPattern {
  programs: string[];
  words: (RegExp | '**')[];
}

const compiledPatterns = new Map<string, CompiledPattern>();

function globToRegExp(glob: string, flags = ''): RegExp {
  const alternatives = glob.split('|').map((part) => part.replace(/[.+?^${}()[\]\\]/g, '\\$&').replace(/\*/g, '[^ ]*'));
  return new RegExp(`^(?:${alternatives.join('|')})$`, flags);
}

const globs = new Map<string, RegExp>();
/** A compiled glob, cached (case-insensitive ones for SQL keywords and Redis commands). */
export function glob(pattern: string, flags = ''): RegExp {
  let compiled = globs.get(flags + pattern);
  if (!compiled) globs.set(flags + pattern, (compiled = globToRegExp(pattern, flags)));
  return compiled;
}

function compile(pattern: string): CompiledPattern {
  let compiled = compiledPatterns.get(pattern);
  if (!compiled) {
    const [program, ...words] = pattern.split(' ');
    compiled = { programs: program.split('|'), words: words.map((word) => (word === '**' ? '**' : globToRegExp(word))) };
    compiledPatterns.set(pattern, compiled);
  }
  return compiled;
}

/** Matches pattern words against positional words (`**` any number), returning the matched words. */
function matchWords(pattern: (RegExp | '**')[], words: Word[], p = 0, w = 0, matched: Word[] = []): { matched: Word[]; next: number } | undefined {
  if (p === pattern.length) return { matched, next: w };
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

/** Words between `**`-matched parts count as matched (`gcloud compute instances delete`). */
function withSkipped(positional: Word[], matched: Word[]): Word[] {
  if (!matched.length) return matched;
  return positional.slice(0, positional.indexOf(matched[matched.length - 1]) + 1);
}

/** A command's arguments and positional words, worked out once per command. */
const views = new WeakMap<RunCommand, { args: Word[]; positional: Word[] }>();
function viewOf(command: RunCommand): { args: Word[]; positional: Word[] } {
  let view = views.get(command);
  if (!view) {
    const args = programOf(command.words).args;
    views.set(command, (view = { args, positional: positionals(command.program, args) }));
  }
  return view;
}

/**
 * Entries of a table that may match a command, looked up by program and first subcommand word
 * (`kubectl delete` is only tried on `kubectl delete ...`); glob programs (`mkfs.*`) are always tried.
 */
export function indexByProgram<T extends CommandPattern>(entries: readonly T[]): (command: RunCommand) => readonly T[] {
  const index = new Map<string, T[]>();
  const add = (key: string, entry: T) => index.set(key, [...(index.get(key) ?? []), entry]);
  for (const entry of entries) {
    const { programs } = compile(entry.pattern);
    const first = entry.pattern.split(' ')[1];
    const literal = first !== undefined && !first.includes('*');
    for (const program of programs) {
      if (program.includes('*')) add('*', entry);
      else if (literal) for (const word of first.split('|')) add(`${program} ${word}`, entry);
      else add(program, entry);
    }
  }
  const globbed = index.get('*') ?? [];
  const empty: T[] = [];
  return (command) => {
    const any = index.get(command.program) ?? empty;
    const first = viewOf(command).positional[0]?.value;
    const specific = first === undefined ? empty : (index.get(`${command.program} ${first}`) ?? empty);
    if (!globbed.length && !specific.length) return any;
    return [...specific, ...any, ...globbed];
  };
}

/** Whether a command matches a table pattern; the words it matched. */
export function matchCommand(command: RunCommand, entry: CommandPattern): PatternMatch | undefined {
  const compiled = compile(entry.pattern);
  if (!compiled.programs.includes(command.program) && !compiled.programs.some((program) => program.includes('*') && glob(program).test(command.program))) return undefined;
  const { args, positional } = viewOf(command);
  const result = matchWords(compiled.words, positional);
  if (!result) return undefined;
  let flag: Word | undefined;
  if (entry.withFlag) {
    flag = findFlag(command.program, args, entry.withFlag);
    if (!flag) return undefined;
  }
  if (entry.withoutFlag && findFlag(command.program, args, entry.withoutFlag)) return undefined;
  const words = [command.words[0], ...withSkipped(positional, result.matched)];
  const shown = [...words];
  // Short options and then the object, right after the matched words: `rm -rf /srv/x`, `kubectl delete pod`.
  const values = valueOptions(command.program);
  const last = words[words.length - 1];
  let j = last === command.words[0] ? 0 : args.indexOf(last) + 1;
  const options: Word[] = [];
  while (args[j] && /^-[A-Za-z0-9]+$/.test(args[j].value) && !values.has(args[j].value)) options.push(args[j++]);
  if (args[j] && !args[j].value.startsWith('-')) shown.push(...options, args[j]);
  if (flag) {
    shown.push(flag);
    // A flag with its value: `-X DELETE`.
    const spaced = entry.withFlag?.find((candidate) => candidate.startsWith(`${flag.value} `));
    if (spaced) shown.push(args[args.indexOf(flag) + 1]);
  }
  return { words, shown, ...(flag ? { flag } : {}) };
}

/** The command's arguments after the program (with `compose` for `docker-compose`). */
export function programArgs(command: RunCommand): Word[] {
  return viewOf(command).args;
}

/** The command's positional words (options and their values skipped). */
export function commandPositionals(command: RunCommand): Word[] {
  return viewOf(command).positional;
}

/** The words as written in the code, joined: `kubectl delete pod` (`input` is shown as `< FILE`). */
export function showWords(code: string, words: Word[], max = 60, input?: Word): string {
  // Words of a string parsed again without exact offsets share one span: show it once.
  const text = [...new Map(words.map((word) => [`${word.start}:${word.end}`, word])).values()]
    .sort((a, b) => a.start - b.start)
    .map((word) => (word === input ? '< ' : '') + code.slice(word.start, word.end))
    .join(' ')
    .replace(/\s+/g, ' ');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
