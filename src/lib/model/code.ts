// How a fence language is meant: the runner's language and the block's kind (what the code holds is the
// analysis core's to read, src/lib/core/block.ts).
import type { BlockKind, CommandLanguage } from './types.ts';

const LANGUAGES: Record<string, CommandLanguage | 'console'> = {
  bash: 'shell',
  sh: 'shell',
  shell: 'shell',
  zsh: 'shell',
  shellscript: 'shell',
  console: 'console',
  'shell-session': 'console',
  shellsession: 'console',
  sql: 'sql',
  postgresql: 'sql',
  postgres: 'sql',
  pgsql: 'sql',
  promql: 'promql',
};

/** The runner language and block kind for a fence language. */
export function classify(lang: string, text: boolean): { kind: BlockKind; language?: CommandLanguage } {
  const mapped = LANGUAGES[lang];
  if (text) return { kind: 'text', language: mapped === 'console' ? 'shell' : mapped };
  if (mapped === 'console') return { kind: 'console', language: 'shell' };
  if (mapped) return { kind: 'command', language: mapped };
  return { kind: 'snippet' };
}

export function isShellLanguage(lang: string): boolean {
  return LANGUAGES[lang] === 'shell' || LANGUAGES[lang] === 'console';
}
