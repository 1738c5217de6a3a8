// A security group rule that allows the whole internet in: written to "block" an attacker (security
// groups cannot deny), it opens the port to everyone instead.
import type { CommandWord } from '../../core/shell/commands.ts';
import { commandView, matchCommand, showWords } from '../../core/shell/patterns.ts';
import { isShellCommandBlock } from '../blocks.ts';
import { defineRule } from '../types.ts';
import { exampleRunbook } from './example.ts';

const OPEN = /(?:^|[^0-9.:])(?:0\.0\.0\.0\/0|::\/0)(?![0-9])/;
const INGRESS = { pattern: 'aws ec2 authorize-security-group-ingress' };

/** The option (and its value) that opens the rule to any address: `--cidr 0.0.0.0/0`, `--ip-permissions ...CidrIp=0.0.0.0/0...`. */
function openRange(args: CommandWord[]): CommandWord[] | undefined {
  for (let i = 0; i < args.length; i++) {
    const { value } = args[i];
    const name = value.split('=')[0];
    if (!/^--(?:cidr|cidr-ip|ip-permissions)$/.test(name)) continue;
    const given = value.includes('=') ? value.slice(name.length + 1) : args[i + 1]?.value;
    if (given !== undefined && OPEN.test(given)) return value.includes('=') ? [args[i]] : [args[i], args[i + 1]];
  }
  return undefined;
}

const BODY = (code: string) =>
  `## Symptoms\n\nA flood of requests from a few addresses.\n\n## Resolution\n\n### Block the attacking addresses\n\n\`\`\`bash risk="change"\n${code}\n\`\`\`\n`;

export const safetyOpenIngress = defineRule({
  meta: {
    id: 'safety/open-ingress',
    category: 'safety',
    severity: 'error',
    description: 'A security group ingress rule must not allow the whole internet (`--cidr 0.0.0.0/0`, `::/0`).',
    docs: 'Security groups only allow traffic; they have no deny rules. `aws ec2 authorize-security-group-ingress --cidr 0.0.0.0/0`, written in a runbook to "block" an attack, opens the port to every address on the internet. To block addresses, add them to the WAF IP set of a blocking rule or to a network ACL deny rule; to allow access, name the narrowest range that needs it. Reported for `--cidr`, `--cidr-ip` and `--ip-permissions` with `0.0.0.0/0` or `::/0`, in blocks that run.',
    examples: {
      bad: exampleRunbook({ body: BODY('aws ec2 authorize-security-group-ingress --group-id sg-0abc1234 --protocol tcp --port 443 --cidr 0.0.0.0/0') }),
      good: exampleRunbook({
        runbook: 'variables:\n  attacker-cidr:\n    description: Address range to block\n    example: 203.0.113.45/32',
        body: BODY(
          'aws ec2 create-network-acl-entry --network-acl-id acl-0abc1234 --ingress --rule-number 90 --protocol tcp --port-range From=443,To=443 --cidr-block <attacker-cidr> --rule-action deny',
        ),
      }),
    },
    messages: { open: '`{command}` opens the port to the whole internet; security groups cannot deny' },
  },
  create(context) {
    return {
      command(command, block) {
        if (!isShellCommandBlock(block) || command.program !== 'aws') return;
        const { args, positional } = commandView(command);
        if (positional[1]?.value !== 'authorize-security-group-ingress') return;
        const match = matchCommand(command, INGRESS);
        const open = match && openRange(args);
        if (!match || !open) return;
        const end = Math.max(...open.map((word) => word.end));
        context.report({
          messageId: 'open',
          data: { command: showWords(block.code, [...match.words, ...open], 90) },
          span: context.codeSpan(block, open[0].start, end),
          hint: 'To block addresses, add them to the WAF IP set of a blocking rule or to a network ACL deny rule; to allow access, name the narrowest range (a /32 for one address).',
        });
      },
    };
  },
});
