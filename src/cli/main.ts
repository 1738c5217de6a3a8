// The `runbook` command line: parses arguments, runs one command, prints at the edge, and maps
// errors to exit codes (0 ok, 1 failed or not found, 2 usage or invalid input).
import { Command, CommanderError } from 'commander';
import { isCliError, NotFoundError } from './errors.ts';
import type { CommandContext, Io } from './context.ts';
import { escapeControlCharacters, escapeJsonControlCharacters } from '../lib/text/control-characters.ts';
type Register = (program: Command, context: CommandContext) => void;

/**
 * The command table: name → the module that registers it. Modules load lazily, so `runbook list`
 * does not pay for the linter's parsers or the runner.
 */
const COMMANDS: Record<string, () => Promise<Register>> = {
  list: async () => (await import('./commands/list.ts')).registerList,
  show: async () => (await import('./commands/show.ts')).registerShow,
  registry: async () => (await import('./commands/registry.ts')).registerRegistry,
  lint: async () => (await import('./commands/lint.ts')).registerLint,
  run: async () => (await import('./commands/run.ts')).registerRun,
  verify: async () => (await import('./commands/verify.ts')).registerVerify,
  import: async () => (await import('./commands/import.ts')).registerImport,
  alerts: async () => (await import('./commands/alerts.ts')).registerAlerts,
  diff: async () => (await import('./commands/diff.ts')).registerDiff,
};

async function program(io: Io, setExit: (code: number) => void, argv: string[]): Promise<Command> {
  // Text from content may hold control characters (a title with an ESC sequence): a terminal never gets them raw.
  const print = (text: string) => io.stdout(escapeControlCharacters(text.endsWith('\n') ? text : `${text}\n`));
  const json = (value: unknown) => print(escapeJsonControlCharacters(JSON.stringify(value, null, 2)));
  const root = new Command('runbook')
    .description('Read, check and run the runbooks of this project.')
    .version(process.env.npm_package_version ?? '0.1.0', '-V, --version')
    .showSuggestionAfterError()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride();
  // Only the command asked for is loaded; help, or an unknown command, needs them all.
  const names = argv[0] && Object.hasOwn(COMMANDS, argv[0]) ? [argv[0]] : Object.keys(COMMANDS);
  for (const name of names) (await COMMANDS[name]())(root, { io, print, json, setExit });
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
