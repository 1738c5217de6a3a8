// The frontmatter of one imported runbook, from the metadata lines of its draft: severity, durations,
// alerts, review date, description; variables and environment read back from the model; TODO lines
// (in the body, so the reader sees them) for everything that could not be decided.
import { markdownToMdast } from 'satteri';
import { toString } from 'mdast-util-to-string';
import type { Root } from 'mdast';
import { parseRunbookLoaded } from '../model/parse.ts';
import type { Problem } from '../problem.ts';
import type { Consumed, Draft, MetaLine } from './body.ts';
import { lineOf } from './markdown.ts';
import { inlineCode } from './mdx-text.ts';
import { forClause, mapAlert, mapDate, mapDuration, mapSeverity } from './metadata.ts';
import { renderBody, renderRunbook, type AlertDraft, type RunbookFrontmatter } from './render.ts';
import { slugOf } from './structure.ts';
import type { ImportedRunbook, PlannedRunbook, Say } from './types.ts';
import type { TodoField } from '../../schema/runbook.ts';
import { finishRunbook, type Finished } from './finish.ts';
import { informalPlaceholders } from './variables.ts';
import { isFromTextAsWritten } from './verbatim.ts';

/** Said of a runbook imported without a review date (single-file and multi-runbook sources alike). */
export const NO_REVIEW_DATE = 'the source gives no review date: check every command, then set runbook.lastReviewed and remove "lastReviewed" from runbook.todo';

/** Plain text of rendered Markdown, for a description: list items joined with "; ", at most ~200 characters. */
export function summary(markdown: string[]): string {
  const parts: string[] = [];
  for (const chunk of markdown) {
    const tree = markdownToMdast(chunk) as Root;
    for (const node of tree.children) {
      if (node.type === 'list') parts.push(node.children.map((item) => toString(item).trim().replace(/[.;]$/, '')).join('; '));
      else if (node.type === 'paragraph' || node.type === 'blockquote') parts.push(toString(node).trim());
    }
  }
  let text = parts.join(' ').replace(/\s+/g, ' ').trim();
  if (text.length > 200) text = `${text.slice(0, 200).replace(/\s+\S*$/, '')}…`;
  if (text && !/[.!?…:]$/.test(text)) text += '.';
  return text;
}

export interface RunbookContext {
  service: string;
  lastUpdated?: { value: string; line: number };
  policy: { label: string; time: string }[];
  related: Set<string>;
  file: string;
  say: Say;
  consumed: Consumed[];
  /** The body as written (`--verbatim`): used instead of the draft's, with no TODO lines and no variables or env declared. */
  verbatimBody?: string;
  /** The source document, recorded in `importedFrom`. */
  source: string;
  /** The service's provisional fields (`owner`, `escalation`), listed in each runbook's `todo`. */
  serviceTodo: TodoField[];
}

