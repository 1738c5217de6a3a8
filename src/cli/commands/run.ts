// runbook run: run a runbook's commands (or some steps) with values filled in, asking before anything risky,
// and keep a transcript. `--dry-run` prints every command exactly as it would run.
import { closeSync, fstatSync, writeSync } from 'node:fs';
import type { Command } from 'commander';
import type { TranscriptEvent } from '../../schema/transcript.ts';
import { MAX_TIMEOUT_SECONDS, parseDuration } from '../../schema/duration.ts';
import type { AlternativeOption, Block, Runbook } from '../../lib/model/types.ts';
import { matchOption } from '../../lib/model/alternatives.ts';
import { choiceNeeded, describeOptions, markOptions, resolveOptionArgs, splitAtChoices, type RunPart } from '../../lib/runner/alternatives.ts';
import { planRun, RunSetupError, selectBlocks, StepSelectionError, type Plan, type PlannedCommand, type PlanOptions } from '../../lib/runner/plan.ts';
import { executePlan, type Reporter, type RunnerIo, type RunResult } from '../../lib/runner/runner.ts';
import { markdownSummary, transcriptLine } from '../../lib/runner/transcript.ts';
import { PromptInterrupted, terminalPrompt } from '../../lib/runner/tty.ts';
import { escapeControlCharacters, escapeJsonControlCharacters } from '../../lib/text/control-characters.ts';
import { paint } from '../color.ts';
import { UsageError, ValidationError } from '../errors.ts';
import { withContentOptions, type CommandContext } from '../context.ts';
import { openTranscript, readEnvFile, transcriptProblem } from '../files.ts';
import { openProject } from '../open-project.ts';
import { cachedRunbooks, findRunbookFile, type ContentOptions } from '../options.ts';
import { COMMANDS } from '../command-table.ts';

export interface RunCommandOptions extends ContentOptions {
  step?: string[];
  /** The option to take at each choice (`B`, an option id or prefix, `<choice>:<option>`). */
  option?: string[];
  set?: string[];
  envFile?: string;
  dryRun?: boolean;
  yes?: boolean;
  allowDestructive?: boolean;
  /** Timeout of long-running blocks, as a duration (`60s`). */
  timeout?: string;
  /** JSON Lines file, or a Markdown summary when it ends in .md. */
  transcript?: string;
  /** Add to an existing transcript instead of refusing it. */
  append?: boolean;
  json?: boolean;
  keepGoing?: boolean;
}

/** What a run needs from its surroundings (the terminal, the environment, Ctrl-C); tests pass their own. */
export interface RunEnvironment extends RunnerIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  signal?: AbortSignal;
  onSpawn?: (command: PlannedCommand, pid: number) => void;
}

/** A run that ended at a choice: without a terminal and without `--option` (exit 2), or with no option taken (exit 1). */
export interface StoppedAtChoice {
  group: string;
  reason: 'no-terminal' | 'declined';
  message: string;
}

export type RunOutcome = { dryRun: true; plan: Plan } | ({ dryRun: false; plan: Plan; stoppedAtChoice?: StoppedAtChoice } & RunResult);

function timeoutSeconds(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const parsed = parseDuration(text);
  if (!parsed || parsed.min !== parsed.max || parsed.min <= 0) throw new UsageError(`--timeout: expected a duration such as 30s, 2m or 1h, got "${text}"`);
  const seconds = Math.max(1, Math.round(parsed.min * 60));
  if (seconds > MAX_TIMEOUT_SECONDS)
    throw new UsageError(`--timeout: at most 24h, got "${text}"; a command that needs longer belongs in a job, not a runbook run`);
  return seconds;
}

const errorCode = (error: unknown) => (error as NodeJS.ErrnoException).code ?? String(error);

