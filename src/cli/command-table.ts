// The commands of the `runbook` CLI: name, what `runbook --help` says of it, and the module that
// registers it. Plain data without imports, so that `--help`, `--version` and a mistyped command
// are answered without loading any command module; each module takes its description from here.
import type { Command } from 'commander';
import type { CommandContext } from './context.ts';

export type Register = (program: Command, context: CommandContext) => void;

export interface CommandEntry {
  /** How the root help lists it: the name, [options], its arguments. */
  term: string;
  description: string;
  load: () => Promise<Register>;
}

export const COMMANDS = {
  list: {
    term: 'list [options]',
    description: 'List runbooks, most severe first',
    load: async () => (await import('./commands/list.ts')).registerList,
  },
  show: {
    term: 'show [options] <runbook>',
    description: 'Show one runbook: metadata, steps and commands with their risk',
    load: async () => (await import('./commands/show.ts')).registerShow,
  },
  registry: {
    term: 'registry [options]',
    description: 'Print the registry (every runbook, step and command) as JSON, or write it to a file',
    load: async () => (await import('./commands/registry.ts')).registerRegistry,
  },
  lint: {
    term: 'lint [options] [paths...]',
    description: 'Check runbooks: schema, staleness, command syntax, placeholders, risk, text and links',
    load: async () => (await import('./commands/lint.ts')).registerLint,
  },
  run: {
    term: 'run [options] <runbook>',
    description: "Run a runbook's commands (or some steps) with placeholders filled, asking before changes",
    load: async () => (await import('./commands/run.ts')).registerRun,
  },
  verify: {
    term: 'verify [options]',
    description: 'Run every read-only SQL block (with example values) against PostgreSQL and report the queries that fail',
    load: async () => (await import('./commands/verify.ts')).registerVerify,
  },
  import: {
    term: 'import [options] <files...>',
    description: 'Convert Markdown runbook documents into MDX runbooks, service pages and a service YAML',
    load: async () => (await import('./commands/import.ts')).registerImport,
  },
} satisfies Record<string, CommandEntry>;

export type CommandName = keyof typeof COMMANDS;

export const isCommandName = (name: string | undefined): name is CommandName => name !== undefined && Object.hasOwn(COMMANDS, name);
