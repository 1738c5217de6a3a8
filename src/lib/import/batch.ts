// Imports a batch of source files: each one becomes runbooks (a page per alert, a free-form document
// with commands, or a document of many runbooks split as the seeds are), a reference page of its
// service, or is skipped with its reason. One source that fails never stops the others. Names are
// unique and the same on every run, links between imported files lead to their new pages, images
// are copied, and each new service gets a service file with its provisional fields listed.
import { statSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import type { Code } from 'mdast';
import { parseRunbook } from '../model/parse.ts';
import { ENCODING_NAMES, repairMojibakeReport } from '../text/mojibake.ts';
import { TODO_FIELDS, type Severity, type TodoField } from '../../schema/runbook.ts';
import { CONTACT_PLACEHOLDER, type EscalationLevel } from './escalation.ts';
import { codeRenderer } from './fences.ts';
import { finishRunbook } from './finish.ts';
import { summary } from './frontmatter.ts';
import { newHtmlState } from './html.ts';
import { importDocument } from './import.ts';
import { classify, type Layout } from './layout.ts';
import { parseSource, type SourceDoc } from './markdown.ts';
import { mapAlert, mapDate, mapSeverity, titleSlug } from './metadata.ts';
import { MAX_NAME, kebabSlug, limitSlug, splitIdentifier, uniqueNames } from './names.ts';
import { stamp } from './provenance.ts';
import type { SourceText } from './read-source.ts';
import { renderPage, renderService, type AlertDraft, type RunbookFrontmatter } from './render.ts';
import type { ReportItem } from './report.ts';
import { buildSingle, type SingleDraft } from './single.ts';
import { mapSourceFrontmatter, splitSourceFrontmatter, type MappedFrontmatter } from './source-frontmatter.ts';
import { convertTemplates } from './templates.ts';
import type { Say } from './types.ts';
import { humanise } from './variables.ts';
import { verbatimCode } from './verbatim.ts';
import type { SourceRef } from './walk.ts';

export type FileKind = 'runbook' | 'page' | 'service' | 'image';

export interface BatchFile {
  kind: FileKind;
  service: string;
  /** Path inside the folder of its kind: `<service>/<slug>.mdx` (runbooks, pages, images) or `<service>.yaml`. */
  path: string;
  /** Text, or for an image the path of the source file to copy. */
  content: string;
  copyFrom?: string;
  title?: string;
  id?: string;
  /** Provisional fields (runbooks). */
  todo: TodoField[];
  /** Alert names (runbooks). */
  alerts?: string[];
  /** A file that is never replaced once it exists (service files). */
  keepExisting?: boolean;
}

export interface SourceOutcome {
  /** The source as messages name it. */
  source: string;
  layout?: Layout['kind'];
  files: BatchFile[];
  /** Why nothing was imported. */
  skipped?: string;
  report: ReportItem[];
}

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

export interface BatchSource {
  ref: SourceRef;
  read: SourceText;
}

/** Folder names that say nothing about the service. */
const GENERIC_FOLDERS = new Set([
  'runbooks', 'runbook', 'docs', 'doc', 'documentation', 'content', 'alerts', 'playbooks', 'playbook', 'src', 'wiki',
  'markdown', 'md', 'site', 'www', 'en', 'guides', 'procedures', 'oncall', 'on-call', 'source',
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
 * (`alerts/<operator>/X.md`, `docs/<service>/x.md`); for files at the top, the walked folder or
 * the nearest folder above it with a meaningful name — a guess, marked provisional.
 */
export function folderService(ref: SourceRef): ServiceChoice {
  const folders = ref.relative.split('/').slice(0, -1);
  const inside = folders.find((folder) => !GENERIC_FOLDERS.has(folder.toLowerCase()));
  if (inside) return { id: kebabSlug(inside, 'imported', 40), from: `the folder ${inside}/`, provisional: false };
  let dir = ref.root;
  for (let depth = 0; depth < 6; depth++) {
    const name = basename(dir);
    if (!name || dirname(dir) === dir) break;
    if (!GENERIC_FOLDERS.has(name.toLowerCase())) return { id: kebabSlug(name, 'imported', 40), from: `the folder ${name}/ (a guess)`, provisional: true };
    dir = dirname(dir);
  }
  return { id: 'imported', from: 'no folder names one (a guess)', provisional: true };
}

const GENERIC_STEMS = /^(readme|index|_index|home|overview)$/i;

interface Analysed {
  source: BatchSource;
  outcome: SourceOutcome;
  say: Say;
  service: ServiceChoice;
  frontmatter: MappedFrontmatter;
  /** The text after frontmatter and template conversion (mojibake not yet repaired). */
  text: string;
  doc: SourceDoc;
  damaged: Set<number>;
  layout: Layout;
  stem: string;
  /** Slug wanted for the file (single-file layouts). */
  slug?: string;
  /** Site URL of the output (for links from other sources). */
  url?: string;
}

const toPosix = (path: string) => path.split(sep).join('/');

/** Reads, maps and classifies one source; throws only on a bug (the caller skips the source then). */
function analyse(source: BatchSource, options: BatchOptions, outcome: SourceOutcome): Analysed | undefined {
  const say: Say = (level, message, extra = {}) => outcome.report.push({ source: outcome.source, level, message, ...extra });
  if ('skipped' in source.read) {
    outcome.skipped = source.read.skipped;
    return undefined;
  }
  for (const note of source.read.notes) say('info', note);
  const text = source.read.text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const split = splitSourceFrontmatter(text);
  if (split.error) say('todo', `the ${split.format} frontmatter could not be read (${split.error.message}); the page was imported without it`, { line: split.error.line });
  const frontmatter = mapSourceFrontmatter(split.data, split.format);
  if (frontmatter.mapped.length || frontmatter.left.length) {
    const left = frontmatter.left.length ? `; left out (no meaning here): ${frontmatter.left.join(', ')}` : '';
    say('info', `frontmatter (${frontmatter.dialect}): ${frontmatter.mapped.join(', ') || 'nothing used'}${left}`);
  }
  const service: ServiceChoice = options.service
    ? { id: options.service, from: '--service', provisional: false }
    : frontmatter.service
      ? { id: frontmatter.service, from: 'its frontmatter', provisional: false }
      : folderService(source.ref);
  const templates = convertTemplates(split.body);
  for (const note of templates.notes) say('info', note.message, { line: note.line });
  const stem = basename(source.ref.path, extname(source.ref.path));
  // Mojibake (UTF-8 read as Windows-1252 or Mac OS Roman) is repaired for reading the structure;
  // `--verbatim` copies the text as written.
  const repair = repairMojibakeReport(templates.text);
  const repaired = parseSource(outcome.source, repair.text);
  const doc = options.verbatim && repair.repairs.length ? parseSource(outcome.source, templates.text) : repaired;
  const layout = classify(repaired, stem);
  if (layout.kind !== 'collection' && repair.repairs.length && !options.verbatim) {
    const encodings = [...new Set(repair.repairs.map((fix) => ENCODING_NAMES[fix.encoding]))].join(' and ');
    say('info', `repaired ${repair.repairs.length} mojibake sequence(s) (UTF-8 read as ${encodings})`);
  }
  return { source, outcome, say, service, frontmatter, text: templates.text, doc, damaged: new Set(repair.damaged.map((damage) => damage.line)), layout, stem };
}

/** The severity a single-file runbook states: its frontmatter, else one `Severity:` value in the text. */
function severityOf(item: Analysed, draft: SingleDraft): { severity: Severity; provisional: boolean } {
  const { frontmatter, say } = item;
  if (frontmatter.severity) {
    say('info', `severity ${frontmatter.severity} from the frontmatter ("${frontmatter.severityText}")`);
    return { severity: frontmatter.severity, provisional: false };
  }
  const found = (draft.labels.severity ?? []).map((label) => ({ ...label, severity: mapSeverity(label.value) }));
  const distinct = [...new Set(found.flatMap((label) => label.severity ?? []))];
  if (distinct.length === 1) {
    const first = found.find((label) => label.severity)!;
    say('info', `severity ${distinct[0]} from "Severity: ${first.value.replace(/[*_`]/g, '')}"`, { line: first.line });
    return { severity: distinct[0], provisional: false };
  }
  const why = distinct.length > 1 ? `the text gives several (${found.map((label) => label.value.replace(/[*_`]/g, '')).join(', ')})` : 'the source gives none';
  say('todo', `severity set to medium provisionally: ${why}; set critical, high, medium or low, then remove "severity" from runbook.todo`);
  return { severity: 'medium', provisional: true };
}

const stripMarkup = (text: string) => text.replace(/[*_`]/g, '').trim();

