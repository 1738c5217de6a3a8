// Commands that do not end by themselves (`kubectl logs -f`, `redis-cli MONITOR`) or need a
// terminal (`kubectl exec -it`, bare `psql`) must be marked, so that the page and the registry say so
// (the runner treats an unmarked one by what it does; the tables are the core's, src/lib/core/traits.ts).
import { showWords } from '../../core/shell/patterns.ts';
import type { TraitFinding } from '../../core/traits.ts';
import type { Block } from '../../model/types.ts';
import { isShellCommandBlock } from '../blocks.ts';
import { defineRule, type RuleContext } from '../types.ts';
import { exampleRunbook } from './example.ts';

/** Reports each command of a shell block with the trait, unless the block carries the attribute. */
function checkTrait(block: Block, context: RuleContext, attribute: 'long-running' | 'interactive'): void {
  if (!isShellCommandBlock(block)) return;
  if (attribute === 'long-running' ? block.attributes.longRunning : block.attributes.interactive) return;
  const findings: TraitFinding[] = attribute === 'long-running' ? block.analysis.longRunning : block.analysis.interactive;
  for (const found of findings) {
    const end = Math.max(...found.words.map((word) => word.end));
    context.report({
      messageId: 'unmarked',
      data: { command: showWords(block.code, found.words), reason: found.trait.reason, attribute },
      span: context.codeSpan(block, found.command.argv[0].start, end),
      hint: `${found.trait.hint ? `${found.trait.hint} ` : ''}Otherwise write it on the fence: \`\`\`${block.lang} ${attribute}`,
    });
  }
  if (attribute === 'long-running') {
    for (const loop of block.analysis.endless) {
      const text = block.code.slice(loop.start, loop.end);
      const shown = text.split(/;|\n/)[0].trim();
      context.report({
        messageId: 'unmarked',
        data: { command: shown, reason: 'loops forever', attribute },
        span: context.codeSpan(block, loop.start, loop.start + shown.length),
        hint: `Add a way out (a count, a timeout) or write it on the fence: \`\`\`${block.lang} long-running`,
      });
    }
  }
}

const INVESTIGATION = (fence: string, code: string) =>
  `## Symptoms\n\nThe API answers slowly.\n\n## Investigation\n\n### Watch the logs\n\n${fence}\n${code}\n\`\`\`\n`;
const MESSAGES = { unmarked: '`{command}` {reason}: mark the block {attribute}' };

export const commandsLongRunning = defineRule({
  meta: {
    id: 'commands/long-running',
    category: 'commands',
    severity: 'error',
    description: 'A command that does not end by itself (`logs -f`, `--watch`, `tail -f`, `MONITOR`, `top`) needs `long-running` on its block.',
    docs: 'A reader pastes `kubectl logs -f` and knows to press Ctrl-C; `runbook run` does not, and would wait forever. Blocks marked `long-running` are streamed under a timeout (`timeout=` on the fence). The rule knows following and watching flags (`kubectl logs -f`, `kubectl get -w`, `journalctl -f`, `docker logs -f`, `tail -f`/`-F`), `watch`, Redis `MONITOR`/`SUBSCRIBE`, `top`/`htop` without a count (`top -b -n 1` is fine), `kubectl port-forward`/`proxy`, `aws ssm start-session` with a port-forwarding document, `go tool pprof -http`, `ping` without `-c`, `tcpdump` without `-c`, `-r` or a time-rotated file count (`-G 30 -W 1` ends after one file), `dstat` without a count, `etcdctl watch`, `consul monitor`, `strace -p`, `nc -l`, `while true` loops without a `break`, and more. `-w` counts only where it means watch (`psql -w` and `grep -w` do not). Commands run under `timeout` end.',
    examples: {
      bad: exampleRunbook({ body: INVESTIGATION('```bash', 'kubectl -n shop logs deployment/api -f') }),
      good: exampleRunbook({ body: INVESTIGATION('```bash long-running', 'kubectl -n shop logs deployment/api -f') }),
    },
    messages: MESSAGES,
  },
  create(context) {
    return { block: (block) => checkTrait(block, context, 'long-running') };
  },
});

export const commandsInteractive = defineRule({
  meta: {
    id: 'commands/interactive',
    category: 'commands',
    severity: 'error',
    description: 'A command that needs a terminal (`exec -it`, bare `psql`, `ssh host`, an editor) needs `interactive` on its block.',
    docs: '`kubectl exec -it`, `docker run -it` and `crictl exec -it` with no command or with one that needs a person (a shell, `top`, bare `psql`; `kubectl exec -it POD -- df -h` ends by itself and is not interactive, the `-it` is only needless), `psql` without a query, `redis-cli` without a command, `ssh host` without a remote command, `aws ssm start-session`, `kubectl edit`, editors (also `$EDITOR FILE`) and pagers (`| less`), full-screen displays (`top`, `watch`), `go tool pprof FILE` without a report option such as `-top` (it opens pprof\'s shell), `git commit`/`git revert` without a message (`-m`, `--no-edit`: they open an editor), `terraform apply`/`destroy` without a saved plan or `-auto-approve` (they ask for "yes"), debug sessions and shells without a command (`oc debug node/N`, `oc rsh POD`, `chroot /host`, `nsenter`, `toolbox`, `virtctl console`/`ssh`), Rails and database consoles (`gitlab-rails console`, `gitlab-psql`, `pgb-console` without `-c`), `openssl s_client` without input, `telnet`, `gdb` without `-batch`, and logins that open a browser or ask for keys (`gcloud auth login`, `az login`, `aws sso login`, `aws configure`) wait for a person at a terminal. Marked `interactive`, the block is shown but `runbook run` will not run it unattended. Often the better fix is to make the command non-interactive: `kubectl exec POD -- psql -c "..."` needs no `-it`, and `psql "$DATABASE_URL" -c "..."` needs no session. Input from a pipe, a file or a heredoc counts as non-interactive.',
    examples: {
      bad: exampleRunbook({ body: INVESTIGATION('```bash', 'kubectl -n shop exec -it deployment/api -- sh') }),
      good: exampleRunbook({ body: INVESTIGATION('```bash', 'kubectl -n shop exec deployment/api -- env') }),
    },
    messages: MESSAGES,
  },
  create(context) {
    return { block: (block) => checkTrait(block, context, 'interactive') };
  },
});
