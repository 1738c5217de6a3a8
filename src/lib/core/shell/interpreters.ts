// Programs that read code, not data: what runs when text reaches their standard input, and which of their
// arguments are programs in another language (an awk program, a sed script, a jq filter, `python -c`), files of
// code (`bash FILE`, `psql -f FILE`), commands run by an option (`ssh -o ProxyCommand=...`, `git -c core.pager=`),
// or names of shell variables (`read NAME`, `printf -v NAME`: bash evaluates `a[$(...)]` in a name). A value
// placed in such text is parsed again by that program, where shell quoting means nothing.
import { CODE_OPTIONS, type Command } from './commands.ts';
import { findFlag, firstPositional, isOption, optionValue, positionals, shortFlag, sliceWord, valueOptions } from './programs.ts';
import type { CommandWord } from './words.ts';

/** Interpreters that read a program from their standard input when given no code and no file. */
const STDIN_INTERPRETERS = new Set(['python', 'python2', 'perl', 'ruby', 'node', 'php', 'lua', 'tclsh', 'expect', 'pwsh', 'irb', 'jshell']);

/** Whether an interpreter is given a script file (its first operand), not `-` (standard input) or nothing. */
function readsFile(program: string, args: readonly CommandWord[]): boolean {
  const first = positionals(program, args)[0];
  return first !== undefined && first.value !== '-' && !/^\/dev\/(stdin|fd\/0)$/.test(first.value);
}

/** The language a command reads from its standard input as code, or undefined when it reads data. */
export function stdinLanguage(command: Command): string | undefined {
  const args = command.argv.slice(1);
  const has = (flags: string[]) => findFlag(command.program, args, flags) !== undefined;
  switch (command.program) {
    case 'shell':
      // `bash -` and `bash -s` read the script from standard input, like `bash` alone.
      return command.reparses || (readsFile('shell', args) && !has(['-s'])) ? undefined : 'shell commands';
    case 'psql': {
      if (has(['-c', '--command'])) return undefined;
      const file = optionValue(args, ['-f', '--file']);
      return !file || file.value === '-' ? 'SQL' : undefined;
    }
    case 'mysql':
      return has(['-e', '--execute']) ? undefined : 'SQL';
    case 'sqlite3':
      return positionals('sqlite3', args).length > 1 ? undefined : 'SQL';
    case 'redis-cli':
      return positionals('redis-cli', args).length || has(['--pipe']) ? undefined : 'Redis commands';
    case 'mongosh':
      return has(['--eval', '-f', '--file']) ? undefined : 'JavaScript';
    case 'xargs':
      return 'arguments (xargs splits its input into words again)';
    case 'parallel':
      // Without a command, each input line is a command line for a shell.
      return command.reparses ? undefined : 'shell commands';
    case 'source':
    case '.':
      return args.some((word) => /^\/dev\/(stdin|fd\/0)$|^\/proc\/self\/fd\/0$/.test(word.value)) ? 'shell commands' : undefined;
    case 'ssh':
      // Without a remote command, ssh feeds its input to the remote login shell.
      return command.reparses ? undefined : 'shell commands (by the remote shell)';
    case 'su':
    case 'runuser':
      return command.reparses ? undefined : 'shell commands';
    case 'sudo':
      return args.slice(0, firstPositional('sudo', args)).some((word) => /^--(shell|login)$/.test(word.value) || shortFlag('sudo', word.value, /[si]/)) &&
        positionals('sudo', args).length === 0
        ? 'shell commands'
        : undefined;
    case 'at':
    case 'batch':
      return has(['-f', '-l', '-r', '-d', '-c']) ? undefined : 'shell commands (run later)';
    case 'crontab': {
      const operands = positionals('crontab', args);
      return (operands.length === 0 || operands[0].value === '-') && !has(['-l', '-r', '-e']) ? 'a crontab (its lines run commands)' : undefined;
    }
    case 'dc':
      return positionals('dc', args).length || has(['-e', '--expression', '-f', '--file']) ? undefined : 'dc code (its ! runs shell commands)';
    case 'ed':
    case 'ex':
      return 'editor commands (their ! runs shell commands)';
    case 'sftp':
      return optionValue(args, ['-b'])?.value === '-' ? 'sftp commands (their ! runs shell commands)' : undefined;
    case 'awk':
    case 'sed': {
      const file = optionValue(args, ['-f', '--file']);
      return file && /^(-|\/dev\/stdin)$/.test(file.value) ? `a ${command.program} program` : undefined;
    }
    default:
      if (STDIN_INTERPRETERS.has(command.program)) {
        return readsFile(command.program, args) || codeOptionAt(command, args) !== undefined ? undefined : `${command.name} code`;
      }
      return undefined;
  }
}

