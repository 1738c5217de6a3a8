// The commands a block's code would run: read into simple commands through pipes, `sudo`,
// `kubectl exec -- ...`, `sh -c`, `psql -c "..."` and heredocs, with wrappers unwrapped and
// option values told apart from positional arguments. Used by the risk table, by rules and by the
// quoting of placeholders (which words another interpreter parses again).
import { commandRanges } from '../model/code.ts';
import type { BlockKind } from '../model/types.ts';
import { heredocStart } from './lines.ts';
import { SQL_CLIENT_VALUE_OPTIONS, sqlArguments } from './sql-arguments.ts';
import { neutralisePlaceholders, simpleCommands, type Word } from './words.ts';

/** How a command's standard input is fed, when not from the terminal. */
export type Stdin = 'pipe' | 'file' | 'heredoc' | 'string';

export interface RunCommand {
  /** Program name: basename, with `oc` read as `kubectl`, `podman` as `docker`, `docker-compose` as `docker compose`. */
  program: string;
  /** The program's words up to a wrapped command (for `kubectl exec pod -- ls`: up to `--`). */
  words: Word[];
  stdin?: Stdin;
  /** The `< FILE` it reads (offsets of the file name). */
  input?: Word;
  /** The heredoc it reads, with the offset of its first character. */
  heredoc?: { text: string; start: number };
  /** Programs that run it, outermost first (`sudo`, `kubectl exec`, `timeout`). */
  wrappers: string[];
  /** True for a wrapper that runs a command (`sudo -i psql`, not `sudo -i`); the command follows it. */
  wraps?: boolean;
  /** Index of the wrapping command in the list. */
  parent?: number;
  /**
   * Words this wrapper hands to a shell that parses them again: the string of `sh -c`/`su -c`, every
   * remote word of `ssh` (it joins them for the remote shell), every word of `watch` (run through
   * `sh -c` unless `-x`) and of `eval`; `by` names the wrapper (`sh -c`, `ssh`).
   */
  reparsed?: { words: Word[]; by: string };
}

