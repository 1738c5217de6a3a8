// What a command needs besides its risk: whether it ends by itself (`kubectl logs -f`, `redis-cli MONITOR`
// do not) and whether it needs a person at a terminal (`kubectl exec -it`, bare `psql`). Tables keyed by
// program like the risk table; the lint rules ask for the fence attributes and the runner treats an unmarked
// block by what it does.
import type { Command, CommandWord } from './shell/commands.ts';
import { commandView, glob, indexByProgram, matchCommand, type CommandPattern } from './shell/patterns.ts';
import { findFlag } from './shell/programs.ts';

export interface CommandTrait extends CommandPattern {
  /** For `redis-cli`: the Redis command, `a|b` alternatives (case-insensitive). */
  redis?: string;
  /** A further condition, for what a pattern cannot say (`psql` with no query and no input). */
  when?: (command: Command, commands: readonly Command[]) => boolean;
  /** Why, shown after the command: "`kubectl logs -f` follows the log". */
  reason: string;
  hint?: string;
}

const args = (command: Command) => commandView(command).args;
const without = (flags: readonly string[]) => (command: Command) => !findFlag(command.program, args(command), flags);
const fedInput = (command: Command) => command.stdin !== undefined;
const noPositional = (command: Command, commands: readonly Command[]) =>
  !commands.some((other) => other.parent === command.index) && commandView(command).positional.length === 0;