export async function runRunbook(query: string, options: RunCommandOptions, environment: RunEnvironment, reporter: Reporter = {}): Promise<RunOutcome> {
  const timeout = timeoutSeconds(options.timeout);
  const envFile = options.envFile === undefined ? undefined : readEnvFile(options.cwd, options.envFile);
  // Before values are asked for and commands run, not after: a transcript that cannot be written is a usage error.
  const transcriptIssue =
    options.transcript !== undefined && !options.dryRun ? transcriptProblem(options.cwd, options.transcript, Boolean(options.append)) : undefined;
  if (transcriptIssue) throw new UsageError(`--transcript: cannot write "${options.transcript}": ${transcriptIssue}`);
  // Found through the cached entries; only that runbook is parsed.
  const file = findRunbookFile(await cachedRunbooks(options), query, 2);
  const runbook = (await openProject(options, [file])).runbooks[0];
  const { chosen, problems: optionProblems } = resolveOptionArgs(runbook, options.option ?? []);
  if (optionProblems.length) throw new UsageError(optionProblems.join('\n'));
  let parts: RunPart[];
  try {
    parts = splitAtChoices(runbook, selectBlocks(runbook, options.step), options.step);
  } catch (error) {
    if (error instanceof StepSelectionError) throw new UsageError(error.message);
    throw error;
  }
  // Printed once, though each part of a run split at a choice is planned on its own.
  const warned = new Set<string>();
  const base: PlanOptions = {
    set: options.set,
    ...(envFile ? { envFile } : {}),
    ...(timeout !== undefined ? { timeout } : {}),
    dryRun: options.dryRun,
    env: environment.env,
    isTTY: environment.isTTY,
    prompt: environment.prompt,
    warn: (text) => {
      if (!warned.has(text)) environment.stderr(text);
      warned.add(text);
    },
  };
  const plan = async (blocks: Block[], given?: Plan['values']): Promise<Plan> => {
    try {
      const planned = await planRun(runbook, { ...base, blocks, ...(given ? { given } : {}) });
      return { ...planned, commands: markOptions(runbook, planned.commands) };
    } catch (error) {
      if (error instanceof RunSetupError) throw new ValidationError(error.message);
      throw error;
    }
  };
  if (options.dryRun) return { dryRun: true, plan: await plan(decidedBlocks(parts, chosen, true).blocks) };

  const markdown = options.transcript?.toLowerCase().endsWith('.md');
  // One descriptor for the whole run: the file checked is the file written, whatever happens to its name.
  const transcript = options.transcript === undefined ? undefined : openTranscript(options.cwd, options.transcript, Boolean(options.append));
  try {
    return { dryRun: false, ...(await execute(runbook, { parts, chosen, plan }, options, environment, reporter, transcript, markdown)) };
  } finally {
    if (transcript !== undefined) closeSync(transcript);
  }
}

type ChoicePart = Extract<RunPart, { kind: 'choice' }>;
type ExecutedRun = RunResult & { plan: Plan; stoppedAtChoice?: StoppedAtChoice };

/** A run split at its choices: the parts, the options taken so far, and how a stretch of blocks is planned. */
interface RunInParts {
  parts: RunPart[];
  chosen: Map<string, AlternativeOption>;
  plan: (blocks: Block[], given?: Plan['values']) => Promise<Plan>;
}

async function execute(
  runbook: Runbook,
  run: RunInParts,
  options: RunCommandOptions,
  environment: RunEnvironment,
  reporter: Reporter,
  transcript: number | undefined,
  markdown: boolean | undefined,
): Promise<ExecutedRun> {
  // A transcript that fails mid-run (disk full, file too large) is reported once; the run itself goes on.
  let transcriptFailed = false;
  const write = (text: string) => {
    if (transcript === undefined || transcriptFailed) return;
    try {
      writeSync(transcript, text);
    } catch (error) {
      transcriptFailed = true;
      environment.stderr(`runbook: cannot write the transcript "${options.transcript}" (${errorCode(error)}); the run goes on without it\n`);
    }
  };
  const result = await runInParts(runbook, run, options, environment, {
    ...reporter,
    // Written as each command ends, so an interrupted run still leaves its transcript.
    end: (event, context) => {
      if (!markdown) write(transcriptLine(event));
      reporter.end?.(event, context);
    },
  });
  if (transcript !== undefined && markdown) {
    // Appended to a summary already there: a blank line between the two.
    const after = fstatSync(transcript).size > 0 ? '\n' : '';
    write(after + markdownSummary(runbook, result.events, result.exitCode));
  }
  return result;
}

/**
 * The blocks that run before the first choice nobody made yet (the chosen option's blocks for the choices made),
 * and that choice. `everyOption`: an open choice contributes all its options instead (a dry run shows them all).
 */
function decidedBlocks(parts: RunPart[], chosen: Map<string, AlternativeOption>, everyOption = false): { blocks: Block[]; open?: ChoicePart; rest: RunPart[] } {
  const blocks: Block[] = [];
  for (const [index, part] of parts.entries()) {
    if (part.kind === 'blocks') blocks.push(...part.blocks);
    else if (chosen.has(part.group.id)) blocks.push(...part.blocks.get(chosen.get(part.group.id)!.id)!);
    else if (everyOption) blocks.push(...[...part.blocks.values()].flat());
    else return { blocks, open: part, rest: parts.slice(index + 1) };
  }
  return { blocks, rest: [] };
}

