// Runs one script in a fresh `bash -euo pipefail`, in its own process group so that a timeout or Ctrl-C stops
// the whole pipeline (kubectl, grep, ...), not only bash. Output is masked, streamed to a callback and kept, cut
// to a limit.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StreamMask } from './mask.ts';

export interface ExecOptions {
  script: string;
  cwd: string;
  env: Record<string, string | undefined>;
  /** Stop the command after this many milliseconds (SIGTERM, then SIGKILL); reported as `timedOut`. */
  timeoutMs?: number;
  /** Aborting sends SIGINT to the command (then SIGTERM, SIGKILL); reported as `interrupted`. */
  signal?: AbortSignal;
  /** Use the caller's terminal (stdin, stdout, stderr) and stay in its process group: Ctrl-C reaches it directly. */
  interactive?: boolean;
  /** Output with secrets masked (a secret split across two reads too), as it becomes certain. */
  onOutput?: (stream: 'stdout' | 'stderr', text: string) => void;
  /** Values replaced by *** in the output, before it is shown or kept. */
  secrets?: readonly string[];
  /** Characters kept per stream: the first and last halves. */
  limit: number;
  /** Called with the process id once it runs (tests use it to send signals). */
  onSpawn?: (pid: number) => void;
}

export interface ExecResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** Output, secrets masked. */
  stdout: string;
  stderr: string;
  truncated: boolean;
  timedOut: boolean;
  interrupted: boolean;
  /** Set when bash itself could not be started. */
  error?: string;
}

/** How long a command gets to end after each signal before the next, stronger one. */
const GRACE_MS = 2000;

/** Keeps the head and tail of a stream within `limit` characters. */
class Kept {
  private head = '';
  private tail = '';
  private dropped = 0;
  private readonly limit: number;
  constructor(limit: number) {
    this.limit = limit;
  }
  add(text: string): void {
    const half = Math.floor(this.limit / 2);
    if (this.head.length < half) {
      const take = text.slice(0, half - this.head.length);
      this.head += take;
      text = text.slice(take.length);
    }
    this.tail += text;
    if (this.tail.length > this.limit - half) {
      const cut = this.tail.length - (this.limit - half);
      this.dropped += cut;
      this.tail = this.tail.slice(cut);
    }
  }
  get truncated(): boolean {
    return this.dropped > 0;
  }
  toString(): string {
    return this.dropped ? `${this.head}\n[... ${this.dropped} characters left out ...]\n${this.tail}` : this.head + this.tail;
  }
}

/** Longest timer Node can set (setTimeout overflows beyond 2^31 - 1 ms and fires at once). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Script files not yet removed: removed on exit too, should the process end while a command runs. */
const scriptFiles = new Set<string>();
let removeOnExit = false;

function removeScriptFile(dir: string): void {
  scriptFiles.delete(dir);
  rmSync(dir, { recursive: true, force: true });
}

/**
 * Writes the script to a file only its owner can read (0600, in a fresh 0700 folder). The script (secret values
 * included) goes to bash this way, not through argv, which every user of the machine sees in `ps` and the kernel
 * limits to 128 KiB an argument (E2BIG), nor through stdin, which the commands may read themselves.
 */
function writeScriptFile(script: string): { dir: string; file: string } {
  if (!removeOnExit) {
    removeOnExit = true;
    process.once('exit', () => [...scriptFiles].forEach(removeScriptFile));
  }
  const dir = mkdtempSync(join(tmpdir(), 'runbook-'));
  scriptFiles.add(dir);
  const file = join(dir, 'script.sh');
  writeFileSync(file, script, { mode: 0o600, flag: 'wx' });
  return { dir, file };
}

/** The result of a script that never started (its file could not be written, bash could not be spawned). */
function notRun(error: string): ExecResult {
  return { exitCode: null, signal: null, stdout: '', stderr: '', truncated: false, timedOut: false, interrupted: false, error };
}

