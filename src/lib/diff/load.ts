// Snapshots to compare: the working tree, a git revision, or a registry.json. Each runbook file is
// known by its git blob id (computed for working-tree files, listed by git for a revision): files seen
// before come from the cache; only the others are read and go through the project's loader. A runbook
// that does not validate today is read as far as it goes, with a note.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { CONFIG_FILE, loadConfig } from '../config.ts';
import { walkContentFiles } from '../content-files.ts';
import { formatProblemList } from '../format-problems.ts';
import { loadProject, loadServices, type Project } from '../project.ts';
import { registryRunbook } from '../registry.ts';
import { readContentFile, type ContentFile } from '../source-file.ts';
import { registrySchema, REGISTRY_VERSION } from '../../schema/registry.ts';
import type { CachedFile, SnapshotCache } from './cache.ts';
import { revisionFiles, writeTemporaryProject } from './git.ts';
import { explicitIds, fromInvalidRunbook, fromRegistryEntry, type Snapshot, type SnapshotRunbook } from './snapshot.ts';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The git blob id of some bytes (what `git hash-object` prints): a working-tree file and its committed copy share it. */
export function blobId(bytes: Uint8Array): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

/** Runbook files as the site sees them: .md and .mdx, not those whose name starts with `_`. */
const isRunbookFile = (path: string) => /\.mdx?$/.test(path) && !path.slice(path.lastIndexOf('/') + 1).startsWith('_');

interface Entry {
  file: string;
  blob: string;
}

interface Reading {
  label: string;
  docsDir: string;
  contentDir: string;
  entries: Entry[];
  /** Service id → owner team. */
  owners: Map<string, string>;
  /** Parses the files the cache does not have (paths relative to the project root). */
  parse(files: string[]): Promise<Project>;
  /** Files that could not be read at all. */
  unreadable: string[];
}

