// The runbooks of a project as `runbook list`, `show` and `run` find them, from the file cache: per runbook file,
// a small index entry (what the list's table, its filters and finding a runbook by name need), the registry
// entry without steps and commands (`list --json`) and the full registry entry (`show`), each computed from
// the model once per version of the file. An unchanged project is listed without loading a parser or parsing
// a file. The caches are keyed by the code, the config and the service files (owners come from them); whether
// a review is overdue depends on the day and is computed on every read. The model itself is never cached,
// only what the registry publishes of it.
import type { Config } from '../../schema/config.ts';
import type { RegistryRunbook } from '../../schema/registry.ts';
import type { Severity } from '../../schema/severity.ts';
import type { LoadedConfig } from '../config.ts';
import { CONFIG_FILE, listContentFiles, serviceIdOf, walkContentFiles } from '../content-files.ts';
import type { Problem } from '../problem.ts';
import type { LoadOptions, Project } from '../project.ts';
import type { Runbook } from '../model/types.ts';
import { rawId, resolveByName, type NameResolution } from '../resolve.ts';
import { staleness, today } from '../staleness.ts';
import { codeHash, fileHashes } from './code-hash.ts';
import { cacheDir, digest, FileCache, type HashedFile } from './file-cache.ts';

/** Bumped when what is stored per runbook changes. */
const FORMAT = 1;

/** What one content file is, as the list's table and a search by name need it. */
export type IndexEntry =
  | {
      kind: 'runbook';
      id: string;
      service: string;
      severity: Severity;
      owner?: string;
      aliases: string[];
      /** Alert names. */
      alerts: string[];
      lastReviewed?: string;
      /** Review interval, minutes (the runbook's own or the config's). */
      reviewEvery: number;
      /** The review is overdue (as of `now`). */
      stale: boolean;
      /** Number of command blocks. */
      commands: number;
    }
  /** A runbook whose frontmatter does not validate: the id it gives itself, and its errors. */
  | { kind: 'invalid'; id: string; errors: Problem[] }
  /** A page without a runbook block, or without an id. */
  | { kind: 'other' };

export type RunbookIndexEntry = Extract<IndexEntry, { kind: 'runbook' }>;

/** As cached: without `stale`, which depends on the day. */
type StoredIndexEntry = Exclude<IndexEntry, RunbookIndexEntry> | Omit<RunbookIndexEntry, 'stale'>;

/** A runbook's registry entry without its steps and commands, and how many commands it has (`list --json`). */
export type RunbookSummary = Omit<RegistryRunbook, 'steps' | 'commands'> & { commands: number };

export interface CachedRunbooksOptions {
  root: string;
  /** Overrides of the config (`--content`, `--services`, `--now`). */
  config?: LoadOptions['config'];
}

export interface CachedRunbooks {
  root: string;
  config: Config;
  /** "Today" for staleness (YYYY-MM-DD). */
  now: string;
  /** Ids of the services (their files' names). */
  serviceIds: string[];
  /** Every content file (relative to root), in order, with its index entry. */
  files: { file: string; index: IndexEntry }[];
  /** Registry entries without steps and commands of the runbook files of `files`, in order. */
  summaries: () => Promise<RunbookSummary[]>;
  /** The full registry entry of a runbook file of `files`. */
  entry: (file: string) => Promise<RegistryRunbook>;
  /** Content files that cannot be read (too large, not UTF-8, a symbolic link loop): left out, with why. */
  unreadable: Problem[];
  /** Finds a runbook by id, alias or alert name, as `resolveRunbook` does on the model. */
  resolve: (query: string) => NameResolution<{ file: string; index: IndexEntry }>;
}

const defined = <T extends object>(value: T): Partial<T> => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;

