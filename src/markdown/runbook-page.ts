// A Markdown step of the site's pages (a Sätteri mdast plugin, registered by src/integration.ts):
// - "Changes from the source" (the reviewer's notes on an imported runbook) is folded into a
//   <details>, kept out of the search index and, being no heading any more, out of "On this page";
// - a runbook's Escalation section ends with its service's escalation levels and contacts, read
//   from the service file (src/content/services/<id>.yaml), never typed again in the runbook. A
//   runbook without an Escalation section gets one;
// - each cell of a table of three columns or more carries its column's name (`data-label`), so that
//   on a phone the table becomes one card per row instead of scrolling sideways (runbooks.css);
// - each choice between options of a runbook (`### Option A: …`, `### If …`: src/lib/model/alternatives.ts) is
//   shown as one: a radio group (legend and one label per option) above the options, each option wrapped. Without
//   JavaScript every option shows; with it (src/client/choices.ts) the choice folds the others and the incident
//   checklist records it.
import type { Element, ElementContent } from 'hast';
import type { BlockContent, Heading, List, PhrasingContent, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { HastPluginDefinition, MdastPluginDefinition } from 'satteri';
import type { ServiceWithId } from '../schema/service.ts';
import { contactParts } from '../lib/contact-links.ts';
import { findAlternatives, readOptionHeading, type FoundGroup } from '../lib/model/alternatives.ts';

type TextOf = (node: RootContent) => string;

const SOURCE_NOTES = /^changes from the source$/i;
const ESCALATION = /^(escalat\w*|when to escalate)\b/i;
/** Sections that come after Escalation (FORMAT's order); a new Escalation section goes before them. */
const AFTER_ESCALATION = /^(post-?incident|changes from the source)\b/i;

const isSection = (node: RootContent, text: TextOf, pattern: RegExp): node is Heading =>
  node.type === 'heading' && node.depth === 2 && pattern.test(text(node).trim());
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
    out.push(
      element('details', { className: ['rb-source-notes'], dataPagefindIgnore: '' }, [element('summary', {}, node.children), ...children.slice(i + 1, end)]),
    );
    i = end - 1;
  }
  return out;
}

function contactPhrasing(contact: string): PhrasingContent[] {
  return contactParts(contact).map((part) =>
    part.href ? { type: 'link', url: part.href, children: [{ type: 'text', value: part.text }] } : { type: 'text', value: part.text },
  );
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
          children: [
            { type: 'strong', children: [{ type: 'text', value: level.who }] },
            { type: 'text', value: ` — ${level.when.replace(/\.$/, '')}. Contact: ` },
            ...contactPhrasing(level.contact),
          ],
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

/** What the choice says to the reader (the words of the page, in one place). */
const CHOICE_TEXT = {
  legend: 'Choose one option',
  hint: 'These are alternatives: do the one that fits what you found, not all of them.',
  option: (label: string) => `Option ${label}`,
};

const textNode = (value: string): PhrasingContent => ({ type: 'text', value });

/** The radio group of one choice: one label per option, its letter and title. */
function choicePicker(group: FoundGroup): BlockContent {
  const options = group.options.map((option) =>
    element('label', { className: ['rb-choice-option'] }, [
      element('input', { type: 'radio', name: `rb-choice-${group.id}`, value: option.id }, []),
      element('span', { className: ['rb-choice-letter'] }, [textNode(option.label)]),
      element('span', { className: ['rb-choice-title'] }, [textNode(option.title)]),
    ]),
  );
  return element('fieldset', { className: ['rb-choice-picker'], dataPagefindIgnore: '' }, [
    element('legend', {}, [textNode(CHOICE_TEXT.legend)]),
    element('p', { className: ['rb-choice-hint'] }, [textNode(CHOICE_TEXT.hint)]),
    ...options,
  ]);
}

/**
 * Each choice between options wrapped as one: `<div class="rb-choice">` with the radio group and, per option, a
 * `<div class="rb-option">` holding its steps (up to the next heading of depth 3 or less that is not one of them).
 */
export function wrapAlternatives(children: RootContent[], text: TextOf): RootContent[] {
  const headings = children.flatMap((node, index) => (node.type === 'heading' ? [{ index, depth: node.depth, text: text(node).trim() }] : []));
  const { groups } = findAlternatives(headings);
  if (!groups.length) return children;
  const endAfter = (heading: number) => headings.slice(heading + 1).find((next) => next.depth <= 3)?.index ?? children.length;
  const out = [...children];
  // From the last choice to the first, so that the indices of the earlier ones stay valid.
  for (const group of [...groups].reverse()) {
    const start = headings[group.options[0].headings[0]].index;
    const end = endAfter(group.options.at(-1)!.headings.at(-1)!);
    const options = group.options.map((option) => {
      const from = headings[option.headings[0]].index;
      const to = endAfter(option.headings.at(-1)!);
      // "If …" and "Option: …" headings carry no letter: the option's letter (the CLI's --option) goes above them.
      const lettered = readOptionHeading(headings[option.headings[0]].text)?.label === option.label;
      const tag = lettered ? [] : [element('p', { className: ['rb-option-tag'], dataPagefindIgnore: '' }, [textNode(CHOICE_TEXT.option(option.label))])];
      return element('div', { className: ['rb-option'], dataOption: option.id, dataOptionLabel: option.label }, [...tag, ...out.slice(from, to)]);
    });
    out.splice(start, end - start, element('div', { className: ['rb-choice'], dataChoice: group.id }, [choicePicker(group), ...options]));
  }
  return out;
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
      // Only runbooks have choices (a guide may show an "Option A" heading as an example).
      if (frontmatter?.runbook) children = wrapAlternatives(children, text);
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