/** Cached or parsed, each file becomes a runbook of the snapshot. */
async function assemble(reading: Reading, cache: SnapshotCache): Promise<Snapshot> {
  const { label, docsDir, entries, owners } = reading;
  const values = new Map<string, CachedFile | undefined>();
  const keys = new Map(entries.map((entry) => [entry.file, cache.key(entry.file, entry.blob, docsDir)]));
  for (const entry of entries) values.set(entry.file, cache.get(keys.get(entry.file)!));
  const misses = entries.filter((entry) => !values.get(entry.file)).map((entry) => entry.file);
  const unreadable = [...reading.unreadable];
  if (misses.length) {
    const project = await reading.parse(misses);
    const byFile = new Map(project.runbooks.map((runbook) => [runbook.file, runbook]));
    for (const file of misses) {
      const runbook = byFile.get(file);
      if (!runbook) {
        const problem = project.problems.find((found) => found.file === file);
        unreadable.push(`${file} (${problem?.message ?? 'unreadable'})`);
        continue;
      }
      let value: CachedFile;
      if (runbook.meta) {
        value = { runbook: fromRegistryEntry(registryRunbook(project, runbook)!, explicitIds(runbook)), ownOwner: runbook.meta.owner !== undefined };
      } else {
        const raw = (runbook.frontmatter.raw as { runbook?: { owner?: unknown } } | undefined)?.runbook;
        const first = runbook.problems.find((found) => found.severity === 'error');
        value = {
          runbook: fromInvalidRunbook(runbook, docsDir),
          ownOwner: typeof raw?.owner === 'string',
          invalid: first ? formatProblemList([first]).trim() : `${file}: the frontmatter does not validate`,
        };
      }
      cache.set(keys.get(file)!, value);
      values.set(file, value);
    }
  }
  const runbooks = new Map<string, SnapshotRunbook>();
  const notes: string[] = [];
  const invalid: string[] = [];
  const noId: string[] = [];
  for (const { file } of entries) {
    const cached = values.get(file);
    if (!cached) continue;
    if (!cached.runbook) {
      noId.push(file);
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
  if (invalid.length)
    notes.push(
      `${label}: ${plural(invalid.length, 'runbook does', 'runbooks do')} not validate with today's schema and ${invalid.length === 1 ? 'was' : 'were'} compared as far as ${invalid.length === 1 ? 'it reads' : 'they read'}:\n${invalid.map((line) => `  ${line}`).join('\n')}`,
    );
  if (noId.length) notes.push(`${label}: left out ${plural(noId.length, 'page')} under ${reading.contentDir} without a runbook id: ${noId.join(', ')}`);
  if (unreadable.length) notes.push(`${label}: left out ${plural(unreadable.length, 'file')} that cannot be read: ${unreadable.join(', ')}`);
  return { label, runbooks, notes };
}

const ownersOf = (root: string, servicesDir: string) =>
  new Map(loadServices(root, servicesDir).flatMap((service) => (service.data ? [[service.id, service.data.owner] as const] : [])));

/** The runbooks of the project in `root` as they are on disk. */
export async function workingTreeSnapshot(root: string, cache: SnapshotCache, label = 'working tree'): Promise<Snapshot> {
  const { config } = loadConfig(root);
  const walked = walkContentFiles(root, config.contentDir, ['.md', '.mdx']);
  const sources = new Map<string, ContentFile>();
  const entries: Entry[] = [];
  const unreadable: string[] = [];
  for (const file of walked.files) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(resolve(root, file));
    } catch (error) {
      unreadable.push(`${file} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
      continue;
    }
    entries.push({ file, blob: blobId(bytes) });
  }
  return assemble(
    {
      label,
      docsDir: config.docsDir,
      contentDir: config.contentDir,
      entries,
      owners: ownersOf(root, config.servicesDir),
      unreadable,
      parse: (files) => {
        for (const file of files) sources.set(file, readContentFile(root, file));
        return loadProject({ root, files, sources });
      },
    },
    cache,
  );
}

/** The runbooks of the project at a git revision: what the cache lacks is read from git into a temporary folder and parsed there. */
export async function revisionSnapshot(cwd: string, revision: string, cache: SnapshotCache): Promise<Snapshot> {
  const listing = revisionFiles(cwd, revision);
  const inContent = (path: string) => path.startsWith(`${listing.contentDir.replace(/^\.\//, '').replace(/\/+$/, '')}/`);
  const services = listing.files.filter((file) => !inContent(file.path));
  const content = listing.files.filter((file) => inContent(file.path) && isRunbookFile(file.path));
  // The config and the services are small and always needed (docsDir, owners): written first.
  const base: [string, Buffer][] = [...(listing.config ? [[CONFIG_FILE, listing.config] as [string, Buffer]] : [])];
  const serviceBytes = listing.read(services.map((file) => file.blob));
  services.forEach((file, index) => base.push([file.path, serviceBytes[index]]));
  const temporary = writeTemporaryProject(base);
  try {
    const { config } = loadConfig(temporary.root);
    return await assemble(
      {
        label: revision,
        docsDir: config.docsDir,
        contentDir: config.contentDir,
        entries: content.map((file) => ({ file: file.path, blob: file.blob })),
        owners: ownersOf(temporary.root, config.servicesDir),
        unreadable: [],
        parse: (files) => {
          const wanted = content.filter((file) => files.includes(file.path));
          const bytes = listing.read(wanted.map((file) => file.blob));
          const written = writeTemporaryProject([...base, ...wanted.map((file, index) => [file.path, bytes[index]] as [string, Buffer])]);
          return loadProject({ root: written.root, files }).finally(written.remove);
        },
      },
      cache,
    );
  } finally {
    temporary.remove();
  }
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
    notes.push(
      `${label}: registry${version !== undefined ? ` version ${String(version)}` : ''} does not validate as version ${REGISTRY_VERSION}; compared as far as it reads`,
    );
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
  if (argument === undefined) return workingTreeSnapshot(cwd, cache);
  if (isRegistryFile(cwd, argument)) return registrySnapshot(resolve(cwd, argument), argument);
  return revisionSnapshot(cwd, argument, cache);
}