export interface CodeArgument {
  /** "an awk program". */
  what: string;
  fix: string;
  /** The whole reason, when "it is inside <what>, which <program> parses again" does not say it. */
  reason?: string;
  /** The word names a file (or a folder) whose content runs as code or configures what runs. */
  file?: true;
}

/** Index into `args` of the word that gives an interpreter its code (`-c CODE`, `-e'CODE'`, `--eval=CODE`), if any. */
function codeOptionAt(command: Command, args: readonly CommandWord[]): number | undefined {
  const options = CODE_OPTIONS[command.program];
  if (!options) return undefined;
  for (let i = 0; i < args.length; i++) {
    const value = args[i].value;
    if (value === '--' || !isOption(value)) return undefined;
    for (const option of options) {
      if (value === option) return i + 1;
      if (option.startsWith('--') && value.startsWith(`${option}=`)) return i;
      // A cluster that ends in the code option (`perl -ne CODE`), or the code glued to it (`perl -e'CODE'`, `python -cCODE`).
      if (option.length === 2 && /^-[A-Za-z]+$/.test(value) && value.endsWith(option[1]) && value.length > 2) return i + 1;
      if (option.length === 2 && value.startsWith(option) && value.length > 2 && !/^-[A-Za-z]+$/.test(value)) return i;
    }
    if (valueOptions(command.program).has(value)) i++;
  }
  return undefined;
}

/** Options of SQL clients the core has no SQL reader for, whose value is SQL (or CQL, InfluxQL) that the client runs. */
const SQL_CLIENT_OPTIONS: Record<string, readonly string[]> = {
  'clickhouse-client': ['-q', '--query'],
  clickhouse: ['-q', '--query'],
  cqlsh: ['-e', '--execute'],
  cockroach: ['-e', '--execute'],
  sqlcmd: ['-Q', '-q'],
  influx: ['-execute', '--execute'],
  trino: ['--execute'],
  snowsql: ['-q', '--query'],
};
const SQL_CLIENT_FIX =
  "Pass the value as the client's query parameter (e.g. clickhouse-client --param_name=<value> with {name:String}), or use psql/mysql, whose SQL the core quotes";

const FILE_FIX = 'Name the file in the runbook; a value cannot choose the code that runs';
const NAME_FIX = 'Write the variable name in the runbook; pass the value as data ("$NAME" after NAME=<value>)';
const COMMAND_OPTION_FIX = 'Write the option in the runbook; a value cannot choose a command that runs';

