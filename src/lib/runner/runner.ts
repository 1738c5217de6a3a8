// Runs a plan: asks for confirmation where a block's risk needs it, runs each command in turn and produces one
// transcript event per command. Printing is the caller's: it gets the same events through a reporter.
import type { TranscriptEvent, TranscriptStatus } from '../../schema/transcript.ts';
import { execScript, type ExecResult } from './exec.ts';
import type { Plan, PlannedCommand } from './plan.ts';

export interface RunnerIo {
  /** Whether a person is at a terminal: confirmations and interactive blocks need one. */
  isTTY: boolean;
  /** Asks a question on the terminal; called only when isTTY. */
  prompt: (question: string, options?: { secret?: boolean }) => Promise<string>;
}

export interface Reporter {
  /** A command is about to run, or to be shown only, or refused (`end` tells which); not called for commands left out after a stop. */
  start?: (command: PlannedCommand, index: number, total: number) => void;
  /** Output of the running command, secrets masked, as it arrives. */
  output?: (command: PlannedCommand, stream: 'stdout' | 'stderr', text: string) => void;
  /** A command's event; `started` is false for commands left out after a stop (no `start` was reported for them). */
  end?: (event: TranscriptEvent, context: { started: boolean }) => void;
}

export interface ExecuteOptions {
  cwd: string;
  /** Run `change` blocks (and, with allowDestructive, `destructive` ones) without asking. */
  yes?: boolean;
  allowDestructive?: boolean;
  /** Go on after a failed or refused command. */
  keepGoing?: boolean;
  /** Aborting (Ctrl-C) stops the running command and the run. */
  signal?: AbortSignal;
  /** Characters of stdout and of stderr kept per command in the transcript. */
  outputLimit?: number;
  onSpawn?: (command: PlannedCommand, pid: number) => void;
}

export interface RunResult {
  /** 0 all passed (or stopped at a timeout, or skipped), 1 a command failed or was refused, 130 interrupted. */
  exitCode: 0 | 1 | 130;
  events: TranscriptEvent[];
}

export const DEFAULT_OUTPUT_LIMIT = 16_000;

class Interrupted extends Error {}

export async function executePlan(plan: Plan, options: ExecuteOptions, io: RunnerIo, reporter: Reporter = {}): Promise<RunResult> {
  const events: TranscriptEvent[] = [];
  let stoppedBy: string | undefined;
  let interrupted = false;

  for (const [index, command] of plan.commands.entries()) {
    const start = new Date();
    let started = false;
    const record = (status: TranscriptStatus, fields: Partial<TranscriptEvent> = {}) => {
      const end = new Date();
      const event: TranscriptEvent = {
        runbook: plan.runbook.id,
        id: command.id,
        step: command.step,
        ...(command.option ? { option: command.option } : {}),
        language: command.language,
        risk: command.risk,
        command: command.display,
        start: start.toISOString(),
        end: end.toISOString(),
        durationMs: Math.max(0, end.getTime() - start.getTime()),
        exitCode: null,
        status,
        stdout: '',
        stderr: '',
        truncated: false,
        ...fields,
      };
      events.push(event);
      reporter.end?.(event, { started });
    };

    if (interrupted || options.signal?.aborted) {
      interrupted = true;
      record('skipped', { reason: 'not run: the run was interrupted' });
      continue;
    }
    if (stoppedBy) {
      record('skipped', { reason: `not run: the run stopped at ${stoppedBy}` });
      continue;
    }
    started = true;
    reporter.start?.(command, index, plan.commands.length);
    if (!command.script) {
      record('skipped', { reason: `not run: ${command.cannotRun}` });
      continue;
    }
    if (command.interactive && !io.isTTY) {
      record('skipped', { reason: 'interactive: shown, not run (it needs a terminal)' });
      continue;
    }

    let refusal: string | undefined;
    try {
      refusal = await confirm(plan, command, options, io);
    } catch (error) {
      if (!(error instanceof Interrupted)) throw error;
      interrupted = true;
      record('interrupted', { reason: 'interrupted while asking for confirmation' });
      continue;
    }
    if (refusal) {
      record('refused', { reason: refusal });
      if (!options.keepGoing) stoppedBy = `${command.id} (refused)`;
      continue;
    }

    const result = await execScript({
      script: command.script,
      cwd: options.cwd,
      env: plan.env,
      ...(command.longRunning && command.timeout !== undefined ? { timeoutMs: command.timeout * 1000 } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      interactive: command.interactive,
      limit: options.outputLimit ?? DEFAULT_OUTPUT_LIMIT,
      // Masked in exec, before anything is shown or kept: a secret split across two reads of a pipe is masked too.
      secrets: plan.secrets,
      onOutput: (stream, text) => reporter.output?.(command, stream, text),
      onSpawn: (pid) => options.onSpawn?.(command, pid),
    });
    const { status, reason } = outcome(command, result);
    record(status, {
      exitCode: result.exitCode,
      ...(result.signal ? { signal: result.signal } : {}),
      ...(reason ? { reason } : {}),
      stdout: result.stdout,
      stderr: result.stderr,
      truncated: result.truncated,
    });
    if (status === 'interrupted') interrupted = true;
    else if (status === 'failed' && !options.keepGoing) stoppedBy = `${command.id} (failed)`;
  }

  const exitCode = interrupted ? 130 : events.some((event) => event.status === 'failed' || event.status === 'refused') ? 1 : 0;
  return { exitCode, events };
}

function outcome(command: PlannedCommand, result: ExecResult): { status: TranscriptStatus; reason?: string } {
  if (result.error) return { status: 'failed', reason: result.error };
  if (result.interrupted) return { status: 'interrupted', reason: 'interrupted (Ctrl-C)' };
  if (result.timedOut) return { status: 'stopped', reason: `long-running: stopped at its ${command.timeout} s timeout` };
  if (result.exitCode === 0) return { status: 'passed' };
  return { status: 'failed', reason: result.signal ? `ended by ${result.signal}` : `exit code ${result.exitCode}` };
}

/** Undefined when the command may run; otherwise why it was refused. */
async function confirm(plan: Plan, command: PlannedCommand, options: ExecuteOptions, io: RunnerIo): Promise<string | undefined> {
  const id = plan.runbook.id;
  // Ctrl-C at the prompt (the terminal's, or the run's signal) interrupts the run.
  const ask = (question: string) =>
    raceAbort(
      io.prompt(question).catch(() => {
        throw new Interrupted();
      }),
      options.signal,
    );
  if (command.risk === 'change') {
    if (options.yes) return undefined;
    if (!io.isTTY) return 'change: needs confirmation; run it on a terminal or pass --yes';
    const answer = (await ask(`${command.id} changes state (risk: change). Run it? [y/N] `)).trim().toLowerCase();
    return answer === 'y' || answer === 'yes' ? undefined : 'change: not confirmed';
  }
  if (command.risk === 'destructive') {
    if (options.yes && options.allowDestructive) return undefined;
    if (!io.isTTY) return 'destructive: needs the runbook id typed on a terminal, or --yes --allow-destructive';
    const answer = (await ask(`${command.id} is destructive. Type the runbook id (${id}) to run it: `)).trim();
    return answer === id ? undefined : 'destructive: the runbook id was not typed back';
  }
  return undefined;
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(new Interrupted());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Interrupted());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
