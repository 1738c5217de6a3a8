// The whole project model, for the commands that need every runbook parsed (registry, verify) or one
// runbook's model (run).
import { loadProject, type Project } from '../lib/project.ts';
import { checkContentFolders, configOverrides, warnUnreadable, type ContentOptions } from './options.ts';

/** The project, or only the given runbook files of it (relative to cwd). */
export async function openProject(options: ContentOptions, files?: string[]): Promise<Project> {
  checkContentFolders(options);
  const project = await loadProject({
    root: options.cwd,
    config: configOverrides(options),
    ...(files ? { files } : {}),
    ...(options.frontmatterOnly ? { frontmatterOnly: true } : {}),
  });
  warnUnreadable(
    project.problems.filter((problem) => problem.rule.startsWith('files/')),
    options,
  );
  return project;
}
