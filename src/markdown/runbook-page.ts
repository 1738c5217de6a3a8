// A Markdown step of the site's pages (a Sätteri mdast plugin, registered by src/integration.ts):
// - "Changes from the source" (the reviewer's notes on an imported runbook) is folded into a
//   <details>, kept out of the search index and, being no heading any more, out of "On this page";
// - a runbook's Escalation section ends with its service's escalation levels and contacts, read
//   from the service file (src/content/services/<id>.yaml), never typed again in the runbook. A
//   runbook without an Escalation section gets one;
// - each cell of a table of three columns or more carries its column's name (`data-label`), so that
//   on a phone the table becomes one card per row instead of scrolling sideways (runbooks.css).
import type { Element, ElementContent } from 'hast';
import type { BlockContent, Heading, List, PhrasingContent, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { HastPluginDefinition, MdastPluginDefinition } from 'satteri';
import type { ServiceWithId } from '../schema/service.ts';
import { contactParts } from '../lib/contact-links.ts';

type TextOf = (node: RootContent) => string;

const SOURCE_NOTES = /^changes from the source$/i;
const ESCALATION = /^(escalat\w*|when to escalate)\b/i;
/** Sections that come after Escalation (FORMAT's order); a new Escalation section goes before them. */
const AFTER_ESCALATION = /^(post-?incident|changes from the source)\b/i;

const isSection = (node: RootContent, text: TextOf, pattern: RegExp): node is Heading => node.type === 'heading' && node.depth === 2 && pattern.test(text(node).trim());
const sectionEnd = (children: RootContent[], start: number) => {
  let end = start + 1;
  while (end < children.length && !(children[end].type === 'heading' && (children[end] as Heading).depth <= 2)) end++;
  return end;
};

/** Block content wrapped in an HTML element (mdast has no node for it; `hName` names the element). */
function element(tagName: string, properties: Record<string, unknown>, children: RootContent[]): BlockContent {
  // `hName`/`hProperties` are the mdast-to-hast conventions, not in mdast's own types.
  return { type: 'paragraph', data: { hName: tagName, hProperties: properties } as Record<string, unknown>, children: children as PhrasingContent[] };
}

/** Each "Changes from the source" section as a closed <details>, out of the search index and the table of contents. */
export function foldSourceNotes(children: RootContent[], text: TextOf): RootContent[] {
  if (!children.some((node) => isSection(node, text, SOURCE_NOTES))) return children;
  const out: RootContent[] = [];
  for (let i = 0; i < children.length; i++) {
    const node = children[i];
    if (!isSection(node, text, SOURCE_NOTES)) {
      out.push(node);
      continue;
    }
    const end = sectionEnd(children, i);
    out.push(element('details', { className: ['rb-source-notes'], dataPagefindIgnore: '' }, [element('summary', {}, node.children), ...children.slice(i + 1, end)]));
    i = end - 1;
  }
  return out;
}

function contactPhrasing(contact: string): PhrasingContent[] {
  return contactParts(contact).map((part) => (part.href ? { type: 'link', url: part.href, children: [{ type: 'text', value: part.text }] } : { type: 'text', value: part.text }));
}

/** The service's escalation levels, as the end of a runbook's Escalation section. */
export function escalationContacts(service: ServiceWithId): BlockContent {
  const levels: List = {
    type: 'list',
    ordered: true,
    spread: false,
    children: service.escalation.map((level) => ({
      type: 'listItem',
      spread: false,
      children: [
        {
          type: 'paragraph',
          children: [{ type: 'strong', children: [{ type: 'text', value: level.who }] }, { type: 'text', value: ` — ${level.when.replace(/\.$/, '')}. Contact: ` }, ...contactPhrasing(level.contact)],
        },
      ],
    })),
  };
  const intro: BlockContent = {
    type: 'paragraph',
    children: [
      { type: 'text', value: 'Escalation levels of ' },
      { type: 'link', url: `/services/${service.id}/#escalation`, children: [{ type: 'text', value: service.name }] },
      { type: 'text', value: ':' },
    ],
  };
  return element('div', { className: ['rb-escalation-contacts'], dataPagefindIgnore: '' }, [intro, levels]);
}

/** The children with the service's escalation contacts at the end of the Escalation section (added when missing). */
export function withEscalationContacts(children: RootContent[], service: ServiceWithId, text: TextOf): RootContent[] {
  const contacts = escalationContacts(service);
  const start = children.findIndex((node) => isSection(node, text, ESCALATION));
  if (start >= 0) {
    const end = sectionEnd(children, start);
    return [...children.slice(0, end), contacts, ...children.slice(end)];
  }
  const before = children.findIndex((node) => isSection(node, text, AFTER_ESCALATION));
  const at = before >= 0 ? before : children.length;
  const heading: Heading = { type: 'heading', depth: 2, children: [{ type: 'text', value: 'Escalation' }] };
  return [...children.slice(0, at), heading, contacts, ...children.slice(at)];
}


/** The plugin; `serviceOf(id)` gives a service's data (undefined for an unknown service). */
export function runbookPagePlugin(serviceOf: (id: string) => ServiceWithId | undefined): MdastPluginDefinition {
  return {
    name: 'runbook-page',
    after(root, ctx) {
      // Not ctx.textContent: it knows only the nodes of the parsed tree, not the ones built here.
      const text: TextOf = (node) => toString(node);
      const original = [...root.children];
      let children = original;
      const frontmatter = (ctx.data as { astro?: { frontmatter?: { runbook?: { service?: unknown } } } }).astro?.frontmatter;
      const serviceId = frontmatter?.runbook?.service;
      const service = typeof serviceId === 'string' ? serviceOf(serviceId) : undefined;
      if (service) children = withEscalationContacts(children, service, text);
      children = foldSourceNotes(children, text);
      if (children !== original) ctx.setProperty(root, 'children', children);
    },
  };
}

/** Tables at least this wide become cards on a phone; narrower ones fit. */
const STACKED_COLUMNS = 3;

const elements = (node: { children?: ElementContent[] }, tagName?: string) =>
  (node.children ?? []).filter((child): child is Element => child.type === 'element' && (!tagName || child.tagName === tagName));
const textOf = (node: ElementContent): string => (node.type === 'text' ? node.value : 'children' in node ? node.children.map(textOf).join('') : '');

/** The hast plugin that names each cell's column (`data-label`) in tables of three columns or more. */
export const tableLabelsPlugin: HastPluginDefinition = {
  name: 'table-labels',
  element: {
    filter: ['table'],
    visit(table, ctx) {
      const header = elements(table, 'thead').flatMap((head) => elements(head, 'tr'))[0];
      const labels = header ? elements(header).map((cell) => textOf(cell).trim()) : [];
      if (labels.length < STACKED_COLUMNS) return;
      const classes = table.properties?.className;
      ctx.setProperty(table, 'className', [...(Array.isArray(classes) ? classes : []), 'rb-stack']);
      for (const row of elements(table, 'tbody').flatMap((body) => elements(body, 'tr'))) {
        elements(row).forEach((cell, index) => labels[index] && ctx.setProperty(cell, 'dataLabel', labels[index]));
      }
    },
  },
};