export async function loadCachedRunbooks(options: CachedRunbooksOptions): Promise<CachedRunbooks> {
  const { root } = options;
  const dir = cacheDir(root);
  const at = (file: string) => `${root}/${file}`;
  const hashes = fileHashes(dir);
  const code = codeHash(hashes);

  // The config, parsed (zod, YAML) only when it or the code changed.
  const configCache = new FileCache<never>({ dir, name: 'config', key: digest(JSON.stringify([FORMAT, code, hashes.hash(at(CONFIG_FILE)) ?? 'absent'])) });
  let loaded = configCache.recall<LoadedConfig>('loaded');
  if (!loaded) {
    const { loadConfig } = await import('../config.ts');
    loaded = loadConfig(root);
    configCache.keep('loaded', loaded);
  }
  const overrides = defined(options.config ?? {});
  const config: Config = { ...loaded.config, ...overrides };
  const now = config.now ?? today();
  const { now: _now, ...settings } = config;
  const services = listContentFiles(root, config.servicesDir, ['.yaml', '.yml']);
  const key = digest(JSON.stringify([FORMAT, code, settings, services.map((file) => [file, hashes.hash(at(file)) ?? 'absent'])]));
  const modelConfig = { ...overrides, now };

  // Every content file is looked up in the index, every runbook's in the summaries: entries of deleted files go.
  const indexCache = new FileCache<StoredIndexEntry>({ dir, root, name: 'runbook-index', key, prune: true });
  const summaryCache = new FileCache<RunbookSummary | null>({ dir, root, name: 'runbook-summaries', key, prune: true });
  const entryCache = new FileCache<RegistryRunbook>({ dir, root, name: 'runbook-entries', key, layout: 'file-per-source' });

  /** Values of `cache` for these files: stored ones, and the others computed from the model of exactly the bytes hashed. */
  async function cached<T>(
    cache: FileCache<T>,
    files: string[],
    compute: (project: Project, runbook: Runbook, registry: RegistryModule) => T,
  ): Promise<Map<string, T>> {
    const values = new Map<string, T>();
    const missing = new Map<string, HashedFile>();
    for (const file of files) {
      const lookup = cache.lookup(file);
      if (lookup.hit) values.set(file, lookup.value);
      else if (lookup.file?.text === undefined) lookup.file?.problems.forEach((problem) => unreadable.set(problem.file, problem));
      else missing.set(file, lookup.file);
    }
    if (missing.size) {
      const [project, registry] = await Promise.all([loadRunbooks(root, modelConfig, missing), import('../registry.ts')]);
      for (const runbook of project.runbooks) {
        const value = compute(project, runbook, registry);
        cache.set(runbook.file, missing.get(runbook.file)!, value);
        values.set(runbook.file, value);
      }
    }
    // Also when nothing was computed: new stamps of touched files, entries of deleted ones.
    cache.save();
    return values;
  }

  // Unreadable files are read again at each run (nothing is stored for them), and said each time.
  const unreadable = new Map<string, Problem>();
  const walked = walkContentFiles(root, config.contentDir, ['.md', '.mdx']);
  for (const problem of walked.problems) unreadable.set(problem.file, problem);
  const files = walked.files;
  const indexes = await cached(indexCache, files, indexEntry);
  for (const cache of [hashes, configCache]) cache.save();

  const listed = files.flatMap((file) => {
    const index = indexes.get(file);
    if (!index) return [];
    // Whether a review is overdue depends on the day: computed on every read, not cached.
    return [
      {
        file,
        index: index.kind === 'runbook' ? { ...index, stale: staleness(index.lastReviewed, index.reviewEvery, now, config.dueSoonDays).stale } : index,
      } satisfies { file: string; index: IndexEntry },
    ];
  });
  const runbookFiles = listed.filter(({ index }) => index.kind === 'runbook').map(({ file }) => file);
  return {
    root,
    config,
    now,
    serviceIds: services.map(serviceIdOf),
    files: listed,
    get unreadable() {
      return [...unreadable.values()];
    },
    summaries: async () => {
      const summaries = await cached(summaryCache, runbookFiles, summaryOf);
      return runbookFiles.flatMap((file) => {
        const summary = summaries.get(file);
        return summary ? [{ ...summary, stale: staleness(summary.lastReviewed, summary.reviewEvery.min, now, config.dueSoonDays).stale }] : [];
      });
    },
    entry: async (file) => {
      const entries = await cached(entryCache, [file], (project, runbook, registry) => {
        const entry = registry.registryRunbook(project, runbook);
        if (!entry) throw new Error(`${file} is not a valid runbook`);
        return entry;
      });
      const entry = entries.get(file);
      if (!entry) throw new Error(`${file} cannot be read`);
      return { ...entry, stale: staleness(entry.lastReviewed, entry.reviewEvery.min, now, config.dueSoonDays).stale };
    },
    resolve: (query) =>
      resolveByName(
        listed,
        query,
        ({ index }) => (index.kind === 'runbook' ? index : undefined),
        ({ index }) => (index.kind === 'invalid' ? index.id : undefined),
      ),
  };
}

/** The model of some runbook files, parsed from exactly the text that was hashed. */
async function loadRunbooks(root: string, config: LoadOptions['config'], texts: Map<string, HashedFile>): Promise<Project> {
  const { loadProject } = await import('../project.ts');
  // Service files are read from disk (their hashes were taken by stamp).
  return loadProject({ root, config, files: [...texts.keys()], sources: texts });
}

type RegistryModule = typeof import('../registry.ts');

function indexEntry(project: Project, runbook: Runbook, registry: RegistryModule): StoredIndexEntry {
  const entry = registry.registryRunbook(project, runbook, { withCommands: false });
  if (entry) {
    return {
      kind: 'runbook',
      id: entry.id,
      service: entry.service,
      severity: entry.severity,
      ...(entry.owner ? { owner: entry.owner } : {}),
      aliases: entry.aliases,
      alerts: entry.alerts.map((alert) => alert.name),
      ...(entry.lastReviewed ? { lastReviewed: entry.lastReviewed } : {}),
      reviewEvery: entry.reviewEvery.min,
      commands: registry.commandBlocks(runbook).length,
    };
  }
  const id = rawId(runbook);
  return id === undefined ? { kind: 'other' } : { kind: 'invalid', id, errors: runbook.problems.filter((problem) => problem.severity === 'error') };
}

function summaryOf(project: Project, runbook: Runbook, registry: RegistryModule): RunbookSummary | null {
  const entry = registry.registryRunbook(project, runbook, { withCommands: false });
  if (!entry) return null;
  const { steps: _steps, commands: _commands, ...summary } = entry;
  return { ...summary, commands: registry.commandBlocks(runbook).length };
}