/** Commands that do not end by themselves. */
// One trait per line reads as a table (Prettier would spread each over several lines).
// prettier-ignore
const LONG_RUNNING: readonly CommandTrait[] = [
  { pattern: 'kubectl logs', withFlag: ['-f', '--follow'], reason: 'follows the log', hint: 'For a snapshot drop -f and use --since=15m or --tail=200.' },
  { pattern: 'kubectl get|events|top', withFlag: ['-w', '--watch', '--watch-only'], reason: 'watches for changes' },
  { pattern: 'kubectl port-forward', reason: 'forwards a port until stopped' },
  { pattern: 'kubectl proxy', reason: 'serves the Kubernetes API until stopped' },
  { pattern: 'kubectl attach', reason: 'stays attached to a container' },
  { pattern: 'journalctl', withFlag: ['-f', '--follow'], reason: 'follows the journal' },
  { pattern: 'docker logs', withFlag: ['-f', '--follow'], reason: 'follows the log' },
  { pattern: 'docker compose|service logs', withFlag: ['-f', '--follow'], reason: 'follows the log' },
  { pattern: 'docker stats', withoutFlag: ['--no-stream'], reason: 'refreshes until stopped', hint: 'Add --no-stream for a snapshot.' },
  { pattern: 'docker events', withoutFlag: ['--until'], reason: 'streams events until stopped' },
  { pattern: 'docker compose up', withoutFlag: ['-d', '--detach'], reason: 'runs in the foreground until stopped' },
  { pattern: 'tail', withFlag: ['-f', '-F', '--follow'], reason: 'follows the file', hint: 'For a snapshot drop -f: `tail -n 200 FILE`.' },
  { pattern: 'watch', withoutFlag: ['-g', '--chgexit'], reason: 'repeats the command until stopped' },
  { pattern: 'top', withoutFlag: ['-n', '--iterations'], reason: 'refreshes until stopped', hint: 'For a snapshot use `top -b -n 1`.' },
  { pattern: 'iotop', withoutFlag: ['-n', '--iter'], reason: 'refreshes until stopped', hint: 'For a snapshot use `iotop -b -n 1`.' },
  { pattern: 'htop|btop|atop|glances|iftop|nethogs|nload|bmon|nmon|k9s', reason: 'refreshes until stopped' },
  { pattern: 'redis-cli', redis: 'MONITOR|SUBSCRIBE|PSUBSCRIBE|SSUBSCRIBE', reason: 'streams until stopped' },
  { pattern: 'redis-cli', withFlag: ['--stat', '--latency', '--latency-history', '--latency-dist'], reason: 'samples until stopped' },
  { pattern: 'ping', withoutFlag: ['-c', '-w', '--count', '--deadline'], reason: 'pings until stopped', hint: 'Add -c 5.' },
  // tcpdump ends after -c packets, at the end of the file it reads (-r), after -W files when -G rotates them by
  // time (`-G 30 -W 1`: one 30 s file; -W with -C alone only rings over the files), or at once listing interfaces.
  {
    pattern: 'tcpdump',
    withoutFlag: ['-c', '--count', '-r', '-D', '--list-interfaces', '-L', '--list-data-link-types', '--version', '-h', '--help'],
    when: (command) => !(findFlag(command.program, args(command), ['-G', '--rotate-seconds']) && findFlag(command.program, args(command), ['-W', '--limit-file-count'])),
    reason: 'captures until stopped',
    hint: 'Bound it: `-c 100` packets, or `-G 30 -W 1` for one 30 s file.',
  },
  { pattern: 'vmstat|iostat|mpstat|pidstat|sar', when: (command) => commandView(command).positional.filter((word) => /^\d+$/.test(word.value)).length === 1, reason: 'samples until stopped (an interval without a count)', hint: 'Add a count: `vmstat 1 5`.' },
  // dstat [DELAY [COUNT]] samples every second until stopped unless a count follows the delay.
  { pattern: 'dstat', when: (command) => commandView(command).positional.filter((word) => /^\d+$/.test(word.value)).length < 2, reason: 'samples until stopped', hint: 'Add a delay and a count: `dstat 1 10`.' },
  { pattern: 'stern|kubetail', withoutFlag: ['--no-follow'], reason: 'follows the logs' },
  { pattern: 'aws logs tail', withFlag: ['--follow'], reason: 'follows the logs' },
  { pattern: 'heroku logs', withFlag: ['-t', '--tail'], reason: 'follows the logs' },
  { pattern: 'gcloud|az ** tail', reason: 'follows the logs' },
  { pattern: 'aws ssm start-session', when: (command) => /PortForwarding/i.test(optionValue(command, '--document-name') ?? ''), reason: 'forwards a port until stopped' },
  { pattern: 'go tool pprof', when: (command) => Boolean(pprofOutput(command)?.startsWith('-http')), reason: 'serves the profile viewer until stopped' },
  { pattern: 'pprof', when: (command) => Boolean(pprofOutput(command)?.startsWith('-http')), reason: 'serves the profile viewer until stopped' },
  { pattern: 'sleep infinity', reason: 'never ends' },
  { pattern: 'etcdctl watch', reason: 'watches keys until stopped' },
  { pattern: 'consul monitor', reason: 'streams the agent log until stopped' },
  { pattern: 'strace', withFlag: ['-p', '--attach'], reason: 'traces the process until stopped', hint: 'Bound it: `timeout 10 strace -p PID`.' },
  { pattern: 'nc|ncat|netcat', withFlag: ['-l', '--listen'], reason: 'listens until stopped' },
];

/** A command given after `--` (`oc debug node/x -- chroot /host ls`), or run by this one as a wrapper. */
const runsCommand = (command: Command, commands: readonly Command[]) =>
  commands.some((other) => other.parent === command.index) || args(command).some((word) => word.value === '--');

/**
 * For a command given a terminal (`kubectl exec -it`, `docker run -it`): whether it runs no command of its own
 * (the container's, often a shell, gets the terminal), or one that needs a person (a shell, an editor, `top`).
 */
function needsTerminalInside(command: Command, commands: readonly Command[]): boolean {
  if (!runsCommand(command, commands)) return true;
  const inside = (other: Command) => {
    for (let parent = other.parent; parent !== undefined; parent = commands[parent].parent) if (parent === command.index) return true;
    return false;
  };
  return commands.some((other) => inside(other) && findTrait(INTERACTIVE, other, commands) !== undefined);
}