/** Options whose value is a command line the program runs (or configuration that names one). */
const COMMAND_OPTIONS: Record<string, { options: readonly string[]; what: string; only?: RegExp }> = {
  ssh: {
    options: ['-o'],
    what: 'an ssh option that runs a command (ProxyCommand, LocalCommand, RemoteCommand, KnownHostsCommand)',
    only: /^\s*(ProxyCommand|LocalCommand|RemoteCommand|KnownHostsCommand)\b/i,
  },
  scp: { options: ['-o', '-S'], what: 'an scp option that runs a command', only: /^\s*(ProxyCommand|LocalCommand|KnownHostsCommand)\b|^[^=]*$/i },
  sftp: { options: ['-o', '-S'], what: 'an sftp option that runs a command', only: /^\s*(ProxyCommand|LocalCommand|KnownHostsCommand)\b|^[^=]*$/i },
  rsync: { options: ['-e', '--rsh', '--rsync-path'], what: 'the remote shell command of rsync, which rsync splits into words and runs' },
  git: { options: ['-c', '--config-env'], what: 'git configuration, which can name commands git runs (core.sshCommand, core.pager, alias.*)' },
  tar: {
    options: ['-I', '--use-compress-program', '--to-command', '--checkpoint-action', '-F', '--info-script', '--new-volume-script'],
    what: 'a tar option that runs a command',
  },
  tcpdump: { options: ['-z'], what: 'the command tcpdump runs on each saved file' },
  helm: { options: ['--post-renderer'], what: 'the program helm runs as a post-renderer' },
  zip: { options: ['-TT', '--unzip-command'], what: 'the command zip runs to test the archive' },
  mapfile: { options: ['-C'], what: 'the callback mapfile runs' },
  readarray: { options: ['-C'], what: 'the callback readarray runs' },
  compgen: { options: ['-W', '-C', '-F'], what: 'a word list or command that compgen expands and runs' },
  complete: { options: ['-W', '-C', '-F'], what: 'a word list or command that completion expands and runs' },
  bind: { options: ['-x'], what: 'a command bind runs' },
  hash: { options: ['-p'], what: 'the file hash runs for a command name' },
  enable: { options: ['-f'], what: 'the file of builtins enable loads' },
  gdb: { options: ['-ex', '--ex', '--eval-command', '-iex', '--iex', '--init-eval-command'], what: 'a gdb command (its `shell` and `!` run shell commands)' },
  vim: { options: ['-c', '--cmd'], what: 'a vim command (its `!` runs shell commands)' },
  vi: { options: ['-c', '--cmd'], what: 'a vi command (its `!` runs shell commands)' },
  nvim: { options: ['-c', '--cmd'], what: 'a vim command (its `!` runs shell commands)' },
  view: { options: ['-c', '--cmd'], what: 'a vim command (its `!` runs shell commands)' },
  ex: { options: ['-c', '--cmd'], what: 'an ex command (its `!` runs shell commands)' },
  fc: { options: ['-e'], what: 'the editor fc runs on the history' },
};

const CONFIG_FIX = 'Write the path in the runbook; a value cannot choose the configuration a program reads (it can name commands to run)';

/**
 * Options whose value is a file or folder a program reads as configuration that can run commands: a kubeconfig
 * (its `exec:` credential plugins), an ssh config (ProxyCommand, LocalCommand), a curl config (any option,
 * `--output` included), a git repository (its .git/config: core.fsmonitor, core.sshCommand, hooks), a Makefile,
 * a terraform folder (external data sources), a docker config (credential helpers).
 */
const CONFIG_OPTIONS: Record<string, { options: readonly string[]; what: string; before?: true }> = {
  kubectl: { options: ['--kubeconfig'], what: 'a kubeconfig file, whose exec credential plugins run commands' },
  helm: { options: ['--kubeconfig'], what: 'a kubeconfig file, whose exec credential plugins run commands' },
  stern: { options: ['--kubeconfig'], what: 'a kubeconfig file, whose exec credential plugins run commands' },
  k9s: { options: ['--kubeconfig'], what: 'a kubeconfig file, whose exec credential plugins run commands' },
  flux: { options: ['--kubeconfig'], what: 'a kubeconfig file, whose exec credential plugins run commands' },
  ssh: { options: ['-F'], what: 'an ssh configuration file (ProxyCommand and LocalCommand run commands)' },
  scp: { options: ['-F'], what: 'an ssh configuration file (ProxyCommand and LocalCommand run commands)' },
  sftp: { options: ['-F'], what: 'an ssh configuration file (ProxyCommand and LocalCommand run commands)' },
  curl: { options: ['-K', '--config'], what: 'a curl configuration file (it can set any option, the output file included)' },
  git: {
    options: ['-C', '--git-dir', '--exec-path', '--work-tree'],
    what: 'a git repository or folder, whose configuration can run commands (core.fsmonitor, core.sshCommand, hooks)',
    before: true,
  },
  docker: { options: ['--config'], what: 'a docker configuration folder (its credential helpers run commands)', before: true },
  make: { options: ['-f', '--file', '--makefile', '-C', '--directory'], what: 'a Makefile or its folder (its recipes run commands)' },
  terraform: { options: ['-chdir'], what: 'a terraform folder (its configuration can run programs)', before: true },
};