/** Options that take a value, per program: their value is not a positional word. */
const VALUE_OPTIONS: Record<string, readonly string[]> = {
  kubectl: ['-n', '--namespace', '--context', '--cluster', '--user', '--kubeconfig', '-s', '--server', '--token', '--as', '--as-group', '--request-timeout', '-l', '--selector', '-o', '--output', '-c', '--container', '-f', '--filename', '--field-selector', '-p', '--patch', '--type', '--replicas', '--timeout', '--grace-period', '--since', '--since-time', '--tail', '--sort-by', '--image', '-L', '--label-columns', '--template', '-k', '--kustomize', '--for', '--to-revision', '--revision', '--pod-running-timeout', '--local-port'],
  helm: ['-n', '--namespace', '--kube-context', '--kubeconfig', '-f', '--values', '--set', '--set-string', '--set-file', '--version', '--timeout', '-o', '--output', '--repo', '--description'],
  aws: ['--region', '--profile', '--output', '--endpoint-url', '--query', '--color', '--ca-bundle', '--cli-read-timeout', '--cli-connect-timeout', '--cli-binary-format'],
  gcloud: ['--project', '--account', '--configuration', '--format', '--zone', '--region', '--verbosity', '--filter', '--impersonate-service-account'],
  az: ['-g', '--resource-group', '-n', '--name', '--subscription', '-o', '--output', '--query'],
  docker: ['-H', '--host', '--context', '--config', '-l', '--log-level', '-e', '--env', '-u', '--user', '-w', '--workdir', '--env-file', '-f', '--file', '-p', '--project-name', '--format', '--filter', '--detach-keys', '--tail', '--since', '--until', '--time', '--signal'],
  'redis-cli': ['-h', '-p', '-s', '-a', '-u', '-r', '-i', '-n', '-d', '-D', '--user', '--pass', '--sni', '--cacert', '--cacertdir', '--cert', '--key', '--tls-ciphers', '--tls-ciphersuites', '--pattern', '--count', '--memkeys-samples', '--pipe-timeout', '--rdb', '--functions-rdb', '--eval', '--intrinsic-latency', '--lru-test', '--show-pushes'],
  psql: SQL_CLIENT_VALUE_OPTIONS.psql,
  mysql: SQL_CLIENT_VALUE_OPTIONS.mysql,
  pg_restore: ['-h', '--host', '-p', '--port', '-U', '--username', '-j', '--jobs', '-n', '--schema', '-t', '--table', '-f', '--file', '-F', '--format', '-L', '--use-list', '-I', '--index', '-P', '--function', '-T', '--trigger'],
  git: ['-C', '-c'],
  terraform: ['-var', '-var-file', '-target', '-replace', '-parallelism', '-lock-timeout', '-state', '-state-out', '-backup', '-out'],
  systemctl: ['-H', '--host', '-M', '--machine', '-t', '--type', '-p', '--property', '-s', '--signal', '-n', '--lines', '-o', '--output', '--state'],
  journalctl: ['-u', '--unit', '-n', '--lines', '-p', '--priority', '--since', '--until', '-o', '--output', '-t', '--identifier', '-D', '--directory', '-M', '--machine', '-g', '--grep'],
  tail: ['-n', '--lines', '-c', '--bytes', '-s', '--sleep-interval', '--pid'],
  top: ['-d', '-n', '-p', '-u', '-U', '-o'],
  watch: ['-n', '--interval'],
  ssh: ['-b', '-c', '-D', '-E', '-e', '-F', '-I', '-i', '-J', '-L', '-l', '-m', '-O', '-o', '-p', '-Q', '-R', '-S', '-W', '-w', '-B'],
  sudo: ['-u', '--user', '-g', '--group', '-h', '--host', '-p', '--prompt', '-C', '--close-from', '-D', '--chdir', '-r', '--role', '-t', '--type', '-U', '--other-user', '-T', '--command-timeout'],
  timeout: ['-s', '--signal', '-k', '--kill-after'],
  xargs: ['-I', '-n', '-P', '-L', '-d', '-E', '-s', '-a', '--max-args', '--max-procs', '--delimiter', '--arg-file'],
  nice: ['-n', '--adjustment'],
  ionice: ['-c', '--class', '-n', '--classdata', '-p', '--pid'],
  env: ['-u', '--unset', '-C', '--chdir', '-S', '--split-string'],
  ping: ['-c', '-i', '-w', '-W', '-s', '-t', '-I', '-l', '-p', '-Q', '-S'],
  tcpdump: ['-i', '-c', '-w', '-r', '-s', '-C', '-G', '-W', '-F', '-E', '-y', '-Z', '-B', '-j', '-z'],
  wget: ['-O', '--output-document', '-o', '--output-file', '-a', '--append-output', '-e', '--execute', '-P', '--directory-prefix', '-T', '--timeout', '-t', '--tries', '-U', '--user-agent', '--header', '--method', '--post-data', '--post-file', '--body-data', '--body-file', '--user', '--password'],
  curl: ['-X', '--request', '--url', '--json', '--data-ascii', '--form-string', '-H', '--header', '-d', '--data', '--data-raw', '--data-binary', '--data-urlencode', '-o', '--output', '-u', '--user', '-F', '--form', '-T', '--upload-file', '-A', '--user-agent', '-e', '--referer', '-b', '--cookie', '-c', '--cookie-jar', '-m', '--max-time', '-w', '--write-out', '-x', '--proxy', '--connect-timeout', '--retry', '--cert', '--key', '--cacert', '-K', '--config'],
  stern: ['-n', '--namespace', '-c', '--container', '-l', '--selector', '--context', '--since', '--tail', '-o', '--output', '-t', '--timestamps', '--template'],
  iptables: ['-t', '--table'],
  find: ['-name', '-iname', '-path', '-type', '-mtime', '-mmin', '-size', '-maxdepth', '-mindepth', '-newer', '-user', '-group', '-perm', '-regex'],
  su: ['-c', '--command', '-s', '--shell', '-g', '--group'],
  mongosh: ['--eval', '-u', '--username', '-p', '--password', '--host', '--port', '-f', '--file', '--authenticationDatabase'],
};

const PROGRAM_ALIASES: Record<string, string> = { oc: 'kubectl', podman: 'docker', tofu: 'terraform', mariadb: 'mysql', 'docker-compose': 'docker compose', 'podman-compose': 'docker compose', mongo: 'mongosh', ip6tables: 'iptables', sh: 'shell', bash: 'shell', zsh: 'shell', dash: 'shell', ash: 'shell', ksh: 'shell' };

/** Programs that run another command given in their arguments (the second is analysed too). */
const WRAPPERS = new Set(['sudo', 'env', 'nohup', 'time', 'command', 'exec', 'nice', 'ionice', 'stdbuf', 'timeout', 'xargs', 'watch', 'ssh', 'shell', 'su', 'eval', 'kubectl', 'docker', 'flock', 'chronic', 'caffeinate']);

