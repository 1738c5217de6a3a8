// One source file that is one runbook (a page per alert, a free-form service document with commands)
// or one reference page: its body as MDX with every section kept, in the source's order. Sections
// are renamed only where a runbook section fits (Troubleshooting → Investigation) and every rename,
// and every section that is not a runbook section, is reported.
import type { Code, RootContent } from 'mdast';
import { sectionFor } from '../model/sections.ts';
import { slugify } from '../model/slug.ts';
import { STEP_SECTIONS, type SectionName } from '../model/types.ts';
import { SECTION_TITLES } from './body.ts';
import { titleHeading } from './layout.ts';
import { descendants, labelLine, lineOf, outline, sourceLines, walk, withoutDecorativeEmoji, type Part, type SourceDoc } from './markdown.ts';
import { renderInline, renderNode, type RenderHooks } from './mdx-text.ts';
import { roleOf, labelRole, type MetaField } from './vocabulary.ts';

export interface SingleHooks extends RenderHooks {
  renderCode: (node: Code) => string;
}

export interface LabelValue {
  value: string;
  line: number;
}

export interface SingleDraft {
  /** The title, and where it came from (for the report). */
  title: string;
  /** The MDX body (no frontmatter). */
  body: string;
  /** The heading of the document when it is neither the title nor the alert (reported, not kept as a second title). */
  droppedHeading?: { text: string; line: number };
  /** Rendered blocks of the first section that says what is wrong (Symptoms, Meaning), else of the lead. */
  summarySource: string[];
  /** The canonical sections in the output, in order. */
  sections: (SectionName | null)[];
  /** `**Severity:** Warning`, `**Owner**: team` ... lines of the document (kept in the body, read for the frontmatter). */
  labels: Partial<Record<MetaField, LabelValue[]>>;
  /** What was renamed, kept or converted, for the report. */
  notes: { message: string; line?: number }[];
}

export interface SingleOptions {
  doc: SourceDoc;
  /** `runbook`: sections mapped to runbook sections; `reference`: headings kept as they are. */
  as: 'runbook' | 'reference';
  /** The title from the source's frontmatter. */
  frontmatterTitle?: string;
  /** The alert the page is for (its heading is then not a second title). */
  alert?: string;
  /** The file name without extension, the title of last resort. */
  stem: string;
  hooks: SingleHooks;
}

/** `pg_repack` → `Pg repack`, `KubePodCrashLooping` stays. */
function titleFromStem(stem: string): string {
  if (/^[A-Za-z][A-Za-z0-9]*$/.test(stem) && /[a-z][A-Z]/.test(stem)) return stem;
  const words = stem.replace(/[_-]+/g, ' ').trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : stem;
}

/** GitLab's `[[_TOC_]]`: the site shows its own table of contents. */
const isTocMarker = (doc: SourceDoc, node: RootContent) =>
  node.type === 'paragraph' && /^\s*\[\[_?TOC_?\]\]\s*$/i.test(doc.text.slice(node.position?.start.offset, node.position?.end.offset));

