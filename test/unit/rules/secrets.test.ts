import { describe, expect, it } from 'vitest';
import { exampleRunbook } from '../../../src/lib/lint/rules/example.ts';
import { secretsNoSecrets } from '../../../src/lib/lint/rules/secrets.ts';
import { isPlaceholderValue, maskToken } from '../../../src/lib/text/secrets.ts';
import { ruleTester } from '../../helpers/rule-tester.ts';

/** Prose on line 12 of the file. */
const prose = (text: string) => exampleRunbook({ body: `## Symptoms\n\n${text}\n` });
/** A runbook with one block under "### Look"; its first code line is line 19 of the file. */
const step = (fence: string, code: string) => exampleRunbook({ body: `## Symptoms\n\nSlow.\n\n## Investigation\n\n### Look\n\n${fence}\n${code}\n\`\`\`\n` });
/** The same with the fence inside a list item, indented by three spaces; first code line 21. */
const listed = (fence: string, code: string) =>
  exampleRunbook({ body: `## Symptoms\n\nSlow.\n\n## Investigation\n\n### Look\n\n1. Look:\n\n   ${fence}\n${code.replace(/^/gm, '   ')}\n   \`\`\`\n` });

const JWT = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';
const KEY_BODY = 'MIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM9Oi2vUBsP3sP3sP3sP3sP3sP3sPq';

