// The whole project model, for the commands that need every runbook parsed (registry, verify) or one
// runbook's model (run).
import { formatProblemList } from '../lib/format-problems.ts';
import { loadProject, type Project } from '../lib/project.ts';
import { checkContentFolders, configOverrides, type ContentOptions } from './options.ts';

/** The project, or only the given runbook files of it (relative to cwd). */
export async function openProject(options: ContentOptions, files?: string[]): Promise<Project> {
  checkContentFolders(options);
  const project = await loadProject({ root: options.cwd, config: configOverrides(options), ...(files ? { files } : {}) });
  // A file that cannot be read is left out; say so, or a runbook would silently be missing.
  const unreadable = project.problems.filter((problem) => problem.rule.startsWith('files/'));
  if (unreadable.length && options.warn) options.warn(`runbook: warning: left out ${unreadable.length} content file${unreadable.length === 1 ? '' : 's'} that cannot be read:\n${formatProblemList(unreadable)}\n`);
  return project;
}
