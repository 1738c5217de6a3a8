// What running a block risks, from the core's facts: every command the block runs (through pipes, wrappers,
// `sh -c` strings) looked up in the shell table by program, the SQL each psql gets and the Redis commands
// each redis-cli gets, code fetched or decoded and then run, truncating redirections, and commands whose
// program is only known when they run.
import { compareRisk, type Risk } from './levels.ts';
import type { Command, CommandWord } from '../shell/commands.ts';
import { stdinLanguage } from '../shell/interpreters.ts';
import { commandView, indexByProgram, matchCommand, showWords, type PatternMatch } from '../shell/patterns.ts';
import { findFlag } from '../shell/programs.ts';
import type { SqlScript } from '../sql/script.ts';
import { redisRisk } from './redis.ts';
import { READ_ONLY, SHELL_RISKS, type ChangingRisk, type ShellRiskEntry } from './shell-table.ts';
import { sqlRisks } from './sql.ts';

export interface RiskFinding {
  risk: ChangingRisk;
  reason: string;
  /** The command as written, shortened: `kubectl delete pod`, `DELETE FROM sessions`, `redis-cli FLUSHDB`. */
  command: string;
  /** Offsets into the block's code. */
  start: number;
  end: number;
}

/** A command whose program is only known when it runs (`$KUBECTL delete pod x`). */
export interface UnknownCommand {
  command: string;
  start: number;
  end: number;
}

export interface RiskInference {
  /** The highest risk found (`read` when nothing changes anything). */
  risk: Risk;
  /** Every command that changes something, in order. */
  findings: RiskFinding[];
  unknown: UnknownCommand[];
}

/** SQL a command hands to psql or mysql (or a SQL block's own), with the code offset of each character. */
export interface SqlSource {
  script: SqlScript;
  offsets: number[];
  /** Index of the command that runs it; undefined for a SQL block. */
  command?: number;
  /** Ranges of the script's text only known at run time (`$TABLE` in `psql -c "... $TABLE"`). */
  dynamic?: [number, number][];
}

export { compareRisk };

const shellEntries = indexByProgram(SHELL_RISKS);
const readOnly = indexByProgram(READ_ONLY);

/** How specific an entry is: more pattern words and conditions win over fewer; then more literal text (`aws rds restore-db-*` over `aws * restore-*`). */
const specificity = (entry: ShellRiskEntry) => entry.pattern.split(' ').length + (entry.withFlag ? 1 : 0) + (entry.input ? 1 : 0) + (entry.when ? 1 : 0);
const literal = (entry: ShellRiskEntry) => entry.pattern.replace(/\*/g, '').length;

const DRY_RUN = ['--dry-run', '--dryrun', '--help', '-h'];
const FETCHERS = new Set(['curl', 'wget', 'fetch', 'http', 'https', 'aria2c', 'lynx', 'links']);

/** The risk of a block from its commands and SQL. */
export function inferRisk(code: string, commands: readonly Command[], sql: readonly SqlSource[]): RiskInference {
  const findings: RiskFinding[] = [];
  const unknown: UnknownCommand[] = [];
  for (const command of commands) {
    if (command.dynamic) {
      unknown.push({ command: showWords(code, command.argv.slice(0, 3)), start: command.start, end: command.end });
      continue;
    }
    const shell = tableFinding(code, command);
    if (shell) findings.push(shell);
    const run = fetchedCode(code, commands, command);
    if (run) findings.push(run);
    const truncation = truncating(code, command);
    if (truncation) findings.push(truncation);
    if (command.program === 'redis-cli') findings.push(...redisFindings(code, command));
  }
  for (const source of sql) {
    for (const risk of sqlRisks(source.script)) {
      findings.push({
        risk: risk.risk,
        reason: risk.reason,
        command: risk.shown,
        start: source.offsets[risk.start] ?? source.offsets[0],
        end: source.offsets[risk.end] ?? source.offsets[source.offsets.length - 1],
      });
    }
  }
  findings.sort((a, b) => a.start - b.start);
  let risk: Risk = 'read';
  for (const finding of findings) if (compareRisk(finding.risk, risk) > 0) risk = finding.risk;
  return { risk, findings, unknown };
}

