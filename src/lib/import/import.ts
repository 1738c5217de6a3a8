// Imports Markdown runbook documents: one MDX runbook per runbook section, the shared parts as pages
// of the service, the escalation policy as a service YAML, and a report of what was left undecided.
// Converts faithfully: commands are never corrected here (that is a reviewed, separate step).
import { basename } from 'node:path';
import GithubSlugger, { slug as githubSlug } from 'github-slugger';
import type { Nodes, Table } from 'mdast';
import { toString as mdastToString } from 'mdast-util-to-string';
import type { Problem } from '../problem.ts';
import { ENCODING_NAMES, repairMojibakeReport, type MojibakeReport } from '../text/mojibake.ts';
import { buildDraft, type Consumed } from './body.ts';
import { extractEscalation, type Escalation } from './escalation.ts';
import { codeRenderer } from './fences.ts';
import { buildRunbookFile } from './frontmatter.ts';
import { descendants, endOf, labelLine, lineOf, parseSource, partNodes, sourceLines, startOf, textOf, walk, type Part, type SourceDoc } from './markdown.ts';
import { mapDate, titleSlug } from './metadata.ts';
import { servicePageUrl } from './names.ts';
import { buildPage } from './pages.ts';
import { renderService, type ServiceDraft } from './render.ts';
import type { ReportItem } from './report.ts';
import { detectStructure, slugOf, type PageSource } from './structure.ts';
import type { ImportedRunbook, ImportInput, ImportOptions, OutputFile, PlannedRunbook, Say } from './types.ts';
import { humanise } from './variables.ts';
import { verbatimCode, verbatimRenderer, type VerbatimRenderer } from './verbatim.ts';
import { labelRole } from './vocabulary.ts';

export type { ImportedRunbook, ImportInput, ImportOptions, OutputFile } from './types.ts';

export interface DocumentImport {
  source: string;
  runbooks: ImportedRunbook[];
  pages: OutputFile[];
  escalation: Escalation;
  /** Owner team named by the document ("**Owner**: Infrastructure Team"). */
  owner?: string;
  report: ReportItem[];
  /** Source lines not copied as they were, and what they became. */
  consumed: Consumed[];
  repair: MojibakeReport;
}

export interface ImportResult {
  documents: DocumentImport[];
  runbooks: ImportedRunbook[];
  pages: OutputFile[];
  service: { id: string; name: string; content: string; draft: ServiceDraft };
  report: ReportItem[];
  /** Problems of the generated runbooks as the model sees them (an importer bug when not empty). */
  problems: Problem[];
}

/** Names already taken by earlier documents of the same import. */
interface Taken {
  runbooks: Set<string>;
  pages: Set<string>;
}

const unique = (wanted: string, taken: Set<string>) => {
  let name = wanted;
  for (let n = 2; taken.has(name); n++) name = `${wanted}-${n}`;
  taken.add(name);
  return name;
};

/** Where each heading of the source went: anchors (`#5-deployment-rollback`, a repeated heading's `#grafana-1`) become page URLs. */
function anchorTargets(doc: SourceDoc, planned: PlannedRunbook[], pages: { page: PageSource; url: string }[]): Map<string, { url: string; id?: string }> {
  // The anchors GitHub gives the source's headings: in document order, a repeated one numbered.
  const slugger = new GithubSlugger();
  const anchorOf = new Map<Nodes, string>();
  walk(doc.tree, (node) => {
    if (node.type === 'heading') anchorOf.set(node, slugger.slug(mdastToString(node).trim()));
  });
  const targets = new Map<string, { url: string; id?: string }>();
  const add = (part: Part, target: { url: string; id?: string }) => {
    for (const each of [part, ...descendants(part)]) {
      for (const anchor of [each.heading && anchorOf.get(each.heading), githubSlug(each.raw)]) if (anchor && !targets.has(anchor)) targets.set(anchor, target);
    }
  };
  for (const runbook of planned) add(runbook.source.part, { url: runbook.url, id: runbook.id });
  for (const { page, url } of pages) for (const item of page.items) if (item.kind === 'part') add(item.part, { url });
  return targets;
}

