// No credentials in runbooks: they are published on the site, in the registry and in Git history.
import { LineIndex, type Span } from '../../problem.ts';
import { findAssignedSecrets, findSecrets } from '../../text/secrets.ts';
import type { Runbook } from '../../model/types.ts';
import { defineRule, type RuleContext } from '../types.ts';
import { exampleRunbook } from './example.ts';

const body = (code: string) => `## Symptoms\n\nThe API answers slowly.\n\n## Investigation\n\n### Count the connections\n\n\`\`\`bash\n${code}\n\`\`\`\n`;

export const secretsNoSecrets = defineRule({
  meta: {
    id: 'secrets/no-secrets',
    category: 'safety',
    severity: 'error',
    description: 'No credentials in runbooks: keys, tokens, private keys, passwords in URLs and assignments.',
    docs: 'A runbook is published on the site, copied into the registry and kept in Git history forever, so a credential in it is leaked. The rule finds AWS access keys (`AKIA…`/`ASIA…`) and secret keys, private key blocks, GitHub, GitLab, Slack, Stripe, Google and npm tokens, JSON Web Tokens, `Authorization:` headers with a literal token, passwords in connection strings (`postgres://user:pass@host`, `redis://:pass@host`), in assignments and options (`PGPASSWORD=...`, `password: ...`, `--password ...`, `mysql -p...`, `redis-cli -a ...`, `curl -u user:pass`) — in prose, frontmatter and code. Messages never repeat the secret, only a masked form. Not secrets: placeholders (`<password>`, `{{ token }}`), environment and command references (`$DB_PASSWORD`, `${PGPASSWORD}`, `$(vault read ...)`), masks (`***`, `xxx`, `REDACTED`, `[FILTERED]`, a shaped token filled with `XXXX`), words that name the field or say it is an example (`password`, `your-token`, `YOURSECRETKEYGOESHERE`, `wrong-password`, `dummy-api-key`), and tokens, keys and bearer tokens that do not look random: as gitleaks does, a generic token or key is reported only when its Shannon entropy is high enough (3 bits a character from 10 characters on, 2.5 below: `API_KEY=testtest` is an example, `API_KEY=9f86d081884c7d65` a key); shaped tokens (`AKIA…`, `ghp_…`) need no entropy. Example values such as `changeme` or the AWS documentation key are reported: literal credentials in a command teach the wrong habit, and weak defaults end up in production. Remove the secret, use a placeholder or an environment variable, and rotate it.',
    examples: {
      bad: exampleRunbook({
        runbook: 'env:\n  PGHOST: Host of the shop database',
        body: body('psql "postgres://app:Sup3rS3cret@$PGHOST/shop" -c "SELECT count(*) FROM pg_stat_activity"'),
      }),
      good: exampleRunbook({
        runbook: 'env:\n  DATABASE_URL: Read-only connection string of the shop database',
        body: body('psql "$DATABASE_URL" -c "SELECT count(*) FROM pg_stat_activity"'),
      }),
    },
    messages: { secret: '{kind} in the runbook: {masked}' },
  },
  create(context) {
    return { runbook: (runbook) => check(runbook, context) };
  },
});

function check(runbook: Runbook, context: RuleContext): void {
  const found: { start: number; end: number; span: Span; kind: string; masked: string }[] = [];
  let lines: LineIndex | undefined;
  for (const match of findSecrets(runbook.source)) {
    lines ??= new LineIndex(runbook.source);
    found.push({ start: match.start, end: match.end, span: lines.span(match.start, match.end), kind: match.kind, masked: match.masked });
  }
  for (const block of runbook.blocks) {
    // Shaped tokens were found in the whole file above; here what only code can hold.
    for (const match of findAssignedSecrets(block.code, block.analysis.commands)) {
      const span = context.codeSpan(block, match.start, match.end);
      found.push({ start: span.start.offset, end: span.end.offset, span, kind: match.kind, masked: match.masked });
    }
  }
  // A secret found twice (a password both in a URL and an assignment): report it once.
  let reportedUntil = -1;
  for (const secret of found.sort((a, b) => a.start - b.start || b.end - a.end)) {
    if (secret.start < reportedUntil) continue;
    reportedUntil = secret.end;
    context.report({
      messageId: 'secret',
      data: { kind: capitalise(secret.kind), masked: secret.masked },
      span: secret.span,
      hint: 'Use a placeholder (<password>) or an environment variable ($DB_PASSWORD) instead, and rotate the credential: it is in the Git history.',
    });
  }
}

const capitalise = (text: string) => text[0].toUpperCase() + text.slice(1);
