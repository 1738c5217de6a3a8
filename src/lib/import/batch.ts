// Imports a batch of source files: each one becomes runbooks (a page per alert, a free-form document
// with commands, or a document of many runbooks split as the seeds are), a reference page of its
// service, or is skipped with its reason. One source that fails never stops the others. Names are
// unique and the same on every run, links between imported files lead to their new pages, images
// are copied, and each new service gets a service file with its provisional fields listed.
import { basename, dirname } from 'node:path';
import type { TodoField } from '../../schema/runbook.ts';
import { analyse, GENERIC_STEMS, titleOf, type Analysed, type BatchSource } from './analyse.ts';
import type { EscalationLevel } from './escalation.ts';
import { importDocument } from './import.ts';
import { linkHooks, type LinkContext } from './links.ts';
import { MAX_NAME, kebabSlug, limitSlug, servicePageUrl, splitIdentifier, uniqueNames } from './names.ts';
import { serviceFile } from './services.ts';
import { ConversionError, importSingle } from './single-file.ts';
import type { BatchFile, SourceOutcome } from './types.ts';
import { humanise } from './variables.ts';

export type { BatchSource } from './analyse.ts';
export type { BatchFile, FileKind, SourceOutcome } from './types.ts';

export interface BatchOptions {
  /** The service of every source (`--service`); otherwise each source's folder names it. */
  service?: string;
  /** Display name of a new service (`--name`, with `--service`). */
  serviceName?: string;
  verbatim?: boolean;
  /** Services that exist already, with the fields their file marks provisional. */
  services: Map<string, { todo: TodoField[] }>;
  /** Site URLs of a service's runbooks, reference pages and copied images (folders ending in `/`). */
  runbookUrl: (service: string) => string;
  pageUrl: (service: string) => string;
  imageUrl: (service: string) => string;
  /** Called after each source (progress). */
  onSource?: (done: number, total: number) => void;
}

export interface BatchResult {
  outcomes: SourceOutcome[];
  /** New service files, and the sources that use them. */
  services: { file: BatchFile; sources: string[] }[];
}