ruleTester(secretsNoSecrets, {
  valid: [
    { name: 'placeholder password', code: step('```bash', 'psql "postgres://app:<password>@db.internal:5432/shop" -c "SELECT 1"') },
    {
      name: 'environment references',
      code: step(
        '```bash',
        'psql "postgres://app:${DB_PASSWORD}@db/shop" -c "SELECT 1"\nPGPASSWORD="$PGPASSWORD" psql -h db -c "SELECT 1"\nredis-cli -a "$REDIS_PASSWORD" INFO',
      ),
    },
    { name: 'a bearer token from the environment', code: step('```bash', 'curl -H "Authorization: Bearer $API_TOKEN" https://api.internal/health') },
    {
      name: 'a command that generates the secret',
      code: step('```bash', 'kubectl create secret generic db --from-literal=password="$(openssl rand -hex 16)"'),
    },
    { name: 'mysql asking for the password', code: step('```bash', 'mysql -u root -p -h db\nmysql -u root -p<password> -h db') },
    { name: 'words that name the field', code: prose('Connect with `postgres://user:password@host/db`; the password: see the vault.') },
    { name: 'masked values', code: step('```bash', 'PGPASSWORD=*** psql -h db\nexport API_TOKEN=REDACTED') },
    {
      name: 'references in yaml',
      code: step('```yaml', 'env:\n  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef:\n        name: db\n        key: password\nsecretName: db-creds'),
    },
    { name: 'a sentence in a block', code: step('```', 'Secret: stored in Vault under shop/db') },
    { name: 'a private key header without a key', code: step('```text', '-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----') },
    {
      name: 'values that show where a secret goes',
      code: step('```shell', 'S3_BUCKET=YOURS3BUCKET\nSECRET_KEY=YOURSECRETKEYGOESHERE\nexport API_TOKEN=insert-token-here'),
    },
    {
      name: 'masks and pointers to the vault, a masked Slack webhook, CHANGEME as a token',
      code: step(
        '```bash',
        'curl "https://pvs.internal/validate?token=[FILTERED]"\ncurl -X POST https://hooks.slack.com/services/TXXXXXXXX/BXXXXXXXX/XXXXXXXXXXXXXXXXXXXXXXXX\nexport ADMIN_API_PRIVATE_TOKEN=CHANGEME\necho \'{"token": "get_me_from_vault"}\'',
      ),
    },
    { name: 'a wrong password in a config example', code: step('```yaml', 'basic_auth:\n  username: user\n  password: wrong-password') },
    {
      name: 'tokens and keys that are not random (gitleaks entropy)',
      code: step('```bash', 'export API_KEY=testtest\ncurl --token abcabcabc https://api.internal\nACCESS_KEY=aaaaaaaaaaaa'),
    },
    { name: 'a bearer token that names itself', code: step('```bash', 'curl -H "Authorization: Bearer MYTOKENHERE" https://api.internal/health') },
    { name: 'publishable keys are public', code: prose('The checkout page uses pk_live_51H8abcdEFGHijklMNOP.') },
  ],
  invalid: [
    {
      name: 'AWS access key in prose',
      code: prose('The key AKIAIOSFODNN7EXAMPLE leaked.'),
      errors: [{ message: 'AWS access key ID in the runbook: AKIA…MPLE', line: 12, column: 9, endLine: 12, endColumn: 29 }],
    },
    {
      name: 'AWS access key in code, reported once',
      code: step('```bash', 'aws configure set aws_access_key_id AKIAIOSFODNN7EXAMPLE'),
      errors: [{ message: 'AWS access key ID in the runbook: AKIA…MPLE', line: 19, column: 37, endColumn: 57 }],
    },
    {
      name: 'AWS secret key',
      code: step('```bash', 'export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'),
      errors: [{ message: 'AWS secret access key in the runbook: …EKEY', line: 19, column: 30, endColumn: 70 }],
    },
    {
      name: 'password in a connection string',
      code: step('```bash', 'psql "postgres://app:Sup3rS3cret@db.internal:5432/shop" -c "SELECT 1"'),
      errors: [{ message: 'Password in the runbook: postgres://app:****@db.internal', line: 19, column: 22, endColumn: 33 }],
    },
    {
      name: 'password in a redis URL',
      code: step('```bash', 'redis-cli -u redis://:hunter22@cache:6379 PING'),
      errors: [{ message: 'Password in the runbook: redis://:****@cache', line: 19, column: 23, endColumn: 31 }],
    },
    {
      name: 'mysql -p with the password attached',
      code: step('```bash', 'mysql -u root -pS3cret -h db -e "SELECT 1"'),
      errors: [{ message: 'Password in the runbook: mysql -p****', line: 19, column: 17, endColumn: 23 }],
    },
    {
      name: 'PGPASSWORD with a literal',
      code: step('```bash', 'PGPASSWORD=hunter22 psql -h db -U app -c "SELECT 1"'),
      errors: [{ message: 'Password in the runbook: PGPASSWORD=****', line: 19, column: 12, endColumn: 20 }],
    },
    {
      name: 'a literal bearer token',
      code: step('```bash', 'curl -H "Authorization: Bearer 3f9a8b7c6d5e4f3a2b1c" https://api.internal/health'),
      errors: [{ message: 'Bearer token in the runbook: Authorization: Bearer …2b1c', line: 19, column: 32, endColumn: 52 }],
    },
    {
      name: 'a private key in a yaml snippet',
      code: step('```yaml', `key: |\n  -----BEGIN RSA PRIVATE KEY-----\n  ${KEY_BODY}\n  -----END RSA PRIVATE KEY-----`),
      errors: [{ message: 'Private key in the runbook: -----BEGIN RSA PRIVATE KEY----- block', line: 20, column: 3, endColumn: 34 }],
    },
    {
      name: 'a JSON Web Token in prose',
      code: prose(`Test with ${JWT}.`),
      errors: [{ message: 'JSON Web Token in the runbook: eyJ…sR8U', line: 12, column: 11 }],
    },
    {
      name: 'a password in yaml',
      code: step('```yaml', 'database:\n  user: app\n  password: hunter22'),
      errors: [{ message: 'Password in the runbook: password: ****', line: 21, column: 13, endColumn: 21 }],
    },
    {
      name: 'a random API key and a random secret option',
      code: step('```bash', 'export API_KEY=9f86d081884c7d65\nvault login --token s7Kq2ZpW9xLm4Rt8'),
      errors: [
        { message: 'API key in the runbook: API_KEY=****', line: 19, column: 16, endColumn: 32 },
        { message: 'Token in the runbook: --token ****', line: 20, column: 21, endColumn: 37 },
      ],
    },
    {
      name: 'changeme is a literal password',
      code: step('```bash', 'export DB_PASSWORD=changeme'),
      errors: [{ message: 'Password in the runbook: DB_PASSWORD=****', line: 19, column: 20 }],
    },
    {
      name: 'curl -u with a password, in a listed fence',
      code: listed('```bash', 'curl -u admin:admin123 https://grafana.internal/api/health'),
      errors: [{ message: 'Password in the runbook: curl -u admin:****', line: 21, column: 18, endColumn: 26 }],
    },
    {
      name: 'tokens of known services',
      code: step(
        '```bash',
        'export GITHUB_TOKEN=ghp_abcdefghijklmnopqrstuvwxyz0123456789\ncurl -d "token=xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx" https://slack.com/api/chat.postMessage',
      ),
      errors: [
        { message: 'GitHub token in the runbook: ghp_…6789', line: 19, column: 21 },
        { message: 'Slack token in the runbook: xoxb-…UvWx', line: 20, column: 16 },
      ],
    },
    {
      name: 'a Stripe key in the frontmatter',
      code: exampleRunbook({ title: 'Refunds fail (key sk_live_4eC39HqLyjWDarjtT1zdp7dc)' }),
      errors: [{ message: 'Stripe secret key in the runbook: sk_live_…p7dc', line: 2, column: 26 }],
    },
  ],
});

describe('isPlaceholderValue', () => {
  it.each([
    '<password>',
    '$DB_PASSWORD',
    '${PGPASSWORD}',
    '"$(vault read -field=pw db)"',
    '{{ .Values.password }}',
    '***',
    'xxxx',
    '...',
    'REDACTED',
    'password',
    'your-token',
    '/run/secrets/db',
  ])('%s stands for a secret', (value) => {
    expect(isPlaceholderValue(value)).toBe(true);
  });
  it.each(['hunter22', 'changeme', 'S3cret!', 'admin123'])('%s is a literal', (value) => {
    expect(isPlaceholderValue(value)).toBe(false);
  });
  it('masks', () => {
    expect(maskToken('AKIAIOSFODNN7EXAMPLE', 4)).toBe('AKIA…MPLE');
    expect(maskToken('short', 2)).toBe('sh…');
  });
});
