// The service of each imported source (from --service, its frontmatter, or its folder), and the
// service file of a service the import creates: placeholders for what the sources do not say.
import { basename, dirname } from 'node:path';
import type { TodoField } from '../../schema/runbook.ts';
import { CONTACT_PLACEHOLDER, type EscalationLevel } from './escalation.ts';
import { titleSlug } from './metadata.ts';
import { kebabSlug } from './names.ts';
import { renderService } from './render.ts';
import type { BatchFile } from './types.ts';
import type { SourceRef } from './walk.ts';

/** Folder names that say nothing about the service. */
const GENERIC_FOLDERS = new Set([
  'runbooks',
  'runbook',
  'docs',
  'doc',
  'documentation',
  'content',
  'alerts',
  'playbooks',
  'playbook',
  'src',
  'wiki',
  'markdown',
  'md',
  'site',
  'www',
  'en',
  'guides',
  'procedures',
  'oncall',
  'on-call',
  'source',
]);

export interface ServiceChoice {
  id: string;
  /** Where it came from, for the report. */
  from: string;
  /** A guess the user should confirm (listed in the runbooks' `todo`). */
  provisional: boolean;
}

/**
 * The service of a source: the first folder below the walked folder that is not a generic name
 * (`alerts/<operator>/X.md`, `docs/<service>/x.md`); for files at the top, the walked folder itself,
 * or else the nearest folder above it with a meaningful name — a guess, marked provisional.
 */
export function folderService(ref: SourceRef): ServiceChoice {
  const folders = ref.relative.split('/').slice(0, -1);
  const inside = folders.find((folder) => !GENERIC_FOLDERS.has(folder.toLowerCase()));
  if (inside) return { id: kebabSlug(inside, 'imported', 40), from: `the folder ${inside}/`, provisional: false };
  // The folder given names it (`import alerts/cluster-dns-operator`); a folder above it is a guess.
  let dir = ref.root;
  for (let depth = 0; depth < 6; depth++) {
    const name = basename(dir);
    if (!name || dirname(dir) === dir) break;
    if (!GENERIC_FOLDERS.has(name.toLowerCase())) {
      return depth === 0
        ? { id: kebabSlug(name, 'imported', 40), from: `the folder ${name}/`, provisional: false }
        : { id: kebabSlug(name, 'imported', 40), from: `the folder ${name}/ (a guess)`, provisional: true };
    }
    dir = dirname(dir);
  }
  return { id: 'imported', from: 'no folder names one (a guess)', provisional: true };
}

/** A new service's file: placeholders for what the sources do not say, listed in its `todo`. */
export function serviceFile(id: string, name: string, owner: string | undefined, levels: EscalationLevel[], sources: string[]): BatchFile {
  const todo: TodoField[] = [...(owner ? [] : ['owner' as const]), 'escalation'];
  const escalation = levels.length ? levels : [{ who: `${name} on-call`, when: 'immediately, for any alert of the service', contact: CONTACT_PLACEHOLDER }];
  const from = sources.length > 3 ? `${sources.slice(0, 3).join(', ')} and ${sources.length - 3} more` : sources.join(', ');
  const content = renderService(
    { name, owner: owner ? titleSlug(owner) : `${id}-team`, escalation, todo },
    `Service ${name}, created by \`runbook import\` for ${from}.\nProvisional (see todo): ${todo.join(' and ')}; confirm each, then remove it from todo.`,
  );
  return { kind: 'service', service: id, path: `${id}.yaml`, content, title: name, todo, keepExisting: true };
}