/** Builtins whose arguments name shell variables, by which of their words do: bash evaluates `a[$(...)]` in a name. */
function namesVariable(command: Command, at: number): boolean {
  const args = command.argv.slice(1);
  const before = args[at - 1]?.value ?? '';
  const operand = (values: readonly string[]) =>
    !isOption(args[at].value) && !(values.includes(before) || (/^-[A-Za-z]*$/.test(before) && values.includes(`-${before.at(-1)}`)));
  switch (command.name) {
    case 'read':
      return before === '-a' || operand(['-d', '-i', '-n', '-N', '-p', '-t', '-u', '-a']);
    case 'printf':
      return before === '-v';
    case 'unset':
    case 'export':
    case 'declare':
    case 'typeset':
    case 'local':
    case 'readonly':
      return !isOption(args[at].value) && !args[at].value.includes('=');
    case 'mapfile':
    case 'readarray':
      return operand(['-d', '-n', '-O', '-s', '-u', '-C', '-c']);
    case 'getopts':
      return positionals('getopts', args)[1] === args[at];
    case 'wait':
      return before === '-p';
    case 'test':
    case '[':
      return before === '-v' || before === '-R';
    default:
      return false;
  }
}

/** Whether argv word `index` of `command` is a program in another language, a file of code, a command or a variable name. */
export function codeArgument(command: Command, index: number): CodeArgument | undefined {
  const args = command.argv.slice(1);
  const at = index - 1;
  if (at < 0) return undefined;
  const word = args[at];
  const optionBefore = args[at - 1]?.value;
  if (namesVariable(command, at)) return { what: 'the name of a shell variable (bash evaluates a[$(...)] in a name)', fix: NAME_FIX };
  const commandOption = COMMAND_OPTIONS[command.name] ?? COMMAND_OPTIONS[command.program];
  // git's own options come before its subcommand (`git grep -c` counts).
  if (commandOption && !(command.program === 'git' && at > firstPositional('git', args))) {
    for (const option of commandOption.options) {
      const value =
        optionBefore === option
          ? word.value
          : word.value.startsWith(`${option}=`)
            ? word.value.slice(option.length + 1)
            : option.length === 2 && word.value.startsWith(option) && word.value.length > 2
              ? word.value.slice(2)
              : undefined;
      if (value !== undefined && (!commandOption.only || commandOption.only.test(value) || !/^\s*[A-Za-z][A-Za-z0-9]*\s*[= ]/.test(value)))
        return { what: commandOption.what, fix: COMMAND_OPTION_FIX };
    }
  }
  const configOption = CONFIG_OPTIONS[command.program] ?? CONFIG_OPTIONS[command.name];
  if (configOption && !(configOption.before && at > firstPositional(command.program, args))) {
    for (const option of configOption.options) {
      const given =
        optionBefore === option || word.value.startsWith(`${option}=`) || (option.length === 2 && word.value.startsWith(option) && word.value.length > 2);
      if (given) return { what: configOption.what, fix: CONFIG_FIX, reason: `\`${command.name} ${option}\` reads it as ${configOption.what}`, file: true };
    }
  }
  switch (command.program) {
    case 'awk': {
      const assignment = awkAssignment(command, index);
      if (assignment) {
        const program = awkProgram(command);
        if (program === undefined || awkRunsCommands(program)) {
          return {
            what: 'an awk variable',
            reason:
              program === undefined
                ? 'it is assigned to an awk variable of a program in a file the core cannot read (it may run the value with system(), a pipe or getline)'
                : 'it is assigned to an awk variable of a program that runs commands (system(), a pipe, getline), where the value may become a command',
            fix: 'Keep the awk program from running commands built from the value, or filter the value with grep -F -- <value>',
          };
        }
        return undefined;
      }
      // gawk's -e/--source give program text even next to -f files.
      if (optionBefore === '-e' || optionBefore === '--source' || word.value.startsWith('--source='))
        return { what: 'an awk program', fix: "Pass the value as an awk variable: awk -v name=<value> '... name ...'" };
      if (optionBefore === '-f' || optionBefore === '--file') return { what: 'the file of the awk program', fix: FILE_FIX, file: true };
      if (findFlag('awk', args, ['-f', '--file', '-e', '--source'])) return undefined;
      if (firstPositional('awk', args) === at) {
        return { what: 'an awk program', fix: "Pass the value as an awk variable: awk -v name=<value> '... name ...'" };
      }
      return undefined;
    }
    case 'sed': {
      if (optionBefore === '-f' || optionBefore === '--file') return { what: 'the file of the sed script', fix: FILE_FIX, file: true };
      const scripts = args.flatMap((arg, i) =>
        arg.value === '-e' || arg.value === '--expression' || (/^-[A-Za-z]*e$/.test(arg.value) && arg.value.length > 2)
          ? [i + 1]
          : /^(-e|--expression=)./.test(arg.value)
            ? [i]
            : [],
      );
      const script = scripts.length || findFlag('sed', args, ['-f', '--file']) ? scripts : [firstPositional('sed', args)];
      return script.includes(at)
        ? {
            what: 'a sed script (its `e` flag and `w` command run and write files)',
            fix: 'Use a tool that takes the value as data, e.g. awk -v name=<value> or grep -F -- <value>',
          }
        : undefined;
    }
    case 'jq':
    case 'yq': {
      if (optionBefore === '-f' || optionBefore === '--from-file') return { what: `the file of a ${command.program} filter`, fix: FILE_FIX, file: true };
      return filterPosition(command.program, args) === at
        ? { what: `a ${command.program} filter`, fix: `Pass the value as a ${command.program} variable: ${command.program} --arg name <value> '... $name ...'` }
        : undefined;
    }
    case 'shell':
      // `bash FILE`: the script a shell runs (without -c or -s, its first positional word).
      if (!command.reparses && !findFlag('shell', args, ['-s']) && firstPositional('shell', args) === at)
        return { what: `the script that ${command.name} runs`, fix: FILE_FIX, file: true };
      return undefined;
    case 'psql':
      return optionBefore === '-f' || optionBefore === '--file' || /^(-f|--file=)./.test(word.value)
        ? { what: 'the SQL file that psql runs', fix: FILE_FIX, file: true }
        : undefined;
    case 'source':
    case '.':
      return at === 0 ? { what: `the file that ${command.name} runs`, fix: FILE_FIX, file: true } : undefined;
    case 'mongosh':
      // mongosh [URI] --eval CODE: JavaScript (the URI may come first, so the code option is not the first word).
      return optionBefore === '--eval' || word.value.startsWith('--eval=')
        ? { what: 'mongosh JavaScript', fix: 'Pass the value in an environment variable and read it with process.env.NAME' }
        : undefined;
    case 'sqlite3':
    case 'duckdb': {
      // sqlite3 DB SQL...: the words after the database are SQL (and dot-commands: `.shell` runs commands).
      const operands = positionals(command.program, args);
      const sqlOption = command.program === 'duckdb' && (optionBefore === '-c' || optionBefore === '-cmd');
      return sqlOption || operands.indexOf(word) >= 1
        ? { what: `SQL that ${command.name} runs (the core quotes SQL values only for psql and mysql)`, fix: SQL_CLIENT_FIX }
        : undefined;
    }
    case 'clickhouse-client':
    case 'clickhouse':
    case 'cqlsh':
    case 'cockroach':
    case 'sqlcmd':
    case 'influx':
    case 'trino':
    case 'snowsql': {
      const options = SQL_CLIENT_OPTIONS[command.program];
      const glued = options.find((option) => option.startsWith('--') && word.value.startsWith(`${option}=`));
      return options.includes(optionBefore ?? '') || glued
        ? { what: `SQL that ${command.name} runs (the core quotes SQL values only for psql and mysql)`, fix: SQL_CLIENT_FIX }
        : undefined;
    }
    case 'trap':
      // trap CODE SIGNAL...: the shell runs CODE when the signal comes.
      return firstPositional('trap', args) === at && !args.some((arg) => /^-[lp]$/.test(arg.value))
        ? { what: 'code that trap runs', fix: 'Write the code in the runbook; put the value in a variable it reads ("$NAME")' }
        : undefined;
    case 'alias':
      return word.value.includes('=')
        ? { what: 'an alias, which the shell reads as code', fix: 'Write the alias in the runbook, or run the command directly' }
        : undefined;
    default: {
      if (CODE_OPTIONS[command.program]) {
        const code = codeOptionAt(command, args);
        if (code === at)
          return {
            what: `${command.name} code`,
            fix: `Pass the value as an argument after the code and read it there (sys.argv[1], $ARGV[0], process.argv[2])`,
          };
        if (code !== undefined) return undefined;
        // `python FILE`, `python -m MODULE`: the code that runs.
        if (optionBefore === '-m' && command.program === 'python') return { what: 'the module python runs', fix: FILE_FIX, file: true };
        if (firstPositional(command.program, args) === at && !args.slice(0, at).some((arg) => arg.value === '-m'))
          return { what: `the script that ${command.name} runs`, fix: FILE_FIX, file: true };
        return undefined;
      }
      return word && command.name === 'eval' ? { what: 'code for eval', fix: 'Run the command directly instead of through eval' } : undefined;
    }
  }
}

