// Snapshots to compare: a project folder (the working tree, or a revision written out by git.ts), or a
// registry.json. Files whose bytes were read before come from the cache; the rest go through the
// project's loader. A runbook that does not validate today is read as far as it goes, with a note.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig } from '../config.ts';
import { walkContentFiles } from '../content-files.ts';
import { formatProblemList } from '../format-problems.ts';
import { loadProject, loadServices } from '../project.ts';
import { registryRunbook } from '../registry.ts';
import { readContentFile, type ContentFile } from '../source-file.ts';
import { registrySchema, REGISTRY_VERSION } from '../../schema/registry.ts';
import type { SnapshotCache, CachedFile } from './cache.ts';
import { checkoutRevision } from './git.ts';
import { explicitIds, fromInvalidRunbook, fromRegistryEntry, type Snapshot, type SnapshotRunbook } from './snapshot.ts';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The runbooks of the project at `root` (whose config says where they are). */
export async function projectSnapshot(root: string, label: string, cache: SnapshotCache): Promise<Snapshot> {
  const { config } = loadConfig(root);
  const walked = walkContentFiles(root, config.contentDir, ['.md', '.mdx']);
  const owners = new Map(loadServices(root, config.servicesDir).flatMap((service) => (service.data ? [[service.id, service.data.owner] as const] : [])));
  const notes: string[] = [];
  const files: { file: string; key: string; cached?: CachedFile }[] = [];
  const sources = new Map<string, ContentFile>();
  const unreadable: string[] = [];
  for (const file of walked.files) {
    const read = readContentFile(root, file);
    if (read.text === undefined || !read.hash) {
      unreadable.push(`${file} (${read.problems[0]?.message ?? 'unreadable'})`);
      continue;
    }
    const key = cache.key(file, read.hash, config.docsDir);
    const cached = cache.get(key);
    files.push({ file, key, cached });
    if (!cached) sources.set(file, read);
  }
  if (sources.size) {
    const project = await loadProject({ root, files: [...sources.keys()], sources });
    const byFile = new Map(project.runbooks.map((runbook) => [runbook.file, runbook]));
    for (const entry of files) {
      const runbook = entry.cached ? undefined : byFile.get(entry.file);
      if (!runbook) continue;
      let value: CachedFile;
      if (runbook.meta) {
        value = { runbook: fromRegistryEntry(registryRunbook(project, runbook)!, explicitIds(runbook)), ownOwner: runbook.meta.owner !== undefined };
      } else {
        const raw = (runbook.frontmatter.raw as { runbook?: { owner?: unknown } } | undefined)?.runbook;
        const first = runbook.problems.find((problem) => problem.severity === 'error');
        value = { runbook: fromInvalidRunbook(runbook, config.docsDir), ownOwner: typeof raw?.owner === 'string', invalid: first ? formatProblemList([first]).trim() : 'the frontmatter does not validate' };
      }
      cache.set(entry.key, value);
      entry.cached = value;
    }
  }
  const runbooks = new Map<string, SnapshotRunbook>();
  const invalid: string[] = [];
  const noId: string[] = [];
  for (const { file, cached } of files) {
    if (!cached?.runbook) {
      if (cached?.invalid) noId.push(file);
      continue;
    }
    if (cached.invalid) invalid.push(cached.invalid);
    const runbook = { ...cached.runbook };
    if (!cached.ownOwner) {
      const owner = runbook.service ? owners.get(runbook.service) : undefined;
      if (owner) runbook.owner = owner;
      else delete runbook.owner;
    }
    if (runbooks.has(runbook.id)) notes.push(`${label}: ${file} has the id "${runbook.id}" of ${runbooks.get(runbook.id)!.file}; only the first is compared`);
    else runbooks.set(runbook.id, runbook);
  }
  if (invalid.length) notes.push(`${label}: ${plural(invalid.length, 'runbook does', 'runbooks do')} not validate with today's schema and ${invalid.length === 1 ? 'was' : 'were'} compared as far as ${invalid.length === 1 ? 'it reads' : 'they read'}:\n${invalid.map((line) => `  ${line}`).join('\n')}`);
  if (noId.length) notes.push(`${label}: left out ${plural(noId.length, 'page')} under ${config.contentDir} without a runbook id: ${noId.join(', ')}`);
  if (unreadable.length) notes.push(`${label}: left out ${plural(unreadable.length, 'file')} that cannot be read: ${unreadable.join(', ')}`);
  return { label, runbooks, notes };
}

/** A registry.json (of this version, or as far as an older one reads). */
export function registrySnapshot(path: string, label: string): Snapshot {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new RegistryFileError(`${label}: not a registry (${error instanceof Error ? error.message : String(error)})`);
  }
  const runbooksRaw = (data as { runbooks?: unknown } | null)?.runbooks;
  if (!Array.isArray(runbooksRaw)) throw new RegistryFileError(`${label}: not a registry: it has no "runbooks" list`);
  const notes: string[] = [];
  const parsed = registrySchema.safeParse(data);
  if (!parsed.success) {
    const version = (data as { registryVersion?: unknown }).registryVersion;
    notes.push(`${label}: registry${version !== undefined ? ` version ${String(version)}` : ''} does not validate as version ${REGISTRY_VERSION}; compared as far as it reads`);
  }
  const runbooks = new Map<string, SnapshotRunbook>();
  for (const entry of runbooksRaw) {
    const runbook = entry && typeof entry === 'object' ? fromRegistryEntry(entry as Record<string, unknown>) : undefined;
    if (runbook && !runbooks.has(runbook.id)) runbooks.set(runbook.id, runbook);
  }
  return { label, runbooks, notes };
}

export class RegistryFileError extends Error {}

/** Whether a diff argument names a registry file rather than a revision. */
export function isRegistryFile(cwd: string, argument: string): boolean {
  const path = resolve(cwd, argument);
  return argument.endsWith('.json') && existsSync(path) && statSync(path).isFile();
}

/** The snapshot a diff argument names: a registry file, a git revision, or (undefined) the working tree. */
export async function snapshotOf(cwd: string, argument: string | undefined, cache: SnapshotCache): Promise<Snapshot> {
  if (argument === undefined) return projectSnapshot(cwd, 'working tree', cache);
  if (isRegistryFile(cwd, argument)) return registrySnapshot(resolve(cwd, argument), argument);
  const checkout = checkoutRevision(cwd, argument);
  try {
    return await projectSnapshot(checkout.root, argument, cache);
  } finally {
    checkout.remove();
  }
}
