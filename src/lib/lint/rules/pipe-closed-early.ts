// `cmd | head -20` under `runbook run`: every shell block runs in `bash -euo pipefail`, and when
// `head` has read its lines and exits, the command writing into the pipe is killed by SIGPIPE. With
// pipefail the pipeline then fails (exit 141) and `-e` ends the block: the step is reported failed
// and the rest of the block does not run; in a condition (`if cmd | grep -q x`) the test says "no"
// although it matched. Pasted into a terminal (no pipefail) the same line works, which is why the
// runbook looked right. What sees the pipeline's status is the core's fact (`Command.status`).
import type { Command, CommandWord } from '../../core/shell/commands.ts';
import { commandView, showWords } from '../../core/shell/patterns.ts';
import { findFlag, optionValue } from '../../core/shell/programs.ts';
import type { Block } from '../../model/types.ts';
import { isShellCommandBlock } from '../blocks.ts';
import { defineRule } from '../types.ts';
import { exampleRunbook } from './example.ts';

/** A reader that stops reading its input before the end: `head`, `grep -q`, `grep -m N`. */
function stopsEarly(command: Command): 'head' | 'quiet' | 'max' | undefined {
  if (command.name === 'head') return 'head';
  if (command.name === 'grep' || command.name === 'egrep' || command.name === 'fgrep') {
    const args = commandView(command).args;
    if (findFlag('grep', args, ['-q', '--quiet', '--silent'])) return 'quiet';
    if (findFlag('grep', args, ['-m', '--max-count'])) return 'max';
  }
  return undefined;
}

/** Writers whose whole output is one small write, done before the reader can stop: `echo`, `printf`, `cat <<EOF`. */
function writesOnce(writer: Command): boolean {
  if (writer.name === 'echo' || writer.name === 'printf') return true;
  return writer.name === 'cat' && writer.argv.length === 1 && (writer.stdin?.kind === 'heredoc' || writer.stdin?.kind === 'herestring');
}

const BULK_READERS = new Set(['journalctl', 'dmesg', 'find', 'cat', 'zcat', 'bzcat', 'xzcat', 'tac', 'strings', 'tshark', 'tcpdump', 'yes', 'seq']);
const LOG_PROGRAMS = new Set(['kubectl', 'oc', 'docker', 'podman', 'crictl']);

/**
 * Whether a command's output can outgrow the pipe buffer (64 KiB): logs, files, captures, searches, events,
 * everything in every namespace. Most commands print a few lines (`ps aux`, `kubectl get pods -l app=x`),
 * all written into the pipe before the reader stops: the writer is never killed then.
 */
function writesMuch(command: Command): boolean {
  if (BULK_READERS.has(command.name)) return true;
  const view = commandView(command);
  const sub = view.positional[0]?.value;
  if (command.name === 'git') return sub === 'log' || sub === 'grep';
  if (command.name === 'redis-cli') return view.args.some((word) => word.value === '--scan' || /^monitor$/i.test(word.value));
  if (command.name === 'grep' || command.name === 'rg') return command.name === 'rg' || Boolean(findFlag('grep', view.args, ['-r', '-R', '--recursive']));
  if (LOG_PROGRAMS.has(command.program ?? command.name)) {
    if (sub === 'logs' || view.positional[1]?.value === 'events' || view.positional[1]?.value === 'ev') return true;
    return (
      sub === 'get' &&
      Boolean(findFlag(command.program ?? command.name, view.args, ['-A', '--all-namespaces'])) &&
      !findFlag(command.program ?? command.name, view.args, ['-l', '--selector'])
    );
  }
  return false;
}

/** The commands that feed `command` through pipes, nearest first. */
function upstream(command: Command, commands: readonly Command[]): Command[] {
  const found: Command[] = [];
  for (let current = command; current.stdin?.kind === 'pipe';) {
    const from = commands[current.stdin.from];
    if (!from || found.includes(from)) break;
    found.push(from);
    current = from;
  }
  return found;
}

/** The command runs under another shell that parses a string again (`sh -c`, `ssh`, `watch`): no pipefail there. */
function underAnotherShell(command: Command, commands: readonly Command[]): boolean {
  for (let current: Command | undefined = command; current; current = current.parent !== undefined ? commands[current.parent] : undefined)
    if (current.via === 'shell') return true;
  return false;
}

/** The number of lines `head` prints (`-n 20`, `-20`, `--lines=20`; 10 by default), or undefined for `head -c`. */
function headLines(command: Command): string | undefined {
  const args = commandView(command).args;
  if (findFlag('head', args, ['-c', '--bytes'])) return undefined;
  const short = args.find((word) => /^-\d+$/.test(word.value));
  if (short) return short.value.slice(1);
  const lines = optionValue(args, ['-n', '--lines'])?.value;
  return lines === undefined ? '10' : /^\d+$/.test(lines) ? lines : undefined;
}

/** The writer's own way to stop after N lines, where it has one. */
function ownLimit(writer: Command, lines: string): string | undefined {
  const sub = commandView(writer).positional[0]?.value;
  if (writer.program === 'kubectl' && sub === 'logs') return `\`--tail=${lines}\` (the last ${lines} lines)`;
  if (writer.name === 'git' && sub === 'log') return `\`git log -n ${lines}\``;
  if (writer.name === 'journalctl') return `\`journalctl -n ${lines}\` (the last ${lines} lines)`;
  if (writer.name === 'grep' || writer.name === 'egrep') return `\`grep -m ${lines}\``;
  if (writer.name === 'aws') return `\`--max-items ${lines}\``;
  return undefined;
}

