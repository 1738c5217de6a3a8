// A run plan: which command blocks of a runbook run, in document order, each with its placeholders filled
// (values from --set, an env file, defaults or a prompt, checked and quoted) and its script built.
// Every problem is collected first, so one error names all of them before anything runs.
import { ENV_NAME, type Variable } from '../../schema/runbook.ts';
import { analyzeBlock } from '../core/block.ts';
import { describeLayer } from '../core/context.ts';
import { fillSites, type FillResult } from '../core/quote.ts';
import { effectiveRisk } from '../core/risk/effective.ts';
import { compareRisk } from '../core/risk/levels.ts';
import { showWords } from '../core/shell/patterns.ts';
import type { TraitFinding } from '../core/traits.ts';
import { valueProblem } from '../core/variables.ts';
import type { Block, CommandLanguage, Risk, Runbook } from '../model/types.ts';
import { commandBlocks } from '../registry.ts';
import { didYouMean } from '../suggest.ts';
import { MASK } from './mask.ts';
import { targetOf } from './targets.ts';
import { parseAssignment, parseEnvFile } from './values.ts';

export const DEFAULT_TIMEOUT_SECONDS = 30;

export interface PlannedCommand {
  id: string;
  step: string | null;
  language: CommandLanguage;
  /** The declared risk, raised to the inferred one when the block declares less than it does. */
  risk: Risk;
  /** Why the risk was raised above the declared one. */
  riskRaised?: string;
  /** Marked on the fence, or found in the commands (an unmarked `kubectl logs -f`): runs under a timeout. */
  longRunning: boolean;
  /** Marked on the fence, or found in the commands (`kubectl exec -it`): runs only on a terminal. */
  interactive: boolean;
  /** Why the block is treated as long-running or interactive though its fence does not say so. */
  longRunningFound?: string;
  interactiveFound?: string;
  /** Seconds after which a long-running command is stopped. */
  timeout?: number;
  /** The bash script that runs it; absent when the runner cannot run it (see `cannotRun`) or, in a dry run, a value is missing. */
  script?: string;
  /** Placeholders shown as `<name>` because no value was given (a dry run only: a real run needs them all). */
  unfilled?: string[];
  /** The script as shown and recorded: secret values replaced by ***. */
  display: string;
  cannotRun?: string;
  /** The option of a choice this command belongs to (set by alternatives.ts, not by planRun). */
  option?: { group: string; id: string; label: string };
}

export interface Plan {
  runbook: Runbook;
  commands: PlannedCommand[];
  /** Environment for the commands: the caller's plus entries of the env file that are not variables. */
  env: Record<string, string | undefined>;
  /** Secret values, to mask wherever output is shown or recorded. */
  secrets: string[];
  /** Required environment that is not set (a problem unless this is a dry run). */
  missingEnv: string[];
  /** The values used, by variable name: a later part of the same run (after a choice) asks for none of them again. */
  values: Map<string, { value: string; from: string }>;
  /** Variables without a value (a dry run only): what a real run will ask for, in order of use. */
  missingValues: MissingValue[];
}

/** A variable a real run needs and a dry run did not get. */
export interface MissingValue {
  name: string;
  description?: string;
  example?: string;
  secret?: boolean;
}