/**
 * Runs the parts in order: the blocks up to a choice nobody made yet (the diagnosis), then the choice — asked on
 * a terminal, else the run stops there — then the chosen option and what follows it (Verification). Each stretch is
 * planned when the run gets to it, so only the chosen option's values are asked for; values given before are kept.
 */
async function runInParts(
  runbook: Runbook,
  { parts, chosen, plan }: RunInParts,
  options: RunCommandOptions,
  environment: RunEnvironment,
  reporter: Reporter,
): Promise<ExecutedRun> {
  const events: TranscriptEvent[] = [];
  const commands: PlannedCommand[] = [];
  let last: Plan | undefined;
  let exitCode: RunResult['exitCode'] = 0;
  let stoppedAtChoice: StoppedAtChoice | undefined;
  let remaining = parts;
  for (;;) {
    const stretch = decidedBlocks(remaining, chosen);
    let current: Plan;
    try {
      current = await plan(stretch.blocks, last?.values);
    } catch (error) {
      // Ctrl-C at a value prompt after commands ran: the run is interrupted, and its transcript kept.
      if (!(error instanceof PromptInterrupted) || !events.length) throw error;
      exitCode = 130;
      break;
    }
    last = current;
    const offset = commands.length;
    commands.push(...current.commands);
    const result = await executePlan(
      current,
      {
        cwd: options.cwd,
        yes: options.yes,
        allowDestructive: options.allowDestructive,
        keepGoing: options.keepGoing,
        ...(environment.signal ? { signal: environment.signal } : {}),
        ...(environment.onSpawn ? { onSpawn: environment.onSpawn } : {}),
      },
      environment,
      { ...reporter, start: (command, index, total) => reporter.start?.(command, offset + index, offset + total) },
    );
    events.push(...result.events);
    if (result.exitCode !== 0) exitCode = result.exitCode;
    if (result.exitCode === 130 || (result.exitCode === 1 && !options.keepGoing)) break;
    if (!stretch.open) break;
    const open = stretch.open;
    if (!environment.isTTY) {
      stoppedAtChoice = { group: open.group.id, reason: 'no-terminal', message: choiceNeeded(runbook, open, events.length > 0) };
      break;
    }
    let option: AlternativeOption | undefined;
    try {
      option = await askOption(runbook, open, environment);
    } catch (error) {
      if (!(error instanceof PromptInterrupted)) throw error;
      exitCode = 130;
      break;
    }
    if (!option) {
      stoppedAtChoice = {
        group: open.group.id,
        reason: 'declined',
        message: `${runbook.id}: stopped at the choice${runbook.alternatives.length > 1 ? ` ${open.group.id}` : ''}: no option was taken, nothing more was run`,
      };
      exitCode = 1;
      break;
    }
    chosen.set(open.group.id, option);
    remaining = [open, ...stretch.rest];
  }
  return { exitCode, events, plan: { ...last!, commands }, ...(stoppedAtChoice ? { stoppedAtChoice } : {}) };
}

/** Asks which option to take (three tries); undefined when the person leaves the answer empty. */
async function askOption(runbook: Runbook, part: ChoicePart, environment: RunEnvironment): Promise<AlternativeOption | undefined> {
  const labels = part.group.options.map((option) => option.label);
  const where = runbook.alternatives.length > 1 ? ` (${part.group.id})` : '';
  environment.stderr(`\nChoose one option${where}; the others are not run:\n${describeOptions(part).join('\n')}\n`);
  for (let attempt = 0; attempt < 3; attempt++) {
    const answer = (await environment.prompt(`Option (${labels.join(', ')}), or Enter to stop here: `)).trim();
    if (!answer) return undefined;
    const match = matchOption(part.group, answer);
    if (match.option) {
      environment.stderr(`Option ${match.option.label}: ${match.option.title}\n`);
      return match.option;
    }
    environment.stderr(
      match.candidates.length > 1
        ? `"${answer}" could be ${match.candidates.map((option) => option.label).join(' or ')}; answer with the letter.\n`
        : `There is no option "${answer}"; answer ${labels.join(', ')}.\n`,
    );
  }
  return undefined;
}

function describeCommand(command: PlannedCommand): string {
  const notes: string[] = [command.risk];
  if (command.risk === 'change') notes.push('asks for confirmation');
  if (command.risk === 'destructive') notes.push('asks for the runbook id');
  if (command.riskRaised) notes.push(`risk raised: ${command.riskRaised}`);
  if (command.longRunning)
    notes.push(`long-running${command.longRunningFound ? ` (not marked, but ${command.longRunningFound})` : ''}, stopped after ${command.timeout} s`);
  if (command.interactive)
    notes.push(`interactive${command.interactiveFound ? ` (not marked, but ${command.interactiveFound})` : ''}, runs only on a terminal`);
  if (command.cannotRun) notes.push(`not run: ${command.cannotRun}`);
  if (command.unfilled) notes.push(`needs ${command.unfilled.map((name) => `<${name}>`).join(', ')}`);
  return notes.join(', ');
}

