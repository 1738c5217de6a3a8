// SQL inside shell commands (`psql -c "..."`, `--command=...`), with offsets back into the shell
// text. The two general helpers here — the programs a shell text runs and the text of one argument
// after quote removal — serve the PromQL and flag checks too; they belong next to
// src/lib/shell/words.ts and can move there.
import { commandsToRun, insideReparsedString } from '../shell/commands.ts';
import { programArgs } from '../shell/patterns.ts';
import { sqlArguments } from '../shell/sql-arguments.ts';
import { simpleCommands, type SimpleCommand, type Word } from '../shell/words.ts';

/** The text of an argument after quote removal, with the shell-text offset of each character. */
export interface ArgumentText {
  text: string;
  /** `offsets[i]` is the offset in the shell text of `text[i]`; one more entry for the end. */
  offsets: number[];
  /** Ranges of `text` that came from `$VAR`, `${...}`, `$(...)` or backticks (made neutral: `_xxx`). */
  expansions: [number, number][];
}

/**
 * Removes the quotes of one word as the shell would, keeping offsets. Expansions become neutral
 * characters of the same length (`$SERVICE` → `_xxxxxxx`): their value is unknown here.
 */
export function argumentText(shell: string, word: Word): ArgumentText {
  const out: string[] = [];
  const offsets: number[] = [];
  const expansions: [number, number][] = [];
  const push = (char: string, at: number) => {
    out.push(char);
    offsets.push(at);
  };
  const expansionEnd = (i: number): number => {
    // i is at `$` or a backtick; returns the offset after the expansion.
    if (shell[i] === '`') {
      const close = shell.indexOf('`', i + 1);
      return close === -1 || close >= word.end ? word.end : close + 1;
    }
    const next = shell[i + 1];
    if (next === '(' || next === '{') {
      const open = next;
      const close = open === '(' ? ')' : '}';
      let depth = 0;
      for (let j = i + 1; j < word.end; j++) {
        if (shell[j] === open) depth++;
        else if (shell[j] === close && --depth === 0) return j + 1;
      }
      return word.end;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*|^[0-9@*#?$!-]/.exec(shell.slice(i + 1, word.end));
    return name ? i + 1 + name[0].length : i;
  };
  const expand = (i: number): number => {
    const end = expansionEnd(i);
    if (end === i) {
      push('$', i);
      return i + 1;
    }
    const start = out.length;
    for (let j = i; j < end; j++) push(j === i ? '_' : 'x', j);
    expansions.push([start, out.length]);
    return end;
  };
  let i = word.start;
  while (i < word.end) {
    const char = shell[i];
    if (char === "'") {
      const close = shell.indexOf("'", i + 1);
      const end = close === -1 || close > word.end ? word.end : close;
      for (let j = i + 1; j < end; j++) push(shell[j], j);
      i = end + 1;
    } else if (char === '$' && shell[i + 1] === "'") {
      let j = i + 2;
      while (j < word.end && shell[j] !== "'") {
        if (shell[j] === '\\') {
          const escaped = shell[j + 1];
          push(escaped === 'n' ? '\n' : escaped === 't' ? '\t' : (escaped ?? ''), j);
          j += 2;
        } else push(shell[j], j++);
      }
      i = j + 1;
    } else if (char === '"') {
      let j = i + 1;
      while (j < word.end && shell[j] !== '"') {
        if (shell[j] === '\\' && /[$`"\\\n]/.test(shell[j + 1] ?? '')) {
          if (shell[j + 1] !== '\n') push(shell[j + 1], j + 1);
          j += 2;
        } else if (shell[j] === '$' || shell[j] === '`') j = expand(j);
        else push(shell[j], j++);
      }
      i = j + 1;
    } else if (char === '\\') {
      if (shell[i + 1] !== '\n') push(shell[i + 1] ?? '', i + 1);
      i += 2;
    } else if (char === '$' || char === '`') {
      i = expand(i);
    } else push(char, i++);
  }
  offsets.push(Math.min(i, word.end));
  return { text: out.join(''), offsets, expansions };
}

/** One program run by a shell text, with its arguments. */
export interface Invocation {
  /** Program name without its directory (`/usr/bin/psql` → `psql`). */
  program: string;
  /** The program's word and its arguments. */
  words: Word[];
  command: SimpleCommand;
}

const basename = (value: string) => value.slice(value.lastIndexOf('/') + 1);

/** Programs that run the rest of their arguments as a command, and their options that take a value. */
const WRAPPERS: Record<string, { valued: RegExp; positionals?: number }> = {
  sudo: { valued: /^-[ugCDhprtT]$|^--(user|group|chdir|host|prompt|role|type|close-from|command-timeout)$/ },
  env: { valued: /^-[uSC]$|^--(unset|chdir|split-string)$/ },
  time: { valued: /^-[fo]$/ },
  nice: { valued: /^-n$|^--adjustment$/ },
  nohup: { valued: /^$/ },
  exec: { valued: /^-a$/ },
  command: { valued: /^$/ },
  timeout: { valued: /^-[sk]$|^--(signal|kill-after)$/, positionals: 1 },
  watch: { valued: /^-[nqx]$|^--(interval|equexit|exec)$/ },
};
/** Container runners whose command follows the container name. */
const CONTAINER_EXEC: Record<string, RegExp> = {
  docker: /^-[euw]$|^--(env|env-file|user|workdir|detach-keys)$/,
  podman: /^-[euw]$|^--(env|env-file|user|workdir|detach-keys|preserve-fds)$/,
};

/**
 * Every program a shell text runs, looking through `sudo`, `env`, `watch`, `timeout`, ... and
 * into `kubectl exec|run|debug ... -- command` and `docker|podman exec [options] container command`:
 * `kubectl exec -it api -- psql -c "..."` gives both kubectl and psql.
 */
export function invocations(shell: string): Invocation[] {
  const cached = invocationCache.get(shell);
  if (cached) return cached;
  const found: Invocation[] = [];
  const visit = (words: Word[], command: SimpleCommand) => {
    let index = 0;
    // Leading wrappers.
    for (;;) {
      const wrapper = words[index] && WRAPPERS[basename(words[index].value)];
      if (!wrapper) break;
      index++;
      let positionals = wrapper.positionals ?? 0;
      while (index < words.length) {
        const value = words[index].value;
        if (value === '--') {
          index++;
          break;
        }
        if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(value)) index++;
        else if (value.startsWith('-') && value.length > 1) index += wrapper.valued.test(value) ? 2 : 1;
        else if (positionals > 0) {
          positionals--;
          index++;
        } else break;
      }
    }
    if (index >= words.length) return;
    const program = basename(words[index].value);
    const rest = words.slice(index);
    found.push({ program, words: rest, command });
    if (program === 'kubectl' && ['exec', 'run', 'debug'].includes(rest[1]?.value ?? '')) {
      const dash = rest.findIndex((word) => word.value === '--');
      if (dash !== -1) visit(rest.slice(dash + 1), command);
    } else if (program in CONTAINER_EXEC && rest[1]?.value === 'exec') {
      let at = 2;
      while (at < rest.length && rest[at].value.startsWith('-')) at += CONTAINER_EXEC[program].test(rest[at].value) ? 2 : 1;
      if (at + 1 < rest.length) visit(rest.slice(at + 1), command);
    }
  };
  for (const command of simpleCommands(shell)) visit(command.words, command);
  if (invocationCache.size >= 20_000) invocationCache.clear();
  invocationCache.set(shell, found);
  return found;
}

/** Several checks read the same blocks: each text is split into commands once. */
const invocationCache = new Map<string, Invocation[]>();

/** One psql command: the database it connects to, as written (`$DATABASE_URL`), and the SQL of its `-c`s. */
export interface PsqlCommand {
  /** The connection string or database name, after quote removal (`"$DATABASE_URL"` → `$DATABASE_URL`). */
  connection?: string;
  scripts: ArgumentText[];
}

/** An argument's text from its `skip`-th character on (after `--command=`, `-c`). */
function fromCharacter(argument: ArgumentText, skip: number): ArgumentText {
  if (!skip) return argument;
  return {
    text: argument.text.slice(skip),
    offsets: argument.offsets.slice(skip),
    expansions: argument.expansions.filter(([, end]) => end > skip).map(([start, end]) => [Math.max(0, start - skip), end - skip]),
  };
}

/**
 * psql commands with the SQL passed on their command line: `-c SQL`, `-Atc SQL`, `-cSQL`, `--command SQL`,
 * `--command=SQL`. Read by the same command reader as the risk table and the quoting
 * (`commandsToRun`: through `sudo`, `kubectl exec --`, `docker compose exec`, `xargs`, ...), so all
 * three see the same psql commands; not inside a string another shell parses again (`sh -c "..."`).
 */
export function psqlCommands(shell: string): PsqlCommand[] {
  const found: PsqlCommand[] = [];
  if (!shell.includes('psql')) return found;
  const commands = commandsToRun(shell);
  for (const command of commands) {
    if (command.program !== 'psql' || insideReparsedString(command, commands)) continue;
    const line = sqlArguments('psql', programArgs(command))!;
    const scripts = line.scripts.map(({ word, skip }) => fromCharacter(argumentText(shell, word), skip));
    const connection = line.connection && line.connection.word.value.slice(line.connection.skip);
    found.push({ ...(connection !== undefined ? { connection } : {}), scripts });
  }
  return found;
}

/** SQL passed to psql on its command line: `-c SQL`, `-Atc SQL`, `-cSQL`, `--command SQL`, `--command=SQL`. */
export function psqlScripts(shell: string): ArgumentText[] {
  return psqlCommands(shell).flatMap((command) => command.scripts);
}
