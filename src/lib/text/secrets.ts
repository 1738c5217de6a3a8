// Credentials written into text: tokens with a recognisable shape (anywhere), and passwords and
// keys assigned in code. Matches never carry the secret itself out: only a masked form.
import type { Command } from '../core/shell/commands.ts';

export interface SecretMatch {
  /** Offsets of the secret value in the text. */
  start: number;
  end: number;
  /** What it is: "AWS access key ID", "password". */
  kind: string;
  /** Where it is, with the secret masked: "AKIA…MPLE", "postgres://app:****@db". */
  masked: string;
}

interface TokenPattern {
  kind: string;
  /** Group 1 is the secret when present, else the whole match. */
  pattern: RegExp;
  /** Characters of the (public) prefix that may be shown. */
  prefix: number;
}

/** Tokens recognisable by their shape, wherever they are (prose, frontmatter, code). */
export const TOKEN_PATTERNS: readonly TokenPattern[] = [
  { kind: 'AWS access key ID', pattern: /\b((?:AKIA|ASIA)[A-Z0-9]{16})\b/g, prefix: 4 },
  { kind: 'AWS secret access key', pattern: /(?:aws_?)?secret_?access_?key["']?\s*[:=]\s*["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/gi, prefix: 0 },
  { kind: 'GitHub token', pattern: /\b(gh[pousr]_[A-Za-z0-9]{36,})\b/g, prefix: 4 },
  { kind: 'GitHub token', pattern: /\b(github_pat_[A-Za-z0-9_]{22,})\b/g, prefix: 11 },
  { kind: 'GitLab token', pattern: /\b(glpat-[A-Za-z0-9_-]{20,})/g, prefix: 6 },
  { kind: 'Slack token', pattern: /\b(xox[abposr]-[A-Za-z0-9-]{10,})/g, prefix: 5 },
  { kind: 'Slack webhook URL', pattern: /hooks\.slack\.com\/services\/(T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]{16,})/g, prefix: 0 },
  { kind: 'Stripe secret key', pattern: /\b((?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,})\b/g, prefix: 8 },
  { kind: 'Stripe webhook secret', pattern: /\b(whsec_[A-Za-z0-9]{24,})\b/g, prefix: 6 },
  { kind: 'Google API key', pattern: /\b(AIza[A-Za-z0-9_-]{35})(?![A-Za-z0-9_-])/g, prefix: 4 },
  { kind: 'npm token', pattern: /\b(npm_[A-Za-z0-9]{36})\b/g, prefix: 4 },
  { kind: 'JSON Web Token', pattern: /\b(eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,})/g, prefix: 3 },
];

/**
 * Values that stand for a secret rather than being one: placeholders (`<password>`, `{{ token }}`),
 * environment and command references (`$DB_PASSWORD`, `${PGPASSWORD}`, `$(vault read ...)`), masks
 * (`***`, `xxx`, `...`, `REDACTED`), words that name the field (`password`, `secret`, `token`,
 * `your-password`), paths and secret-manager references. Anything else is a literal — including
 * `changeme`, `admin` or `hunter2`: weak example passwords are exactly the ones that end up in production.
 */
const PLACEHOLDER_VALUE = new RegExp(
  String.raw`^(?:(?:\$[{(]?[A-Za-z_(]|\$\{\{|\{\{|<[A-Za-z]|%[A-Za-z_]+%|[~.]?\/|@|(?:your|my|the)[_-]|(?:vault|ssm|arn|secretsmanager|op|env|file):)` +
    String.raw`.*|[*•]+|x{3,}|\.{3,}|…|[_-]+|\[?redacted\]?|none|null|nil|true|false|yes|no|password|passwd|pass|pwd|secret|token|key|api[_-]?key)$`,
  'i',
);