/** How to write the reader so that it reads all its input. */
function fixFor(block: Block, reader: Command, kind: 'head' | 'quiet' | 'max', writer: Command | undefined): string {
  const shown = showWords(block.code, reader.argv, 60);
  if (kind === 'quiet') {
    // The same grep without -q (a cluster such as `-iq` keeps its other letters).
    const written = reader.argv
      .map((word) => block.code.slice(word.start, word.end))
      .map((text) => (/^--(quiet|silent)$/.test(text) ? '' : /^-[A-Za-z]+$/.test(text) ? text.replace(/q/g, '').replace(/^-$/, '') : text))
      .filter(Boolean)
      .join(' ');
    return `Test with \`${written} > /dev/null\` instead of \`${shown}\`: it reads all its input and exits with the same status.`;
  }
  const lines = kind === 'head' ? headLines(reader) : optionValue(commandView(reader).args, ['-m', '--max-count'])?.value;
  // `head -c N`, or a count only known when it runs: read the rest of the input after it.
  if (!lines || !/^\d+$/.test(lines)) return `Write \`{ ${shown}; cat > /dev/null; }\` instead of \`${shown}\`: cat reads the rest of the input.`;
  const own = writer && kind === 'head' ? ownLimit(writer, lines) : undefined;
  const sed = kind === 'head' ? `\`sed -n '1,${lines}p'\` instead of \`${shown}\`` : `\`| sed -n '1,${lines}p'\` after \`grep\` without -m`;
  return `Write ${sed}: sed reads all its input${own ? `; or give the writer its own limit, ${own}` : ''}.`;
}

const BODY = (code: string) => `## Symptoms\n\nThe API answers slowly.\n\n## Investigation\n\n### Find the slowest endpoints\n\n\`\`\`bash\n${code}\n\`\`\`\n`;

export const commandsPipeClosedEarly = defineRule({
  meta: {
    id: 'commands/pipe-closed-early',
    category: 'commands',
    severity: 'warn',
    description: 'A pipe into `head` (or `grep -q`, `grep -m`) fails under `runbook run`, which runs blocks with `set -o pipefail`.',
    docs: [
      '`runbook run` runs each shell block in `bash -euo pipefail`, as CI runners do. When `head -20` has its twenty lines it exits; the command writing into the pipe is then killed by SIGPIPE (exit 141) as soon as it writes more, pipefail makes the whole pipeline fail, and the block stops there: the step is reported as failed and its later lines do not run. In a condition (`if kubectl get events | grep -q OOMKilled`) the test is false although the text was found. It happens only when the output is larger than what the reader takes plus the pipe buffer (64 KiB), so it works in a quiet test and fails during an incident, when logs are long: it is reported where the pipeline reads logs, files, captures, events or every namespace (`kubectl logs`, `journalctl`, `git log`, `cat`, `find`, `tshark -r`, `redis-cli --scan`, `kubectl get events`, `kubectl get pods -A`), not after commands that print a few lines (`ps aux`, `kubectl get pods -l app=api`, `sort` of those). Pasted into a terminal (no pipefail) the line works.',
      "Use the writer's own limit (`kubectl logs --tail=20`, `git log -n 20`, `aws ... --max-items 20`, SQL `LIMIT`), or a reader that reads all its input: `sed -n '1,20p'` for `head -20`, `grep PATTERN > /dev/null` for `grep -q PATTERN`.",
      'Not reported where nothing sees the status: `... | head -1 || true`, a `$(...)` that is an argument of another command (`echo "$(... | head -1)"`, `export X="$(...)"`: only a plain `X=$(...)` fails), a pipeline in the background; nor when the writer is `echo`, `printf` or `cat` of a heredoc (one small write, done before the reader stops), nor inside `ssh host \'...\'` or `sh -c \'...\'` (the other shell has no pipefail).',
    ].join('\n\n'),
    examples: {
      bad: exampleRunbook({ body: BODY("kubectl -n shop logs deployment/api --since=1h | grep -oE 'path=[^ ]+' | sort | uniq -c | sort -rn | head -20") }),
      good: exampleRunbook({
        body: BODY("kubectl -n shop logs deployment/api --since=1h | grep -oE 'path=[^ ]+' | sort | uniq -c | sort -rn | sed -n '1,20p'"),
      }),
    },
    messages: {
      early: '`{writer}` is killed by SIGPIPE when `{reader}` stops reading early: under `runbook run` (bash -o pipefail) the step fails with exit 141',
      test: '`{writer}` is killed by SIGPIPE when `{reader}` stops reading early: under `runbook run` (bash -o pipefail) the test fails although the text was found',
    },
  },
  create(context) {
    return {
      command(command, block) {
        if (!isShellCommandBlock(block)) return;
        const commands = block.analysis.commands;
        // Only pipelines the runner's own bash runs (`sudo head` too), not those another shell parses again.
        if (command.stdin?.kind !== 'pipe' || underAnotherShell(command, commands) || command.status === 'ignored') return;
        const kind = stopsEarly(command);
        if (!kind) return;
        const writer: Command | undefined = commands[command.stdin.from];
        if (writer && writesOnce(writer)) return;
        // A small output is all in the pipe before the reader stops: nothing is killed.
        if (!upstream(command, commands).some(writesMuch)) return;
        const words = command.argv;
        const end = Math.max(...words.map((word) => word.end));
        const writerWords: CommandWord[] = writer?.argv.length ? writer.argv : [];
        context.report({
          messageId: kind === 'quiet' && command.status === 'tested' ? 'test' : 'early',
          data: { writer: writerWords.length ? showWords(block.code, writerWords, 40) : 'the command before it', reader: showWords(block.code, words, 40) },
          span: context.codeSpan(block, words[0].start, end),
          hint: fixFor(block, command, kind, writer),
        });
      },
    };
  },
});