/** Frontmatter from the draft's metadata lines, TODO lines for what could not be decided, and the file. */
export function buildRunbookFile(plan: PlannedRunbook, draft: Draft, ctx: RunbookContext): ImportedRunbook {
  const { heading } = plan.source;
  const todos: string[] = [];
  const todo = (message: string, line?: number) => {
    todos.push(message);
    ctx.say('todo', message.replace(/\*\*/g, ''), { file: ctx.file, ...(line ? { line } : {}) });
  };
  const info = (message: string, line?: number) => ctx.say('info', message, { file: ctx.file, ...(line ? { line } : {}) });
  const consume = (line: number, kind: Consumed['kind'], output?: string) => ctx.consumed.push({ line, kind, ...(output !== undefined ? { output } : {}) });
  const metaOf = (field: MetaLine['field']) => draft.meta.filter((line) => line.field === field);
  ctx.consumed.push(...draft.consumed);
  consume(lineOf(plan.source.part.heading!), 'runbook-heading', heading.title);

  // Severity: the runbook's own label, else the priority in its heading, else medium and a TODO.
  const severityLine = metaOf('severity')[0];
  let severity = severityLine ? mapSeverity(severityLine.value) : heading.priority ? mapSeverity(heading.priority) : undefined;
  const severityProvisional = !severity;
  if (!severity) {
    const said = severityLine ? `the source says "${severityLine.value}"` : 'the source gives no severity';
    const hint = plan.source.group && /emergenc/i.test(plan.source.group.title) ? ` (it is under "${plan.source.group.title}": probably critical)` : '';
    todo(`**severity** set to \`medium\`: ${said}${hint}; set it to critical, high, medium or low.`, severityLine?.line);
    severity = 'medium';
  } else {
    info(`severity ${severity} from "${(severityLine?.value ?? heading.priority ?? '').replace(/[*_`]/g, '')}"`, severityLine?.line);
  }
  for (const line of metaOf('severity')) consume(line.line, 'metadata', `severity: ${severity}`);
  const sourceSeverity = severityLine?.value ?? heading.priority;

  const durationOf = (field: 'timeToResolve' | 'responseTime', name: string): string | undefined => {
    const line = metaOf(field)[0];
    if (!line) return undefined;
    const mapped = mapDuration(line.value);
    if (!mapped) {
      todo(`the source's ${name} ${inlineCode(line.value)} is not a duration; \`${field}\` left out.`, line.line);
      for (const each of metaOf(field)) consume(each.line, 'metadata', line.value);
      return undefined;
    }
    if (mapped.note) info(`${field}: ${mapped.note}`, line.line);
    for (const each of metaOf(field)) consume(each.line, 'metadata', `${field}: ${mapped.value}`);
    return mapped.value;
  };
  const timeToResolve = durationOf('timeToResolve', 'time to resolve');
  let responseTime = durationOf('responseTime', 'response time');
  if (!responseTime && sourceSeverity) {
    const token = /\b(P\d|SEV-?\d)\b/i.exec(sourceSeverity)?.[1]?.toLowerCase() ?? sourceSeverity.toLowerCase();
    const row = ctx.policy.find((entry) => entry.label.toLowerCase().includes(token));
    const mapped = row && mapDuration(row.time);
    if (mapped) {
      responseTime = mapped.value;
      info(`responseTime ${mapped.value} from the document's severity table ("${row!.label}": ${row!.time})`);
    }
  }

  // Alerts: a name the alerting system sends, with its threshold; conditions in prose become TODOs.
  const alerts: AlertDraft[] = [];
  const conditions: { text: string; line: number }[] = [];
  for (const line of [...metaOf('alert'), ...metaOf('alertName')]) {
    const mapped = mapAlert(line.value);
    if (mapped.name) {
      alerts.push({ name: mapped.name });
      consume(line.line, 'metadata', `name: ${mapped.name}`);
    } else conditions.push({ text: mapped.condition!, line: line.line });
  }
  for (const line of metaOf('threshold')) {
    const text = line.value.replace(/`/g, '');
    if (alerts.length === 1) {
      // In the schema's order: name, for, threshold.
      const duration = forClause(text);
      alerts[0] = { name: alerts[0].name, ...(duration ? { for: duration } : {}), threshold: text };
      consume(line.line, 'metadata', `threshold: ${text}`);
    } else conditions.push({ text, line: line.line });
  }
  // `# KubePodCrashLooping` (the prometheus-operator style): the heading is the alert's name.
  if (heading.style === 'plain' && /^[A-Z][a-z0-9]+(?:[A-Z][A-Za-z0-9]*)+$/.test(heading.title) && !alerts.some((alert) => alert.name === heading.title)) {
    alerts.unshift({ name: heading.title });
    info(`alert ${heading.title} taken from the heading`);
  }
  for (const prose of draft.proseAlerts) {
    const mapped = mapAlert(prose.text);
    if (mapped.name && !alerts.some((alert) => alert.name === mapped.name)) alerts.push({ name: mapped.name });
    else if (!mapped.name) conditions.push({ text: mapped.condition!, line: prose.line });
  }
  for (const condition of conditions) {
    const message = `the source names an alert only as ${inlineCode(condition.text)}, which is not an alert name: add the alert's real name (its \`alertname\`) to \`runbook.alerts\`, with this as its \`threshold\`.`;
    todo(message, condition.line);
    if (metaOf('alert').some((line) => line.line === condition.line) || metaOf('threshold').some((line) => line.line === condition.line)) {
      consume(condition.line, 'metadata', condition.text);
    }
  }

  // Last reviewed: the document's "Last Updated", only when it names a day.
  const updated = metaOf('lastUpdated')[0] ?? ctx.lastUpdated;
  let lastReviewed: string | undefined;
  if (updated) {
    const date = mapDate(updated.value);
    if (date && 'date' in date) lastReviewed = date.date;
    else if (updated !== ctx.lastUpdated) info(`lastReviewed left out: "Last Updated: ${updated.value}" ${date ? 'names no day' : 'is not a date'}`);
    for (const line of metaOf('lastUpdated')) consume(line.line, 'metadata', lastReviewed ? `lastReviewed: ${lastReviewed}` : updated.value);
  }
  for (const line of metaOf('owner')) consume(line.line, 'metadata', `owner: ${line.value}`);
  const owner = metaOf('owner')[0]?.value.replace(/[*_`]/g, '').trim();

  // Description: the symptoms in one line.
  const symptoms = draft.sections.get('symptoms');
  let description = summary(symptoms?.intro ?? []);
  if (!description) {
    description = summary(draft.lead) || summary(draft.sections.get('impact')?.intro ?? []) || `${heading.title}.`;
    todo('the source has no symptoms: say when to use this runbook (the description is a stand-in).');
  }
  if (!draft.sections.has('investigation') && !draft.sections.has('resolution')) todo('no investigation or resolution steps were found in the source.');
  if (ctx.verbatimBody === undefined)
    for (const extra of draft.extra) info(`the sub-section "${extra.title}" is not a known section; kept under its own heading after the others`);

  const frontmatter: RunbookFrontmatter = {
    title: heading.title,
    description,
    runbook: {
      id: plan.id,
      aliases: heading.alias ? [heading.alias] : [],
      service: ctx.service,
      ...(owner ? { owner } : {}),
      severity,
      alerts,
      ...(responseTime ? { responseTime } : {}),
      ...(timeToResolve ? { timeToResolve } : {}),
      ...(lastReviewed ? { lastReviewed } : {}),
      related: [],
      tags: plan.source.group ? [slugOf(plan.source.group.title)] : [],
    },
  };

  const name = `${ctx.file.replace(/^runbooks\//, '')}`;
  frontmatter.runbook.related = [...ctx.related].sort();
  if (ctx.verbatimBody === undefined) {
    for (const value of informalPlaceholders(parseRunbookLoaded(`import/${ctx.service}/${name}`, renderRunbook(frontmatter, renderBody(draft, todos))))) {
      todo(
        `${inlineCode(value)} in a command looks like a value to fill in: write it as a \`<placeholder>\` and declare it in \`variables\` (the importer does not change commands).`,
      );
    }
  }
  // Provisional values, listed for lint (`import/todo`) and the page's review banner.
  const provisional = new Set<TodoField>(ctx.serviceTodo);
  if (severityProvisional) provisional.add('severity');
  if (conditions.length) provisional.add('alerts');
  if (!summary(symptoms?.intro ?? [])) provisional.add('description');
  if (owner) provisional.delete('owner');
  if (!lastReviewed) {
    provisional.add('lastReviewed');
    ctx.say('todo', NO_REVIEW_DATE, {
      file: ctx.file,
    });
  }
  frontmatter.runbook.todo = [...provisional];
  const body = ctx.verbatimBody ?? renderBody(draft, todos);
  const finished = finishRunbook({
    file: `${ctx.service}/${name}`,
    frontmatter,
    body,
    source: ctx.source,
    ...(ctx.verbatimBody !== undefined ? { verbatim: true } : {}),
    say: (level, message, extra = {}) => ctx.say(level, message, { file: ctx.file, ...extra }),
  });
  return runbookFile(plan, ctx, finished);
}

/** The file as the model reads it; its problems go to the report. */
function runbookFile(plan: PlannedRunbook, ctx: RunbookContext, finished: Finished): ImportedRunbook {
  const { content, model } = finished;
  const asWritten = (problem: Problem) => ctx.verbatimBody !== undefined && isFromTextAsWritten(problem);
  for (const problem of model.problems) {
    ctx.say(asWritten(problem) ? 'todo' : 'error', `${problem.line}:${problem.column} ${problem.message} [${problem.rule}]`, { file: ctx.file });
  }
  const problems = model.problems.filter((problem) => !asWritten(problem));
  return { name: `${plan.slug}.mdx`, id: plan.id, title: plan.source.heading.title, content, line: lineOf(plan.source.part.heading!), model, problems };
}
