// The whole project model, for the commands that need every runbook parsed (registry, verify) or one
// runbook's model (run).
import { loadProject, type Project } from '../lib/project.ts';
import { checkContentFolders, configOverrides, type ContentOptions } from './options.ts';

/** The project, or only the given runbook files of it (relative to cwd). */
export function openProject(options: ContentOptions, files?: string[]): Project {
  checkContentFolders(options);
  return loadProject({ root: options.cwd, config: configOverrides(options), ...(files ? { files } : {}) });
}
