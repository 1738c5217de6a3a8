// A project: every runbook and service under the content folders, parsed once, with the checks
// that need more than one file (duplicate ids, aliases and alerts; dangling references). An alert
// name leads to one runbook within a service; runbooks of different services may share it (FORMAT).
import { sep } from 'node:path';
import type { Config } from '../schema/config.ts';
import { serviceSchema, type ServiceWithId } from '../schema/service.ts';
import { loadConfig } from './config.ts';
import { listContentFiles, serviceIdOf, walkContentFiles } from './content-files.ts';
import { parseRunbookFrontmatter } from './model/frontmatter-only.ts';
import type { Runbook } from './model/types.ts';
import { LineIndex, compareProblems, problemAt, type Problem, type Span } from './problem.ts';
import { staleness, today, type Staleness } from './staleness.ts';
import { didYouMean } from './suggest.ts';
import { frontmatterPositions } from './frontmatter.ts';
import { readContentFile, type ContentFile } from './source-file.ts';
import { parseYamlData } from './yaml-data.ts';

export interface ServiceEntry {
  id: string;
  file: string;
  data?: ServiceWithId;
  problems: Problem[];
}

export interface Project {
  root: string;
  config: Config;
  /** "Today" for staleness (YYYY-MM-DD). */
  now: string;
  runbooks: Runbook[];
  services: ServiceEntry[];
  /** Problems of the config, the services and across files (each runbook keeps its own). */
  problems: Problem[];
}

export interface LoadOptions {
  root?: string;
  /** Overrides of the config (e.g. `--content DIR`, `--now`). */
  config?: Partial<Pick<Config, 'contentDir' | 'servicesDir' | 'now'>>;
  /** Only these runbook files (relative to root); default: every file under contentDir. */
  files?: string[];
  /** Files already read (by path relative to root): `runbook lint` reads each once and lints what it hashed. */
  sources?: ReadonlyMap<string, ContentFile>;
  /** Read only each runbook's frontmatter (no body, no commands): for tools that need ids and alerts only. */
  frontmatterOnly?: boolean;
}

type Read = (file: string) => ContentFile;

const toPosix = (path: string) => path.split(sep).join('/');

export { listContentFiles };

export function loadServices(root: string, dir: string, read: Read = (file) => readContentFile(root, file)): ServiceEntry[] {
  return walkContentFiles(root, dir, ['.yaml', '.yml']).files.map((file) => {
    const id = serviceIdOf(file);
    const { text, problems } = read(file);
    if (text === undefined) return { id, file, problems };
    const lines = new LineIndex(text);
    const parsed = parseYamlData({ file, lines, offset: 0, text, schema: serviceSchema, rule: 'schema/service', whole: lines.span(0, 0) });
    return {
      id,
      file,
      ...(parsed.data ? { data: { ...parsed.data, id } } : {}),
      problems: parsed.problems,
    };
  });
}

export async function loadProject(options: LoadOptions = {}): Promise<Project> {
  // The MDX parser and the analysis core load only when the bodies are read.
  const parse = options.frontmatterOnly ? parseRunbookFrontmatter : await fullParser();
  const root = options.root ?? process.cwd();
  const loaded = loadConfig(root);
  const config: Config = { ...loaded.config, ...stripUndefined(options.config ?? {}) };
  const read: Read = (file) => options.sources?.get(file) ?? readContentFile(root, file);
  const walked = options.files ? undefined : walkContentFiles(root, config.contentDir, ['.md', '.mdx']);
  const files = options.files ?? walked!.files;
  // A file that cannot be read as text (too large, not UTF-8, unreadable) is a problem, not a runbook.
  const unreadable: Problem[] = [...(walked?.problems ?? []), ...walkContentFiles(root, config.servicesDir, ['.yaml', '.yml']).problems];
  const runbooks = files.flatMap((file) => {
    const { text, problems } = read(file);
    unreadable.push(...problems);
    if (text === undefined) return [];
    return [parse(file, text)];
  });
  const services = loadServices(root, config.servicesDir, read);
  const now = config.now ?? today();
  const problems = [...loaded.problems, ...unreadable, ...services.flatMap((service) => service.problems), ...checkProject(runbooks, services, config)];
  return { root, config, now, runbooks, services, problems: problems.sort(compareProblems) };
}

async function fullParser(): Promise<(file: string, source: string) => Runbook> {
  const [{ loadCore }, { parseRunbookLoaded }] = await Promise.all([import('./core/load.ts'), import('./model/parse.ts')]);
  await loadCore();
  return parseRunbookLoaded;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Position of a frontmatter value (or its key), falling back to the first line. */
export function frontmatterSpan(runbook: Runbook, path: PropertyKey[], part: 'key' | 'value' = 'value'): Span {
  const found = frontmatterPositions(runbook.source, runbook.frontmatter, runbook.hash).get(path);
  const span = part === 'key' ? (found?.key ?? found?.value) : found?.value;
  return span ?? { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 4, offset: 3 } };
}

