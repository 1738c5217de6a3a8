// Options shared by the commands that read the content.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { isoDate } from '../schema/shared.ts';
import { loadConfig } from '../lib/config.ts';
import { loadProject, type Project } from '../lib/project.ts';
import { formatProblemList } from '../lib/format-problems.ts';
import type { Runbook } from '../lib/model/types.ts';
import { resolveRunbook } from '../lib/resolve.ts';
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
  /** Read only the runbooks' frontmatter (ids, alerts, variables), not their commands. */
  frontmatterOnly?: boolean;
}

export function parseNow(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const parsed = isoDate.safeParse(value);
  if (!parsed.success) throw new UsageError(`--now: expected a date written as YYYY-MM-DD, got "${value}"`);
  return parsed.data;
}

/** `--content` and `--services`, when given, must be folders that exist. */
export function checkContentFolders(options: ContentOptions): void {
  for (const [flag, dir] of [['--content', options.content], ['--services', options.services]] as const) {
    if (dir !== undefined && !existsSync(resolve(options.cwd, dir))) throw new UsageError(`${flag}: no such folder "${dir}"`);
  }
}

export async function openProject(options: ContentOptions): Promise<Project> {
  checkContentFolders(options);
  const project = await loadProject({
    root: options.cwd,
    config: { contentDir: options.content, servicesDir: options.services, now: parseNow(options.now) },
    ...(options.frontmatterOnly ? { frontmatterOnly: true } : {}),
  });
  // A file that cannot be read is left out; say so, or a runbook would silently be missing.
  const unreadable = project.problems.filter((problem) => problem.rule.startsWith('files/'));
  if (unreadable.length && options.warn) options.warn(`runbook: warning: left out ${unreadable.length} content file${unreadable.length === 1 ? '' : 's'} that cannot be read:\n${formatProblemList(unreadable)}\n`);
  return project;
}

/**
 * The runbook asked for by id, alias or alert name, for `show` and `run`. An empty name is a usage
 * error; a runbook whose frontmatter is invalid is named with its errors; an unknown one gets the
 * closest names (exit 1, or 2 for `run`, where 1 means a command failed).
 */
export function findRunbook(project: Project, query: string, notFoundExit: 1 | 2 = 1): Runbook {
  if (!query.trim()) throw new UsageError('<runbook>: expected a runbook id, alias or alert name, got an empty string (see runbook list)');
  const found = resolveRunbook(project, query);
  if (found.runbook) return found.runbook;
  if (found.invalid) {
    const errors = found.invalid.problems.filter((problem) => problem.severity === 'error');
    throw new ValidationError(`${found.invalid.file} has ${errors.length} error(s), so it cannot be used until they are fixed:\n${formatProblemList(errors)}`);
  }
  if (found.ambiguous) throw new NotFoundError(`Alert "${query}" leads to runbooks of several services: give the id of the one you mean`, found.suggestions, notFoundExit);
  throw new NotFoundError(`No runbook with id, alias or alert name "${query}"`, found.suggestions, notFoundExit);
}

/** The site's address: --site-url, else `site:` of runbook.config.yaml; undefined when neither is set. */
export function siteUrlOption(cwd: string, flag: string | undefined): string | undefined {
  if (flag !== undefined) {
    let url: URL;
    try {
      url = new URL(flag);
    } catch {
      throw new UsageError(`--site-url: expected the site's address such as https://runbooks.example.com, got "${flag}"`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UsageError(`--site-url: expected an http or https address, got "${flag}"`);
    if (url.search || url.hash) throw new UsageError(`--site-url: expected the site's address without a query or fragment, got "${flag}"`);
    return url.href.replace(/\/+$/, '');
  }
  const site = loadConfig(cwd).config.site;
  return site ? site.replace(/\/+$/, '') : undefined;
}
