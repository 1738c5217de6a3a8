// The runbook or reference page of a source that is one of them (a page per alert, a free-form
// document): its body from single.ts, its frontmatter from what the source states, provisional
// values listed in `todo` and reported, then marked and declared by finish.ts.
import type { Code } from 'mdast';
import { parseRunbookLoaded } from '../model/parse.ts';
import { TODO_FIELDS, type Severity, type TodoField } from '../../schema/runbook.ts';
import type { Analysed } from './analyse.ts';
import { codeRenderer } from './fences.ts';
import { finishRunbook } from './finish.ts';
import { NO_REVIEW_DATE, summary } from './frontmatter.ts';
import { newHtmlState } from './html.ts';
import { linkHooks, type LinkContext } from './links.ts';
import { mapAlert, mapDate, mapSeverity } from './metadata.ts';
import { MAX_NAME } from './names.ts';
import { stamp } from './provenance.ts';
import { renderPage, type AlertDraft, type RunbookFrontmatter } from './render.ts';
import { buildSingle, type SingleDraft } from './single.ts';
import { humanise } from './variables.ts';
import { isFromTextAsWritten, verbatimCode } from './verbatim.ts';

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

/** The runbook or reference page of a single-file source. */
export function importSingle(item: Analysed, links: LinkContext, options: { verbatim?: boolean }, serviceTodo: TodoField[], ids: Set<string>): void {
  const { outcome, say, layout, frontmatter } = item;
  const asRunbook = layout.kind === 'alert' || layout.kind === 'runbook';
  const { rewriteUrl, rewriteImage } = linkHooks(item, links);
  const html = newHtmlState();
  html.rewriteImage = (url) => rewriteImage(url, 0);
  const codes = options.verbatim ? { renderCode: verbatimCode(item.doc.text), notes: [] } : codeRenderer(item.damaged, item.doc.text);
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
  if (draft.droppedHeading)
    say('info', `the heading "${draft.droppedHeading.text}" is not repeated in the page: its title is "${draft.title}" (from the frontmatter)`, {
      line: draft.droppedHeading.line,
    });
  const body = draft.body.includes('<Aside') ? `import { Aside } from '@astrojs/starlight/components';\n\n${draft.body}` : draft.body;
  const service = item.service.id;
  const slug = item.slug!;

  if (!asRunbook) {
    const description =
      frontmatter.description ??
      (summary(draft.summarySource.filter((block) => !/^(#|```|\||>|import )/.test(block)).slice(0, 1)) ||
        `${draft.title}: reference page of ${humanise(service)}.`);
    const content = stamp(renderPage(draft.title, description, [body], { source: outcome.source }));
    const model = parseRunbookLoaded(`import/pages/${service}/${slug}.mdx`, content);
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

  if (!lastReviewed) {
    todo.add('lastReviewed');
    say('todo', NO_REVIEW_DATE);
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
  // --verbatim leaves what the text as written breaks (a heading used twice) to the linter, as a document of
  // several runbooks does: a TODO, not a reason to lose the document.
  const asWritten = (problem: (typeof finished.problems)[number]) => Boolean(options.verbatim) && isFromTextAsWritten(problem);
  for (const problem of finished.problems.filter(asWritten)) say('todo', `${problem.line}:${problem.column} ${problem.message} [${problem.rule}]`);
  const problems = finished.problems.filter((problem) => !asWritten(problem));
  if (problems.length) throw new ConversionError(problems[0], finished.content);
  outcome.files.push({
    kind: 'runbook',
    service,
    path: `${service}/${slug}.mdx`,
    content: finished.content,
    title: draft.title,
    id,
    todo: runbookFrontmatter.runbook.todo ?? [],
    alerts: alerts.map((alert) => alert.name),
  });
}

/** The importer wrote MDX its own model does not accept: the source is skipped and the problem named. */
export class ConversionError extends Error {
  /** The converted text (for a bug report). */
  readonly content?: string;
  constructor(problem: { line: number; column: number; message: string; rule: string }, content?: string) {
    super(
      `the converted file does not pass its own check at ${problem.line}:${problem.column}: ${problem.message} [${problem.rule}]; please report this with the source file`,
    );
    if (content !== undefined) this.content = content;
  }
}
