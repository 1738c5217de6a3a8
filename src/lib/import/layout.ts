// What one source file is: a page per alert (`# KubePodCrashLooping` / `## Meaning` / `## Mitigation`),
// a document holding many runbooks (the seeds: `### RB-001: ...`), a free-form service document that
// is a runbook (it holds commands or incident sections), a reference page (neither), or nothing to import.
import { ALERT_NAME } from '../../schema/runbook.ts';
import { descendants, outline, type Part, type SourceDoc } from './markdown.ts';
import { detectStructure, hasCommands, NoRunbooksError } from './structure.ts';
import { roleOf } from './vocabulary.ts';

export type Layout =
  | { kind: 'empty'; reason: string }
  | { kind: 'collection' }
  | { kind: 'alert'; alert: string; note?: string }
  | { kind: 'runbook'; why: string }
  | { kind: 'reference' };

/** File names that never name an alert. */
const NOT_ALERTS = /^(readme|index|_index|changelog|license|contributing|code_of_conduct|security|owners|todo|notes?)$/i;

/** An alert name as Prometheus writes it: one word, with a capital letter (`KubeAPIDown`, `etcdNoLeader`, `Watchdog`). */
export function isAlertLike(text: string): boolean {
  return text.length <= 100 && ALERT_NAME.test(text) && /[A-Z]/.test(text) && !/[.-]/.test(text) && !NOT_ALERTS.test(text);
}

/** Canonical sections among a part's headings (Meaning, Impact, Diagnosis, Mitigation, ...). */
function incidentSections(parts: Part[]): Set<string> {
  const names = new Set<string>();
  for (const part of parts) {
    const role = roleOf(part.title);
    if (role?.kind === 'section') names.add(role.section);
    else if (role?.kind === 'steps') names.add('resolution');
  }
  return names;
}

/** Has the document anything besides headings, comments and rules? */
function hasContent(doc: SourceDoc): boolean {
  return doc.tree.children.some(
    (node) =>
      node.type !== 'heading' &&
      node.type !== 'thematicBreak' &&
      !(node.type === 'html' && /^\s*<!--[\s\S]*-->\s*$/.test(node.value)) &&
      node.type !== 'definition',
  );
}

/**
 * Nothing but a title and one short paragraph that links to the page of the same name elsewhere ("This alert has
 * been moved to [alerts/x/KubeAPIDown.md](...)" in KubeAPIDown.md): the page moved, and the page it moved to is
 * the runbook of its alert. A pointer to another alert's page ("See [NodeRAIDDegraded](...)") stays the runbook
 * of its own alert, and a link to anything else ("more in [blog](...)") leaves a runbook without steps.
 */
function isMovedPage(doc: SourceDoc, stem: string): boolean {
  if (doc.tree.children.filter((node) => node.type === 'heading').length > 1) return false;
  const content = doc.tree.children.filter(
    (node) => node.type !== 'heading' && node.type !== 'thematicBreak' && node.type !== 'definition' && node.type !== 'html',
  );
  if (content.length !== 1 || content[0].type !== 'paragraph') return false;
  const paragraph = content[0];
  const start = paragraph.position?.start.offset ?? 0;
  const end = paragraph.position?.end.offset ?? 0;
  const samePage = (url: string) => {
    const file = (url.split('#')[0].split('/').pop() ?? '').toLowerCase();
    return file === `${stem.toLowerCase()}.md` || file === `${stem.toLowerCase()}.mdx`;
  };
  return end - start <= 300 && paragraph.children.some((child) => child.type === 'link' && samePage(child.url));
}

/** The document's title heading: its only `#` heading when it comes first. */
export function titleHeading(root: Part): Part | undefined {
  const ones = root.children.filter((part) => part.depth === 1);
  return ones.length === 1 && root.children[0] === ones[0] ? ones[0] : undefined;
}

export function classify(doc: SourceDoc, stem: string): Layout {
  if (!hasContent(doc)) {
    const reason = !doc.text.trim() ? 'the file is empty' : doc.tree.children.length ? 'only headings, no content to import' : 'nothing but HTML comments';
    return { kind: 'empty', reason };
  }
  const root = outline(doc.tree.children);
  const title = titleHeading(root);
  // The document's own title ("# Diagnosis of slow disks") is not one of its sections.
  const sections = incidentSections(descendants(root).filter((part) => part !== title));
  const heading = title?.title.trim();

  // A page that moved ("This alert has been moved to [...]") is no runbook of its alert: the page it points to is.
  if (isMovedPage(doc, stem)) return { kind: 'reference' };

  // A page per alert: the file (or its heading) is named after the alert, and it has the alert page's sections.
  const stemAlert = isAlertLike(stem) ? stem : undefined;
  const headingAlert = heading && isAlertLike(heading) ? heading : undefined;
  const alertSections = ['symptoms', 'impact', 'investigation', 'resolution'].filter((name) => sections.has(name)).length;
  // Without the alert page's sections, a heading that repeats a CamelCase file name still names an
  // alert (`# KubeAPIDown` in KubeAPIDown.md); a plain word (`# Teleport` in Teleport.md) does not.
  const camel = (name: string) => /[a-z0-9][A-Z]|[A-Z]{2,}[a-z]|_/.test(name);
  const namedTwice = stemAlert && headingAlert && stemAlert.toLowerCase() === headingAlert.toLowerCase() && camel(stemAlert);
  if ((stemAlert || headingAlert) && (alertSections >= 2 || namedTwice)) {
    if (stemAlert && headingAlert && stemAlert !== headingAlert) {
      const note =
        stemAlert.toLowerCase() === headingAlert.toLowerCase()
          ? `the heading writes the alert "${headingAlert}"; its name is spelt as the file name: ${stemAlert}`
          : `the heading names the alert "${headingAlert}" but the file is ${stem}: the alert is taken from the file name (check which is right)`;
      return { kind: 'alert', alert: stemAlert, note };
    }
    return { kind: 'alert', alert: (stemAlert ?? headingAlert)! };
  }

  // A document of many runbooks (RB-001, Playbook 1, P1, numbered runbooks, or several with their own sections).
  try {
    const structure = detectStructure(doc);
    const ids = structure.runbooks.filter((runbook) => runbook.heading.style !== 'plain').length;
    if (structure.runbooks.length >= 2 || ids >= 1) return { kind: 'collection' };
  } catch (error) {
    if (!(error instanceof NoRunbooksError)) throw error;
  }

  if (hasCommands(root)) return { kind: 'runbook', why: 'it holds commands' };
  const incident = ['symptoms', 'investigation', 'resolution', 'verification'].filter((name) => sections.has(name));
  if (incident.length) return { kind: 'runbook', why: `it has incident sections (${incident.join(', ')})` };
  return { kind: 'reference' };
}
