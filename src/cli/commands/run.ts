// runbook run: run a runbook's commands (or some steps) with values filled in, asking before anything risky,
// and keep a transcript. `--dry-run` prints every command exactly as it would run.
import { accessSync, appendFileSync, closeSync, constants, fchmodSync, openSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import type { TranscriptEvent } from '../../schema/transcript.ts';
import { parseDuration } from '../../lib/duration.ts';
import { planRun, RunSetupError, type Plan, type PlannedCommand } from '../../lib/runner/plan.ts';
import { executePlan, type Reporter, type RunnerIo, type RunResult } from '../../lib/runner/runner.ts';
import { markdownSummary, transcriptLine } from '../../lib/runner/transcript.ts';
import { PromptInterrupted, terminalPrompt } from '../../lib/runner/tty.ts';
import { escapeControlCharacters, escapeJsonControlCharacters } from '../../lib/text/control-characters.ts';
import { UsageError, ValidationError } from '../errors.ts';
import { withContentOptions, type CommandContext } from '../context.ts';
import { findRunbook, openProject, type ContentOptions } from '../options.ts';

export interface RunCommandOptions extends ContentOptions {
  step?: string[];
  set?: string[];
  envFile?: string;
  dryRun?: boolean;
  yes?: boolean;
  allowDestructive?: boolean;
  /** Timeout of long-running blocks, as a duration (`60s`). */
  timeout?: string;
  /** JSON Lines file, or a Markdown summary when it ends in .md. */
  transcript?: string;
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

export type RunOutcome = { dryRun: true; plan: Plan } | ({ dryRun: false; plan: Plan } & RunResult);

function timeoutSeconds(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const parsed = parseDuration(text);
  if (!parsed || parsed.min !== parsed.max || parsed.min <= 0) throw new UsageError(`--timeout: expected a duration such as 30s, 2m or 1h, got "${text}"`);
  return Math.max(1, Math.round(parsed.min * 60));
}

function readEnvFile(cwd: string, file: string | undefined): { name: string; text: string } | undefined {
  if (file === undefined) return undefined;
  try {
    return { name: file, text: readFileSync(resolve(cwd, file), 'utf8') };
  } catch (error) {
    throw new UsageError(`--env-file: cannot read "${file}" (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

/** Transcripts hold commands and output (secrets masked, but still the inside of an incident): owner only. */
const TRANSCRIPT_MODE = 0o600;

const errorCode = (error: unknown) => (error as NodeJS.ErrnoException).code ?? String(error);

/** Why `file` cannot be a transcript, with the fix; undefined when it can. Checked before anything runs. */
function transcriptProblem(cwd: string, file: string): string | undefined {
  const path = resolve(cwd, file);
  const folder = dirname(file);
  let existing: ReturnType<typeof statSync> | undefined;
  try {
    if (!statSync(dirname(path)).isDirectory()) return `${folder} is not a folder; choose a path in an existing folder`;
  } catch {
    return `the folder ${folder} does not exist; create it first (mkdir -p ${folder}) or choose another path`;
  }
  try {
    existing = statSync(path);
  } catch {
    // A new file.
  }
  if (existing?.isDirectory()) return `it is a folder; give a file name, such as ${file.replace(/\/*$/, '')}/run.jsonl`;
  try {
    accessSync(existing ? path : dirname(path), constants.W_OK);
  } catch {
    return existing ? 'the file is not writable; choose another path' : `the folder ${folder} is not writable; choose another path`;
  }
  return undefined;
}

/** Creates (or empties) the transcript, readable by its owner only even when it existed before. */
function createTranscript(path: string, file: string): void {
  let fd: number;
  try {
    fd = openSync(path, 'w', TRANSCRIPT_MODE);
  } catch (error) {
    throw new UsageError(`--transcript: cannot write "${file}" (${errorCode(error)}); choose another path`);
  }
  try {
    fchmodSync(fd, TRANSCRIPT_MODE);
  } catch {
    // Someone else's file we may write: its mode is theirs to set.
  } finally {
    closeSync(fd);
  }
}

export async function runRunbook(query: string, options: RunCommandOptions, environment: RunEnvironment, reporter: Reporter = {}): Promise<RunOutcome> {
  const timeout = timeoutSeconds(options.timeout);
  const envFile = readEnvFile(options.cwd, options.envFile);
  // Before values are asked for and commands run, not after: a transcript that cannot be written is a usage error.
  const transcriptIssue = options.transcript !== undefined && !options.dryRun ? transcriptProblem(options.cwd, options.transcript) : undefined;
  if (transcriptIssue) throw new UsageError(`--transcript: cannot write "${options.transcript}": ${transcriptIssue}`);
  const project = await openProject(options);
  const runbook = findRunbook(project, query, 2);
  let plan: Plan;
  try {
    plan = await planRun(runbook, {
      steps: options.step,
      set: options.set,
      ...(envFile ? { envFile } : {}),
      ...(timeout !== undefined ? { timeout } : {}),
      dryRun: options.dryRun,
      env: environment.env,
      isTTY: environment.isTTY,
      prompt: environment.prompt,
      warn: environment.stderr,
    });
  } catch (error) {
    if (error instanceof RunSetupError) {
      // A dry run shows commands as they would run, so it needs the values too; `show` reads them unfilled.
      const missing = error.problems.some((problem) => problem.includes('has no value'));
      throw new ValidationError(options.dryRun && missing ? `${error.message}\nTo read the commands with their placeholders unfilled: runbook show ${runbook.id}` : error.message);
    }
    throw error;
  }
  if (options.dryRun) return { dryRun: true, plan };

  const transcript = options.transcript ? resolve(options.cwd, options.transcript) : undefined;
  const markdown = transcript?.toLowerCase().endsWith('.md');
  if (transcript) createTranscript(transcript, options.transcript!);
  // A transcript that fails mid-run (disk full, file removed) is reported once; the run itself goes on.
  let transcriptFailed = false;
  const transcriptFailure = (error: unknown) => {
    if (transcriptFailed) return;
    transcriptFailed = true;
    environment.stderr(`runbook: cannot write the transcript "${options.transcript}" (${errorCode(error)}); the run goes on without it\n`);
  };
  const result = await executePlan(
    plan,
    {
      cwd: options.cwd,
      yes: options.yes,
      allowDestructive: options.allowDestructive,
      keepGoing: options.keepGoing,
      ...(environment.signal ? { signal: environment.signal } : {}),
      ...(environment.onSpawn ? { onSpawn: environment.onSpawn } : {}),
    },
    environment,
    {
      ...reporter,
      // Written as each command ends, so an interrupted run still leaves its transcript.
      end: (event) => {
        if (transcript && !markdown && !transcriptFailed) {
          const line = transcriptLine(event);
          try {
            appendFileSync(transcript, line, { mode: TRANSCRIPT_MODE });
          } catch (error) {
            transcriptFailure(error);
          }
        }
        reporter.end?.(event);
      },
    },
  );
  if (transcript && markdown) {
    try {
      writeFileSync(transcript, markdownSummary(plan.runbook, result.events, result.exitCode), { mode: TRANSCRIPT_MODE });
    } catch (error) {
      transcriptFailure(error);
    }
  }
  return { dryRun: false, plan, ...result };
}

function describeCommand(command: PlannedCommand): string {
  const notes: string[] = [command.risk];
  if (command.risk === 'change') notes.push('asks for confirmation');
  if (command.risk === 'destructive') notes.push('asks for the runbook id');
  if (command.riskRaised) notes.push(`risk raised: ${command.riskRaised}`);
  if (command.longRunning) notes.push(`long-running${command.longRunningFound ? ` (not marked, but ${command.longRunningFound})` : ''}, stopped after ${command.timeout} s`);
  if (command.interactive) notes.push(`interactive${command.interactiveFound ? ` (not marked, but ${command.interactiveFound})` : ''}, runs only on a terminal`);
  if (command.cannotRun) notes.push(`not run: ${command.cannotRun}`);
  return notes.join(', ');
}

/** A dry run: every command as it would run, as a bash script one could read or paste. */
export function formatDryRun(plan: Plan): string {
  const { runbook, commands } = plan;
  const out = [`# Dry run of ${runbook.id} (${runbook.title}): ${commands.length} command${commands.length === 1 ? '' : 's'}, nothing is run.`];
  commands.forEach((command, index) => {
    out.push('', `# [${index + 1}/${commands.length}] ${command.id}  (${describeCommand(command)})`, command.display);
  });
  if (plan.missingEnv.length) out.push('', `# Not set, needed by a real run: ${plan.missingEnv.map((name) => `$${name}`).join(', ')}`);
  return `${out.join('\n')}\n`;
}

const STATUS_LINE: Record<TranscriptEvent['status'], string> = {
  passed: 'passed',
  failed: 'FAILED',
  stopped: 'stopped',
  skipped: 'skipped',
  refused: 'REFUSED',
  interrupted: 'INTERRUPTED',
};

/**
 * Human output: each command, its output as it comes, then how it ended. `print` and `printErr` escape
 * control characters (the text comes from the runbook); `output` gets the commands' own output as they
 * wrote it (colours included), as if they ran in the terminal.
 */
function humanReporter(print: (text: string) => void, printErr: (text: string) => void, output: { stdout: (text: string) => void; stderr: (text: string) => void }): Reporter {
  let lineOpen = false;
  return {
    start: (command, index, total) => {
      print(`\n[${index + 1}/${total}] ${command.id}  (${describeCommand(command)})\n`);
      print(`${command.display.split('\n').map((line, i) => `${i ? '    ' : '  $ '}${line}`).join('\n')}\n`);
    },
    output: (_command, stream, text) => {
      output[stream](text);
      lineOpen = !text.endsWith('\n');
    },
    end: (event) => {
      if (event.reason?.startsWith('not run: the run')) return;
      if (lineOpen) print('\n');
      lineOpen = false;
      const took = event.status === 'skipped' || event.status === 'refused' ? '' : ` in ${(event.durationMs / 1000).toFixed(1)} s`;
      print(`  -> ${STATUS_LINE[event.status]}${took}${event.reason ? `: ${event.reason}` : ''}\n`);
    },
  };
}

function summary(outcome: RunResult & { plan: Plan }): string {
  const counts = new Map<string, number>();
  for (const event of outcome.events) counts.set(event.status, (counts.get(event.status) ?? 0) + 1);
  const parts = [...counts].map(([status, count]) => `${count} ${status}`).join(', ');
  const verdict = outcome.exitCode === 130 ? 'interrupted' : outcome.exitCode === 0 ? 'done' : 'failed';
  return `\n${outcome.plan.runbook.id}: ${verdict} (${parts})`;
}

export function registerRun(program: Command, { io, json, setExit }: CommandContext): void {
  const collect = (value: string, previous: string[]) => [...previous, value];
  withContentOptions(
    program
      .command('run')
      .description("Run a runbook's commands (or some steps) with placeholders filled, asking before changes")
      .argument('<runbook>', 'runbook id, alias or alert name')
      .option('--step <step>', 'run only this step (step id, command id or section); repeatable', collect, [])
      .option('--set <name=value>', 'value of a placeholder; repeatable (not for secrets: other users see it in ps; use --env-file or the prompt)', collect, [])
      .option('--env-file <file>', 'KEY=VALUE lines: placeholder values, and environment for the commands (through npx, put a -- first: npx -- runbook run ... --env-file F, or npm reads the option itself)')
      .option('--dry-run', 'print every command as it would run, and run nothing')
      .option('-y, --yes', 'run change blocks without asking (destructive ones also need --allow-destructive)')
      .option('--allow-destructive', 'with --yes, run destructive blocks without asking')
      .option('--timeout <duration>', 'stop long-running blocks after this long (default: the block\'s timeout, or 30s)')
      .option('--transcript <file>', 'write a transcript (readable by you only): JSON Lines, or a Markdown summary when the file ends in .md')
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
        { stdout: out, stderr: err, env: process.env, isTTY, prompt: (question, asked) => ask(escapeControlCharacters(question), asked), signal: controller.signal },
        options.json ? { end: (event) => io.stdout(`${escapeJsonControlCharacters(JSON.stringify(event))}\n`) } : humanReporter(out, err, io),
      );
      if (outcome.dryRun) {
        if (options.json) json(outcome.plan.commands.map(({ script: _script, ...command }) => command));
        else out(formatDryRun(outcome.plan));
        return;
      }
      if (!options.json) err(`${summary(outcome)}\n`);
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