/**
 * `awk -v NAME=VALUE`, `--assign=NAME=VALUE`, or an operand `NAME=VALUE` after the program: where the value
 * starts in argv word `index` (awk reads escape sequences in it, as in a "..." string), or undefined.
 */
export function awkAssignment(command: Command, index: number): { valueStart: number } | undefined {
  if (command.program !== 'awk') return undefined;
  const args = command.argv.slice(1);
  const at = index - 1;
  const word = args[at]?.value;
  if (word === undefined) return undefined;
  const before = args[at - 1]?.value;
  const named = (text: string, skip: number) => {
    const match = /^[A-Za-z_][A-Za-z0-9_]*=/.exec(text.slice(skip));
    return match ? { valueStart: skip + match[0].length } : undefined;
  };
  if (before === '-v' || before === '--assign') return named(word, 0);
  if (/^-v./.test(word)) return named(word, 2);
  if (word.startsWith('--assign=')) return named(word, '--assign='.length);
  // Operands after the program (no -f/-e: the first positional word is the program).
  const operands = positionals('awk', args);
  const programGiven = findFlag('awk', args, ['-f', '--file', '-e', '--source']) !== undefined;
  const position = operands.indexOf(args[at]);
  if (position === -1 || (!programGiven && position === 0)) return undefined;
  return named(word, 0);
}

