// Command specs for the flag check: @withfig/autocomplete's specs, loaded by file path (the
// package's exports map blocks deep imports) and normalised, with our own tables laid over them.
// Only commands our tables mark `checked` (their flags verified complete) get unknown flags reported.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface FlagSpec {
  /** `-n`, `--namespace`. */
  names: string[];
  /** True when the flag takes the next word as its value (unless given as `--flag=value`). */
  takesValue: boolean;
  /** The command fails without it (fig's `isRequired`, or the table's `required`). */
  required?: boolean;
}

export interface CommandSpec {
  names: string[];
  flags: FlagSpec[];
  /** Flags this command passes down to its subcommands (cobra persistent flags, aws global options). */
  persistent: FlagSpec[];
  subcommands: CommandSpec[];
  /** The flags are verified complete: an unknown flag is an error. */
  checked: boolean;
  /** Every subcommand is known: an unknown one is an error (otherwise only near-misses are). */
  closed: boolean;
  /** Why a flag that does not exist here was probably written, by flag name. */
  hints: Record<string, string>;
  /** A fig spec file with the rest of this command (`aws/ecs`), not loaded yet. */
  loadSpec?: string;
  /**
   * An operand the command needs (`kubectl logs POD`), unless one of `unless` is given (`-l`). `typeAndName`: a
   * resource type alone is not enough (`kubectl delete pods`): a name must follow it, or be joined to it (`pod/api`).
   */
  operand?: { name: string; unless: string[]; hint?: string; typeAndName?: boolean };
  /** The command runs another one, given after `--` (`kubectl exec POD -- COMMAND`); the hint says how. */
  runs?: { hint: string };
  /** Options of which one must be given (`kubectl scale --replicas`, `kubectl patch -p|--patch-file`). */
  requires?: { names: string[]; hint?: string };
}

/** An overlay entry, by command path below the program (`'top pod'`). */
export interface CommandTable {
  /** Other names of the command (`pods`, `po`). */
  aliases?: string[];
  /** Flags in a compact notation: `-l,--selector= --no-headers` (`=`: takes a value). */
  flags?: string;
  /** Flags passed down to subcommands (same notation). */
  persistent?: string;
  /** The flags (ours with fig's) are complete for this command. */
  checked?: boolean;
  /** The subcommands (ours with fig's) are complete. */
  closed?: boolean;
  hints?: Record<string, string>;
  /** An operand the command refuses to run without, unless one of the flags of `unless` is given (same notation). */
  operand?: { name: string; unless?: string; hint?: string; typeAndName?: boolean };
  /** The command refuses to run without a command to run after `--` (`kubectl exec`). */
  runs?: { hint: string };
  /** Options of which the command refuses to run without one (same notation). */
  requires?: { flags: string; hint?: string };
}

export interface ProgramTable {
  /** The fig spec file (`kubectl`), or none. */
  fig?: string;
  /** Commands by path; `''` is the program itself. */
  commands: Record<string, CommandTable>;
  /** Long options may be abbreviated to an unambiguous prefix (Python argparse, e.g. the AWS CLI). */
  abbreviations?: boolean;
  /** Leaf commands that come from fig spec files loaded on demand are complete (generated specs). */
  checkLoadedLeaves?: boolean;
  /** Spec files whose commands are hand-written, not generated: never checked (`aws/s3`). */
  uncheckedFiles?: string[];
  /**
   * Required options of the commands of a spec file loaded on demand, by command name (`aws/elasticache` →
   * `{ 'reboot-cache-cluster': ['--cache-cluster-id', ...] }`), for specs that do not mark them.
   */
  required?: (file: string) => Promise<Record<string, string[]> | undefined>;
  /** Options that stand for every other one (`--cli-input-json`): with one, no required option is missing. */
  satisfiesRequired?: string[];
}

/** Parses the compact flag notation: `-A,--all-namespaces --field-selector= -l,--selector=`. */
export function flags(notation = ''): FlagSpec[] {
  return notation
    .split(/\s+/)
    .filter(Boolean)
    .map((entry) => ({ names: entry.replace(/=$/, '').split(','), takesValue: entry.endsWith('=') }));
}

const newCommand = (names: string[]): CommandSpec => ({ names, flags: [], persistent: [], subcommands: [], checked: false, closed: false, hints: {} });

// fig's spec objects, as far as we read them.
interface FigOption {
  name: string | string[];
  isRequired?: boolean;
  args?: { isOptional?: boolean } | { isOptional?: boolean }[];
  isPersistent?: boolean;
  requiresSeparator?: boolean | string;
  requiresEquals?: boolean;
}
interface FigCommand {
  name: string | string[];
  options?: FigOption[];
  subcommands?: FigCommand[];
  loadSpec?: unknown;
}

const asArray = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