/** The command that `words` run, before unwrapping. */
export function programOf(words: Word[]): { program: string; args: Word[] } {
  const name = words[0].value.replace(/^.*\//, '');
  const alias = PROGRAM_ALIASES[name] ?? name;
  if (alias === 'docker compose') return { program: 'docker', args: [{ value: 'compose', start: words[0].start, end: words[0].end }, ...words.slice(1)] };
  return { program: alias, args: words.slice(1) };
}

const valueSets = new Map<string, Set<string>>();
/** The options of a program that take a value, as a set. */
export function valueOptions(program: string): Set<string> {
  let set = valueSets.get(program);
  if (!set) valueSets.set(program, (set = new Set(VALUE_OPTIONS[program] ?? [])));
  return set;
}

/** Positional words of `args`: options and their values skipped, up to `--`. */
export function positionals(program: string, args: Word[]): Word[] {
  const values = valueOptions(program);
  const result: Word[] = [];
  for (let i = 0; i < args.length; i++) {
    const value = args[i].value;
    if (value === '--') break;
    if (value.length > 1 && value.startsWith('-') && !/^-\d+$/.test(value)) {
      if (values.has(value)) i++;
      continue;
    }
    result.push(args[i]);
  }
  return result;
}

interface ParsedFlags {
  exact: Set<string>;
  /** `--force` also as `--force=true`. */
  long: string[];
  /** `-f` also inside `-rf`. */
  short: Set<string>;
  /** `-X DELETE`: an option and its value. */
  valued: { option: string; value: string }[];
}

const parsedFlags = new WeakMap<readonly string[], ParsedFlags>();
function parseFlags(flags: readonly string[]): ParsedFlags {
  let parsed = parsedFlags.get(flags);
  if (parsed) return parsed;
  parsed = { exact: new Set(), long: [], short: new Set(), valued: [] };
  for (const flag of flags) {
    if (flag.includes(' ')) {
      const [option, value] = flag.split(' ');
      parsed.valued.push({ option, value: value.toUpperCase() });
      continue;
    }
    parsed.exact.add(flag);
    if (flag.startsWith('--')) parsed.long.push(`${flag}=`);
    else if (/^-[A-Za-z]$/.test(flag)) parsed.short.add(flag[1]);
  }
  parsedFlags.set(flags, parsed);
  return parsed;
}

const CLUSTER = /^-\d*[A-Za-z][A-Za-z0-9]*$/;

/**
 * The word that gives one of `flags`: `--force`, `--force=true`, `-f`, or `-f` inside `-rf`. A flag
 * with a value (`-X DELETE`) also matches `-XDELETE` and `--request=DELETE`.
 */
export function findFlag(program: string, args: Word[], flags: readonly string[]): Word | undefined {
  const values = valueOptions(program);
  const { exact, long, short, valued } = parseFlags(flags);
  for (let i = 0; i < args.length; i++) {
    const value = args[i].value;
    if (value === '--') return undefined;
    if (value[0] !== '-') continue;
    if (exact.has(value)) return args[i];
    for (const prefix of long) if (value.startsWith(prefix) && !/=(false|0|none|no)$/i.test(value)) return args[i];
    for (const { option, value: expected } of valued) {
      const given = value === option ? args[i + 1]?.value : value.startsWith(`${option}=`) ? value.slice(option.length + 1) : option.length === 2 && value.startsWith(option) ? value.slice(2) : undefined;
      if (given?.toUpperCase() === expected) return args[i];
    }
    if (short.size && value[1] !== '-' && CLUSTER.test(value)) {
      // A cluster of short options; stop at one that takes the rest as its value (`-owide`).
      for (const letter of value.replace(/^-\d*/, '')) {
        if (short.has(letter)) return args[i];
        if (values.has(`-${letter}`)) break;
      }
    }
    if (values.has(value)) i++;
  }
  return undefined;
}

/** Where a word's text sits in the block: at an offset, or folded into a range (text inside quotes). */
export type Placement = { offset: number } | { collapse: [number, number] };

export const place = (placement: Placement, start: number, end: number): [number, number] =>
  'offset' in placement ? [start + placement.offset, end + placement.offset] : placement.collapse;

/** Where a word's value sits in the code: right inside its quotes, or nowhere exact. */
export function valuePlacement(text: string, word: Word): Placement {
  const raw = text.slice(word.start, word.end);
  if (raw === word.value) return { offset: word.start };
  if (/^(["']).*\1$/s.test(raw) && raw.slice(1, -1) === word.value) return { offset: word.start + 1 };
  return { collapse: [word.start, word.end] };
}

/** Code with everything outside `ranges` blanked (newlines kept), so offsets stay those of the code. */
function keepRanges(code: string, ranges: { start: number; end: number }[]): string {
  let out = '';
  let last = 0;
  for (const range of ranges) {
    out += code.slice(last, range.start).replace(/[^\n]/g, ' ') + code.slice(range.start, range.end);
    last = range.end;
  }
  return out + code.slice(last).replace(/[^\n]/g, ' ');
}

/**
 * True when a wrapper around `command` hands it to another shell that parses it again (`sh -c`,
 * `ssh`, `watch`, `eval`): that shell has its own options (no pipefail), and the command's words
 * have no exact offsets in the block.
 */
export function underAnotherShell(command: RunCommand, commands: readonly RunCommand[]): boolean {
  for (let parent = command.parent; parent !== undefined; parent = commands[parent].parent) if (commands[parent].reparsed) return true;
  return false;
}

/**
 * True when `command` was read from inside a string that another shell parses again (`sh -c "psql -c '...'"`):
 * its words' text in the block still carries the outer quoting. Words that a wrapper only joins
 * (`watch psql -c '...'`, `ssh host psql ...`) are the block's own words and do not count.
 */
export function insideReparsedString(command: RunCommand, commands: readonly RunCommand[]): boolean {
  const first = command.words[0];
  for (let parent = command.parent; parent !== undefined; parent = commands[parent].parent) {
    for (const word of commands[parent].reparsed?.words ?? []) {
      if (word.start <= first.start && first.end <= word.end && (word.start !== first.start || word.end !== first.end)) return true;
    }
  }
  return false;
}

/**
 * The commands a block's code runs, in order, each with its own words (offsets into the code) and
 * where its input comes from; wrapped commands (`sudo X`, `kubectl exec pod -- X`, `ssh host X`,
 * `sh -c "X"`, `watch X`) follow their wrapper. Console blocks: only prompt lines. Placeholders
 * are neutral words (`<pod>` reads as `_pod_`).
 */
export function commandsToRun(code: string, kind: BlockKind = 'command'): readonly RunCommand[] {
  // Three rules read the same blocks: keep the last few thousand results.
  const key = `${kind === 'console' ? 'console' : 'code'}\0${code}`;
  const cached = runCache.get(key);
  if (cached) return cached;
  const text = neutralisePlaceholders(kind === 'console' ? keepRanges(code, commandRanges(code, 'console')) : code);
  const out: RunCommand[] = [];
  collect(text, { offset: 0 }, [], undefined, undefined, out);
  if (runCache.size >= 5000) runCache.clear();
  runCache.set(key, out);
  return out;
}

const runCache = new Map<string, RunCommand[]>();

function collect(text: string, placement: Placement, wrappers: string[], parent: number | undefined, inherited: Pick<RunCommand, 'stdin' | 'input'> | undefined, out: RunCommand[]): void {
  for (const simple of simpleCommands(text)) {
    const input = inputOf(text, simple.words, simple.end);
    const words = simple.words.map((word) => {
      const [start, end] = place(placement, word.start, word.end);
      return { value: word.value, start, end };
    });
    // A heredoc inside a string parsed again (`sh -c "psql <<EOF ..."`) has no exact place: left out.
    const heredoc = input.heredoc && 'offset' in placement ? { text: input.heredoc.text, start: input.heredoc.start + placement.offset } : undefined;
    const stdin = input.stdin ?? inherited?.stdin;
    let file = inherited?.input;
    if (input.input) {
      const [start, end] = place(placement, input.input.start, input.input.end);
      file = { value: input.input.value, start, end };
    }
    add(words, { ...(stdin ? { stdin } : {}), ...(file ? { input: file } : {}), ...(heredoc ? { heredoc } : {}) }, wrappers, parent, out, text, placement, simple.words);
  }
}

/** Adds a command and, for a wrapper, the command it runs. `local` are the same words in `text`'s own offsets. */
function add(
  words: Word[],
  input: Pick<RunCommand, 'stdin' | 'input' | 'heredoc'>,
  wrappers: string[],
  parent: number | undefined,
  out: RunCommand[],
  text: string,
  placement: Placement,
  local: Word[],
): void {
  const { program, args } = programOf(words);
  const inner = WRAPPERS.has(program) ? wrapped(program, args) : undefined;
  const own = inner ? words.slice(0, words.length - inner.words.length - (inner.skipped ?? 0)) : words;
  const wraps = Boolean(inner && inner.words.length);
  const reparsed = inner && (inner.reparse || inner.joined) && inner.words.length ? { words: inner.words, by: program === 'shell' || program === 'su' ? `${words[0].value.replace(/^.*\//, '')} -c` : program } : undefined;
  const index = out.push({ program, words: own, ...input, wrappers, ...(parent !== undefined ? { parent } : {}), ...(wraps ? { wraps } : {}), ...(reparsed ? { reparsed } : {}) }) - 1;
  if (!inner) return;
  const name = inner.name ?? program;
  const innerInput = { ...(input.stdin ? { stdin: input.stdin } : {}), ...(input.input ? { input: input.input } : {}) };
  if (inner.reparse) {
    // One string that a shell parses again: `sh -c "..."`, `ssh host "..."`, `watch '...'`.
    const word = inner.words[0];
    const localWord = local[words.indexOf(word)] ?? word;
    const inPlace = valuePlacement(text, localWord);
    const nested: Placement = 'offset' in inPlace && 'offset' in placement ? { offset: inPlace.offset + placement.offset } : { collapse: [word.start, word.end] };
    collect(localWord.value, nested, [...wrappers, name], index, innerInput, out);
  } else if (inner.words.length) {
    const offset = words.length - inner.words.length;
    add(inner.words, innerInput, [...wrappers, name], index, out, text, placement, local.slice(offset));
  }
}

/**
 * The command a wrapper runs: its words, or one word to parse again (`reparse`). `joined`: a shell parses the
 * words again once joined with spaces (`ssh host tail FILE`); they are read as a command all the same.
 */
function wrapped(program: string, args: Word[]): { words: Word[]; reparse?: boolean; joined?: boolean; name?: string; skipped?: number } | undefined {
  const values = valueOptions(program);
  /** Index of the first positional word at or after `from`, options skipped. */
  const firstPositional = (from: number, stopAtAssignments = false) => {
    for (let i = from; i < args.length; i++) {
      const value = args[i].value;
      if (value === '--') return i + 1;
      if (value.startsWith('-') && value.length > 1) {
        if (values.has(value)) i++;
        continue;
      }
      if (stopAtAssignments && /^[A-Za-z_][A-Za-z0-9_]*=/.test(value)) continue;
      return i;
    }
    return args.length;
  };
  const rest = (from: number) => args.slice(from);
  switch (program) {
    case 'sudo':
    case 'nohup':
    case 'time':
    case 'command':
    case 'exec':
    case 'nice':
    case 'ionice':
    case 'stdbuf':
    case 'xargs':
    case 'chronic':
    case 'caffeinate':
      return { words: rest(firstPositional(0)) };
    case 'env':
      return { words: rest(firstPositional(0, true)) };
    case 'timeout':
    case 'flock':
      return { words: rest(firstPositional(firstPositional(0) + 1)) };
    case 'watch': {
      const first = firstPositional(0);
      const words = rest(first);
      // `watch -x` runs its words as they are; otherwise it joins them and hands them to `sh -c`.
      if (args.slice(0, first).some((word) => word.value === '--exec' || /^-[a-wyz]*x/.test(word.value))) return { words };
      return words.length === 1 ? { words, reparse: true } : { words, joined: true };
    }
    case 'ssh': {
      const host = firstPositional(0);
      const words = rest(host + 1);
      return words.length === 1 ? { words, reparse: true } : { words, joined: true };
    }
    case 'eval':
      return args.length === 1 ? { words: args, reparse: true } : { words: args, joined: true };
    case 'shell':
    case 'su': {
      const flag = args.findIndex((word) => /^-[A-Za-z]*c[A-Za-z]*$/.test(word.value) || word.value === '--command');
      if (flag === -1 || !args[flag + 1]) return undefined;
      return { words: [args[flag + 1]], reparse: true, skipped: args.length - flag - 2 };
    }
    case 'kubectl': {
      const sub = positionals('kubectl', args)[0]?.value;
      if (sub !== 'exec' && sub !== 'debug' && sub !== 'run') return undefined;
      const dashes = args.findIndex((word) => word.value === '--');
      return dashes === -1 ? undefined : { words: rest(dashes + 1), name: `kubectl ${sub}` };
    }
    case 'docker': {
      const [first, second] = positionals('docker', args);
      // docker exec [options] CONTAINER COMMAND..., docker compose exec|run [options] SERVICE COMMAND...
      const at = first?.value === 'exec' ? 1 : first?.value === 'compose' && (second?.value === 'exec' || second?.value === 'run') ? 2 : 0;
      if (!at) return undefined;
      const start = args.indexOf(at === 1 ? first : second) + 1;
      const container = firstPositional(start);
      return { words: rest(container + 1), name: at === 1 ? 'docker exec' : `docker compose ${second.value}` };
    }
  }
  return undefined;
}

/** A range of a block's code that another interpreter parses again. */
export interface ReparsedRange {
  start: number;
  end: number;
  /** A shell (`sh -c "..."`, `ssh host ...`, `watch`, `eval`) or SQL (`psql -c "..."`, `mysql -e "..."`). */
  language: 'shell' | 'sql';
  /** The program that parses it again, for messages: `sh -c`, `ssh`, `psql -c`. */
  by: string;
  /** SQL: characters of the word's value before the SQL (`--command=`). */
  skip: number;
}

/**
 * The ranges of `code` that are parsed again after the shell has removed its quotes: words a wrapper hands to
 * another shell, and the SQL of `psql -c`/`--command`/`-Atc`/`-cSQL` and `mysql -e`/`--execute`, each one word
 * (offsets into the code; a word inside a string parsed again covers that whole string).
 */
export function reparsedRanges(code: string, kind: BlockKind = 'command'): ReparsedRange[] {
  const ranges: ReparsedRange[] = [];
  for (const command of commandsToRun(code, kind)) {
    for (const word of command.reparsed?.words ?? []) ranges.push({ start: word.start, end: word.end, language: 'shell', by: command.reparsed!.by, skip: 0 });
    const sql = sqlArguments(command.program, programOf(command.words).args);
    for (const { word, skip } of sql?.scripts ?? []) {
      ranges.push({ start: word.start, end: word.end, language: 'sql', by: `${command.program} ${command.program === 'psql' ? '-c' : '-e'}`, skip });
    }
  }
  return ranges;
}

/** Where a command's input comes from: a pipe before it, or a redirection among its words. */
function inputOf(text: string, words: Word[], end: number): { stdin?: Stdin; input?: Word; heredoc?: { text: string; start: number } } {
  let i = words[0].start - 1;
  for (;;) {
    while (i >= 0 && !/[|&;(){}\n]/.test(text[i])) i--;
    if (text[i] !== '\n') break;
    // A line continuation, or a pipe at the end of the line before: look further back.
    let j = i - 1;
    while (j >= 0 && /[ \t\r]/.test(text[j])) j--;
    if (text[j] === '\\') i = j - 1;
    else if (text[j] === '|') i = j;
    else break;
    if (text[i] === '|') break;
  }
  const piped = text[i] === '|' && text[i - 1] !== '|' && text[i - 1] !== '>';
  for (let w = 0; w < words.length; w++) {
    const gapEnd = w + 1 < words.length ? words[w + 1].start : end;
    const gap = text.slice(words[w].end, gapEnd).replace(/(^|\s)#.*$/m, '$1');
    if (!gap.includes('<')) continue;
    if (/<<</.test(gap)) return { stdin: 'string' };
    const at = gap.indexOf('<<');
    const heredoc = at === -1 ? undefined : heredocStart(gap.slice(at));
    if (heredoc) {
      const lineEnd = text.indexOf('\n', words[w].end + at);
      if (lineEnd === -1) return { stdin: 'heredoc' };
      let bodyEnd = lineEnd + 1;
      while (bodyEnd < text.length) {
        const next = text.indexOf('\n', bodyEnd);
        const line = text.slice(bodyEnd, next === -1 ? text.length : next);
        if ((heredoc.strip ? line.replace(/^\t+/, '') : line).trim() === heredoc.delimiter) break;
        bodyEnd = next === -1 ? text.length : next + 1;
      }
      return { stdin: 'heredoc', heredoc: { text: text.slice(lineEnd + 1, bodyEnd), start: lineEnd + 1 } };
    }
    const file = /(?:^|[^<>&\d])\d?<(?!\()\s*([^\s<>|&;]+)/.exec(gap);
    if (file) {
      const start = words[w].end + file.index + file[0].length - file[1].length;
      return { stdin: 'file', input: { value: file[1], start, end: start + file[1].length } };
    }
  }
  return piped ? { stdin: 'pipe' } : {};
}
