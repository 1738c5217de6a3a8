// Programs that read code, not data: what runs when text reaches their standard input, and which of their
// arguments are programs in another language (an awk program, a sed script, a jq filter, `python -c`). A
// value placed in such text is parsed again by that program, where shell quoting means nothing.
import type { Command } from './commands.ts';
import { findFlag, firstPositional, isOption, optionValue, positionals } from './programs.ts';

/** The language a command reads from its standard input as code, or undefined when it reads data. */
export function stdinLanguage(command: Command): string | undefined {
  const args = command.argv.slice(1);
  const has = (flags: string[]) => findFlag(command.program, args, flags) !== undefined;
  switch (command.program) {
    case 'shell':
      return command.reparses || (positionals('shell', args).length && !has(['-s'])) ? undefined : 'shell commands';
    case 'python':
    case 'python2':
    case 'perl':
    case 'ruby':
    case 'node':
    case 'php':
      return positionals(command.program, args).length || has(['-c', '-e', '-r', '--eval']) ? undefined : `${command.name} code`;
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
    case 'source':
    case '.':
      return args.some((word) => word.value === '/dev/stdin') ? 'shell commands' : undefined;
    default:
      return undefined;
  }
}

export interface CodeArgument {
  /** "an awk program". */
  what: string;
  fix: string;
}

/** Whether argv word `index` of `command` is a program in another language. */
export function codeArgument(command: Command, index: number): CodeArgument | undefined {
  const args = command.argv.slice(1);
  const at = index - 1;
  if (at < 0) return undefined;
  const word = args[at];
  const optionBefore = args[at - 1]?.value;
  switch (command.program) {
    case 'awk': {
      if (findFlag('awk', args, ['-f', '--file'])) return undefined;
      if (firstPositional('awk', args) === at) {
        return { what: 'an awk program', fix: "Pass the value as an awk variable: awk -v name=<value> '... name ...'" };
      }
      return undefined;
    }
    case 'sed': {
      const scripts = args.flatMap((arg, i) => (arg.value === '-e' || arg.value === '--expression' ? [i + 1] : /^(-e|--expression=)./.test(arg.value) ? [i] : []));
      const script = scripts.length || findFlag('sed', args, ['-f', '--file']) ? scripts : [firstPositional('sed', args)];
      return script.includes(at) ? { what: 'a sed script (its `e` flag and `w` command run and write files)', fix: 'Use a tool that takes the value as data, e.g. awk -v name=<value> or grep -F -- <value>' } : undefined;
    }
    case 'jq':
    case 'yq':
      return firstPositional(command.program, args) === at ? { what: `a ${command.program} filter`, fix: `Pass the value as a ${command.program} variable: ${command.program} --arg name <value> '... $name ...'` } : undefined;
    case 'python':
    case 'python2':
    case 'perl':
    case 'ruby':
    case 'node':
    case 'php':
      if (optionBefore && /^-[A-Za-z]*[cer]$|^--eval$/.test(optionBefore) && isOption(optionBefore)) {
        return { what: `${command.name} code`, fix: `Pass the value as an argument after the code and read it there (sys.argv[1], $ARGV[0], process.argv[2])` };
      }
      return undefined;
    case 'source':
    case '.':
      return at === 0 ? { what: `the file that ${command.name} runs`, fix: 'Name the file in the runbook; a value cannot choose the code that runs' } : undefined;
    default:
      return word && command.name === 'eval' ? { what: 'code for eval', fix: 'Run the command directly instead of through eval' } : undefined;
  }
}

/** The fix for a string a shell parses again, by the wrapper that hands it over. */
export function reparseFix(by: string): string {
  if (/ -c$/.test(by) && !by.startsWith('flock')) return `Pass the value as a positional argument: ${by} '... "$1" ...' _ <value>`;
  if (by === 'ssh') return 'Give ssh one quoted remote command that reads the value from a variable set on the remote side, or run the command locally';
  if (by === 'watch') return 'Use watch -x, which runs its words without a shell, or put the value in an environment variable: NAME=<value> watch \'... "$NAME" ...\'';
  if (by === 'eval') return 'Run the command directly instead of through eval';
  return 'Put the value in an environment variable and use "$NAME" in the command';
}
