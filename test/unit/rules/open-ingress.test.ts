// safety/open-ingress: a security group ingress rule open to the whole internet.
import { exampleRunbook } from '../../../src/lib/lint/rules/example.ts';
import { safetyOpenIngress } from '../../../src/lib/lint/rules/open-ingress.ts';
import { ruleTester } from '../../helpers/rule-tester.ts';

/** A runbook with one block under "### Block"; its first code line is line 19 of the file. */
const step = (fence: string, code: string) =>
  exampleRunbook({ body: `## Symptoms\n\nAn attack.\n\n## Resolution\n\n### Block\n\n${fence}\n${code}\n\`\`\`\n` });
const OPEN = (shown: string) => `\`${shown}\` opens the port to the whole internet; security groups cannot deny`;

ruleTester(safetyOpenIngress, {
  valid: [
    {
      name: 'a narrow range',
      code: step('```bash risk="change"', 'aws ec2 authorize-security-group-ingress --group-id sg-1 --protocol tcp --port 5432 --cidr 10.0.0.0/16'),
    },
    {
      name: 'egress to anywhere is the default',
      code: step(
        '```bash risk="change"',
        'aws ec2 authorize-security-group-egress --group-id sg-1 --ip-permissions IpProtocol=-1,IpRanges=[{CidrIp=0.0.0.0/0}]',
      ),
    },
    { name: 'a text block', code: step('```bash text', 'aws ec2 authorize-security-group-ingress --port 443 --cidr 0.0.0.0/0') },
    { name: 'an echo of the command runs nothing', code: step('```bash', 'echo "aws ec2 authorize-security-group-ingress --cidr 0.0.0.0/0"') },
  ],
  invalid: [
    {
      name: 'the seed: "block" with a security group',
      code: step(
        '```bash risk="change"',
        'aws ec2 authorize-security-group-ingress \\\n  --group-id $SG_ID \\\n  --protocol tcp \\\n  --port 443 \\\n  --cidr 0.0.0.0/0',
      ),
      errors: [
        { message: OPEN('aws ec2 authorize-security-group-ingress --cidr 0.0.0.0/0'), line: 23, column: 3, endLine: 23, endColumn: 19, severity: 'error' },
      ],
    },
    {
      name: 'IPv6 in --ip-permissions, after --region',
      code: step(
        '```bash risk="change"',
        "aws --region eu-west-1 ec2 authorize-security-group-ingress --group-id sg-1 --ip-permissions 'IpProtocol=tcp,FromPort=22,ToPort=22,Ipv6Ranges=[{CidrIpv6=::/0}]'",
      ),
      errors: [{ message: /^`aws ec2 authorize-security-group-ingress --ip-permissions 'IpProtocol=tcp/, line: 19, column: 77, endColumn: 161 }],
    },
    {
      name: '--cidr=0.0.0.0/0 in a console prompt line',
      code: step('```console', '$ aws ec2 authorize-security-group-ingress --group-id sg-1 --port 80 --cidr=0.0.0.0/0\n{"Return": true}'),
      errors: [{ message: OPEN('aws ec2 authorize-security-group-ingress --cidr=0.0.0.0/0'), line: 19, column: 70, endColumn: 86 }],
    },
  ],
});
