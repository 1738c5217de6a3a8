// `cmd | head -20` under `runbook run`: every shell block runs in `bash -euo pipefail`, and when
// `head` has read its lines and exits, the command writing into the pipe is killed by SIGPIPE. With
// pipefail the pipeline then fails (exit 141) and `-e` ends the block: the step is reported failed
// and the rest of the block does not run. Pasted into a terminal (no pipefail) the same line works,
// which is why the runbook looked right.
import type { Command } from '../../core/shell/commands.ts';
import { commandView, showWords } from '../../core/shell/patterns.ts';
import { findFlag } from '../../core/shell/programs.ts';
import { isShellCommandBlock } from '../blocks.ts';
import { defineRule } from '../types.ts';
import { exampleRunbook } from './example.ts';

/** A reader that stops reading its input before the end: `head`, `grep -q`, `grep -m N`. */
function stopsEarly(command: Command): boolean {
  if (command.name === 'head') return true;
  if (command.name === 'grep' || command.name === 'egrep' || command.name === 'fgrep') {
    return findFlag('grep', commandView(command).args, ['-q', '--quiet', '--silent', '-m', '--max-count']) !== undefined;
  }
  return false;
}

/** The command runs under another shell that parses a string again (`sh -c`, `ssh`, `watch`): no pipefail there. */
function underAnotherShell(command: Command, commands: readonly Command[]): boolean {
  for (let current: Command | undefined = command; current; current = current.parent !== undefined ? commands[current.parent] : undefined) if (current.via === 'shell') return true;
  return false;
}

const BODY = (code: string) => `## Symptoms\n\nThe API answers slowly.\n\n## Investigation\n\n### Find the slowest endpoints\n\n\`\`\`bash\n${code}\n\`\`\`\n`;

export const commandsPipeClosedEarly = defineRule({
  meta: {
    id: 'commands/pipe-closed-early',
    category: 'commands',
    severity: 'warn',
    description: 'A pipe into `head` (or `grep -q`, `grep -m`) fails under `runbook run`, which runs blocks with `set -o pipefail`.',
    docs: '`runbook run` runs each shell block in `bash -euo pipefail`, as CI runners do. When `head -20` has its twenty lines it exits; the command writing into the pipe is then killed by SIGPIPE (exit 141) as soon as it writes more, pipefail makes the whole pipeline fail, and the block stops there: the step is reported as failed and its later lines do not run. It happens only when the output is larger than what `head` reads plus the pipe buffer, so it works in a quiet test and fails during an incident, when logs are long. Pasted into a terminal (no pipefail) the line works. Use the command\'s own limit (`kubectl logs --tail=20`, `git log -n 20`, `aws ... --max-items 20`, SQL `LIMIT`), or `sed -n \'1,20p\'`, which reads all its input. Inside `ssh host \'...\'` or `sh -c \'...\'` the other shell has no pipefail, so those are not reported.',
    examples: {
      bad: exampleRunbook({ body: BODY("kubectl -n shop logs deployment/api --since=1h | grep -oE 'path=[^ ]+' | sort | uniq -c | sort -rn | head -20") }),
      good: exampleRunbook({ body: BODY("kubectl -n shop logs deployment/api --since=1h | grep -oE 'path=[^ ]+' | sort | uniq -c | sort -rn | sed -n '1,20p'") }),
    },
    messages: { early: '`{command}` stops reading early: under `runbook run` (bash -o pipefail) the command before it is killed by SIGPIPE and the step fails with exit 141' },
  },
  create(context) {
    return {
      command(command, block) {
        if (!isShellCommandBlock(block)) return;
        const commands = block.analysis.commands;
        // Only pipelines the runner's own bash runs (`sudo head` too), not those another shell parses again.
        if (command.stdin?.kind !== 'pipe' || !stopsEarly(command) || underAnotherShell(command, commands)) return;
        const words = command.argv;
        const end = Math.max(...words.map((word) => word.end));
        context.report({
          messageId: 'early',
          data: { command: showWords(block.code, words, 60) },
          span: context.codeSpan(block, words[0].start, end),
          hint: "Use the command's own limit (--tail=N, -n N, --max-items N, LIMIT N), or `sed -n '1,Np'`, which reads all its input.",
        });
      },
    };
  },
});
