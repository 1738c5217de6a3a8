// What every command gets: where to print, the working directory, shared options.
import type { Command } from 'commander';

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  /** Standard output is a terminal (colours, prompts). */
  isTTY?: boolean;
  /** Environment (NO_COLOR, FORCE_COLOR, ...); default process.env. */
  env?: Record<string, string | undefined>;
}

/** Adds --content, --services and --now to a command that reads the content. */
export const withContentOptions = (command: Command) =>
  command
    .option('--content <dir>', 'folder of the runbooks (default: contentDir of runbook.config.yaml)')
    .option('--services <dir>', 'folder of the service files (default: servicesDir of runbook.config.yaml)')
    .option('--now <date>', 'date to compute staleness for, YYYY-MM-DD (default: today)');

/** What a command's registration gets besides the program: io, printers, and a way to set the exit code. */
export interface CommandContext {
  io: Io;
  print: (text: string) => void;
  json: (value: unknown) => void;
  setExit: (code: number) => void;
  /** Colour the output: --color/--no-color of a command may still override it (see color.ts). */
  color: boolean;
}