function figFlag(option: FigOption): FlagSpec {
  const args = asArray(option.args);
  // `--dry-run=client`: a value only after `=` (cobra's NoOptDefVal); an optional value is never the next word.
  const takesValue = args.length > 0 && !args.every((arg) => arg.isOptional) && !option.requiresSeparator && !option.requiresEquals;
  return { names: asArray(option.name).filter((name) => name.startsWith('-')), takesValue, ...(option.isRequired ? { required: true } : {}) };
}

function fromFig(command: FigCommand): CommandSpec {
  const spec = newCommand(asArray(command.name));
  for (const option of command.options ?? []) (option.isPersistent ? spec.persistent : spec.flags).push(figFlag(option));
  spec.subcommands = (command.subcommands ?? []).map(fromFig);
  if (typeof command.loadSpec === 'string') spec.loadSpec = command.loadSpec;
  return spec;
}

let figDirectory: string | undefined;
const figFiles = new Map<string, Promise<FigCommand | undefined>>();

/** A fig spec file (`kubectl`, `aws/ecs`), or undefined when the package or file is missing. */
function loadFig(name: string): Promise<FigCommand | undefined> {
  let loading = figFiles.get(name);
  if (!loading) {
    loading = (async () => {
      try {
        figDirectory ??= dirname(createRequire(import.meta.url).resolve('@withfig/autocomplete'));
        const module = (await import(pathToFileURL(join(figDirectory, `${name}.js`)).href)) as { default?: FigCommand };
        return module.default;
      } catch {
        return undefined;
      }
    })();
    figFiles.set(name, loading);
  }
  return loading;
}

/** Adds `from`'s flags and subcommands to `into` (fig's, then ours). */
function merge(into: CommandSpec, from: CommandSpec): void {
  into.flags.push(...from.flags);
  into.persistent.push(...from.persistent);
  for (const sub of from.subcommands) {
    const existing = into.subcommands.find((candidate) => candidate.names.some((name) => sub.names.includes(name)));
    if (existing) merge(existing, sub);
    else into.subcommands.push(sub);
  }
}

export interface Program {
  root: CommandSpec;
  table: ProgramTable;
}

const programs = new Map<ProgramTable, Promise<Program>>();

/** The spec of a program: fig's spec with the table laid over it (memoised). */
export function loadProgram(name: string, table: ProgramTable): Promise<Program> {
  let loading = programs.get(table);
  if (!loading) {
    loading = (async () => {
      const fig = table.fig ? await loadFig(table.fig) : undefined;
      const root = fig ? fromFig(fig) : newCommand([name]);
      for (const [path, entry] of Object.entries(table.commands)) {
        let node = root;
        for (const part of path.split(' ').filter(Boolean)) {
          let next = node.subcommands.find((sub) => sub.names.includes(part));
          if (!next) {
            next = newCommand([part]);
            node.subcommands.push(next);
          }
          node = next;
        }
        for (const alias of entry.aliases ?? []) if (!node.names.includes(alias)) node.names.push(alias);
        node.flags.push(...flags(entry.flags));
        node.persistent.push(...flags(entry.persistent));
        node.checked ||= entry.checked ?? false;
        node.closed ||= entry.closed ?? false;
        Object.assign(node.hints, entry.hints);
        if (entry.requires)
          node.requires = { names: flags(entry.requires.flags).flatMap((flag) => flag.names), ...(entry.requires.hint ? { hint: entry.requires.hint } : {}) };
        if (entry.operand)
          node.operand = {
            name: entry.operand.name,
            unless: flags(entry.operand.unless).flatMap((flag) => flag.names),
            ...(entry.operand.hint ? { hint: entry.operand.hint } : {}),
            ...(entry.operand.typeAndName ? { typeAndName: true } : {}),
          };
        if (entry.runs) node.runs = entry.runs;
      }
      return { root, table };
    })();
    programs.set(table, loading);
  }
  return loading;
}

/** Loads the rest of a command from its fig spec file (`aws ecs` → `aws/ecs`), once. */
export async function expand(command: CommandSpec, table: ProgramTable): Promise<void> {
  if (!command.loadSpec) return;
  const file = command.loadSpec;
  delete command.loadSpec;
  const fig = await loadFig(file);
  if (!fig) return;
  const loaded = fromFig(fig);
  if (table.checkLoadedLeaves && !table.uncheckedFiles?.includes(file)) {
    const mark = (node: CommandSpec) => {
      if (node.subcommands.length === 0) node.checked = true;
      node.subcommands.forEach(mark);
    };
    loaded.subcommands.forEach(mark);
  }
  const required = table.uncheckedFiles?.includes(file) ? undefined : await table.required?.(file);
  for (const sub of loaded.subcommands) {
    for (const name of required?.[sub.names[0]] ?? []) {
      const flag = sub.flags.find((candidate) => candidate.names.includes(name));
      if (flag) flag.required = true;
    }
  }
  merge(command, loaded);
}
