// A command block declares at least the risk of what it runs, as inferred from the risk table.
import { compareRisk, findRisks, RISK_TABLE } from '../../risk.ts';
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
    docs: `Blocks are \`risk="read"\` unless they say otherwise, and the site, the registry and \`runbook run\` trust that: a read-only block is copied and run without a second thought, a destructive one asks for confirmation. The linter infers the risk of every command from a maintained table (${RISK_TABLE.length} entries: \`kubectl delete\`, \`helm uninstall\`, \`aws ... delete-*\`, SQL \`DROP\`/\`DELETE\`/\`UPDATE\`, \`pg_terminate_backend()\`, Redis \`FLUSHDB\`, \`rm\`, \`terraform destroy\`, \`curl -X POST\` and \`curl --data\` (but not to a query endpoint such as Prometheus\'s \`/api/v1/query\`), \`VACUUM\`/\`ANALYZE\`, \`npm audit fix\`, ...) — including SQL in \`psql -c "..."\` and heredocs, Redis commands after \`redis-cli\`, and commands run through \`sudo\`, \`ssh\` or \`kubectl exec -- ...\` — and fails when the block declares less. \`destructive\` means the command loses data or is hard to undo; \`change\` means a reversible change of state (scale, restart, roll back). In console blocks only prompt lines count; \`--dry-run\` commands are read-only. A few commands that a broad pattern would take for a change are known to be read-only (\`aws ssm start-session\` starts a session, not a resource), and \`aws rds restore-db-*\` is a change: it creates a new instance and leaves the live one untouched.`,
    examples: {
      bad: exampleRunbook({ body: RESOLUTION('```bash', 'kubectl -n shop delete pod api-7d9f8c-x2k4q') }),
      good: exampleRunbook({ body: RESOLUTION('```bash risk="destructive"', 'kubectl -n shop delete pod api-7d9f8c-x2k4q') }),
    },
  },
  check(runbook, context) {
    for (const block of runbook.blocks) {
      if ((block.kind !== 'command' && block.kind !== 'console') || !block.language) continue;
      const declared = block.attributes.risk;
      const above = findRisks(block.code, block.language, block.kind).filter((finding) => compareRisk(finding.risk, declared) > 0);
      if (!above.length) continue;
      // One problem per block, at the first of its riskiest commands: the fix is one attribute.
      const top = above.reduce((best, finding) => (compareRisk(finding.risk, best.risk) > 0 ? finding : best));
      const others = above.filter((finding) => finding !== top);
      const marked = block.attributes.riskDeclared ? `, but the block is marked risk="${declared}"` : '';
      context.report({
        span: context.codeSpan(block, top.start, top.end),
        message: `\`${top.command}\` ${top.reason}${marked}: mark the block risk="${top.risk}"`,
        hint:
          `Write it on the fence: \`\`\`${block.lang} risk="${top.risk}"` +
          (others.length ? `. Also in this block: ${others.slice(0, 3).map((finding) => `\`${finding.command}\` (${finding.risk})`).join(', ')}${others.length > 3 ? ', ...' : ''}` : ''),
      });
    }
  },
});
