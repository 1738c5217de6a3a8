// View models for the site: what each page shows, computed from the project model so that
// components stay small and logic-free.
import { severityRank, type Severity, type Variable } from '../schema/runbook.ts';
import type { ServiceWithId } from '../schema/service.ts';
import { formatDuration } from '../schema/duration.ts';
import type { Runbook } from './model/types.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRunbookLoaded } from './model/parse.ts';
import { listContentFiles, loadProject, ownerOf, serviceOf, stalenessOf, type Project } from './project.ts';
import { pageUrl, serviceOverviewOf } from './urls.ts';
import { alertLabels } from './core/promql/labels.ts';
import { aliasHasPage } from './site-paths.ts';

let cached: Promise<Project> | undefined;

/** The project of the site being built: parsed once per build (files are also cached by hash). */
export function siteProject(): Promise<Project> {
  cached ??= loadProject();
  return cached;
}

export interface RunbookCard {
  id: string;
  title: string;
  url: string;
  severity: Severity;
  service: { id: string; name: string; url: string };
  owner?: string;
  aliases: string[];
  alerts: string[];
  responseTime?: string;
  timeToResolve?: string;
  lastReviewed?: string;
  reviewDue?: string;
  stale: boolean;
  dueSoon: boolean;
  daysOverdue?: number;
  tags: string[];
  /** Steps, for the incident checklist. */
  steps: { id: string; title: string }[];
  /** Choices between options, for the checklist (only the option taken counts, and the timeline records it). */
  alternatives: { id: string; options: { id: string; label: string; title: string; steps: string[] }[] }[];
  /** Placeholders the reader fills in (the variables form). */
  variables: ({ name: string } & Variable)[];
  /** Fields `runbook import` set provisionally (`runbook.todo`): the page shows a review banner. */
  todo: string[];
}

export function runbookCard(project: Project, runbook: Runbook): RunbookCard | undefined {
  const meta = runbook.meta;
  if (!meta) return undefined;
  const service = serviceOf(project, runbook);
  const review = stalenessOf(project, runbook);
  const owner = ownerOf(project, runbook);
  return {
    id: meta.id,
    title: runbook.title,
    url: pageUrl(runbook.file, project.config.docsDir),
    severity: meta.severity,
    service: { id: meta.service, name: service?.name ?? meta.service, url: `/services/${meta.service}/` },
    ...(owner ? { owner } : {}),
    aliases: meta.aliases,
    alerts: meta.alerts.map((alert) => alert.name),
    ...(meta.responseTime ? { responseTime: formatDuration(meta.responseTime) } : {}),
    ...(meta.timeToResolve ? { timeToResolve: formatDuration(meta.timeToResolve) } : {}),
    ...(meta.lastReviewed ? { lastReviewed: meta.lastReviewed } : {}),
    ...(review.dueOn ? { reviewDue: review.dueOn } : {}),
    stale: review.stale,
    dueSoon: review.dueSoon,
    ...(review.stale && review.daysLeft !== undefined ? { daysOverdue: -review.daysLeft } : {}),
    tags: meta.tags,
    steps: runbook.steps.map((step) => ({ id: step.id, title: step.title })),
    alternatives: runbook.alternatives.map((group) => ({
      id: group.id,
      options: group.options.map(({ id, label, title, steps }) => ({ id, label, title, steps })),
    })),
    variables: Object.entries(meta.variables).map(([name, variable]) => ({ name, ...variable })),
    todo: meta.todo,
  };
}

/** The card of the runbook in `filePath` (an Astro entry's `filePath`), if it is a runbook. */
export function cardForFile(project: Project, filePath: string | undefined): RunbookCard | undefined {
  const runbook = project.runbooks.find((candidate) => candidate.file === filePath);
  return runbook ? runbookCard(project, runbook) : undefined;
}

/** Every runbook's card, most severe first, then by title. */
export function catalog(project: Project): RunbookCard[] {
  return project.runbooks
    .flatMap((runbook) => {
      const card = runbookCard(project, runbook);
      return card ? [card] : [];
    })
    .sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || a.title.localeCompare(b.title));
}

export interface ServiceView {
  service: ServiceWithId;
  runbooks: RunbookCard[];
  /** The team's shared pages (docs under services/<id>/), without the overview. */
  pages: { title: string; url: string; description?: string }[];
  /** The docs file that is the service's overview page (services/<id>/overview.mdx), if the team wrote one. */
  overview?: string;
}

export function serviceViews(project: Project): ServiceView[] {
  const cards = catalog(project);
  return project.services
    .flatMap((entry) => (entry.data ? [entry.data] : []))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((service) => serviceView(project, service, cards));
}

