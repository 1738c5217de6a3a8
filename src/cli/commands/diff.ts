// runbook diff: what a change does operationally — runbooks added, removed, moved; commands that
// became riskier; placeholders, alerts, severity, owner and service — between two git revisions (or
// a revision and the working tree), or two registry.json files.
import { join } from 'node:path';
import { Option, type Command } from 'commander';
import { SnapshotCache } from '../../lib/diff/cache.ts';
import { compareSnapshots, type RunbookDiff } from '../../lib/diff/compare.ts';
import { GitError, UnknownRevisionError } from '../../lib/diff/git.ts';
import { RegistryFileError, snapshotOf } from '../../lib/diff/load.ts';
import { formatMarkdown } from '../../lib/diff/markdown.ts';
import { escapeControlCharacters, escapeJsonControlCharacters } from '../../lib/text/control-characters.ts';
import { COMMANDS } from '../command-table.ts';
import type { CommandContext } from '../context.ts';
import { UsageError } from '../errors.ts';
import { siteUrlOption } from '../site-url.ts';

export const DIFF_FORMATS = ['markdown', 'json'] as const;

export interface DiffCommandOptions {
  cwd: string;
  base: string;
  /** A revision or registry file; undefined: the working tree. */
  head?: string;
  format: (typeof DIFF_FORMATS)[number];
  siteUrl?: string;
  /** Keep the per-file cache (node_modules/.cache/runbook/diff.json); false: read every file afresh. */
  cache?: boolean;
}

export async function diff(options: DiffCommandOptions): Promise<{ diff: RunbookDiff; text: string }> {
  const siteUrl = siteUrlOption(options.cwd, options.siteUrl);
  const cache = new SnapshotCache(options.cache === false ? undefined : join(options.cwd, 'node_modules', '.cache', 'runbook', 'diff.json'));
  try {
    const base = await snapshotOf(options.cwd, options.base, cache);
    const head = await snapshotOf(options.cwd, options.head, cache);
    cache.save();
    const result = compareSnapshots(base, head);
    const text = options.format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : formatMarkdown(result, base, head, siteUrl);
    return { diff: result, text };
  } catch (error) {
    // A revision that does not exist, no git, a file that is not a registry: the arguments are wrong.
    if (error instanceof UnknownRevisionError || error instanceof GitError || error instanceof RegistryFileError) throw new UsageError(error.message);
    throw error;
  }
}

export function registerDiff(program: Command, { io }: CommandContext): void {
  program
    .command('diff')
    .description(COMMANDS.diff.description)
    .argument('<base>', 'a git revision (main, HEAD~1, a commit) or a registry.json file')
    .argument('[head]', 'a git revision or a registry.json file (default: the working tree)')
    .addOption(new Option('-f, --format <format>', 'output format: a pull-request comment, or JSON').choices([...DIFF_FORMATS]).default('markdown'))
    .option('--site-url <url>', "the site's address, for links to the pages (default: site: of runbook.config.yaml)")
    .option('--no-cache', 'read every file afresh (and do not write the cache)')
    .addHelpText(
      'after',
      `
Commands are matched by their fence id, else by position and text similarity within their step. A revision whose
runbooks do not validate with today's schema is compared as far as it reads, with a note.

Exit codes: 0 compared (differences are not failures), 2 usage, unknown revision or unreadable registry file.`,
    )
    .action(async (base: string, head: string | undefined, options) => {
      const result = await diff({ cwd: io.cwd, base, head, ...options });
      io.stdout(options.format === 'json' ? escapeJsonControlCharacters(result.text) : escapeControlCharacters(result.text));
    });
}
