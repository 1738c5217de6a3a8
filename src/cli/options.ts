// Options shared by the commands that read the content.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { isoDate } from '../schema/shared.ts';
import { loadProject, type Project } from '../lib/project.ts';
import { UsageError } from './errors.ts';

export interface ContentOptions {
  /** Project root (where runbook.config.yaml lives). */
  cwd: string;
  /** Folder of the runbooks, relative to cwd (default from runbook.config.yaml). */
  content?: string;
  /** Folder of the services. */
  services?: string;
  /** "Today" for staleness, YYYY-MM-DD. */
  now?: string;
}

export function parseNow(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const parsed = isoDate.safeParse(value);
  if (!parsed.success) throw new UsageError(`--now: expected a date written as YYYY-MM-DD, got "${value}"`);
  return parsed.data;
}

export function openProject(options: ContentOptions): Project {
  for (const [flag, dir] of [['--content', options.content], ['--services', options.services]] as const) {
    if (dir !== undefined && !existsSync(resolve(options.cwd, dir))) throw new UsageError(`${flag}: no such folder "${dir}"`);
  }
  return loadProject({
    root: options.cwd,
    config: { contentDir: options.content, servicesDir: options.services, now: parseNow(options.now) },
  });
}

/** The runbook asked for (id, alias or alert name) must not be empty. */
export function runbookQuery(query: string): string {
  if (!query.trim()) throw new UsageError('<runbook>: expected a runbook id, alias or alert name, got an empty string (see runbook list)');
  return query;
}