function serviceView(project: Project, service: ServiceWithId, cards: RunbookCard[]): ServiceView {
  const files = listContentFiles(project.root, `${project.config.docsDir}/services/${service.id}`);
  const overview = files.find((file) => serviceOverviewOf(relativeToDocs(project, file)) === service.id);
  return {
    service,
    runbooks: cards.filter((card) => card.service.id === service.id),
    pages: servicePages(
      project,
      files.filter((file) => file !== overview),
    ),
    ...(overview ? { overview } : {}),
  };
}

/** The service whose overview page is the docs file `filePath` (an Astro entry's `filePath`), if any. */
export function serviceViewForFile(project: Project, filePath: string | undefined): ServiceView | undefined {
  const id = filePath ? serviceOverviewOf(relativeToDocs(project, filePath)) : undefined;
  const service = id === undefined ? undefined : project.services.find((entry) => entry.id === id)?.data;
  if (!service) return undefined;
  const view = serviceView(project, service, catalog(project));
  return view.overview === filePath ? view : undefined;
}

/** The headings the service sections add to a page, for its table of contents. */
export function serviceHeadings(view: ServiceView): { depth: number; slug: string; text: string }[] {
  return [
    { depth: 2, slug: 'escalation', text: 'Escalation' },
    ...(view.service.contacts.length ? [{ depth: 2, slug: 'contacts', text: 'Other contacts' }] : []),
    { depth: 2, slug: 'runbooks', text: 'Runbooks' },
    ...(view.pages.length ? [{ depth: 2, slug: 'team-pages', text: 'Team pages' }] : []),
  ];
}

function relativeToDocs(project: Project, file: string): string {
  const prefix = `${project.config.docsDir.replace(/\/$/, '')}/`;
  return file.startsWith(prefix) ? file.slice(prefix.length) : file;
}

function servicePages(project: Project, files: string[]): ServiceView['pages'] {
  return files
    .map((file) => {
      const raw = parseRunbookLoaded(file, readFileSync(join(project.root, file), 'utf8')).frontmatter.raw as
        { title?: unknown; description?: unknown } | undefined;
      const description = typeof raw?.description === 'string' ? raw.description : undefined;
      return { title: typeof raw?.title === 'string' ? raw.title : file, url: pageUrl(file, project.config.docsDir), ...(description ? { description } : {}) };
    })
    .sort((a, b) => a.title.localeCompare(b.title));
}

export interface AlertEntry {
  name: string;
  threshold?: string;
  /** Labels the alert's expression selects (`namespace="production"`), to tell runbooks of several services apart. */
  labels: Record<string, string>;
  runbook: RunbookCard;
}

/** Every alert name with its runbook, by name (an alert of several services appears once per runbook). */
export function alertIndex(project: Project): AlertEntry[] {
  return project.runbooks
    .flatMap((runbook) => {
      const card = runbookCard(project, runbook);
      return card
        ? runbook.meta!.alerts.map((alert) => ({
            name: alert.name,
            ...(alert.threshold ? { threshold: alert.threshold } : {}),
            labels: alert.expr ? alertLabels(alert.expr) : {},
            runbook: card,
          }))
        : [];
    })
    .sort((a, b) => a.name.localeCompare(b.name) || a.runbook.service.name.localeCompare(b.runbook.service.name));
}

export interface AlertGroup {
  name: string;
  /** One per runbook that declares the alert; several when runbooks of several services do. */
  entries: AlertEntry[];
}

/** The alert names, each with the runbooks that declare it. */
export function alertGroups(project: Project): AlertGroup[] {
  const groups = new Map<string, AlertEntry[]>();
  for (const entry of alertIndex(project)) groups.set(entry.name, [...(groups.get(entry.name) ?? []), entry]);
  return [...groups].map(([name, entries]) => ({ name, entries }));
}

export interface PermanentLink {
  /** A runbook id or alias: the page is /r/<ref>/. */
  ref: string;
  title: string;
  url: string;
}

/** One permanent address per runbook id and alias (aliases that cannot be a path segment are left out). */
export function permanentLinks(project: Project): PermanentLink[] {
  const links = new Map<string, PermanentLink>();
  for (const card of catalog(project)) {
    for (const ref of [card.id, ...card.aliases.filter(aliasHasPage)]) if (!links.has(ref)) links.set(ref, { ref, title: card.title, url: card.url });
  }
  return [...links.values()].sort((a, b) => a.ref.localeCompare(b.ref));
}