/** `--step` names nothing, or more than one thing, or a number out of range: every such problem, one sentence each. */
export class StepSelectionError extends Error {
  readonly problems: string[];
  constructor(runbookId: string, problems: string[]) {
    super(`Cannot run ${runbookId}, nothing was run:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'StepSelectionError';
    this.problems = problems;
  }
}

/** Why a run cannot start: every problem found, one sentence each. */
export class RunSetupError extends Error {
  readonly problems: string[];
  constructor(subject: string, problems: string[]) {
    super(`${subject}:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'RunSetupError';
    this.problems = problems;
  }
}

export interface PlanOptions {
  /** Command numbers (as `runbook show` prints them), step ids, command ids, section names, or unique prefixes of these; default every command block. */
  steps?: string[];
  /** These blocks instead of a selection by `steps` (one part of a run split at a choice: alternatives.ts). */
  blocks?: Block[];
  /** Values already given earlier in the same run. */
  given?: Plan['values'];
  /** `name=value` assignments. */
  set?: string[];
  /** An env file's name and text. */
  envFile?: { name: string; text: string };
  /** Seconds; overrides the block's `timeout` for long-running blocks. */
  timeout?: number;
  /** Only print: missing values and environment are not a problem, and nothing is asked. */
  dryRun?: boolean;
  env: Record<string, string | undefined>;
  isTTY: boolean;
  prompt?: (question: string, options?: { secret?: boolean }) => Promise<string>;
  /** Where to explain a rejected answer before asking again, and to warn about a secret given with --set. */
  warn?: (text: string) => void;
}

/**
 * Blocks selected by --step, in document order. Each --step is a command number (1 to N, in the order
 * `runbook show` lists the commands), a step id, a command id (with or without the runbook prefix), a section
 * name, or a unique prefix of one of these names. A prefix that begins names selecting different blocks is
 * ambiguous and names the candidates; a step's own command ids do not compete with the step itself.
 */
export function selectBlocks(runbook: Runbook, steps: string[] | undefined): Block[] {
  const blocks = commandBlocks(runbook);
  if (!steps?.length) return blocks;
  const selected = new Set<Block>();
  const problems: string[] = [];
  for (const step of steps) {
    const found = selectStep(runbook, blocks, step);
    if (typeof found === 'string') problems.push(found);
    else for (const block of found) selected.add(block);
  }
  if (problems.length) throw new StepSelectionError(runbook.id, problems);
  return blocks.filter((block) => selected.has(block));
}

type StepName = { name: string; kind: 'step' | 'command' | 'section'; blocks: Block[] };

/** Every name --step accepts, with the blocks each selects, in document order. */
function stepNames(runbook: Runbook, blocks: Block[]): StepName[] {
  const names = new Map<string, StepName>();
  const add = (name: string | null, kind: StepName['kind'], block: Block) => {
    if (!name) return;
    const entry = names.get(name) ?? names.set(name, { name, kind, blocks: [] }).get(name)!;
    if (!entry.blocks.includes(block)) entry.blocks.push(block);
  };
  for (const block of blocks) {
    add(block.step, 'step', block);
    add(block.id.startsWith(`${runbook.id}/`) ? block.id.slice(runbook.id.length + 1) : null, 'command', block);
    add(block.id, 'command', block);
    add(block.section, 'section', block);
  }
  return [...names.values()];
}

/** The blocks one --step selects, or why it selects none. */
function selectStep(runbook: Runbook, blocks: Block[], wanted: string): Block[] | string {
  const text = wanted.trim();
  if (/^[0-9]+$/.test(text)) {
    const number = Number(text);
    if (number >= 1 && number <= blocks.length) return [blocks[number - 1]];
    const range = blocks.length ? `its commands are numbered 1 to ${blocks.length}` : 'it has no commands';
    return `--step ${text}: ${runbook.id} has no command ${text}; ${range} (runbook show ${runbook.id} lists them)`;
  }
  const names = stepNames(runbook, blocks);
  const exact = names.find((entry) => entry.name === text);
  if (exact) return exact.blocks;
  const lower = text.toLowerCase();
  const matching = text ? names.filter((entry) => entry.name.toLowerCase().startsWith(lower)) : [];
  // A command of a step that matches too is part of that step, not a rival to it.
  const stepsMatched = new Set(matching.filter((entry) => entry.kind === 'step').map((entry) => entry.name));
  const candidates = matching.filter((entry) => entry.kind !== 'command' || !entry.blocks.every((block) => block.step && stepsMatched.has(block.step)));
  // Names that select the same blocks (a command's id with and without the runbook prefix) are one candidate.
  const selections = new Map<string, StepName>();
  for (const entry of candidates) {
    const key = entry.blocks.map((block) => blocks.indexOf(block)).join(',');
    const seen = selections.get(key);
    if (!seen || entry.name.length < seen.name.length) selections.set(key, entry);
  }
  if (selections.size === 1) return [...selections.values()][0].blocks;
  if (selections.size > 1) {
    const listed = [...selections.values()].map(
      (entry) =>
        `${entry.name} (${entry.kind === 'section' ? 'section' : entry.blocks.length === 1 ? `command ${blocks.indexOf(entry.blocks[0]) + 1}` : `commands ${entry.blocks.map((block) => blocks.indexOf(block) + 1).join(', ')}`})`,
    );
    return `--step "${text}" is ambiguous in ${runbook.id}: it could be ${listed.join(', ')}; give more of the name, or the command's number`;
  }
  const known = [...new Set(blocks.flatMap((block) => (block.step ? [block.step] : [])))];
  return `--step "${text}": ${runbook.id} has no step or command by that name${didYouMean(text, [...known, ...blocks.map((block) => block.id)])} (steps: ${known.join(', ') || 'none'})`;
}

export async function planRun(runbook: Runbook, options: PlanOptions): Promise<Plan> {
  const blocks = options.blocks ?? selectBlocks(runbook, options.steps);
  const problems: string[] = [];
  const variables = runbook.meta?.variables ?? {};
  const used = [...new Set(blocks.flatMap((block) => block.placeholders.map((ref) => ref.name)))];
  const known = new Set([...Object.keys(variables), ...used]);
  const env = { ...options.env };
  const values: Plan['values'] = new Map(options.given);
  const missingValues: MissingValue[] = [];

  if (options.envFile) {
    const parsed = parseEnvFile(options.envFile.text, options.envFile.name);
    problems.push(...parsed.problems);
    for (const entry of parsed.entries) {
      if (known.has(entry.name)) values.set(entry.name, { value: entry.value, from: `${options.envFile.name}:${entry.line}` });
      else if (ENV_NAME.test(entry.name)) env[entry.name] = entry.value;
      else
        problems.push(
          `${options.envFile.name}:${entry.line}: "${entry.name}" is neither a variable of ${runbook.id} (${[...known].join(', ') || 'none'}) nor an environment variable name (A-Z, 0-9, _)`,
        );
    }
  }
  for (const text of options.set ?? []) {
    const assignment = parseAssignment(text);
    if (typeof assignment === 'string') problems.push(assignment);
    else if (!known.has(assignment.name))
      problems.push(
        `--set ${assignment.name}: ${runbook.id} has no variable "${assignment.name}"${didYouMean(assignment.name, known)} (variables: ${[...known].join(', ') || 'none'})`,
      );
    else {
      values.set(assignment.name, { value: assignment.value, from: `--set ${assignment.name}` });
      if (variables[assignment.name]?.secret) {
        options.warn?.(
          `runbook: warning: --set ${assignment.name} puts a secret on the command line, where other users see it (ps) and your shell history keeps it; put it in an --env-file, or leave it out and answer the prompt (no echo)\n`,
        );
      }
    }
  }

  // Check what was given; fill the rest from defaults or, on a terminal, by asking.
  for (const name of used) {
    const variable: Partial<Variable> = variables[name] ?? {};
    const given = values.get(name);
    if (given) {
      const problem = valueProblem(variable, given.value);
      if (problem) problems.push(`${given.from}: the value ${shown(variable, given.value)} ${problem}${describe(variable)}`);
      continue;
    }
    if (variable.default !== undefined) {
      values.set(name, { value: variable.default, from: 'default' });
      continue;
    }
    // A dry run shows `<name>` and lists what a real run will ask for.
    if (options.dryRun) {
      missingValues.push({ name, ...pick(variable, ['description', 'example', 'secret']) });
      continue;
    }
    if (options.isTTY && options.prompt) {
      const answer = await ask(name, variable, options);
      if (answer !== undefined) {
        values.set(name, { value: answer, from: 'prompt' });
        continue;
      }
    }
    problems.push(`<${name}> has no value: pass --set ${name}=...${describe(variable)}`);
  }

  const plain = Object.fromEntries([...values].map(([name, { value }]) => [name, value]));
  const secrets = [...values]
    .filter(([name]) => variables[name]?.secret)
    .map(([, { value }]) => value)
    .filter((value) => value !== '');
  const commands: PlannedCommand[] = [];
  const missingEnv = new Map<string, string[]>();
  for (const block of blocks) {
    const language = block.language ?? 'shell';
    // The core found where each placeholder sits; the runner only applies that context's quoting.
    const command = block.command ?? block.code;
    for (const site of block.placeholders) {
      if (site.context.refused)
        problems.push(
          `<${site.name}> in ${block.id} (line ${site.span.start.line}) cannot be filled in: ${site.context.refused.reason}. ${site.context.refused.fix}`,
        );
    }
    if (block.analysis.syntaxError)
      problems.push(`${block.id} (line ${block.codeLine}) does not parse as shell: ${block.analysis.syntaxError.message}; bash would run only part of it`);
    const types = Object.fromEntries(Object.entries(variables).map(([name, variable]) => [name, variable.type]));
    const filled = fillSites(
      command,
      block.placeholders
        .filter((site) => !site.context.refused)
        .map((site) => ({ name: site.name, start: site.commandStart, end: site.commandEnd, context: site.context })),
      plain,
      types,
    );
    for (const error of filled.errors) {
      if (values.has(error.name)) {
        const site = block.placeholders.find((candidate) => candidate.commandStart === error.sourceStart);
        problems.push(
          `<${error.name}> in ${block.id}: the value ${shown(variables[error.name] ?? {}, plain[error.name])} ${error.message}${site ? ` (it sits in ${site.context.layers.map(describeLayer).reverse().join(' inside ')})` : ''}`,
        );
      }
    }
    const masked = maskSegments(filled, new Set(Object.keys(variables).filter((name) => variables[name].secret)));
    const found = targetOf(block);
    // A safety net under the linter: a block that declares less than it does (e.g. an unlinted folder) still
    // asks for the confirmation its real risk needs, stops at a timeout, or waits for a terminal.
    const refilled = filled.segments.some((segment) => segment.filled) ? analyzeBlock({ code: filled.text, kind: 'command', language }) : undefined;
    const risk = riskOf(block, refilled?.risk);
    const longRunning = traitOf(block, 'long-running', refilled?.longRunning);
    const interactive = traitOf(block, 'interactive', refilled?.interactive);
    const planned: PlannedCommand = {
      id: block.id,
      step: block.step,
      language,
      risk: risk.risk,
      ...(risk.raised ? { riskRaised: risk.raised } : {}),
      longRunning: longRunning.has,
      interactive: interactive.has,
      ...(longRunning.found ? { longRunningFound: longRunning.found } : {}),
      ...(interactive.found ? { interactiveFound: interactive.found } : {}),
      ...(longRunning.has ? { timeout: options.timeout ?? block.attributes.timeout ?? DEFAULT_TIMEOUT_SECONDS } : {}),
      display: 'unknown' in found ? masked : found.target.script(masked),
      // A dry run without some values has nothing it could run: it shows the `<name>` kept in their place.
      ...('unknown' in found ? { cannotRun: found.unknown } : options.dryRun && filled.missing.length ? {} : { script: found.target.script(filled.text) }),
      ...(options.dryRun && filled.missing.length ? { unfilled: filled.missing } : {}),
    };
    commands.push(planned);
    if ('unknown' in found || (planned.interactive && !options.isTTY)) continue;
    const declared = Object.keys(runbook.meta?.env ?? {});
    const needed = [...found.target.env, ...block.env.map((ref) => ref.name).filter((name) => declared.includes(name))];
    for (const name of needed) if (!env[name]) missingEnv.set(name, [...(missingEnv.get(name) ?? []), block.id]);
  }
  if (!options.dryRun) {
    for (const [name, ids] of missingEnv) {
      const description = runbook.meta?.env[name];
      problems.push(`$${name} is not set (needed by ${ids.join(', ')})${description ? `: ${description}` : ''}`);
    }
  }
  if (problems.length) throw new RunSetupError(`Cannot run ${runbook.id}, nothing was run`, problems);
  return { runbook, commands, env, secrets, missingEnv: [...missingEnv.keys()], missingValues, values };
}

function pick<T extends object, K extends keyof T>(value: T, keys: K[]): Partial<Pick<T, K>> {
  return Object.fromEntries(keys.filter((key) => value[key] !== undefined).map((key) => [key, value[key]])) as Partial<Pick<T, K>>;
}

/**
 * The risk to confirm: the declared one, raised to what the block's commands do (a console block's commands are
 * its prompt lines), to what the filled text that really runs does, and to `change` for an unknown program.
 */
function riskOf(block: Block, filled: ReturnType<typeof analyzeBlock>['risk'] | undefined): { risk: Risk; raised?: string } {
  const declared = block.attributes.risk;
  const effective = effectiveRisk(block.kind, block.attributes, block.analysis.risk);
  const fromFilled = filled ? effectiveRisk('command', block.attributes, filled) : undefined;
  const top = fromFilled && compareRisk(fromFilled.risk, effective.risk) > 0 ? fromFilled : effective;
  if (!top.raised) return { risk: declared };
  return { risk: top.risk, raised: `declared ${declared}, but ${top.raised.command ? `\`${top.raised.command}\` ` : ''}${top.raised.reason}` };
}

/** Whether a block is long-running or interactive: marked on the fence, or found in its commands or the filled text. */
function traitOf(block: Block, name: 'long-running' | 'interactive', filled: TraitFinding[] | undefined): { has: boolean; found?: string } {
  const marked = name === 'long-running' ? block.attributes.longRunning : block.attributes.interactive;
  if (marked) return { has: true };
  const own = name === 'long-running' ? block.analysis.longRunning : block.analysis.interactive;
  for (const [findings, code] of [
    [own, block.code],
    [filled ?? [], undefined],
  ] as const) {
    const [first] = findings;
    if (first)
      return {
        has: true,
        found: `\`${code !== undefined ? showWords(code, first.words) : first.words.map((word) => word.value).join(' ')}\` ${first.trait.reason}`,
      };
  }
  if (name === 'long-running' && block.analysis.endless.length) return { has: true, found: '`while true` loops forever' };
  return { has: false };
}

