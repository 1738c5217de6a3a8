// Start-up of the `runbook` CLI next to `node -e 0`: the commands someone types first (`--version`,
// `--help`, `list`, `show`), each timed in fresh processes, after one untimed run that fills the caches
// (Node's compile cache, the runbook cache), as a person at a terminal meets them from the second run on.
import { median, runProcess } from './measure.ts';

export const STARTUP_COMMANDS = ['--version', '--help', 'list', 'show'] as const;
export type StartupCommand = (typeof STARTUP_COMMANDS)[number];

export interface StartupFigures {
  /** Wall time of `node -e 0`, ms, per run. */
  nodeMs: number[];
  /** Wall time of each command, ms, per run. */
  commandMs: Record<StartupCommand, number[]>;
}

/** The start-up budget: `limit` × `node -e 0` at N=50, and at N=2,000. */
export const startupLimit = (n: number) => (n <= 50 ? 2 : 3);

export async function startupFigures(cli: string, root: string, showId: string, runs: number): Promise<StartupFigures> {
  const args: Record<StartupCommand, string[]> = { '--version': ['--version'], '--help': ['--help'], list: ['list'], show: ['show', showId] };
  const time = async (argv: string[]) => {
    const result = await runProcess(process.execPath, argv, root);
    if (result.status !== 0) throw new Error(`${argv.join(' ')} exited ${result.status} in ${root}:\n${result.stderr.slice(-2000)}`);
    return result.ms;
  };
  for (const command of STARTUP_COMMANDS) await time([cli, ...args[command]]);
  // The corpus was just written, and the cache does not trust the stamp of a file modified within the last
  // second (src/lib/cache/file-cache.ts): warm up again once the files are older, as they are on a real checkout.
  await new Promise((resolve) => setTimeout(resolve, 1100));
  for (const command of STARTUP_COMMANDS) await time([cli, ...args[command]]);
  await time(['-e', '0']);
  const nodeMs: number[] = [];
  const commandMs = Object.fromEntries(STARTUP_COMMANDS.map((command) => [command, [] as number[]])) as Record<StartupCommand, number[]>;
  // Interleaved, so that a busy moment of the machine weighs on every figure alike.
  for (let run = 0; run < runs; run++) {
    nodeMs.push(await time(['-e', '0']));
    for (const command of STARTUP_COMMANDS) commandMs[command].push(await time([cli, ...args[command]]));
  }
  return { nodeMs, commandMs };
}

export const startupRatio = (figures: StartupFigures, command: StartupCommand) => median(figures.commandMs[command]) / median(figures.nodeMs);