const DB_QUERY_FLAGS = ['-c', '--command', '-f', '--file', '-l', '--list', '-V', '--version', '--help'];

/** The value of a `--name value` or `--name=value` option. */
function optionValue(command: Command, name: string): string | undefined {
  const words = args(command);
  for (let i = 0; i < words.length; i++) {
    if (words[i].value === name) return words[i + 1]?.value;
    if (words[i].value.startsWith(`${name}=`)) return words[i].value.slice(name.length + 1);
  }
  return undefined;
}

/** pprof's report options: with one it prints (or serves, `-http`) and ends; without, it opens its interactive shell. */
const PPROF_OUTPUT =
  /^--?(top|text|list|peek|traces|tree|raw|disasm|dot|svg|png|pdf|gif|ps|eog|evince|gv|web|weblist|callgrind|kcachegrind|proto|output|http)(=|$)/;
const pprofOutput = (command: Command) =>
  args(command)
    .find((word) => PPROF_OUTPUT.test(word.value))
    ?.value.replace(/^--/, '-');

/** `git commit` and `git revert` open an editor for the message unless one of these gives it or skips the commit. */
const GIT_MESSAGE = {
  commit: ['-m', '--message', '-F', '--file', '-C', '--reuse-message', '--no-edit', '--fixup', '--dry-run', '--help'],
  revert: ['--no-edit', '-n', '--no-commit', '--abort', '--quit', '--skip', '--help'],
} as const;