export function importBatch(sources: BatchSource[], options: BatchOptions): BatchResult {
  const outcomes: SourceOutcome[] = [];
  const analysed: Analysed[] = [];
  const fail = (outcome: SourceOutcome, error: unknown) => {
    outcome.files = [];
    outcome.skipped =
      error instanceof ConversionError
        ? error.message
        : `the importer failed on this file (${error instanceof Error ? error.message : String(error)}); please report this with the source file`;
  };
  for (const source of sources) {
    const outcome: SourceOutcome = { source: source.ref.name, files: [], report: [] };
    outcomes.push(outcome);
    try {
      const item = analyse(source, options, outcome);
      if (!item) continue;
      outcome.layout = item.layout.kind;
      if (item.layout.kind === 'empty')
        outcome.skipped =
          item.layout.reason === 'the file is empty' && item.frontmatter.mapped.length + item.frontmatter.left.length
            ? 'no content besides its frontmatter (a section index page)'
            : item.layout.reason;
      else analysed.push(item);
    } catch (error) {
      fail(outcome, error);
    }
  }

  // Names: per service, runbooks and pages apart; a name wanted twice is qualified by the folder.
  const singles = analysed.filter((item) => item.layout.kind !== 'collection');
  const taken = new Map<string, { runbooks: Set<string>; pages: Set<string> }>();
  const takenOf = (service: string) => {
    let sets = taken.get(service);
    if (!sets) taken.set(service, (sets = { runbooks: new Set(), pages: new Set() }));
    return sets;
  };
  const wantedSlug = (item: Analysed) => {
    if (item.layout.kind === 'alert') return kebabSlug(splitIdentifier(item.layout.alert), 'alert');
    // README.md, index.md: the title says what the page is; the folder when there is none.
    if (GENERIC_STEMS.test(item.stem)) return kebabSlug(titleOf(item) ?? basename(dirname(item.source.ref.path)), 'page');
    return kebabSlug(splitIdentifier(item.stem), 'page');
  };
  const qualifier = (item: Analysed) => {
    const folders = item.source.ref.relative
      .split('/')
      .slice(0, -1)
      .filter((folder) => kebabSlug(folder, '', 40) !== item.service.id);
    return folders.length ? kebabSlug(folders.slice(-2).join('-'), 'x', 40) : undefined;
  };
  for (const [kind, key] of [
    ['runbook', 'runbooks'],
    ['page', 'pages'],
  ] as const) {
    const byService = new Map<string, Analysed[]>();
    for (const item of singles) {
      const isRunbook = item.layout.kind === 'alert' || item.layout.kind === 'runbook';
      if ((kind === 'runbook') !== isRunbook) continue;
      byService.set(item.service.id, [...(byService.get(item.service.id) ?? []), item]);
    }
    for (const [service, items] of byService) {
      const limit = Math.min(80, MAX_NAME - service.length - 1);
      const names = uniqueNames(items, (item) => limitSlug(wantedSlug(item), limit), qualifier, takenOf(service)[key]);
      for (const item of items) {
        item.slug = limitSlug(names.get(item)!, limit);
        item.url = kind === 'runbook' ? `${options.runbookUrl(service)}${item.slug}/` : servicePageUrl(options.pageUrl(service), item.slug!);
      }
    }
  }

  const links: LinkContext = { urls: new Map(singles.map((item) => [item.source.ref.path, item.url!])), images: new Map(), imageUrl: options.imageUrl };
  const ids = new Set<string>();
  const owners = new Map<string, string>();
  const escalations = new Map<string, EscalationLevel[]>();
  const serviceTodo = (service: string): TodoField[] => options.services.get(service)?.todo ?? (owners.has(service) ? ['escalation'] : ['owner', 'escalation']);

  // Documents of many runbooks first: they may name the service's owner and escalation policy.
  let done = 0;
  for (const item of analysed.filter((each) => each.layout.kind === 'collection')) {
    const service = item.service.id;
    try {
      const sets = takenOf(service);
      const { rewriteUrl, rewriteImage } = linkHooks(item, links);
      const result = importDocument(
        { file: item.outcome.source, text: item.text },
        {
          service,
          ...(options.serviceName ? { serviceName: options.serviceName } : {}),
          ...(options.verbatim ? { verbatim: true } : {}),
          runbookUrl: options.runbookUrl(service),
          pageUrl: options.pageUrl(service),
          ...(options.services.has(service) ? { serviceTodo: options.services.get(service)!.todo } : {}),
          ...(item.service.provisional ? { provisionalService: true } : {}),
          rewriteLink: rewriteUrl,
          rewriteImage,
        },
        sets,
      );
      const problems = [...result.runbooks, ...result.pages].flatMap((file) => file.problems);
      if (problems.length) throw new ConversionError(problems[0]);
      item.outcome.report.push(...result.report.map((entry) => ({ ...entry, source: item.outcome.source })));
      if (item.service.provisional) item.say('todo', `service "${service}" taken from ${item.service.from}; confirm it (--service sets it)`);
      for (const runbook of result.runbooks) {
        if (ids.has(runbook.id)) throw new Error(`runbook id ${runbook.id} is taken by another source`);
        ids.add(runbook.id);
        const meta = runbook.model.meta;
        item.outcome.files.push({
          kind: 'runbook',
          service,
          path: `${service}/${runbook.name}`,
          content: runbook.content,
          title: runbook.title,
          id: runbook.id,
          todo: meta?.todo ?? [],
          alerts: meta?.alerts.map((alert) => alert.name) ?? [],
        });
      }
      for (const page of result.pages)
        item.outcome.files.push({ kind: 'page', service, path: `${service}/${page.name}`, content: page.content, title: page.title, todo: [] });
      if (result.owner && !owners.has(service)) owners.set(service, result.owner);
      if (result.escalation.levels.length && !escalations.has(service)) escalations.set(service, result.escalation.levels);
      const first = result.pages.find((page) => page.name === 'overview.mdx') ?? result.pages[0];
      item.url = first
        ? servicePageUrl(options.pageUrl(service), first.name.replace(/\.mdx$/, ''))
        : `${options.runbookUrl(service)}${result.runbooks[0]?.name.replace(/\.mdx$/, '')}/`;
      links.urls.set(item.source.ref.path, item.url);
    } catch (error) {
      fail(item.outcome, error);
    }
    options.onSource?.(++done, analysed.length);
  }

  for (const item of singles) {
    try {
      importSingle(item, links, options, serviceTodo(item.service.id), ids);
    } catch (error) {
      fail(item.outcome, error);
    }
    options.onSource?.(++done, analysed.length);
  }

  // Two runbooks of one service for the same alert: a defect of the sources, reported (lint reports it too).
  const alertOwners = new Map<string, string>();
  for (const outcome of outcomes) {
    for (const file of outcome.files) {
      if (file.kind !== 'runbook') continue;
      for (const name of file.alerts ?? []) {
        const key = `${file.service}\0${name.toLowerCase()}`;
        const first = alertOwners.get(key);
        if (first)
          outcome.report.push({
            source: outcome.source,
            level: 'todo',
            file: file.path,
            message: `the alert ${name} is also the alert of ${first} in ${file.service}: one runbook per alert in a service (keep one, or move one to another service)`,
          });
        else alertOwners.set(key, file.path);
      }
    }
  }

  // Service files for services that do not exist yet.
  const used = new Map<string, string[]>();
  for (const outcome of outcomes)
    for (const file of outcome.files)
      if (file.kind !== 'image' && !outcome.skipped) used.set(file.service, [...new Set([...(used.get(file.service) ?? []), outcome.source])]);
  const services = [...used]
    .filter(([service]) => !options.services.has(service))
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([service, from]) => ({
      file: serviceFile(
        service,
        options.service && options.serviceName ? options.serviceName : humanise(service),
        owners.get(service),
        escalations.get(service) ?? [],
        from,
      ),
      sources: from,
    }));
  return { outcomes, services };
}
