// The commands of the `runbook` CLI: name and what `runbook --help` says of it. Plain data without imports, so
// that `--help`, `--version` and a mistyped command are answered without loading any command module; each module
// takes its description from here, and main.ts loads the module of the command asked for.
export interface CommandEntry {
  /** How the root help lists it: the name, [options], its arguments. */
  term: string;
  description: string;
}

export const COMMANDS = {
  list: {
    term: 'list [options]',
    description: 'List runbooks, most severe first',
  },
  show: {
    term: 'show [options] <runbook>',
    description: 'Show one runbook: metadata, steps and commands with their risk',
  },
  registry: {
    term: 'registry [options]',
    description: 'Print the registry (every runbook, step and command) as JSON, or write it to a file',
  },
  lint: {
    term: 'lint [options] [paths...]',
    description: 'Check runbooks: schema, staleness, command syntax, placeholders, risk, text and links',
  },
  run: {
    term: 'run [options] <runbook>',
    description: "Run a runbook's commands (or some steps) with placeholders filled, asking before changes",
  },
  verify: {
    term: 'verify [options]',
    description: 'Run every read-only SQL block (with example values) against PostgreSQL and report the queries that fail',
  },
  import: {
    term: 'import [options] <files...>',
    description: 'Convert Markdown runbook documents into MDX runbooks, service pages and a service YAML',
  },
} satisfies Record<string, CommandEntry>;

export type CommandName = keyof typeof COMMANDS;

export const isCommandName = (name: string | undefined): name is CommandName => name !== undefined && Object.hasOwn(COMMANDS, name);