export function execScript(options: ExecOptions): Promise<ExecResult> {
  if (options.timeoutMs !== undefined && !(options.timeoutMs > 0 && options.timeoutMs <= MAX_TIMER_MS)) {
    throw new RangeError(`timeout of ${options.timeoutMs} ms: expected 1 to ${MAX_TIMER_MS} ms`);
  }
  return new Promise((resolve) => {
    let scriptFile: { dir: string; file: string };
    try {
      scriptFile = writeScriptFile(options.script);
    } catch (error) {
      resolve(notRun(`cannot write the script file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`));
      return;
    }
    const child = spawn('bash', ['--noprofile', '--norc', '-euo', 'pipefail', scriptFile.file], {
      cwd: options.cwd,
      env: options.env,
      detached: !options.interactive,
      stdio: options.interactive ? 'inherit' : ['ignore', 'pipe', 'pipe'],
    });
    const kept = { stdout: new Kept(options.limit), stderr: new Kept(options.limit) };
    const masks = { stdout: new StreamMask(options.secrets ?? []), stderr: new StreamMask(options.secrets ?? []) };
    const emit = (stream: 'stdout' | 'stderr', text: string) => {
      if (!text) return;
      kept[stream].add(text);
      options.onOutput?.(stream, text);
    };
    let timedOut = false;
    let interrupted = false;
    const timers: NodeJS.Timeout[] = [];

    const signalGroup = (signal: NodeJS.Signals) => {
      if (child.pid === undefined) return;
      try {
        if (options.interactive) child.kill(signal);
        else process.kill(-child.pid, signal);
      } catch {
        // Already gone.
      }
    };
    /** Signals in order, each after the grace period of the one before, until the command ends. */
    const escalate = (signals: NodeJS.Signals[]) => {
      signals.forEach((signal, index) => timers.push(setTimeout(() => signalGroup(signal), index * GRACE_MS)));
    };
    const onAbort = () => {
      if (interrupted || timedOut) return;
      interrupted = true;
      escalate(['SIGINT', 'SIGTERM', 'SIGKILL']);
    };
    if (options.signal?.aborted) onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.timeoutMs !== undefined) {
      timers.push(
        setTimeout(() => {
          if (interrupted) return;
          timedOut = true;
          escalate(['SIGTERM', 'SIGKILL']);
        }, options.timeoutMs),
      );
    }
    if (child.pid !== undefined) options.onSpawn?.(child.pid);

    for (const stream of ['stdout', 'stderr'] as const) {
      child[stream]?.setEncoding('utf8');
      child[stream]?.on('data', (text: string) => emit(stream, masks[stream].push(text)));
    }

    let spawnError: string | undefined;
    child.on('error', (error) => {
      spawnError = error.message;
      if (child.pid !== undefined) return;
      timers.forEach(clearTimeout);
      removeScriptFile(scriptFile.dir);
      resolve(notRun(`cannot start bash: ${error.message}`));
    });
    child.on('exit', () => {
      // Whatever the script left running in its group (a `&` job) ends with it; its pipes then close.
      if (!options.interactive) signalGroup('SIGTERM');
      timers.push(
        setTimeout(() => {
          child.stdout?.destroy();
          child.stderr?.destroy();
        }, 500),
      );
    });
    child.on('close', (code, signal) => {
      timers.forEach(clearTimeout);
      removeScriptFile(scriptFile.dir);
      // Every piece has arrived: what each stream held back can go out now.
      for (const stream of ['stdout', 'stderr'] as const) emit(stream, masks[stream].flush());
      options.signal?.removeEventListener('abort', onAbort);
      resolve({
        exitCode: code,
        signal,
        stdout: kept.stdout.toString(),
        stderr: kept.stderr.toString(),
        truncated: kept.stdout.truncated || kept.stderr.truncated,
        timedOut,
        // A SIGINT sent to the command's group directly (not through the runner) is an interrupt too.
        interrupted: interrupted || signal === 'SIGINT' || code === 130,
        ...(spawnError ? { error: spawnError } : {}),
      });
    });
  });
}