function tableFinding(code: string, command: Command): RiskFinding | undefined {
  const entries = shellEntries(command);
  if (!entries.length) return undefined;
  const { args } = commandView(command);
  const dryRun = findFlag(command.program, args, DRY_RUN);
  if (dryRun && !/=(none|false)$/.test(dryRun.value)) return undefined;
  if (readOnly(command).some((entry) => matchCommand(command, entry))) return undefined;
  let best: { entry: ShellRiskEntry; match: PatternMatch } | undefined;
  for (const entry of entries) {
    const match = matchCommand(command, entry);
    if (!match || (entry.when && !entry.when(command))) continue;
    if (entry.input && !readsFile(command, entry.input)) continue;
    const difference = best ? specificity(entry) - specificity(best.entry) : 1;
    if (difference > 0 || (difference === 0 && literal(entry) > literal(best!.entry))) best = { entry, match };
  }
  if (!best) return undefined;
  const input = best.entry.input && command.stdin?.kind === 'file' ? [command.stdin.word] : [];
  const shown = [...best.match.shown, ...input];
  return {
    risk: best.entry.risk,
    reason: best.entry.reason,
    command: showWords(code, shown).replace(/(\S+)$/, (last) => (input.length && last === code.slice(input[0].start, input[0].end) ? `< ${last}` : last)),
    start: command.argv[0].start,
    end: Math.max(...shown.map((word) => word.end)),
  };
}

/** The command reads a file (`< FILE`, `-f FILE`, `--file=FILE`) whose name matches. */
function readsFile(command: Command, pattern: RegExp): boolean {
  if (command.stdin?.kind === 'file' && pattern.test(command.stdin.word.value)) return true;
  const { args } = commandView(command);
  return args.some(
    (word, i) =>
      ((word.value === '-f' || word.value === '--file') && pattern.test(args[i + 1]?.value ?? '')) ||
      (word.value.startsWith('--file=') && pattern.test(word.value)),
  );
}

/** Is a command (or a substitution inside one of its words) a download or a decoder? */
function source(commands: readonly Command[], command: Command | undefined): 'fetched' | 'decoded' | undefined {
  if (!command) return undefined;
  if (FETCHERS.has(command.name)) return 'fetched';
  const args = command.argv.slice(1);
  if ((command.name === 'base64' || command.name === 'base32' || command.name === 'basenc') && findFlag(command.name, args, ['-d', '--decode', '-D']))
    return 'decoded';
  if (command.name === 'openssl' && /^(base64|enc)$/.test(args[0]?.value ?? '') && findFlag('openssl', args, ['-d'])) return 'decoded';
  if (command.name === 'xxd' && findFlag('xxd', args, ['-r'])) return 'decoded';
  if (command.stdin?.kind === 'pipe') return source(commands, commands[command.stdin.from]);
  return undefined;
}

