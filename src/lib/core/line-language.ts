// Is one line of an untagged code block a command, and in which language? The importer asks this to give a
// fence its language (prose written in a fence stays text). SQL by PostgreSQL's own lexer (the first token is
// a statement's keyword, written in capitals as SQL in prose is not); shell by the program the line starts with.
import { scanTokens } from './sql/script.ts';

/** Keywords that start a statement (`SELECT`, `VACUUM`, ...). */
const STATEMENT_KEYWORDS = new Set([
  'SELECT',
  'INSERT',
  'UPDATE',
  'DELETE',
  'CREATE',
  'DROP',
  'ALTER',
  'SHOW',
  'EXPLAIN',
  'VACUUM',
  'ANALYZE',
  'WITH',
  'GRANT',
  'REVOKE',
  'TRUNCATE',
  'REINDEX',
  'COPY',
]);
/** Keywords that start a clause of a statement written over several lines (`FROM x`, `ORDER BY y`). */
const CLAUSE_KEYWORDS = new Set(['FROM', 'WHERE', 'ORDER', 'GROUP', 'LIMIT']);

/**
 * The line starts a SQL statement (or, with `clauses`, one of its clauses): its first token is such a keyword,
 * written in capitals (`SELECT`, not the `Select` of a sentence) unless `anyCase`.
 */
export function startsSqlStatement(line: string, options: { clauses?: boolean; anyCase?: boolean } = {}): boolean {
  const text = line.trim();
  const first = /^[A-Za-z]+/.exec(text)?.[0];
  if (!first || (!options.anyCase && first !== first.toUpperCase())) return false;
  const token = scanTokens(first)?.[0];
  if (token?.kind !== 'KEYWORD') return false;
  return STATEMENT_KEYWORDS.has(token.text) || (options.clauses === true && CLAUSE_KEYWORDS.has(token.text));
}

/** Commands that start a shell line whatever follows them. */
const SHELL_COMMANDS = new Set([
  'aws',
  'kubectl',
  'helm',
  'redis-cli',
  'psql',
  'pg_dump',
  'pg_restore',
  'pg_dumpall',
  'curl',
  'wget',
  'git',
  'ping',
  'ps',
  'bash',
  'sh',
  'zsh',
  'docker',
  'grep',
  'egrep',
  'tail',
  'systemctl',
  'journalctl',
  'terraform',
  'gcloud',
  'az',
  'gh',
  'jq',
  'npm',
  'npx',
  'yarn',
  'pnpm',
  'node',
  'ssh',
  'scp',
  'iostat',
  'vmstat',
  'netstat',
  'lsof',
  'dig',
  'nslookup',
  'traceroute',
  'openssl',
  'eksctl',
  'argocd',
  'vault',
  'mysql',
  'mongosh',
  'sudo',
  'export',
  'redis-server',
  'kubectx',
  'kubens',
  'stern',
  'gzip',
  'gunzip',
  'tar',
  'awk',
  'sed',
  'xargs',
  'pkill',
  'killall',
  'chmod',
  'chown',
  'mkdir',
  'rm',
  'cp',
  'mv',
  'ls',
]);
/** English words that are also commands: a command only with a flag, a pipe, a path or quotes after them. */
const WEAK_COMMANDS = new Set([
  'watch',
  'find',
  'kill',
  'top',
  'free',
  'time',
  'sort',
  'head',
  'cat',
  'echo',
  'cd',
  'df',
  'du',
  'make',
  'go',
  'python',
  'python3',
  'service',
  'less',
  'uniq',
  'wc',
  'timeout',
  'nc',
  'telnet',
  'htop',
]);
const SHELLISH = /\s-{1,2}[A-Za-z0-9]|[|;&<>]|\/|'|"|\$/;

export type LineLanguage = 'bash' | 'sql';

/** The language of a line that is a command, or undefined for prose. */
export function lineLanguage(line: string): LineLanguage | undefined {
  const text = line.trim();
  if (startsSqlStatement(text)) return 'sql';
  const words = text.replace(/^(?:[A-Z_][A-Z0-9_]*=\S*\s+)+/, '').split(/\s+/);
  const first = words[0] ?? '';
  if (/^\.{0,2}\/[\w./-]+\.(sh|py|js|ts|rb)$/.test(first)) return 'bash';
  if (SHELL_COMMANDS.has(first)) return words.length > 1 || ['ls', 'ps', 'jq'].includes(first) ? 'bash' : undefined;
  if (WEAK_COMMANDS.has(first) && words.length > 1 && SHELLISH.test(text.slice(first.length))) return 'bash';
  return undefined;
}
