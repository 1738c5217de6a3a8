// Options shared by the commands that read the content, and finding a runbook by name. Light on purpose
// (no parser, no schema): `list` and `show` start from here and read the cached entries.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadCachedRunbooks, type CachedRunbooks } from '../lib/cache/runbook-entries.ts';
import { formatProblemList } from '../lib/format-problems.ts';
import type { Problem } from '../lib/problem.ts';
import type { LoadOptions } from '../lib/project.ts';
import { NotFoundError, UsageError, ValidationError } from './errors.ts';

export interface ContentOptions {
  /** Project root (where runbook.config.yaml lives). */
  cwd: string;
  /** Folder of the runbooks, relative to cwd (default from runbook.config.yaml). */
  content?: string;
  /** Folder of the services. */
  services?: string;
  /** "Today" for staleness, YYYY-MM-DD. */
  now?: string;
  /** Where to say which content files could not be read (too large, not UTF-8, a symlink loop). */
  warn?: (text: string) => void;
  /** Read only the runbooks' frontmatter (ids, alerts, variables), not their commands (`openProject`). */
  frontmatterOnly?: boolean;
}

/** `--now`: a calendar date written as YYYY-MM-DD (2026-02-30 is not one). */
export function parseNow(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const valid =
    /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
  if (!valid) throw new UsageError(`--now: expected a date written as YYYY-MM-DD, got "${value}"`);
  return value;
}

/** `--content` and `--services`, when given, must be folders that exist. */
export function checkContentFolders(options: ContentOptions): void {
  for (const [flag, dir] of [
    ['--content', options.content],
    ['--services', options.services],
  ] as const) {
    if (dir !== undefined && !existsSync(resolve(options.cwd, dir))) throw new UsageError(`${flag}: no such folder "${dir}"`);
  }
}

/** The config overrides the options give. */
export function configOverrides(options: ContentOptions): NonNullable<LoadOptions['config']> {
  return { contentDir: options.content, servicesDir: options.services, now: parseNow(options.now) };
}

/** The project's runbooks as the cache keeps them (parsed again only where a file changed). */
export async function cachedRunbooks(options: ContentOptions): Promise<CachedRunbooks> {
  checkContentFolders(options);
  const runbooks = await loadCachedRunbooks({ root: options.cwd, config: configOverrides(options) });
  warnUnreadable(runbooks.unreadable, options);
  return runbooks;
}

/** A file that cannot be read is left out; say so, or a runbook would silently be missing. */
export function warnUnreadable(unreadable: Problem[], options: ContentOptions): void {
  if (unreadable.length && options.warn)
    options.warn(
      `runbook: warning: left out ${unreadable.length} content file${unreadable.length === 1 ? '' : 's'} that cannot be read:\n${formatProblemList(unreadable)}\n`,
    );
}

/**
 * The file of the runbook asked for by id, alias or alert name, for `show` and `run`. An empty name is a
 * usage error; a runbook whose frontmatter is invalid is named with its errors; an unknown one gets the
 * closest names (exit 1, or 2 for `run`, where 1 means a command failed).
 */
export function findRunbookFile(runbooks: CachedRunbooks, query: string, notFoundExit: 1 | 2 = 1): string {
  if (!query.trim()) throw new UsageError('<runbook>: expected a runbook id, alias or alert name, got an empty string (see runbook list)');
  const found = runbooks.resolve(query);
  if (found.found) return found.found.file;
  if (found.invalid?.index.kind === 'invalid') {
    const { errors } = found.invalid.index;
    throw new ValidationError(`${found.invalid.file} has ${errors.length} error(s), so it cannot be used until they are fixed:\n${formatProblemList(errors)}`);
  }
  if (found.ambiguous)
    throw new NotFoundError(`Alert "${query}" leads to runbooks of several services: give the id of the one you mean`, found.suggestions, notFoundExit);
  throw new NotFoundError(`No runbook with id, alias or alert name "${query}"`, found.suggestions, notFoundExit);
}