/** Asks for a value until it is valid (three tries); undefined when none was given. */
async function ask(name: string, variable: Partial<Variable>, options: PlanOptions): Promise<string | undefined> {
  const hint = [variable.description, variable.example !== undefined && !variable.secret ? `e.g. ${variable.example}` : ''].filter(Boolean).join(', ');
  for (let attempt = 0; attempt < 3; attempt++) {
    const answer = await options.prompt!(`<${name}>${hint ? ` (${hint})` : ''}: `, { secret: variable.secret });
    const problem = valueProblem(variable, answer);
    if (!problem) return answer;
    options.warn?.(`The value ${shown(variable, answer)} ${problem}.\n`);
  }
  return undefined;
}

/** A value as shown in a message: quoted, or *** for a secret. */
function shown(variable: Partial<Variable>, value: string): string {
  return variable.secret ? MASK : JSON.stringify(value);
}

function describe(variable: Partial<Variable>): string {
  const parts = [variable.description, variable.example !== undefined && !variable.secret ? `e.g. ${variable.example}` : ''].filter(Boolean);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

/** The filled text with the values of secret placeholders replaced by ***. */
function maskSegments(filled: FillResult, secret: Set<string>): string {
  let text = '';
  let last = 0;
  for (const segment of filled.segments) {
    if (!segment.filled || !secret.has(segment.name)) continue;
    text += filled.text.slice(last, segment.start) + MASK;
    last = segment.end;
  }
  return text + filled.text.slice(last);
}