/** Commands that need a person at a terminal. */
// prettier-ignore
const INTERACTIVE: readonly CommandTrait[] = [
  // `-t` gives the command inside a terminal; that command decides whether a person must answer it: `kubectl exec
  // -it POD -- df -h` ends by itself (-it is needless, not interactive), `-- sh`, `-- top`, `-- psql` do not. With
  // no command the container's own one (a shell, in a debug container) gets the terminal.
  { pattern: 'kubectl exec|run', withFlag: ['-t', '--tty'], when: needsTerminalInside, reason: 'asks for a terminal', hint: 'If the command inside needs no terminal, drop -it: `kubectl exec POD -- COMMAND` runs it unattended.' },
  { pattern: 'kubectl debug', withFlag: ['-t', '--tty'], when: needsTerminalInside, reason: 'asks for a terminal', hint: 'Give the command: `kubectl debug node/NODE --image=IMAGE -- chroot /host COMMAND` runs it and ends.' },
  { pattern: 'kubectl attach', withFlag: ['-t', '--tty'], reason: 'asks for a terminal' },
  { pattern: 'docker exec|run', withFlag: ['-t', '--tty'], withoutFlag: ['-d', '--detach'], when: needsTerminalInside, reason: 'asks for a terminal', hint: 'If the command inside needs no terminal, drop -it.' },
  { pattern: 'docker attach', reason: 'attaches the terminal to a container' },
  { pattern: 'kubectl edit', reason: 'opens an editor', hint: 'Use `kubectl patch` or `kubectl apply` to change objects without an editor.' },
  { pattern: 'psql', when: (command) => without(DB_QUERY_FLAGS)(command) && !fedInput(command), reason: 'opens an interactive session', hint: 'Pass the query: `psql "$DATABASE_URL" -c "..."`, or put the SQL in a sql block.' },
  { pattern: 'mysql', when: (command) => without(['-e', '--execute', '-V', '--version', '--help'])(command) && !fedInput(command), reason: 'opens an interactive session', hint: 'Pass the query: `mysql -e "..."`.' },
  { pattern: 'mongosh', when: (command) => without(['--eval', '-f', '--file', '--version', '--help'])(command) && !fedInput(command) && !commandView(command).positional.some((word) => /\.js$/.test(word.value)), reason: 'opens an interactive session', hint: 'Pass the command: `mongosh --eval "..."`.' },
  { pattern: 'sqlite3', when: (command) => commandView(command).positional.length <= 1 && !fedInput(command) && without(['-version', '--version', '-help'])(command), reason: 'opens an interactive session' },
  {
    pattern: 'redis-cli',
    when: (command, commands) =>
      noPositional(command, commands) &&
      !fedInput(command) &&
      without(['--stat', '--latency', '--latency-history', '--latency-dist', '--bigkeys', '--memkeys', '--hotkeys', '--keystats', '--scan', '--pipe', '--rdb', '--functions-rdb', '--eval', '-x', '--intrinsic-latency', '--lru-test', '--cluster', '--replica', '-v', '--version', '--help'])(command),
    reason: 'opens an interactive session',
    hint: 'Give the Redis command: `redis-cli INFO memory`.',
  },
  { pattern: 'ssh', when: (command, commands) => !commands.some((other) => other.parent === command.index) && commandView(command).positional.length <= 1 && without(['-N', '-O', '-V', '-G', '-Q'])(command), reason: 'opens a remote shell', hint: 'Give the remote command: `ssh HOST "COMMAND"`.' },
  { pattern: 'ssh', withFlag: ['-t'], reason: 'asks for a terminal' },
  { pattern: 'shell', when: (command, commands) => noPositional(command, commands) && !fedInput(command) && without(['-c', '--version', '--help'])(command), reason: 'starts an interactive shell', hint: 'Run the commands directly, or with `sh -c "..."`.' },
  { pattern: 'sudo', withFlag: ['-i', '-s', '--login', '--shell'], when: noPositional, reason: 'starts an interactive shell' },
  { pattern: 'su', when: without(['-c', '--command']), reason: 'starts an interactive shell' },
  { pattern: 'vim|vi|nvim|nano|emacs|pico|joe|mcedit|visudo|vipw|vigr', reason: 'opens an editor' },
  { pattern: 'crontab', withFlag: ['-e'], reason: 'opens an editor' },
  { pattern: 'systemctl edit', reason: 'opens an editor' },
  { pattern: 'less|more|most|man', reason: 'opens a pager', hint: 'Print the text instead: `cat`, `head`, `grep`.' },
  { pattern: 'top', withoutFlag: ['-b', '--batch'], reason: 'is a full-screen display', hint: 'For a snapshot use `top -b -n 1`.' },
  { pattern: 'iotop', withoutFlag: ['-b', '--batch'], reason: 'is a full-screen display', hint: 'For a snapshot use `iotop -b -n 1`.' },
  { pattern: 'htop|btop|atop|glances|iftop|nethogs|nmon|k9s|mc|tmux|screen|tig', reason: 'is a full-screen display' },
  { pattern: 'python|python3|node|irb|ipython|bpython', when: (command, commands) => noPositional(command, commands) && !fedInput(command) && without(['-c', '-e', '--eval', '-m', '--version', '-V'])(command), reason: 'starts a REPL' },
  { pattern: 'read', when: (command) => !fedInput(command), reason: 'waits for input' },
  { pattern: 'passwd', reason: 'asks for a password' },
  { pattern: 'aws ssm start-session', reason: 'opens a remote session' },
  { pattern: 'watch', reason: 'is a full-screen display' },
  { pattern: 'go tool pprof', when: (command) => !pprofOutput(command) && without(['-h', '--help'])(command), reason: 'opens the interactive pprof shell', hint: 'Print a report instead: `go tool pprof -top FILE` (or -text, -svg, -png).' },
  { pattern: 'pprof', when: (command) => !pprofOutput(command) && without(['-h', '--help'])(command), reason: 'opens the interactive pprof shell', hint: 'Print a report instead: `pprof -top FILE` (or -text, -svg, -png).' },
  { pattern: 'git commit', withoutFlag: GIT_MESSAGE.commit, reason: 'opens an editor for the commit message', hint: 'Give the message: `git commit -m "..."`.' },
  { pattern: 'git revert', withoutFlag: GIT_MESSAGE.revert, reason: 'opens an editor for the commit message', hint: 'Keep the default message: `git revert --no-edit COMMIT`.' },
  { pattern: 'git rebase', withFlag: ['-i', '--interactive'], reason: 'opens an editor for the rebase plan' },
  { pattern: 'git add', withFlag: ['-p', '--patch', '-i', '--interactive', '-e', '--edit'], reason: 'asks about each change' },
  {
    pattern: 'terraform apply|destroy',
    // `terraform apply PLANFILE` applies a saved plan without asking.
    when: (command) => without(['-auto-approve', '--auto-approve', '-help', '--help'])(command) && !commandView(command).positional.some((word) => !/^(apply|destroy)$/.test(word.value)),
    reason: 'asks to type "yes" before it changes anything',
    hint: 'Save the reviewed plan and apply that: `terraform plan -out=tfplan`, then `terraform apply tfplan` (it does not ask).',
  },
  { pattern: 'aws ecs execute-command', withFlag: ['--interactive'], reason: 'opens a remote session' },
  { pattern: 'gcloud compute ssh', withoutFlag: ['--command'], reason: 'opens a remote shell' },
  // `oc debug` without a command opens a shell in the debug pod (kubectl debug needs -it for that, above).
  { pattern: 'oc debug', when: (command, commands) => !runsCommand(command, commands), reason: 'opens a shell in a debug pod', hint: 'Give the command: `oc debug node/NODE -- chroot /host COMMAND` runs it and ends.' },
  { pattern: 'oc rsh', when: (command) => commandView(command).positional.length <= 2, reason: 'opens a shell in the pod', hint: 'Give the command: `oc rsh POD COMMAND`, or `oc exec POD -- COMMAND`.' },
  { pattern: 'crictl exec', withFlag: ['-t', '--tty'], when: needsTerminalInside, reason: 'asks for a terminal', hint: 'If the command inside needs no terminal, drop -it.' },
  { pattern: 'crictl attach', withFlag: ['-t', '--tty'], reason: 'asks for a terminal' },
  { pattern: 'chroot', when: (command) => commandView(command).positional.length <= 1 && !fedInput(command), reason: 'starts a shell in the new root', hint: 'Give the command: `chroot /host COMMAND`.' },
  { pattern: 'nsenter', when: (command) => commandView(command).positional.length === 0 && !fedInput(command), reason: 'starts a shell in the namespaces', hint: 'Give the command: `nsenter -t PID -n COMMAND`.' },
  { pattern: 'toolbox', when: (command) => commandView(command).positional.length === 0 && !fedInput(command), reason: 'starts a shell in a tools container' },
  { pattern: 'virtctl console|vnc', reason: 'attaches to the virtual machine\'s console' },
  { pattern: 'virtctl ssh', withoutFlag: ['-c', '--command'], reason: 'opens a shell on the virtual machine', hint: 'Give the command: `virtctl ssh VM --command "COMMAND"`.' },
  { pattern: 'gitlab-rails|rails console|c|dbconsole|db', reason: 'opens a Rails console', hint: 'Run the code with `gitlab-rails runner "..."`.' },
  { pattern: 'pgb-console*', when: (command) => without(DB_QUERY_FLAGS)(command) && !fedInput(command), reason: 'opens a PgBouncer console session', hint: 'Pass the command: `pgb-console -c "SHOW POOLS;"`.' },
  { pattern: 'openssl s_client', when: (command) => !fedInput(command), reason: 'waits for input after the handshake', hint: 'Give it no input: `openssl s_client -connect HOST:443 </dev/null`.' },
  { pattern: 'telnet', reason: 'opens an interactive session' },
  { pattern: 'gdb', withoutFlag: ['-batch', '--batch'], reason: 'opens the debugger\'s prompt', hint: 'Give the commands: `gdb -batch -ex bt -p PID`.' },
  { pattern: 'gcloud auth login', withoutFlag: ['--cred-file'], reason: 'opens a browser to log in' },
  { pattern: 'az login', withoutFlag: ['--service-principal', '--identity', '-i'], reason: 'opens a browser to log in' },
  { pattern: 'aws sso login', reason: 'opens a browser to log in' },
  { pattern: 'etcdctl txn|watch', withFlag: ['-i', '--interactive'], reason: 'reads its requests from the terminal', hint: 'Give the requests on stdin from a heredoc instead of -i.' },
  { pattern: 'vault login', when: (command) => commandView(command).positional.length === 1 && !command.argv.some((word) => /^-(?:method|token-only|no-store)/.test(word.value) || word.value === '-'), reason: 'asks for the token', hint: 'Log in with `vault login -method=oidc` or set VAULT_TOKEN from your secret store.' },
  { pattern: 'aws configure', when: (command) => commandView(command).positional.length === 1, reason: 'asks for the credentials', hint: 'Set values with `aws configure set NAME VALUE`.' },
  { pattern: 'perf top', reason: 'is a full-screen display' },
];