/** A dry run: every command as it would run, as a bash script one could read or paste. */
export function formatDryRun(plan: Plan): string {
  const { runbook, commands } = plan;
  const out = [`# Dry run of ${runbook.id} (${runbook.title}): ${commands.length} command${commands.length === 1 ? '' : 's'}, nothing is run.`];
  commands.forEach((command, index) => {
    out.push(...choiceNotes(plan, index));
    out.push('', `# [${index + 1}/${commands.length}] ${command.id}  (${describeCommand(command)})`, command.display);
  });
  if (plan.missingValues.length) {
    out.push('', `# Values a real run will ask for (on a terminal; otherwise pass --set name=value or --env-file FILE):`);
    for (const value of plan.missingValues) {
      const about = [
        value.description,
        value.example !== undefined && !value.secret ? `e.g. ${value.example}` : '',
        value.secret ? 'secret: asked without echo' : '',
      ]
        .filter(Boolean)
        .join('; ');
      out.push(`#   <${value.name}>${about ? `  ${about}` : ''}`);
    }
  }
  if (plan.missingEnv.length) out.push('', `# Not set, needed by a real run: ${plan.missingEnv.map((name) => `$${name}`).join(', ')}`);
  return `${out.join('\n')}\n`;
}

/** In a dry run, where a choice starts, with every option (a real run takes one), and where each option starts. */
function choiceNotes(plan: Plan, index: number): string[] {
  const command = plan.commands[index];
  const previous = plan.commands[index - 1];
  if (!command.option || (previous?.option?.group === command.option.group && previous.option.id === command.option.id)) return [];
  const group = plan.runbook.alternatives.find((candidate) => candidate.id === command.option!.group)!;
  const option = group.options.find((candidate) => candidate.id === command.option!.id)!;
  const shown = new Set(plan.commands.filter((other) => other.option?.group === group.id).map((other) => other.option!.id));
  const notes: string[] = [];
  if (shown.size > 1 && previous?.option?.group !== group.id) {
    const many = plan.runbook.alternatives.length > 1;
    notes.push(
      '',
      `# A choice${many ? ` (${group.id})` : ''}: a real run takes ONE of these options (it asks on a terminal, or --option ${many ? `${group.id}:` : ''}<letter>):`,
    );
    for (const each of group.options) notes.push(`#   ${each.label}  ${each.title}${shown.has(each.id) ? '' : '  (no commands)'}`);
  }
  return [...notes, '', `# Option ${option.label}: ${option.title}`];
}

const STATUS_LINE: Record<TranscriptEvent['status'], [string, 'green' | 'red' | 'yellow' | 'dim']> = {
  passed: ['passed', 'green'],
  failed: ['FAILED', 'red'],
  stopped: ['stopped', 'yellow'],
  skipped: ['skipped', 'dim'],
  refused: ['REFUSED', 'red'],
  interrupted: ['INTERRUPTED', 'yellow'],
};

/**
 * Human output: each command, its output as it comes, then how it ended; coloured when `color`. Text from the
 * runbook is escaped (control characters), then painted; `output` gets the commands' own output as they wrote it
 * (colours included), as if they ran in the terminal.
 */
function humanReporter(print: (text: string) => void, output: { stdout: (text: string) => void; stderr: (text: string) => void }, color: boolean): Reporter {
  let lineOpen = false;
  return {
    start: (command, index, total) => {
      print(
        `\n${paint(color, 'bold', `[${index + 1}/${total}] ${escapeControlCharacters(command.id)}`)}  (${escapeControlCharacters(describeCommand(command))})\n`,
      );
      print(
        escapeControlCharacters(
          `${command.display
            .split('\n')
            .map((line, i) => `${i ? '    ' : '  $ '}${line}`)
            .join('\n')}\n`,
        ),
      );
    },
    output: (_command, stream, text) => {
      output[stream](text);
      lineOpen = !text.endsWith('\n');
    },
    end: (event, { started }) => {
      // Commands left out after a stop were never announced: the summary counts them.
      if (!started) return;
      if (lineOpen) print('\n');
      lineOpen = false;
      const took = event.status === 'skipped' || event.status === 'refused' ? '' : ` in ${(event.durationMs / 1000).toFixed(1)} s`;
      const [word, style] = STATUS_LINE[event.status];
      print(`  -> ${paint(color, style, word)}${took}${event.reason ? `: ${escapeControlCharacters(event.reason)}` : ''}\n`);
    },
  };
}

