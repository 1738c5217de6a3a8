// A command block declares at least the risk of what it runs, as the core infers it; a block that runs a
// program only known at run time declares its risk explicitly.
import { compareRisk } from '../../core/risk/levels.ts';
import { SHELL_RISKS } from '../../core/risk/shell-table.ts';
import { defineRule } from '../types.ts';
import { exampleRunbook } from './example.ts';

const RESOLUTION = (fence: string, code: string) =>
  `## Symptoms\n\nThe API answers slowly.\n\n## Resolution\n\n### Replace the stuck pod\n\n${fence}\n${code}\n\`\`\`\n`;

export const riskDeclared = defineRule({
  meta: {
    id: 'risk/declared',
    category: 'safety',
    severity: 'error',
    description: 'A command block that changes or destroys something must say so: `risk="change"` or `risk="destructive"`.',
    docs: `Blocks are \`risk="read"\` unless they say otherwise, and the site, the registry and \`runbook run\` trust that: a read-only block is copied and run without a second thought, a destructive one asks for confirmation. The analysis core reads every command a block runs — through pipes, \`sudo\`, \`xargs\`, \`find -exec\`, \`kubectl exec --\`, \`sh -c "..."\` and \`ssh host ...\` — and looks each up by program in a maintained table (${SHELL_RISKS.length} shell entries: \`kubectl delete\`, \`oc adm drain\`, \`helm uninstall\`, \`aws ... delete-*\`, \`etcdctl del\`, \`crictl rmi\`, \`systemctl restart\`, \`rm\`, \`terraform destroy\`, \`curl -X POST\` (but not to a query endpoint such as Prometheus's \`/api/v1/query\`), ...); SQL sent to psql (\`-c\`, heredocs, pipes) is judged by PostgreSQL's parse tree (\`DROP\`, \`DELETE\`, \`UPDATE\`, a data-changing \`WITH\`, \`pg_terminate_backend()\`), Redis commands after \`redis-cli\` by their name; code fetched or decoded and then run (\`curl ... | sh\`, \`base64 -d | bash\`, \`sh -c "$(curl ...)"\`) is destructive, and emptying a file (\`: > file\`) is a change. The rule fails when the block declares less. \`destructive\` means the command loses data or is hard to undo; \`change\` means a reversible change of state (scale, restart, roll back). In console blocks only prompt lines count; \`--dry-run\` commands are read-only. A program the core cannot know (\`$KUBECTL delete pod x\`) needs an explicit \`risk=\` on the block; until then \`runbook run\` treats it as a change.`,
    examples: {
      bad: exampleRunbook({ body: RESOLUTION('```bash', 'kubectl -n shop delete pod api-7d9f8c-x2k4q') }),
      good: exampleRunbook({ body: RESOLUTION('```bash risk="destructive"', 'kubectl -n shop delete pod api-7d9f8c-x2k4q') }),
    },
    messages: {
      higher: '`{command}` {reason}{marked}: mark the block risk="{risk}"',
      unknown: '`{command}` runs a program that is only known when it runs: declare the risk of the block (risk="read", "change" or "destructive")',
    },
  },
  create(context) {
    return {
      block(block) {
        if ((block.kind !== 'command' && block.kind !== 'console') || !block.language) return;
        const declared = block.attributes.risk;
        const { findings, unknown } = block.analysis.risk;
        const above = findings.filter((finding) => compareRisk(finding.risk, declared) > 0);
        if (above.length) {
          // One problem per block, at the first of its riskiest commands: the fix is one attribute.
          const top = above.reduce((best, finding) => (compareRisk(finding.risk, best.risk) > 0 ? finding : best));
          const others = above.filter((finding) => finding !== top);
          context.report({
            messageId: 'higher',
            data: {
              command: top.command,
              reason: top.reason,
              marked: block.attributes.riskDeclared ? `, but the block is marked risk="${declared}"` : '',
              risk: top.risk,
            },
            span: context.codeSpan(block, top.start, top.end),
            hint:
              `Write it on the fence: \`\`\`${block.lang} risk="${top.risk}"` +
              (others.length
                ? `. Also in this block: ${others
                    .slice(0, 3)
                    .map((finding) => `\`${finding.command}\` (${finding.risk})`)
                    .join(', ')}${others.length > 3 ? ', ...' : ''}`
                : ''),
          });
          return;
        }
        if (unknown.length && !block.attributes.riskDeclared) {
          context.report({
            messageId: 'unknown',
            data: { command: unknown[0].command },
            span: context.codeSpan(block, unknown[0].start, unknown[0].end),
            hint: `Write it on the fence: \`\`\`${block.lang} risk="change" (or what the command really does).`,
          });
        }
      },
    };
  },
});