/** Checks that need the whole project. */
export function checkProject(runbooks: Runbook[], services: ServiceEntry[], config: Config): Problem[] {
  const problems: Problem[] = [];
  const serviceIds = new Set(services.map((service) => service.id));
  const contentPrefix = `${toPosix(config.contentDir).replace(/\/$/, '')}/`;
  const ids = new Map<string, { runbook: Runbook; path: PropertyKey[] }>();
  const alerts = new Map<string, { runbook: Runbook; path: PropertyKey[] }>();
  const at = (runbook: Runbook, path: PropertyKey[]) => ({ file: runbook.file, ...frontmatterSpan(runbook, path).start });

  // Ids and aliases share one namespace: `runbook show RB-004` must find exactly one runbook.
  const claim = (
    names: Map<string, { runbook: Runbook; path: PropertyKey[] }>,
    name: string,
    runbook: Runbook,
    path: PropertyKey[],
    what: string,
    scope = '',
  ) => {
    const key = `${scope}\0${name.toLowerCase()}`;
    const first = names.get(key);
    if (!first) {
      names.set(key, { runbook, path });
      return;
    }
    const where = first.runbook === runbook ? 'this runbook' : first.runbook.file;
    problems.push(
      problemAt(runbook.file, frontmatterSpan(runbook, path), {
        rule: 'schema/duplicate',
        message: `Duplicate ${what} "${name}"${scope ? ` in service ${scope}` : ''}: already used by ${where}`,
        hint: scope
          ? 'Within a service an alert leads to one runbook (runbooks of different services may share an alert name): merge the two, or move the alert to one of them.'
          : 'Ids and aliases must be unique across all runbooks.',
        related: [{ ...at(first.runbook, first.path), message: 'first used here' }],
      }),
    );
  };

  for (const runbook of runbooks) {
    const meta = runbook.meta;
    if (!meta) {
      if (runbook.data && runbook.file.startsWith(contentPrefix)) {
        problems.push(
          problemAt(runbook.file, frontmatterSpan(runbook, ['title'], 'key'), {
            rule: 'schema/frontmatter',
            message: `Missing required key "runbook": pages under ${contentPrefix} are runbooks and need the runbook block`,
            hint: 'Add runbook: with at least id, service and severity (see "Writing a runbook").',
          }),
        );
      }
      continue;
    }
    claim(ids, meta.id, runbook, ['runbook', 'id'], 'runbook id');
    meta.aliases.forEach((alias, index) => claim(ids, alias, runbook, ['runbook', 'aliases', index], 'alias'));
    // An alert belongs to one runbook of a service; two services (two clusters, two teams) may both answer it (FORMAT).
    meta.alerts.forEach((alert, index) => claim(alerts, alert.name, runbook, ['runbook', 'alerts', index, 'name'], 'alert name', meta.service));

    if (!serviceIds.has(meta.service)) {
      problems.push(
        problemAt(runbook.file, frontmatterSpan(runbook, ['runbook', 'service']), {
          rule: 'schema/reference',
          message: `Unknown service "${meta.service}"${didYouMean(meta.service, serviceIds)}`,
          hint: `Known services: ${[...serviceIds].sort().join(', ') || '(none)'}; add ${config.servicesDir}/${meta.service}.yaml to declare a new one.`,
        }),
      );
    }
    const folder = runbook.file.startsWith(contentPrefix) ? runbook.file.slice(contentPrefix.length).split('/') : [];
    if (folder.length > 1 && folder[0] !== meta.service) {
      problems.push(
        problemAt(runbook.file, frontmatterSpan(runbook, ['runbook', 'service']), {
          rule: 'schema/reference',
          message: `The file is in ${contentPrefix}${folder[0]}/ but its service is "${meta.service}"`,
          hint: `Move it to ${contentPrefix}${meta.service}/ or correct the service.`,
        }),
      );
    }
  }
  const known = new Set(runbooks.flatMap((runbook) => (runbook.meta ? [runbook.meta.id] : [])));
  for (const runbook of runbooks) {
    runbook.meta?.related.forEach((related, index) => {
      if (known.has(related)) return;
      problems.push(
        problemAt(runbook.file, frontmatterSpan(runbook, ['runbook', 'related', index]), {
          rule: 'schema/reference',
          message: `Unknown related runbook "${related}"${didYouMean(related, known)}`,
        }),
      );
    });
  }
  return problems;
}

export function serviceOf(project: Project, runbook: Runbook): ServiceWithId | undefined {
  return project.services.find((service) => service.id === runbook.meta?.service)?.data;
}

/** The owner team: the runbook's own, or its service's. */
export function ownerOf(project: Project, runbook: Runbook): string | undefined {
  return runbook.meta?.owner ?? serviceOf(project, runbook)?.owner;
}

export function stalenessOf(project: Project, runbook: Runbook): Staleness {
  const every = runbook.meta?.reviewEvery?.min ?? project.config.reviewEvery.min;
  return staleness(runbook.meta?.lastReviewed, every, project.now, project.config.dueSoonDays);
}

/** All problems: the project's and every runbook's, sorted. */
export function allProblems(project: Project): Problem[] {
  return [...project.problems, ...project.runbooks.flatMap((runbook) => runbook.problems)].sort(compareProblems);
}