function summary(outcome: RunResult & { plan: Plan; stoppedAtChoice?: StoppedAtChoice }): string {
  const counts = new Map<string, number>();
  for (const event of outcome.events) counts.set(event.status, (counts.get(event.status) ?? 0) + 1);
  const parts = [...counts].map(([status, count]) => `${count} ${status}`).join(', ');
  const verdict = outcome.exitCode === 130 ? 'interrupted' : outcome.stoppedAtChoice ? 'stopped at a choice' : outcome.exitCode === 0 ? 'done' : 'failed';
  return `\n${outcome.plan.runbook.id}: ${verdict} (${parts})`;
}

export function registerRun(program: Command, { io, json, setExit, color }: CommandContext): void {
  const collect = (value: string, previous: string[]) => [...previous, value];
  withContentOptions(
    program
      .command('run')
      .description(COMMANDS.run.description)
      .argument('<runbook>', 'runbook id, alias or alert name')
      .option(
        '--step <step>',
        'run only this command or step: its number as `runbook show` prints it, a step or command id, a section, or a unique prefix of one; repeatable',
        collect,
        [],
      )
      .option(
        '--option <option>',
        'at a choice (### Option A/B, ### If ...), take this option: its letter, id or an id prefix, or <choice>:<option> when there are several choices; repeatable',
        collect,
        [],
      )
      .option('--set <name=value>', 'value of a placeholder; repeatable (not for secrets: other users see it in ps; use --env-file or the prompt)', collect, [])
      .option(
        '--env-file <file>',
        'KEY=VALUE lines: placeholder values, and environment for the commands (through npx, put a -- first: npx -- runbook run ... --env-file F, or npm reads the option itself)',
      )
      .option('--dry-run', 'print every command as it would run, and run nothing (values not given are shown as <name> and listed)')
      .option('-y, --yes', 'run change blocks without asking (destructive ones also need --allow-destructive)')
      .option('--allow-destructive', 'with --yes, run destructive blocks without asking')
      .option('--timeout <duration>', "stop long-running blocks after this long, at most 24h (default: the block's timeout, or 30s)")
      .option('--transcript <file>', 'write a transcript to a new file (readable by you only): JSON Lines, or a Markdown summary when the file ends in .md')
      .option('--append', 'add to the --transcript file when it exists, instead of refusing it')
      .option('--json', 'print one JSON event per command (the transcript format) instead of the output')
      .option('--keep-going', 'go on after a command fails or is refused'),
  ).action(async (query: string, options) => {
    const isTTY = Boolean(process.stdin.isTTY && process.stderr.isTTY);
    // Everything printed from the runbook (commands, titles, questions) is escaped; the commands' output is not.
    const out = (text: string) => io.stdout(escapeControlCharacters(text));
    const err = (text: string) => io.stderr(escapeControlCharacters(text));
    const ask = terminalPrompt(process.stdin, process.stderr);
    const controller = new AbortController();
    const onSigint = () => controller.abort();
    process.on('SIGINT', onSigint);
    try {
      const outcome = await runRunbook(
        query,
        { cwd: io.cwd, ...options, warn: err },
        {
          stdout: out,
          stderr: err,
          env: process.env,
          isTTY,
          prompt: (question, asked) => ask(escapeControlCharacters(question), asked),
          signal: controller.signal,
        },
        options.json ? { end: (event) => io.stdout(`${escapeJsonControlCharacters(JSON.stringify(event))}\n`) } : humanReporter(io.stdout, io, color),
      );
      if (outcome.dryRun) {
        if (options.json) json(outcome.plan.commands.map(({ script: _script, ...command }) => command));
        else out(formatDryRun(outcome.plan));
        return;
      }
      if (!options.json) err(`${summary(outcome)}\n`);
      // Without a terminal nobody could choose: a usage error (exit 2) that says how to choose.
      if (outcome.stoppedAtChoice?.reason === 'no-terminal') throw new UsageError(outcome.stoppedAtChoice.message);
      if (outcome.stoppedAtChoice) err(`${outcome.stoppedAtChoice.message}\n`);
      setExit(outcome.exitCode);
    } catch (error) {
      if (!(error instanceof PromptInterrupted)) throw error;
      io.stderr('\nrunbook: interrupted, nothing more was run\n');
      setExit(130);
    } finally {
      process.off('SIGINT', onSigint);
    }
  });
}