export function buildSingle(options: SingleOptions): SingleDraft {
  const { doc, hooks } = options;
  const notes: SingleDraft['notes'] = [];
  const root = outline(doc.tree.children);
  const title = titleHeading(root);
  const lead: RootContent[] = [...root.blocks, ...(title?.blocks ?? [])];
  const tops = title ? title.children : root.children;

  // The title: the frontmatter's, else the document's heading, else the file name.
  const headingText = title ? withoutDecorativeEmoji(title.title) : undefined;
  const draftTitle = options.frontmatterTitle ?? headingText ?? options.alert ?? titleFromStem(options.stem);
  let droppedHeading: SingleDraft['droppedHeading'];
  if (headingText && headingText !== draftTitle && headingText !== options.alert) droppedHeading = { text: headingText, line: lineOf(title!.heading!) };

  // Headings move so that the document's top level becomes `##`.
  const base = tops.length ? Math.min(...tops.map((part) => part.depth)) : 2;
  const shift = 2 - base;

  // Every heading's output text, decided before any text is rendered: a link to `#troubleshooting`
  // must follow its section when it is renamed `Investigation`.
  const plan = new Map<Part, { text?: string; section: SectionName | null; inSteps: boolean }>();
  const anchors = new Map<string, string>();
  // Step headings are step ids: unique in the runbook, and different from the section anchors.
  const taken = new Set(Object.values(SECTION_TITLES).map((name) => slugify(name)));
  const plainSlug = (text: string) => slugify(text.replace(/&lt;/g, '<').replace(/\\(.)/g, '$1'));
  let symptomsPart: Part | undefined;
  for (const part of tops) {
    const line = lineOf(part.heading!);
    let section: SectionName | null = null;
    let text: string | undefined;
    const role = roleOf(part.title);
    if (options.as !== 'runbook') {
      // Headings stay as written; the section that says what is wrong still gives the description.
      if (role?.kind === 'section' && role.section === 'symptoms') symptomsPart ??= part;
    } else {
      const mapped: SectionName | undefined = role?.kind === 'section' ? role.section : role?.kind === 'steps' ? 'resolution' : undefined;
      if (mapped) {
        section = mapped;
        if (sectionFor(part.title) !== mapped) {
          text = SECTION_TITLES[mapped];
          anchors.set(slugify(part.raw), slugify(text));
          notes.push({ message: `section "${part.title}" renamed "${text}"`, line });
        }
      } else {
        notes.push({ message: `section "${part.title}" is not a runbook section; kept in place under its own heading`, line });
      }
    }
    const inSteps = section !== null && STEP_SECTIONS.includes(section);
    plan.set(part, { ...(text ? { text } : {}), section, inSteps });
    const sectionTitle = text ?? part.title;
    const visit = (child: Part) => {
      let text: string | undefined;
      if (inSteps && child.depth + shift <= 3) {
        const own = withoutDecorativeEmoji(renderInline(doc.text, child.heading!));
        let unique = own;
        // Named after its section first (`2. Node failures (Mitigation)`): a number would collide with the ids of
        // the first step's later blocks (`2-node-failures-2`).
        if (taken.has(plainSlug(unique))) unique = `${own} (${sectionTitle})`;
        for (let n = 2; taken.has(plainSlug(unique)); n++) unique = `${own} (${sectionTitle} ${n})`;
        taken.add(plainSlug(unique));
        if (unique !== own) {
          text = unique;
          anchors.set(plainSlug(own), plainSlug(unique));
          notes.push({ message: `a second step "${child.title}" in the runbook is called "${unique}" (step headings are ids)`, line: lineOf(child.heading!) });
        }
      }
      plan.set(child, { ...(text ? { text } : {}), section, inSteps });
      child.children.forEach(visit);
    };
    part.children.forEach(visit);
  }

  const rewriteUrl = (url: string, line: number) =>
    url.startsWith('#') && anchors.has(url.slice(1)) ? `#${anchors.get(url.slice(1))}` : hooks.rewriteUrl?.(url, line);
  const renderHooks = { ...hooks, rewriteUrl };
  const render = (node: RootContent): string => {
    if (node.type === 'code') return hooks.renderCode(node);
    if (node.type === 'thematicBreak') return '---';
    if (isTocMarker(doc, node)) {
      notes.push({ message: "GitLab's [[_TOC_]] marker left out: the page shows its own table of contents", line: lineOf(node) });
      return '';
    }
    return renderNode(doc.text, node, renderHooks);
  };
  const heading = (part: Part) => {
    const depth = Math.max(2, Math.min(part.depth + shift, 6));
    return `${'#'.repeat(depth)} ${plan.get(part)?.text ?? withoutDecorativeEmoji(renderInline(doc.text, part.heading!))}`;
  };

  const leadBlocks = lead.map(render).filter((block) => block.trim());
  const out: string[] = [...leadBlocks];
  let summarySource: string[] | undefined;
  const sections: SingleDraft['sections'] = [];
  const emit = (part: Part) => {
    out.push(heading(part));
    const blocks = part.blocks.map(render);
    out.push(...blocks);
    if (!summarySource && (plan.get(part)?.section === 'symptoms' || part === symptomsPart) && tops.includes(part)) summarySource = blocks;
    part.children.forEach(emit);
  };
  for (const part of tops) {
    sections.push(plan.get(part)!.section);
    emit(part);
  }

  return {
    title: draftTitle,
    body: `${out.filter((block) => block.trim()).join('\n\n')}\n`,
    ...(droppedHeading ? { droppedHeading } : {}),
    summarySource: summarySource ?? leadBlocks,
    sections,
    labels: readLabels(doc, root),
    notes,
  };
}

/** `**Severity:** Warning`-style lines anywhere in the document (paragraphs and list items). */
function readLabels(doc: SourceDoc, root: Part): SingleDraft['labels'] {
  const labels: SingleDraft['labels'] = {};
  const nodes = [...root.blocks, ...descendants(root).flatMap((part) => part.blocks)];
  for (const node of nodes) {
    walk(node, (child) => {
      if (child.type !== 'paragraph') return;
      sourceLines(doc, child).forEach((line, index) => {
        const label = labelLine(line.replace(/^[-*+]\s+/, ''));
        const role = label?.value ? labelRole(label.label, false) : undefined;
        if (role?.kind !== 'metadata') return;
        (labels[role.field] ??= []).push({ value: label!.value, line: lineOf(child) + index });
      });
    });
  }
  return labels;
}