export function isPlaceholderValue(value: string): boolean {
  return PLACEHOLDER_VALUE.test(value.replace(/^["']|["']$/g, ''));
}

/**
 * A value written to show where a secret goes, not a secret: it names the field or says it is an example
 * (`YOURSECRETKEYGOESHERE`, `wrong-password`, `example-token`, `dummy_api_key`, `insert-token-here`).
 */
const PSEUDO_SECRET =
  /passw(?:or)?d|secret|token|api[_-]?key|your|goes[_-]?here|[_-]here$|^here|example|placeholder|dummy|sample|fake|wrong|invalid|insert|replace[_-]?me|filtered|masked|omitted|from[_-]?vault|get[_-]?me/i;

/** Values that only stand for a token or key (`CHANGEME` is still a weak literal password, but no token). */
const PSEUDO_TOKEN = /^(?:change[_-]?me|x+|<.*>)$/i;

export function isPseudoSecret(value: string): boolean {
  return PSEUDO_SECRET.test(value.replace(/^["']|["']$/g, ''));
}

/** Shannon entropy of a string in bits per character (gitleaks' measure of how random a value is). */
export function entropy(value: string): number {
  const counts = new Map<string, number>();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/**
 * A token, key or secret (not a password) is reported only when it looks random, as gitleaks' generic-api-key
 * rule does (its threshold is 3.5 bits; ours is 3 bits from 10 characters, 2.5 below, so that a 16-digit hex key, about 3.3 bits, is still one):
 * `API_KEY=test` or `token: abc123` is an example, `API_KEY=9f86d081884c7d65` is a key.
 */
const randomEnough = (value: string) => entropy(value) >= (value.length >= 10 ? 3 : 2.5);

/** `AKIA…MPLE`: the public prefix and the last four characters, or less for short secrets. */
export function maskToken(token: string, prefix = 0): string {
  if (token.length < 16) return `${token.slice(0, prefix)}…`;
  return `${token.slice(0, prefix)}…${token.slice(-4)}`;
}

const PRIVATE_KEY = /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY( BLOCK)?-----[ \t]*\r?\n(?:Proc-Type:|[ \t]*[A-Za-z0-9+/=]{40,}[ \t]*\r?\n)/g;
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*):\/\/([^\s:@/?#"'`<>]*):([^\s@/?#"'`]+)@([^\s/?#"'`:]*)/gi;
const AUTHORIZATION = /\bAuthorization:\s*(Bearer|Basic|Token)\s+([^\s"'`\\]+)/gi;

/** Something any token pattern starts with: most texts have none, and are done in one pass. */
const TOKEN_HINT =
  /AKIA|ASIA|ecret_?access_?key|ECRET_?ACCESS_?KEY|gh[pousr]_|github_pat_|glpat-|xox[abposr]-|hooks\.slack\.com|[sr]k_(?:live|test)_|whsec_|AIza|npm_|eyJ/i;

/** Secrets with a recognisable shape in any text: prose, frontmatter or code. */
export function findSecrets(text: string): SecretMatch[] {
  const found: SecretMatch[] = [];
  for (const { kind, pattern, prefix } of TOKEN_HINT.test(text) ? TOKEN_PATTERNS : []) {
    for (const match of text.matchAll(pattern)) {
      const secret = match[1] ?? match[0];
      // `hooks.slack.com/services/TXXXX/BXXXX/XXXXXXXX`: the shape, filled with a mask.
      if (/x{4,}/i.test(secret)) continue;
      const start = match.index + match[0].indexOf(secret);
      found.push({ start, end: start + secret.length, kind, masked: maskToken(secret, prefix) });
    }
  }
  for (const match of text.includes('PRIVATE KEY') ? text.matchAll(PRIVATE_KEY) : []) {
    const header = match[0].slice(0, match[0].indexOf('-----', 5) + 5);
    found.push({ start: match.index, end: match.index + header.length, kind: 'private key', masked: `${header} block` });
  }
  for (const match of text.includes('://') ? text.matchAll(URL_CREDENTIALS) : []) {
    const [, scheme, user, password, host] = match;
    if (isPlaceholderValue(password)) continue;
    const start = match.index + scheme.length + 3 + user.length + 1;
    found.push({ start, end: start + password.length, kind: 'password', masked: `${scheme}://${user}:****@${host}` });
  }
  for (const match of /authorization/i.test(text) ? text.matchAll(AUTHORIZATION) : []) {
    const [, scheme, token] = match;
    if (isPlaceholderValue(token) || isPseudoSecret(token) || token.length < 8 || !randomEnough(token)) continue;
    const start = match.index + match[0].length - token.length;
    found.push({
      start,
      end: start + token.length,
      kind: `${scheme} token`,
      masked: `Authorization: ${scheme} ${maskToken(token, scheme === 'Bearer' && token.startsWith('eyJ') ? 3 : 0)}`,
    });
  }
  return dedupe(found);
}

const SECRET_NAME = String.raw`[A-Za-z0-9_-]*(?:password|passwd|secret|token|api[_-]?key|apikey|access[_-]?key|secret[_-]?key|client[_-]?secret)`;
/** `DB_PASSWORD=...`, `password: ...`, `"token": "..."`, `--password=...`. */
const ASSIGNMENT = new RegExp(String.raw`(?<![A-Za-z0-9_$])(${SECRET_NAME})(["']?)[ \t]*[=:][ \t]*(["']?)([^\s"'\x60,;}\]]+)\3`, 'gi');
/** `--password hunter2`, `--token abc`. */
const OPTION = new RegExp(String.raw`(?<![\w-])(--${SECRET_NAME})[ \t]+(["']?)([^\s"'\x60-][^\s"'\x60]*)\2`, 'gi');

/** Password options of command-line clients, by program: `mysql -pSECRET`, `redis-cli -a SECRET`. */
const PASSWORD_OPTIONS: Record<string, { attached?: string; separate?: string[] }> = {
  mysql: { attached: '-p' },
  mysqldump: { attached: '-p' },
  mysqladmin: { attached: '-p' },
  mariadb: { attached: '-p' },
  'redis-cli': { separate: ['-a', '--pass'] },
  sshpass: { attached: '-p', separate: ['-p'] },
};

function kindOf(name: string): string {
  if (/secret_?access_?key/i.test(name)) return 'AWS secret access key';
  if (/api[_-]?key/i.test(name)) return 'API key';
  if (/key/i.test(name)) return 'access key';
  if (/token/i.test(name)) return 'token';
  if (/secret/i.test(name)) return 'secret';
  return 'password';
}

const SECRET_NAME_HINT = /passw|secret|token|api[_-]?key|access[_-]?key/i;
const CLIENT_HINT = /\b(?:mysql|mysqldump|mysqladmin|mariadb|redis-cli|sshpass|curl)\b/;

/** Passwords in code beyond what findSecrets sees: in assignments, options and client flags. */
/** Secrets assigned or given as options in code; `commands` are the core's reading of it (for client passwords). */
export function findAssignedSecrets(code: string, commands: readonly Command[] = []): SecretMatch[] {
  const found: SecretMatch[] = [];
  if (SECRET_NAME_HINT.test(code)) found.push(...assignments(code));
  if (CLIENT_HINT.test(code)) found.push(...clientPasswords(code, commands));
  return dedupe(found);
}

function assignments(code: string): SecretMatch[] {
  const found: SecretMatch[] = [];
  for (const match of code.matchAll(ASSIGNMENT)) {
    const [whole, name, , , value] = match;
    if (isPlaceholderValue(value) || isPseudoSecret(value) || value.length < 4 || /^\d{1,5}$/.test(value)) continue;
    if (kindOf(name) !== 'password' && (!randomEnough(value) || PSEUDO_TOKEN.test(value))) continue;
    const colon = !/=/.test(whole.slice(name.length));
    // `password: hunter2` is data; `Secret: stored in Vault` is a sentence.
    if (colon && !/^[ \t]*(?:$|[\n\r,}\]#])/.test(code.slice(match.index + whole.length))) continue;
    const start = match.index + whole.length - value.length - (match[3]?.length ?? 0);
    found.push({ start, end: start + value.length, kind: kindOf(name), masked: `${name}${colon ? ': ' : '='}****` });
  }
  for (const match of code.matchAll(OPTION)) {
    const [whole, name, , value] = match;
    if (isPlaceholderValue(value) || isPseudoSecret(value) || value.length < 4) continue;
    if (kindOf(name) !== 'password' && !randomEnough(value)) continue;
    const start = match.index + whole.length - value.length - (match[2]?.length ?? 0);
    found.push({ start, end: start + value.length, kind: kindOf(name), masked: `${name} ****` });
  }
  return found;
}

function clientPasswords(code: string, commands: readonly Command[]): SecretMatch[] {
  const found: SecretMatch[] = [];
  for (const command of commands) {
    if (!command.argv.length) continue;
    const program = command.name;
    const words = command.argv;
    const options = PASSWORD_OPTIONS[program];
    if (options) {
      words.forEach((word, index) => {
        const raw = code.slice(word.start, word.end);
        let secret: { start: number; end: number; raw: string; flag: string } | undefined;
        if (options.attached && raw.startsWith(options.attached) && raw.length > options.attached.length) {
          secret = { start: word.start + options.attached.length, end: word.end, raw: raw.slice(options.attached.length), flag: options.attached };
        } else if (options.separate?.includes(word.value) && words[index + 1]) {
          const next = words[index + 1];
          secret = { start: next.start, end: next.end, raw: code.slice(next.start, next.end), flag: `${word.value} ` };
        }
        if (secret && !isPlaceholderValue(secret.raw)) {
          const quoted = /^["'].*["']$/.test(secret.raw);
          found.push({ start: secret.start + (quoted ? 1 : 0), end: secret.end - (quoted ? 1 : 0), kind: 'password', masked: `${program} ${secret.flag}****` });
        }
      });
    }
    if (program === 'curl') {
      words.forEach((word, index) => {
        if (word.value !== '-u' && word.value !== '--user') return;
        const next = words[index + 1];
        const raw = next ? code.slice(next.start, next.end).replace(/^["']|["']$/g, '') : '';
        const colon = raw.indexOf(':');
        if (colon === -1 || isPlaceholderValue(raw.slice(colon + 1)) || !raw.slice(colon + 1)) return;
        const start = next.start + (/^["']/.test(code[next.start]) ? 1 : 0) + colon + 1;
        found.push({ start, end: start + raw.length - colon - 1, kind: 'password', masked: `curl ${word.value} ${raw.slice(0, colon)}:****` });
      });
    }
  }
  return found;
}

/** In order; of overlapping matches, the first (and longest) wins. */
function dedupe(matches: SecretMatch[]): SecretMatch[] {
  const sorted = matches.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: SecretMatch[] = [];
  for (const match of sorted) {
    const last = kept[kept.length - 1];
    if (last && match.start < last.end) continue;
    kept.push(match);
  }
  return kept;
}