interface LinkContext {
  /** Output URL by absolute source path. */
  urls: Map<string, string>;
  /** Images by absolute path: the copy's path and URL. */
  images: Map<string, { file: BatchFile; url: string }>;
  options: BatchOptions;
}

/** Link and image rewriting for one source: relative links to imported files lead to their pages; images are copied. */
function linkHooks(item: Analysed, links: LinkContext) {
  const { ref } = item.source;
  const dir = dirname(ref.path);
  const split = (url: string) => {
    const hash = url.indexOf('#');
    const query = url.indexOf('?');
    const cut = [hash, query].filter((at) => at >= 0).sort((a, b) => a - b)[0] ?? url.length;
    return { path: url.slice(0, cut), rest: hash >= 0 ? url.slice(hash) : '' };
  };
  const decode = (path: string) => {
    try {
      return decodeURIComponent(path);
    } catch {
      return path;
    }
  };
  /** The imported source a relative path names: as written, with `.md`, or a folder's README/index. */
  const target = (base: string, path: string): string | undefined => {
    const absolute = resolve(base, decode(path));
    const candidates = [absolute, `${absolute}.md`, join(absolute, 'README.md'), join(absolute, '_index.md'), join(absolute, 'index.md')];
    return candidates.find((candidate) => links.urls.has(candidate));
  };
  const isRelative = (url: string) => url && !url.startsWith('#') && !url.startsWith('/') && !/^[a-z][a-z0-9+.-]*:/i.test(url);

  const rewriteUrl = (url: string, line: number): string | undefined => {
    if (!isRelative(url)) return undefined;
    const { path, rest } = split(url);
    if (!path) return undefined;
    // Relative to the file, else (GitLab writes `docs/x/y.md`) to a folder above it.
    let found = target(dir, path);
    for (let base = dirname(dir), n = 0; !found && n < 4 && dirname(base) !== base; base = dirname(base), n++) found = target(base, path);
    if (found) return `${links.urls.get(found)}${rest}`;
    if (/\.(png|jpe?g|gif|svg|webp)$/i.test(path)) return rewriteImage(url, line) ?? undefined;
    item.say('todo', `a link to "${url}" leads to a file that was not imported; it will not resolve on the site`, { line });
    return undefined;
  };

  const rewriteImage = (url: string, line: number): string | null | undefined => {
    if (!isRelative(url)) return undefined;
    const { path } = split(url);
    const absolute = resolve(dir, decode(path));
    let size = -1;
    try {
      size = statSync(absolute).isFile() ? statSync(absolute).size : -1;
    } catch {
      // missing
    }
    if (size < 0) {
      item.say('todo', `the image "${url}" is not in the source folder; left out (its place says so)`, { line });
      return null;
    }
    let copy = links.images.get(absolute);
    if (!copy) {
      const service = item.service.id;
      // Its path below the walked folder, without the service's own folder (`redis/img/x.png` → `<service>/img/x.png`).
      const inside = toPosix(relative(ref.root, absolute));
      const parts = (inside.startsWith('..') ? basename(absolute) : inside).split('/');
      if (parts.length > 1 && kebabSlug(parts[0], '', 40) === service) parts.shift();
      const name = parts.map((part) => kebabSlug(basename(part, extname(part)), 'image', 60) + extname(part).toLowerCase()).join('/');
      const file: BatchFile = { kind: 'image', service, path: `${service}/${name.replace(/\.(?=[^/]*\/)/g, '')}`, content: '', copyFrom: absolute, todo: [] };
      copy = { file, url: `${links.options.imageUrl(service)}${file.path.slice(service.length + 1)}` };
      links.images.set(absolute, copy);
    }
    // Each source that shows the image carries the copy (the writer writes one file once).
    if (!item.outcome.files.includes(copy.file)) item.outcome.files.push(copy.file);
    return copy.url;
  };
  return { rewriteUrl, rewriteImage };
}