/** Code fetched or decoded and then run: `curl … | sh`, `base64 -d | bash`, `sh -c "$(curl …)"`, `bash <(curl …)`. */
function fetchedCode(code: string, commands: readonly Command[], command: Command): RiskFinding | undefined {
  const language = stdinLanguage(command);
  const what = (kind: 'fetched' | 'decoded') => (kind === 'fetched' ? 'runs code downloaded from the network, unseen' : 'runs code decoded on the fly, unseen');
  if (language && language !== 'SQL' && !language.startsWith('arguments') && command.stdin?.kind === 'pipe') {
    const from = commands[command.stdin.from];
    const kind = source(commands, from);
    if (kind)
      return {
        risk: 'destructive',
        reason: what(kind),
        command: `${showWords(code, from.argv.slice(0, 1))} … | ${command.name}`,
        start: from.start,
        end: command.end,
      };
    return {
      risk: 'change',
      reason: `runs the ${language} it reads from the pipe, which is not written in the runbook`,
      command: `… | ${command.name}`,
      start: command.start,
      end: command.end,
    };
  }
  // The code is a word whose value comes from a command: `sh -c "$(curl …)"`, `eval "$(…)"`, `bash <(curl …)`, `source <(…)`.
  const runsWord = (word: CommandWord | undefined) =>
    word && !word.literal && (word.substitutions ?? []).map((index) => source(commands, commands[index])).find(Boolean);
  const scriptWord =
    command.reparses?.script ??
    (command.program === 'shell' || command.name === 'source' || command.name === '.' ? commandView(command).positional[0] : undefined);
  const kind = runsWord(scriptWord);
  if (kind)
    return { risk: 'destructive', reason: what(kind), command: showWords(code, [command.argv[0], scriptWord!]), start: command.start, end: command.end };
  if (scriptWord && !scriptWord.literal && (command.reparses || command.name === 'source' || command.name === '.')) {
    return {
      risk: 'change',
      reason: 'runs code that is only known when it runs',
      command: showWords(code, [command.argv[0], scriptWord]),
      start: command.start,
      end: command.end,
    };
  }
  return undefined;
}

const EMPTY_OUTPUT = new Set([':', 'true', '']);

/** `: > file`, `> file`, `cat /dev/null > file`: empties a file; `> /dev/sda` overwrites a disk. */
function truncating(code: string, command: Command): RiskFinding | undefined {
  for (const redirect of command.redirects) {
    if ((redirect.op !== '>' && redirect.op !== '>|' && redirect.op !== '&>') || (redirect.fd && redirect.fd !== '1') || !redirect.target) continue;
    const target = redirect.target.value;
    if (/^\/dev\/(sd|nvme|xvd|vd|hd|mmcblk|dm-|md)/.test(target)) {
      return {
        risk: 'destructive',
        reason: 'overwrites a disk device',
        command: `> ${code.slice(redirect.target.start, redirect.target.end)}`,
        start: redirect.target.start,
        end: redirect.target.end,
      };
    }
    if (/^\/dev\//.test(target)) continue;
    const empty =
      EMPTY_OUTPUT.has(command.name) ||
      (command.name === 'cat' && command.argv[1]?.value === '/dev/null') ||
      (command.name === 'echo' && command.argv.length === 2 && command.argv[1].value === '-n');
    if (empty)
      return {
        risk: 'change',
        reason: 'empties the file (its content is lost)',
        command: `${command.name ? `${command.name} ` : ''}> ${code.slice(redirect.target.start, redirect.target.end)}`,
        start: command.argv[0]?.start ?? redirect.target.start,
        end: redirect.target.end,
      };
  }
  return undefined;
}

/** The Redis commands `redis-cli` runs: its positional words, or the lines fed to it. */
function redisFindings(code: string, command: Command): RiskFinding[] {
  const positional = commandView(command).positional;
  if (positional.length) {
    const found = redisRisk(positional.map((word) => word.value));
    if (!found) return [];
    const shown = [command.argv[0], ...positional.slice(0, found.count)];
    return [{ risk: found.entry.risk, reason: found.entry.reason, command: showWords(code, shown), start: shown[0].start, end: shown[shown.length - 1].end }];
  }
  if (command.stdin?.kind !== 'heredoc' && command.stdin?.kind !== 'herestring') return [];
  const piece = command.stdin.kind === 'heredoc' ? command.stdin.body : { text: command.stdin.word.value, offsets: command.stdin.word.offsets };
  const findings: RiskFinding[] = [];
  let offset = 0;
  for (const line of piece.text.split('\n')) {
    const words = line.trim().split(/\s+/).filter(Boolean);
    const found = words.length ? redisRisk(words) : undefined;
    if (found) {
      const start = piece.offsets[offset + line.indexOf(words[0])];
      findings.push({
        risk: found.entry.risk,
        reason: found.entry.reason,
        command: `redis-cli ${words.slice(0, found.count).join(' ')}`,
        start,
        end: start + words.slice(0, found.count).join(' ').length,
      });
    }
    offset += line.length + 1;
  }
  return findings;
}