/** The text of an awk command's program, or undefined when it is in a file (`-f`) or not literal. */
export function awkProgram(command: Command): string | undefined {
  const args = command.argv.slice(1);
  if (findFlag('awk', args, ['-f', '--file'])) return undefined;
  const sources = args
    .flatMap((word, i) =>
      word.value === '-e' || word.value === '--source' ? [args[i + 1]] : word.value.startsWith('--source=') ? [sliceWord(word, '--source='.length)] : [],
    )
    .filter((word) => word !== undefined);
  const programs = sources.length ? sources : positionals('awk', args).slice(0, 1);
  if (!programs.length || programs.some((word) => !word.literal)) return undefined;
  return programs.map((word) => word.value).join('\n');
}

/**
 * Whether an awk program can run a command: `system(...)`, a pipe (`print | cmd`, `cmd | getline`, gawk's `|&`),
 * `getline` (from a file or command the program names), or gawk's indirect call `@name()`. Read from the program's
 * tokens: string literals, regular expressions and comments skipped.
 */
export function awkRunsCommands(program: string): boolean {
  let previous = '';
  for (let i = 0; i < program.length; i++) {
    const char = program[i];
    if (char === '"') {
      for (i++; i < program.length && program[i] !== '"'; i++) if (program[i] === '\\') i++;
      previous = '"';
      continue;
    }
    if (char === '#') {
      while (i < program.length && program[i] !== '\n') i++;
      continue;
    }
    // A `/` where an operand is expected starts a regular expression.
    if (char === '/' && (previous === '' || /[(,~!{};&|?:=\n]/.test(previous))) {
      for (i++; i < program.length && program[i] !== '/'; i++) if (program[i] === '\\') i++;
      previous = '/';
      continue;
    }
    if (char === '|') {
      if (program[i + 1] === '|') {
        i++;
        previous = '|';
        continue;
      }
      return true;
    }
    if (char === '@' && /[A-Za-z_]/.test(program[i + 1] ?? '')) return true;
    if (/[A-Za-z_]/.test(char)) {
      let end = i;
      while (end < program.length && /[A-Za-z0-9_]/.test(program[end])) end++;
      const name = program.slice(i, end);
      if (name === 'system' || name === 'getline') return true;
      i = end - 1;
      previous = 'a';
      continue;
    }
    if (!/\s/.test(char) || char === '\n') previous = char;
  }
  return false;
}

/** jq and yq: the index of the filter among `args` (jq's `--arg NAME VALUE` takes two words; yq v4 may say `eval` first). */
function filterPosition(program: string, args: readonly CommandWord[]): number | undefined {
  const values = valueOptions(program);
  let skipSubcommand = program === 'yq';
  for (let i = 0; i < args.length; i++) {
    const value = args[i].value;
    if (value === '--') return i + 1 < args.length ? i + 1 : undefined;
    if (/^--(arg|argjson|slurpfile|rawfile)$/.test(value)) {
      i += 2;
      continue;
    }
    if (value === '-f' || value === '--from-file') return undefined;
    if (isOption(value)) {
      if (values.has(value)) i++;
      continue;
    }
    if (skipSubcommand && /^(eval|e|eval-all|ea)$/.test(value)) {
      skipSubcommand = false;
      continue;
    }
    return i;
  }
  return undefined;
}

/** The fix for a string a shell parses again, by the wrapper that hands it over. */
export function reparseFix(by: string): string {
  if (/ -c$/.test(by) && !by.startsWith('flock') && !by.startsWith('su') && !by.startsWith('runuser') && !by.startsWith('script'))
    return `Pass the value as a positional argument: ${by} '... "$1" ...' _ <value>`;
  if (by === 'ssh') return 'Give ssh one quoted remote command that reads the value from a variable set on the remote side, or run the command locally';
  if (by === 'watch')
    return 'Use watch -x, which runs its words without a shell, or put the value in an environment variable: NAME=<value> watch \'... "$NAME" ...\'';
  if (by === 'eval') return 'Run the command directly instead of through eval';
  if (by === 'env -S') return 'Give env the words one by one (env NAME=<value> program <value>), not as one string for -S to split';
  if (by === 'sudo -s' || by === 'sudo -i') return `Run the program with sudo directly (without ${by.slice(5)}), so its words are not handed to a shell`;
  if (by === 'parallel') return 'Pass the value after ::: (parallel quotes those arguments) and write {} in the command';
  return 'Put the value in an environment variable and use "$NAME" in the command';
}