/** The runbook or reference page of a single-file source. */
function importSingle(item: Analysed, links: LinkContext, serviceTodo: TodoField[], ids: Set<string>): void {
  const { outcome, say, layout, frontmatter } = item;
  const { options } = links;
  const asRunbook = layout.kind === 'alert' || layout.kind === 'runbook';
  const { rewriteUrl, rewriteImage } = linkHooks(item, links);
  const html = newHtmlState();
  html.rewriteImage = (url) => rewriteImage(url, 0);
  const codes = options.verbatim ? { renderCode: verbatimCode(item.doc.text), notes: [] } : codeRenderer(item.damaged);
  const draft = buildSingle({
    doc: item.doc,
    as: asRunbook && !options.verbatim ? 'runbook' : 'reference',
    ...(frontmatter.title ? { frontmatterTitle: frontmatter.title } : {}),
    ...(layout.kind === 'alert' ? { alert: layout.alert } : {}),
    stem: item.stem,
    hooks: { renderCode: (node: Code) => codes.renderCode(node), rewriteUrl, rewriteImage, html },
  });
  for (const note of draft.notes) say('info', note.message, note.line ? { line: note.line } : {});
  for (const note of codes.notes) say('info', note.message, { line: note.line });
  for (const note of [...new Set(html.notes)]) say('info', note);
  if (draft.droppedHeading) say('info', `the heading "${draft.droppedHeading.text}" is not repeated in the page: its title is "${draft.title}" (from the frontmatter)`, { line: draft.droppedHeading.line });
  const body = draft.body.includes('<Aside') ? `import { Aside } from '@astrojs/starlight/components';\n\n${draft.body}` : draft.body;
  const service = item.service.id;
  const slug = item.slug!;

  if (!asRunbook) {
    const description = frontmatter.description ?? (summary(draft.summarySource.filter((block) => !/^(#|```|\||>|import )/.test(block)).slice(0, 1)) || `${draft.title}: reference page of ${humanise(service)}.`);
    const content = stamp(renderPage(draft.title, description, [body], { source: outcome.source }));
    const model = parseRunbook(`import/pages/${service}/${slug}.mdx`, content);
    if (model.problems.length) throw new ConversionError(model.problems[0], content);
    outcome.files.push({ kind: 'page', service, path: `${service}/${slug}.mdx`, content, title: draft.title, todo: [] });
    say('info', `a reference page of ${service}: no commands and no incident sections`);
    return;
  }

  const todo = new Set<TodoField>(serviceTodo);
  if (item.service.provisional) {
    todo.add('service');
    say('todo', `service "${service}" taken from ${item.service.from}; confirm it (--service sets it), then remove "service" from runbook.todo`);
  }
  const { severity, provisional } = severityOf(item, draft);
  if (provisional) todo.add('severity');
  const ownerLabel = draft.labels.owner?.[0];
  const owner = frontmatter.owner ?? (ownerLabel ? stripMarkup(ownerLabel.value) : undefined);
  if (owner) todo.delete('owner');
  else if (todo.has('owner')) say('todo', `owner: the source names no owning team; the service's provisional owner applies until someone confirms one`);

  const alerts: AlertDraft[] = [];
  const addAlert = (name: string) => !alerts.some((alert) => alert.name === name) && alerts.push({ name });
  if (layout.kind === 'alert') {
    addAlert(layout.alert);
    say('info', `a page for the alert ${layout.alert}${layout.note ? `: ${layout.note}` : ''}`);
  } else {
    say('info', `a runbook: ${layout.why}`);
  }
  for (const name of frontmatter.alerts) addAlert(name);
  for (const label of [...(draft.labels.alert ?? []), ...(draft.labels.alertName ?? [])]) {
    const name = mapAlert(stripMarkup(label.value)).name;
    if (name) addAlert(name);
  }

  let lastReviewed = frontmatter.lastReviewed;
  const reviewLabel = draft.labels.lastUpdated?.[0];
  if (!lastReviewed && reviewLabel) {
    const date = mapDate(reviewLabel.value);
    if (date && 'date' in date) {
      lastReviewed = date.date;
      say('info', `lastReviewed ${date.date} from "${stripMarkup(reviewLabel.value)}"`, { line: reviewLabel.line });
    }
  }

  let description = frontmatter.description ?? summary(draft.summarySource.filter((block) => !/^(#|```|\||>|import )/.test(block)).slice(0, 2));
  if (!description) {
    description = `${draft.title}.`;
    todo.add('description');
    say('todo', 'the source says nowhere what the runbook is for: the description is its title; write one, then remove "description" from runbook.todo');
  }

  // Ids carry the service (unique across services); a slug that starts with it is not prefixed twice.
  let id = (slug === service || slug.startsWith(`${service}-`) ? slug : `${service}-${slug}`).slice(0, MAX_NAME);
  for (let n = 2; ids.has(id); n++) id = `${service}-${slug}-${n}`;
  ids.add(id);
  const runbookFrontmatter: RunbookFrontmatter = {
    title: draft.title,
    description,
    runbook: {
      id,
      service,
      ...(owner ? { owner } : {}),
      severity,
      alerts,
      ...(lastReviewed ? { lastReviewed } : {}),
      ...(frontmatter.reviewEvery ? { reviewEvery: frontmatter.reviewEvery } : {}),
      tags: frontmatter.tags,
      todo: TODO_FIELDS.filter((field) => todo.has(field)),
    },
  };
  const finished = finishRunbook({
    file: `${service}/${slug}.mdx`,
    frontmatter: runbookFrontmatter,
    body,
    source: outcome.source,
    ...(options.verbatim ? { verbatim: true } : {}),
    say,
  });
  if (finished.problems.length) throw new ConversionError(finished.problems[0], finished.content);
  outcome.files.push({ kind: 'runbook', service, path: `${service}/${slug}.mdx`, content: finished.content, title: draft.title, id, todo: runbookFrontmatter.runbook.todo ?? [], alerts: alerts.map((alert) => alert.name) });
}

/** The importer wrote MDX its own model does not accept: the source is skipped and the problem named. */
export class ConversionError extends Error {
  /** The converted text (for a bug report). */
  readonly content?: string;
  constructor(problem: { line: number; column: number; message: string; rule: string }, content?: string) {
    super(`the converted file does not pass its own check at ${problem.line}:${problem.column}: ${problem.message} [${problem.rule}]; please report this with the source file`);
    if (content !== undefined) this.content = content;
  }
}

/** A new service's file: placeholders for what the sources do not say, listed in its `todo`. */
function serviceFile(id: string, name: string, owner: string | undefined, levels: EscalationLevel[], sources: string[]): BatchFile {
  const todo: TodoField[] = [...(owner ? [] : ['owner' as const]), 'escalation'];
  const escalation = levels.length ? levels : [{ who: `${name} on-call`, when: 'immediately, for any alert of the service', contact: CONTACT_PLACEHOLDER }];
  const from = sources.length > 3 ? `${sources.slice(0, 3).join(', ')} and ${sources.length - 3} more` : sources.join(', ');
  const content = renderService(
    { name, owner: owner ? titleSlug(owner) : `${id}-team`, escalation, todo },
    `Service ${name}, created by \`runbook import\` for ${from}.\nProvisional (see todo): ${todo.join(' and ')}; confirm each, then remove it from todo.`,
  );
  return { kind: 'service', service: id, path: `${id}.yaml`, content, title: name, todo, keepExisting: true };
}

export function importBatch(sources: BatchSource[], options: BatchOptions): BatchResult {
  const outcomes: SourceOutcome[] = [];
  const analysed: Analysed[] = [];
  const fail = (outcome: SourceOutcome, error: unknown) => {
    outcome.files = [];
    if (process.env.RUNBOOK_DEBUG && error instanceof ConversionError) process.stderr.write(`${outcome.source}:\n${error.content}\n`);
    outcome.skipped = error instanceof ConversionError ? error.message : `the importer failed on this file (${error instanceof Error ? error.message : String(error)}); please report this with the source file`;
  };
  for (const source of sources) {
    const outcome: SourceOutcome = { source: source.ref.name, files: [], report: [] };
    outcomes.push(outcome);
    try {
      const item = analyse(source, options, outcome);
      if (!item) continue;
      outcome.layout = item.layout.kind;
      if (item.layout.kind === 'empty') outcome.skipped = item.layout.reason === 'the file is empty' && item.frontmatter.mapped.length + item.frontmatter.left.length ? 'no content besides its frontmatter (a section index page)' : item.layout.reason;
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
    const folders = item.source.ref.relative.split('/').slice(0, -1).filter((folder) => kebabSlug(folder, '', 40) !== item.service.id);
    return folders.length ? kebabSlug(folders.slice(-2).join('-'), 'x', 40) : undefined;
  };
  for (const [kind, key] of [['runbook', 'runbooks'], ['page', 'pages']] as const) {
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
        item.url = `${kind === 'runbook' ? options.runbookUrl(service) : options.pageUrl(service)}${item.slug}/`;
      }
    }
  }

  const links: LinkContext = { urls: new Map(singles.map((item) => [item.source.ref.path, item.url!])), images: new Map(), options };
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
        item.outcome.files.push({ kind: 'runbook', service, path: `${service}/${runbook.name}`, content: runbook.content, title: runbook.title, id: runbook.id, todo: meta?.todo ?? [], alerts: meta?.alerts.map((alert) => alert.name) ?? [] });
      }
      for (const page of result.pages) item.outcome.files.push({ kind: 'page', service, path: `${service}/${page.name}`, content: page.content, title: page.title, todo: [] });
      if (result.owner && !owners.has(service)) owners.set(service, result.owner);
      if (result.escalation.levels.length && !escalations.has(service)) escalations.set(service, result.escalation.levels);
      const first = result.pages.find((page) => page.name === 'overview.mdx') ?? result.pages[0];
      item.url = first ? `${options.pageUrl(service)}${first.name.replace(/\.mdx$/, '')}/` : `${options.runbookUrl(service)}${result.runbooks[0]?.name.replace(/\.mdx$/, '')}/`;
      links.urls.set(item.source.ref.path, item.url);
    } catch (error) {
      fail(item.outcome, error);
    }
    options.onSource?.(++done, analysed.length);
  }

  for (const item of singles) {
    try {
      importSingle(item, links, serviceTodo(item.service.id), ids);
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
        if (first) outcome.report.push({ source: outcome.source, level: 'todo', file: file.path, message: `the alert ${name} is also the alert of ${first} in ${file.service}: one runbook per alert in a service (keep one, or move one to another service)` });
        else alertOwners.set(key, file.path);
      }
    }
  }

  // Service files for services that do not exist yet.
  const used = new Map<string, string[]>();
  for (const outcome of outcomes) for (const file of outcome.files) if (file.kind !== 'image' && !outcome.skipped) used.set(file.service, [...new Set([...(used.get(file.service) ?? []), outcome.source])]);
  const services = [...used]
    .filter(([service]) => !options.services.has(service))
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([service, from]) => ({
      file: serviceFile(service, options.service && options.serviceName ? options.serviceName : humanise(service), owners.get(service), escalations.get(service) ?? [], from),
      sources: from,
    }));
  return { outcomes, services };
}

/** The title of a single-file source (frontmatter, else its first heading), for its file name. */
function titleOf(item: Analysed): string | undefined {
  if (item.frontmatter.title) return item.frontmatter.title;
  const heading = item.doc.tree.children.find((node) => node.type === 'heading');
  return heading ? item.doc.text.slice(heading.position?.start.offset, heading.position?.end.offset).replace(/^#+\s*/, '') : undefined;
}