/** A table mapping severities to response times (| Severity | ... | Response Time |). */
function responsePolicy(doc: SourceDoc, skip: (offset: number) => boolean): { label: string; time: string }[] {
  const rows: { label: string; time: string }[] = [];
  walk(doc.tree, (node) => {
    if (node.type !== 'table' || skip(startOf(node))) return;
    const table = node as Table;
    const header = table.children[0]?.children.map((cell) => textOf(cell).toLowerCase()) ?? [];
    const severity = header.findIndex((text) => /severity|priority/.test(text));
    const response = header.findIndex((text) => /response/.test(text));
    if (severity < 0 || response < 0) return;
    for (const row of table.children.slice(1)) rows.push({ label: textOf(row.children[severity]), time: textOf(row.children[response]) });
  });
  return rows;
}

export function importDocument(input: ImportInput, options: ImportOptions, taken: Taken = { runbooks: new Set(), pages: new Set() }): DocumentImport {
  const { service } = options;
  const serviceName = options.serviceName ?? humanise(service);
  const report: ReportItem[] = [];
  const consumed: Consumed[] = [];
  const say: Say = (level, message, extra = {}) => report.push({ source: input.file, level, message, ...extra });

  // A byte-order mark and Windows line ends would otherwise end up in labels and code.
  const written = input.text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  // The structure and the frontmatter are read from the repaired text even when the body is copied
  // as written: a heading such as `üîß Playbook 1` is only recognised once repaired.
  const repair = repairMojibakeReport(written);
  if (repair.repairs.length) {
    // A repair covers a whole run (a line of box drawing): count characters, and show short runs first.
    const count = repair.repairs.reduce((sum, fix) => sum + [...fix.after].length, 0);
    const short = repair.repairs.filter((fix) => [...fix.after].length <= 2);
    const long = repair.repairs.filter((fix) => [...fix.after].length > 2);
    const examples = [...new Set([...short, ...long].map((fix) => `${fix.before} → ${fix.after}`))].slice(0, 4).join(', ');
    const encodings = [...new Set(repair.repairs.map((fix) => ENCODING_NAMES[fix.encoding]))].join(' and ');
    say('info', `${options.verbatim ? 'kept (--verbatim)' : 'repaired'} ${count} mojibake sequences (UTF-8 read as ${encodings}: ${examples})`);
  }
  const damagedLines = new Set(repair.damaged.map((damage) => damage.line));
  const doc = parseSource(input.file, repair.text);
  const structure = detectStructure(doc);
  let verbatim: VerbatimRenderer | undefined;
  if (options.verbatim) {
    verbatim = verbatimRenderer(doc, parseSource(input.file, written));
    if (!verbatim) {
      say(
        'todo',
        '--verbatim: repairing the mojibake changes the Markdown structure of the document, so the text could not be copied as written; the repaired text was copied',
      );
      verbatim = verbatimRenderer(doc, doc);
    }
  }

  const runbookUrl = options.runbookUrl ?? `/runbooks/${service}/`;
  const pageUrl = options.pageUrl ?? `/services/${service}/`;
  const planned: PlannedRunbook[] = structure.runbooks.map((source) => {
    const slug = unique(titleSlug(source.heading.title), taken.runbooks);
    return { source, slug, id: `${service}-${slug}`, url: `${runbookUrl}${slug}/` };
  });
  const pagePlan = structure.pages.map((page) => {
    const slug = unique(page.slug === 'index' ? 'index-page' : page.slug, taken.pages);
    return { page, slug, url: servicePageUrl(pageUrl, slug) };
  });
  const anchors = anchorTargets(doc, planned, pagePlan);

  // Offsets inside runbooks, so document-level metadata and tables are read only outside them.
  const ranges = planned.map(({ source }) => {
    const nodes = partNodes(source.part);
    return [startOf(source.part.heading!), nodes.length ? endOf(nodes[nodes.length - 1]) : endOf(source.part.heading!)] as const;
  });
  const insideRunbook = (offset: number) => ranges.some(([start, end]) => offset >= start && offset < end);

  // Document-level metadata: "Last Updated", "Owner".
  let lastUpdated: { value: string; line: number } | undefined;
  let owner: string | undefined;
  walk(doc.tree, (node) => {
    if (node.type !== 'paragraph' || insideRunbook(startOf(node))) return;
    sourceLines(doc, node).forEach((line, index) => {
      const label = labelLine(line);
      const role = label && labelRole(label.label, false);
      if (role?.kind !== 'metadata' || !label?.value) return;
      if (role.field === 'lastUpdated') lastUpdated ??= { value: label.value, line: lineOf(node) + index };
      if (role.field === 'owner')
        owner ??= label.value
          .replace(/[*_`]/g, '')
          .replace(/\s*\([^)]*\)/g, '')
          .trim();
    });
  });
  const policy = responsePolicy(doc, insideRunbook);
  if (!lastUpdated) say('info', 'lastReviewed left out: the document has no "Last Updated" date');
  else {
    const date = mapDate(lastUpdated.value);
    if (!date || !('date' in date)) {
      say('info', `lastReviewed left out of every runbook: the document's "Last Updated: ${lastUpdated.value}" ${date ? 'names no day' : 'is not a date'}`, {
        line: lastUpdated.line,
      });
    } else say('info', `lastReviewed ${date.date} from the document's "Last Updated" (line ${lastUpdated.line})`);
  }

  for (const { part, reason } of structure.dropped) {
    const first = lineOf(part.heading!);
    const nodes = partNodes(part);
    const last = nodes.length ? nodes[nodes.length - 1].position!.end.line : first;
    for (let line = first; line <= last; line++) consumed.push({ line, kind: 'table-of-contents' });
    say('info', `left out the ${reason} "${part.title}": the site lists the runbooks itself`, { line: first });
  }
  if (structure.titleLine && !structure.pages.some((page) => page.overview)) {
    consumed.push({ line: structure.titleLine, kind: 'document-title' });
    say('info', `the document title "${structure.title}" is not kept: the document has no introduction to make an overview page of`, {
      line: structure.titleLine,
    });
  }
  for (const group of structure.groups) {
    consumed.push({ line: lineOf(group.heading!), kind: 'group-heading', output: slugOf(group.title) });
  }

  // Code blocks: a language for untagged ones, prose lists and damaged diagrams converted (or, with
  // --verbatim, copied: only the frontmatter is read from the draft then).
  const { renderCode, notes: codeNotes } = verbatim ? { renderCode: verbatimCode(doc.text), notes: [] } : codeRenderer(damagedLines, doc.text);

  // Links: an anchor of the document becomes the URL of the page its heading went to (and, for a
  // runbook, an entry in `related`); a link to a document that was not imported is reported.
  const linkRewriter =
    (file: string, self?: string, related?: Set<string>) =>
    (url: string, line: number): string | undefined => {
      if (url.startsWith('#')) {
        const anchor = url.slice(1).toLowerCase();
        const target = anchors.get(anchor) ?? [...anchors].find(([key]) => key.startsWith(anchor))?.[1];
        if (!target) {
          say('todo', `a link to "${url}" points at no heading of the document; kept as written`, { file, line });
          return undefined;
        }
        if (self && target.id === self) return undefined;
        if (target.id) related?.add(target.id);
        consumed.push({ line, kind: 'link', output: target.url });
        return target.url;
      }
      if (!/^[a-z][a-z0-9+.-]*:/i.test(url) && !url.startsWith('/')) {
        // Another file of the same import (a folder import knows their pages) reports its own misses.
        if (options.rewriteLink) return options.rewriteLink(url, line);
        say('todo', `a link to "${url}" (a document that was not imported) will not resolve on the site`, { file, line });
      }
      return undefined;
    };

  // --verbatim: a link to a heading that the split put on another page leads there (as without
  // --verbatim); a link to a heading of the same page, or to none, stays as written for lint to check.
  const movedAnchor =
    (ownUrl: string) =>
    (url: string): string | undefined => {
      if (!url.startsWith('#')) return undefined;
      const target = anchors.get(url.slice(1).toLowerCase());
      return target && target.url !== ownUrl ? target.url : undefined;
    };

  const runbooks: ImportedRunbook[] = [];
  for (const plan of planned) {
    const related = new Set<string>();
    const rewriteUrl = linkRewriter(`runbooks/${plan.slug}.mdx`, plan.id, related);
    const notesBefore = codeNotes.length;
    const draft = buildDraft(plan.source, { doc, renderCode, rewriteUrl, ...(options.rewriteImage ? { rewriteImage: options.rewriteImage } : {}) });
    const file = `runbooks/${plan.slug}.mdx`;
    for (const note of codeNotes.slice(notesBefore)) say('info', note.message, { file, line: note.line });
    const verbatimBody = verbatim && `${verbatim.part(plan.source.part, 2, movedAnchor(plan.url))}\n`;
    const serviceTodo = [
      ...(options.provisionalService ? ['service' as const] : []),
      ...(options.serviceTodo ?? (owner ? ['escalation' as const] : ['owner' as const, 'escalation' as const])),
    ];
    const result = buildRunbookFile(plan, draft, {
      service,
      lastUpdated,
      policy,
      related,
      file,
      say,
      consumed,
      source: input.file,
      serviceTodo,
      ...(verbatimBody ? { verbatimBody } : {}),
    });
    runbooks.push(result);
  }

  const pages: OutputFile[] = [];
  for (const { page, slug, url } of pagePlan) {
    const notesBefore = codeNotes.length;
    const file = `pages/${slug}.mdx`;
    const built = buildPage(page, slug, {
      doc,
      source: input.file,
      service,
      serviceName,
      renderCode,
      rewriteUrl: verbatim ? movedAnchor(url) : linkRewriter(file),
      ...(options.rewriteImage ? { rewriteImage: options.rewriteImage } : {}),
      consumed,
      ...(verbatim ? { verbatim } : {}),
    });
    for (const note of codeNotes.slice(notesBefore)) say('info', note.message, { file, line: note.line });
    for (const problem of built.problems) say('error', `${problem.line}:${problem.column} ${problem.message} [${problem.rule}]`, { file });
    pages.push(built);
  }
  if (pages.length) say('info', `kept ${pages.length} shared part(s) as service pages: ${pages.map((page) => page.name.replace(/\.mdx$/, '')).join(', ')}`);
  for (const { page, slug } of pagePlan) {
    if (!page.group) continue;
    say(
      'info',
      `"${page.title}" is under "${page.group.title}" but has no commands or steps (a template or reference shared by the runbooks): kept as the service page ${slug}, not as a runbook`,
      { file: `pages/${slug}.mdx` },
    );
  }

  const escalation = extractEscalation(doc, insideRunbook);
  if (escalation.from) say('info', `escalation policy (${escalation.levels.length} levels) taken from ${escalation.from}; contacts are placeholders`);
  for (const todo of escalation.todos) say('todo', todo, { file: `services/${service}.yaml` });

  return { source: input.file, runbooks, pages, escalation, ...(owner ? { owner } : {}), report, consumed, repair };
}

/** Imports several documents into one service: names stay unique across them, one service YAML. */
export function importDocuments(inputs: ImportInput[], options: ImportOptions): ImportResult {
  const taken: Taken = { runbooks: new Set(), pages: new Set() };
  const documents = inputs.map((input) => importDocument(input, options, taken));
  const name = options.serviceName ?? humanise(options.service);
  const withPolicy = documents.find((document) => document.escalation.from) ?? documents[0];
  const ownerText = documents.find((document) => document.owner)?.owner;
  const owner = ownerText ? titleSlug(ownerText) : `${options.service}-team`;
  const report = documents.flatMap((document) => document.report);
  if (!ownerText)
    report.push({
      source: documents[0]?.source ?? '',
      level: 'todo',
      file: `services/${options.service}.yaml`,
      message: `owner set to "${owner}": the source names no owning team`,
    });
  // Contacts are always placeholders; an owner the document does not name is one too.
  const draft: ServiceDraft = { name, owner, escalation: withPolicy?.escalation.levels ?? [], todo: [...(ownerText ? [] : ['owner']), 'escalation'] };
  const sources = documents.map((document) => basename(document.source)).join(', ');
  const content = renderService(
    draft,
    `Service ${name}, imported by \`runbook import\` from ${sources}.\nThe escalation contacts are placeholders: fill them in (a pager schedule or a channel, never a real phone number).`,
  );
  const runbooks = documents.flatMap((document) => document.runbooks);
  return {
    documents,
    runbooks,
    pages: documents.flatMap((document) => document.pages),
    service: { id: options.service, name, content, draft },
    report,
    problems: [...runbooks, ...documents.flatMap((document) => document.pages)].flatMap((file) => file.problems),
  };
}
