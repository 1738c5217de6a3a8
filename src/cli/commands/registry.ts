// runbook registry: print or write the registry.
import { existsSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { buildRegistry, serializeRegistry } from '../../lib/registry.ts';
import { allProblems } from '../../lib/project.ts';
import { formatProblemList } from '../../lib/format-problems.ts';
import type { Command } from 'commander';
import { UsageError, ValidationError } from '../errors.ts';
import { withContentOptions, type CommandContext } from '../context.ts';
import { openProject } from '../open-project.ts';
import type { ContentOptions } from '../options.ts';
import { COMMANDS } from '../command-table.ts';
import { escapeJsonControlCharacters } from '../../lib/text/control-characters.ts';

export interface RegistryCommandOptions extends ContentOptions {
  out?: string;
  timestamp?: boolean;
}

export async function registry(options: RegistryCommandOptions): Promise<{ text: string; written?: string; runbooks: number }> {
  if (options.out) {
    const folder = dirname(resolve(options.cwd, options.out));
    if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new UsageError(`--out: no such folder "${dirname(options.out)}"; create it first`);
    const target = resolve(options.cwd, options.out);
    if (existsSync(target) && statSync(target).isDirectory())
      throw new UsageError(`--out: "${options.out}" is a folder; name the file, e.g. ${join(options.out, 'registry.json')}`);
  }
  const project = await openProject(options);
  const errors = allProblems(project).filter((problem) => problem.severity === 'error');
  if (errors.length) throw new ValidationError(`The content has ${errors.length} error(s); no registry written:\n${formatProblemList(errors)}`);
  const built = buildRegistry(project, options.timestamp ? { timestamp: new Date() } : {});
  const text = serializeRegistry(built);
  if (!options.out) return { text, runbooks: built.runbooks.length };
  // Write next to the target and rename, so a reader never sees half a registry.
  const target = resolve(options.cwd, options.out);
  const temporary = join(dirname(target), `.${process.pid}.registry.tmp`);
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new UsageError(`--out: cannot write "${options.out}": ${error instanceof Error ? error.message : String(error)}`);
  }
  return { text, written: target, runbooks: built.runbooks.length };
}

export function registerRegistry(program: Command, { io }: CommandContext): void {
  withContentOptions(
    program
      .command('registry')
      .description(COMMANDS.registry.description)
      .option('-o, --out <file>', 'write to this file instead of standard output')
      .option('--timestamp', 'add generatedAt (off by default so builds are byte-identical)'),
  ).action(async (options) => {
    const result = await registry({ cwd: io.cwd, ...options });
    if (result.written) io.stderr(`Wrote ${result.runbooks} runbooks to ${result.written}\n`);
    else io.stdout(escapeJsonControlCharacters(result.text));
  });
}