/** The editor the user chose (`$EDITOR file`, `sudo -u git "${VISUAL}" file`): a program known only when it runs, but an editor. */
const EDITOR_VARIABLE: CommandTrait = {
  pattern: '$EDITOR',
  reason: 'opens an editor',
  hint: 'Change the file without an editor (`sed -i`, `tee` from a heredoc), or mark the block interactive.',
};
const isEditorVariable = (command: Command) => /^\$(?:\{(?:EDITOR|VISUAL)\}|EDITOR|VISUAL)$/.test(command.argv[0]?.value ?? '');

const indexes = new WeakMap<readonly CommandTrait[], (command: Command) => readonly CommandTrait[]>();

/** The first trait a command has, with the words that show it (`kubectl logs -f`). */
function findTrait(traits: readonly CommandTrait[], command: Command, commands: readonly Command[]): { trait: CommandTrait; words: CommandWord[] } | undefined {
  let index = indexes.get(traits);
  if (!index) indexes.set(traits, (index = indexByProgram(traits)));
  for (const trait of index(command)) {
    const match = matchCommand(command, trait);
    if (!match) continue;
    const words = [...match.words, ...(match.flag ? [match.flag] : [])];
    if (trait.redis) {
      const first = commandView(command).positional[0];
      if (!first || !glob(trait.redis, 'i').test(first.value)) continue;
      words.push(first);
    }
    if (trait.when && !trait.when(command, commands)) continue;
    return { trait, words };
  }
  return undefined;
}

export type TraitName = 'long-running' | 'interactive';

const TRAITS: Record<TraitName, readonly CommandTrait[]> = { 'long-running': LONG_RUNNING, interactive: INTERACTIVE };

export interface TraitFinding {
  command: Command;
  trait: CommandTrait;
  /** The words that show it (`kubectl logs -f`). */
  words: CommandWord[];
}

/**
 * The commands that have the trait, in order. A command run under `timeout` ends; a command inside one already
 * found (`watch kubectl get pods`) is the same finding.
 */
export function findTraits(commands: readonly Command[], name: TraitName): TraitFinding[] {
  const found = new Set<number>();
  const findings: TraitFinding[] = [];
  for (const command of commands) {
    if (name === 'long-running' && command.wrappers.includes('timeout')) continue;
    let inside = false;
    for (let parent = command.parent; parent !== undefined; parent = commands[parent].parent) if (found.has(parent)) inside = true;
    if (inside) continue;
    const match =
      name === 'interactive' && isEditorVariable(command) ? { trait: EDITOR_VARIABLE, words: [command.argv[0]] } : findTrait(TRAITS[name], command, commands);
    if (!match) continue;
    found.add(command.index);
    findings.push({ command, ...match });
  }
  return findings;
}
