// The `runbook` command line: parses arguments, runs one command, prints at the edge, and maps
// errors to exit codes (0 ok, 1 failed or not found, 2 usage or invalid input).
import { readFileSync } from 'node:fs';
import { Command, CommanderError, Help } from 'commander';
import { colorEnabled } from './color.ts';
import type { Command as CommanderCommand } from 'commander';
import { COMMANDS, isCommandName, type CommandName } from './command-table.ts';
import { isCliError, NotFoundError } from './errors.ts';
import type { CommandContext, Io } from './context.ts';
import { escapeControlCharacters, escapeJsonControlCharacters } from '../lib/text/control-characters.ts';

/** The version of this package (not of whatever project npm runs in). */
function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/**
 * The command asked for, whose module is loaded; `runbook help <command>` asks for that command's help.
 * Every other command is listed from the command table only: `--version`, `--help` and a mistyped
 * command load no command module.
 */
function commandAskedFor(argv: string[]): CommandName | undefined {
  if (isCommandName(argv[0])) return argv[0];
  if (argv[0] === 'help' && isCommandName(argv[1])) return argv[1];
  return undefined;
}

type Register = (program: CommanderCommand, context: CommandContext) => void;

/** The module that registers each command, loaded only for the command asked for. */
const LOADERS: Record<CommandName, () => Promise<Register>> = {
  list: async () => (await import('./commands/list.ts')).registerList,
  show: async () => (await import('./commands/show.ts')).registerShow,
  registry: async () => (await import('./commands/registry.ts')).registerRegistry,
  lint: async () => (await import('./commands/lint.ts')).registerLint,
  run: async () => (await import('./commands/run.ts')).registerRun,
  verify: async () => (await import('./commands/verify.ts')).registerVerify,
  import: async () => (await import('./commands/import.ts')).registerImport,
};

async function program(io: Io, setExit: (code: number) => void, argv: string[]): Promise<Command> {
  // Text from content may hold control characters (a title with an ESC sequence): a terminal never gets them raw.
  const print = (text: string) => io.stdout(escapeControlCharacters(text.endsWith('\n') ? text : `${text}\n`));
  const json = (value: unknown) => print(escapeJsonControlCharacters(JSON.stringify(value, null, 2)));
  const color = colorEnabled(io.env ?? process.env, io.isTTY);
  const defaultTerm = new Help().subcommandTerm.bind(new Help());
  const root = new Command('runbook')
    .description('Read, check and run the runbooks of this project.')
    .version(packageVersion(), '-V, --version')
    .showSuggestionAfterError()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    // The root help lists each command as the table does, whether its module was loaded or not.
    .configureHelp({ subcommandTerm: (command) => (isCommandName(command.name()) ? COMMANDS[command.name() as CommandName].term : defaultTerm(command)) })
    .exitOverride();
  const asked = commandAskedFor(argv);
  for (const [name, entry] of Object.entries(COMMANDS)) {
    if (name === asked) (await LOADERS[name as CommandName]())(root, { io, print, json, setExit, color });
    else root.command(name).description(entry.description);
  }
  return root;
}

/** Runs the CLI and returns the exit code (never calls process.exit itself). */
export async function run(argv: string[], io: Io): Promise<number> {
  let code = 0;
  try {
    const cli = await program(io, (value) => (code = value), argv);
    await cli.parseAsync(argv, { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end with code 0; every other commander error is a usage error.
      if (error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
      // `runbook` alone prints the help, but as a usage error: a script that forgot the command fails.
      if (error.code === 'commander.help') return argv.length === 0 ? 2 : 0;
      return 2;
    }
    const stderr = (text: string) => io.stderr(escapeControlCharacters(text));
    if (isCliError(error)) {
      stderr(`runbook: ${error.message}\n`);
      if (error instanceof NotFoundError && error.suggestions.length) {
        stderr(`Did you mean:\n${error.suggestions.map((suggestion) => `  ${suggestion}`).join('\n')}\n`);
      }
      return error.exitCode;
    }
    const detail = error instanceof Error ? error.message : String(error);
    stderr(`runbook: internal error: ${detail}\nPlease report this with the command you ran.\n`);
    if (process.env.RUNBOOK_DEBUG && error instanceof Error) io.stderr(`${error.stack}\n`);
    return 2;
  }
}
