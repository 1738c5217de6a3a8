// One runbook of a source document as a draft: its content sorted into the canonical sections
// (FORMAT.md), steps as `###` headings, and the metadata lines taken out for the frontmatter.
// Every source line ends up in the draft or in `consumed` (with what it became).
import type { Code, List, ListItem, Nodes, RootContent } from 'mdast';
import { STEP_SECTIONS, type SectionName } from '../model/types.ts';
import { boldTitle, labelLine, lineOf, sourceLines, textOf, walk, withoutDecorativeEmoji, type Part, type SourceDoc } from './markdown.ts';
import { escapePlain, renderInline, renderMarkdown, renderNode, type ImageRewriter } from './mdx-text.ts';
import type { RunbookSource } from './structure.ts';
import { labelRole, roleOf, stepKind, type MetaField, type Role, type StepKind } from './vocabulary.ts';

export interface DraftStep {
  /** Heading text, MDX-safe. */
  title: string;
  content: string[];
  kind: StepKind;
  line: number;
}

export interface DraftSection {
  /** Content before the first step. */
  intro: string[];
  steps: DraftStep[];
}

export interface MetaLine {
  field: MetaField;
  /** The value as written (Markdown). */
  value: string;
  line: number;
}

/** A source line that is not copied as it was, and what it became. */
export interface Consumed {
  line: number;
  kind: 'runbook-heading' | 'section-heading' | 'label' | 'metadata' | 'step-title' | 'group-heading' | 'table-of-contents' | 'document-title' | 'link';
  /** Text in the output that carries the line's content (checked by the no-content-lost test). */
  output?: string;
}

export interface Draft {
  /** Content before the first section. */
  lead: string[];
  sections: Map<SectionName, DraftSection>;
  /** Sub-sections the importer could not place, kept under their own heading. */
  extra: { title: string; content: string[] }[];
  meta: MetaLine[];
  /** Alerts the source names only in prose (`Alert: "Memory Usage > 85%"`). */
  proseAlerts: { text: string; line: number }[];
  consumed: Consumed[];
}

export interface BodyContext {
  doc: SourceDoc;
  /** MDX for a code block: a fence with a language, or the Markdown an untagged block becomes. */
  renderCode: (node: Code) => string;
  /** A new URL for a link to another part of the document; `line` is the link's line in the source. */
  rewriteUrl: (url: string, line: number) => string | undefined;
  /** See mdx-text.ts RenderHooks.rewriteImage. */
  rewriteImage?: ImageRewriter;
}

export const SECTION_TITLES: Record<SectionName, string> = {
  symptoms: 'Symptoms',
  impact: 'Impact',
  investigation: 'Investigation',
  resolution: 'Resolution',
  verification: 'Verification',
  prevention: 'Prevention',
  escalation: 'Escalation',
  'post-incident': 'Post-incident',
};

/** A segment item: a source node, or Markdown already rendered (a label's value). */
type Item = RootContent | string;

const isStepSection = (section: SectionName) => STEP_SECTIONS.includes(section);
const hasCode = (node: Nodes) => {
  let found = false;
  walk(node, (child) => (found ||= child.type === 'code'));
  return found;
};

class DraftBuilder {
  readonly draft: Draft = { lead: [], sections: new Map(), extra: [], meta: [], proseAlerts: [], consumed: [] };
  readonly ctx: BodyContext;

  constructor(ctx: BodyContext) {
    this.ctx = ctx;
  }

  get source(): string {
    return this.ctx.doc.text;
  }

  section(name: SectionName): DraftSection {
    let section = this.draft.sections.get(name);
    if (!section) {
      section = { intro: [], steps: [] };
      this.draft.sections.set(name, section);
    }
    return section;
  }

  consume(line: number, kind: Consumed['kind'], output?: string) {
    this.draft.consumed.push({ line, kind, ...(output !== undefined ? { output } : {}) });
  }

  render(item: Item): string {
    if (typeof item === 'string') return item;
    if (item.type === 'code') return this.ctx.renderCode(item);
    if (item.type === 'thematicBreak') return '';
    return renderNode(this.source, item, {
      renderCode: this.ctx.renderCode,
      rewriteUrl: this.ctx.rewriteUrl,
      ...(this.ctx.rewriteImage ? { rewriteImage: this.ctx.rewriteImage } : {}),
    });
  }

  renderAll(items: Item[]): string[] {
    return items.map((item) => this.render(item)).filter((text) => text.trim());
  }

  /** A heading of the source as a heading of the output at `depth`. */
  heading(part: Part, depth: number): string {
    return `${'#'.repeat(Math.min(depth, 6))} ${withoutDecorativeEmoji(renderInline(this.source, part.heading!))}`;
  }

  /** A part's content with its sub-parts as headings starting at `depth`. */
  renderPart(part: Part, depth: number): string[] {
    const out = this.renderAll(part.blocks);
    for (const child of part.children) out.push(this.heading(child, depth), ...this.renderPart(child, depth + 1));
    return out;
  }

  /** A step title: "Step 1: Check HPA Status" → "Check HPA Status"; trailing colons go. */
  stepTitle(text: string, line: number): string {
    const cleaned = withoutDecorativeEmoji(text)
      .replace(/^step\s*\d+\s*[:.)–-]\s*/i, '')
      .replace(/\s*:\s*$/, '')
      .trim();
    const title = cleaned || text.trim();
    this.consume(line, 'step-title', title);
    return escapePlain(title);
  }

  // --- Label segments (`**Symptoms**:`, `**Steps**:`, `**Severity**: High`) -------------------------

  /** Splits blocks at label lines; metadata lines are recorded and left out. */
  segments(blocks: RootContent[], inAlertSection: boolean): { role: Role | { kind: 'lead' }; label?: string; line: number; items: Item[] }[] {
    const segments: { role: Role | { kind: 'lead' }; label?: string; line: number; items: Item[] }[] = [{ role: { kind: 'lead' }, line: 0, items: [] }];
    for (const node of blocks) {
      const current = () => segments[segments.length - 1];
      if (node.type === 'thematicBreak') continue;
      if (node.type === 'paragraph') {
        const lines = sourceLines(this.ctx.doc, node);
        const labels = lines.map((line) => labelLine(line));
        const roles = labels.map((label) => label && labelRole(label.label, inAlertSection));
        if (labels.every(Boolean) && roles.some(Boolean)) {
          const first = lineOf(node);
          lines.forEach((line, index) => {
            const label = labels[index]!;
            const role = roles[index];
            const at = first + index;
            // A fragment is parsed on its own: its links are on line `at` of the source.
            const rewriteUrl = (url: string) => this.ctx.rewriteUrl(url, at);
            if (!role) {
              current().items.push(renderMarkdown(line, { rewriteUrl }));
            } else if (role.kind === 'metadata') {
              this.draft.meta.push({ field: role.field, value: label.value, line: at });
            } else {
              const keep = role.kind === 'section' && role.keepLabel;
              segments.push({ role, label: label.label, line: at, items: [] });
              if (keep) current().items.push(renderMarkdown(`**${label.label}**:`));
              else this.consume(at, 'label', role.kind === 'section' ? `## ${SECTION_TITLES[role.section]}` : undefined);
              if (label.value) current().items.push(renderMarkdown(label.value, { rewriteUrl }));
            }
          });
          continue;
        }
      }
      current().items.push(node);
    }
    return segments.filter((segment) => segment.items.length || segment.role.kind !== 'lead');
  }

  // --- Steps -------------------------------------------------------------------------------------

  /** Steps in a stream of items: bold title paragraphs, `**Label**: text` before a code block, numbered lists of commands. */
  steps(items: Item[]): DraftSection {
    const result: DraftSection = { intro: [], steps: [] };
    let step: DraftStep | undefined;
    const push = (text: string) => text.trim() && (step ? step.content : result.intro).push(text);
    items.forEach((item, index) => {
      const next = items[index + 1];
      if (typeof item === 'string') {
        push(item);
        return;
      }
      const title = boldTitle(item);
      if (title !== undefined && next !== undefined && (typeof next === 'string' || boldTitle(next) === undefined)) {
        step = { title: this.stepTitle(title, lineOf(item)), content: [], kind: stepKind(title), line: lineOf(item) };
        result.steps.push(step);
        return;
      }
      const label = item.type === 'paragraph' && sourceLines(this.ctx.doc, item).length === 1 ? labelLine(sourceLines(this.ctx.doc, item)[0]) : undefined;
      if (label?.value && next !== undefined && typeof next !== 'string' && next.type === 'code') {
        const text = `${label.label}: ${label.value.replace(/[*_`]/g, '')}`;
        step = { title: this.stepTitle(text, lineOf(item)), content: [], kind: stepKind(label.label), line: lineOf(item) };
        result.steps.push(step);
        return;
      }
      if (item.type === 'list' && isStepList(item)) {
        for (const [position, listItem] of item.children.entries()) {
          step = this.stepFromItem(listItem, (item.start ?? 1) + position);
          result.steps.push(step);
        }
        step = undefined;
        return;
      }
      push(this.render(item));
    });
    return result;
  }

  stepFromItem(item: ListItem, number: number): DraftStep {
    const [first, ...rest] = item.children;
    const line = lineOf(item);
    if (first?.type !== 'paragraph') return { title: `Step ${number}`, content: this.renderAll(item.children as RootContent[]), kind: 'neutral', line };
    const bold = boldTitle(first);
    const text = bold ?? textOf(first);
    return { title: this.stepTitle(text, line), content: this.renderAll(rest as RootContent[]), kind: stepKind(text), line };
  }

  stepFromPart(part: Part): DraftStep {
    const line = lineOf(part.heading!);
    return { title: this.stepTitle(part.title, line), content: this.renderPart(part, 4), kind: stepKind(part.title), line };
  }

  /**
   * Steps of a list that does not say whether it investigates or resolves: investigation until the
   * first step that changes something, resolution from there on (order is kept), checks after the
   * last change are verification, a "Post-incident" step goes to that section.
   */
  placeSteps(found: DraftSection) {
    const steps = found.steps;
    const placed: SectionName[] = [];
    let phase: SectionName = 'investigation';
    for (const step of steps) {
      if (phase === 'investigation' && step.kind === 'resolution') phase = 'resolution';
      placed.push(phase);
    }
    for (let i = steps.length - 1; i >= 0 && placed[i] === 'resolution'; i--) {
      if (steps[i].kind === 'post-incident') placed[i] = 'post-incident';
      else if (steps[i].kind === 'verification' && steps.slice(0, i).some((step) => step.kind === 'resolution')) placed[i] = 'verification';
      else break;
    }
    if (found.intro.length) (steps.length ? this.section(placed[0]).intro : this.draft.lead).push(...found.intro);
    steps.forEach((step, index) => this.addStep(placed[index], step));
  }

  addStep(section: SectionName, step: DraftStep) {
    if (isStepSection(section)) {
      this.section(section).steps.push(step);
      return;
    }
    // Outside a step section a "step" named like the section is just its content.
    const role = roleOf(step.title);
    const target = this.section(section).intro;
    if (!(role?.kind === 'section' && role.section === section)) target.push(`### ${step.title}`);
    target.push(...step.content);
  }

  /** Content of a section (intro and steps), from a label segment or a heading. */
  addToSection(section: SectionName, items: Item[], parts: Part[], label?: string) {
    if (section === 'symptoms') this.collectProseAlerts(items);
    if (!isStepSection(section)) {
      this.section(section).intro.push(...this.renderAll(items));
      for (const part of parts) this.section(section).intro.push(this.heading(part, 3), ...this.renderPart(part, 4));
      return;
    }
    const found = this.steps(items);
    found.steps.push(...parts.map((part) => this.stepFromPart(part)));
    // "**Check**:" followed by commands and nothing else: a step named after the label.
    if (label && !found.steps.length && items.some((item) => typeof item !== 'string' && hasCode(item))) {
      const content = found.intro.filter((text) => text !== renderMarkdown(`**${label}**:`));
      found.steps.push({ title: escapePlain(label), content, kind: 'neutral', line: 0 });
      found.intro = [];
    }
    const target = this.section(section);
    target.intro.push(...found.intro);
    target.steps.push(...found.steps);
  }

  collectProseAlerts(items: Item[]) {
    for (const item of items) {
      if (typeof item === 'string') continue;
      const text = this.source.slice(item.position?.start.offset ?? 0, item.position?.end.offset ?? 0);
      const first = lineOf(item);
      text.split('\n').forEach((line, index) => {
        for (const match of line.matchAll(/\balerts?\b[^:\n]{0,30}:\s*["“]([^"”]+)["”]/gi))
          this.draft.proseAlerts.push({ text: match[1].trim(), line: first + index });
      });
    }
  }

  // --- The runbook -------------------------------------------------------------------------------

  segment(segment: { role: Role | { kind: 'lead' }; label?: string; items: Item[] }) {
    const { role, items } = segment;
    if (role.kind === 'lead') {
      const found = this.steps(items);
      if (found.steps.length) this.placeSteps(found);
      else this.draft.lead.push(...found.intro);
    } else if (role.kind === 'section') {
      this.addToSection(role.section, items, [], role.keepLabel ? segment.label : undefined);
    } else if (role.kind === 'steps') {
      this.placeSteps(this.steps(items));
    } else if (role.kind === 'alert-section') {
      this.addToSection('symptoms', items, []);
    }
  }

  child(part: Part) {
    const role = roleOf(part.title);
    const line = lineOf(part.heading!);
    if (role?.kind === 'alert-section') {
      this.consume(line, 'section-heading');
      for (const segment of this.segments(part.blocks, true)) this.segment(segment.role.kind === 'lead' ? { ...segment, role } : segment);
      for (const child of part.children) this.child(child);
      return;
    }
    if (role?.kind === 'section') {
      const items: Item[] = [];
      if (role.keepLabel) items.push(renderMarkdown(`**${escapePlain(part.title)}**`));
      else this.consume(line, 'section-heading', `## ${SECTION_TITLES[role.section]}`);
      items.push(...part.blocks);
      this.addToSection(role.section, items, part.children);
      return;
    }
    if (role?.kind === 'steps') {
      this.consume(line, 'section-heading');
      const found = this.steps(part.blocks);
      found.steps.push(...part.children.map((child) => this.stepFromPart(child)));
      this.placeSteps(found);
      return;
    }
    if (role?.kind === 'metadata') {
      this.consume(line, 'section-heading');
      this.draft.meta.push({ field: role.field, value: part.blocks.map((block) => textOf(block)).join(' '), line });
      // Its sub-sections are content, not metadata: placed like any other.
      for (const child of part.children) this.child(child);
      return;
    }
    if (/^step\s*\d+/i.test(part.title) || stepKind(part.title) !== 'neutral') {
      this.placeSteps({ intro: [], steps: [this.stepFromPart(part)] });
      return;
    }
    this.draft.extra.push({ title: withoutDecorativeEmoji(renderInline(this.source, part.heading!)), content: this.renderPart(part, 3) });
  }
}

/** A numbered list whose items are steps: some hold code, or every item is a bold title with content under it. */
function isStepList(list: List): boolean {
  if (!list.ordered) return false;
  if (list.children.some((item) => hasCode(item))) return true;
  return (
    list.children.every((item) => item.children[0] && boldTitle(item.children[0] as RootContent) !== undefined) &&
    list.children.some((item) => item.children.length > 1)
  );
}

export function buildDraft(runbook: RunbookSource, ctx: BodyContext): Draft {
  const builder = new DraftBuilder(ctx);
  for (const segment of builder.segments(runbook.part.blocks, false)) builder.segment(segment);
  for (const child of runbook.part.children) builder.child(child);
  return builder.draft;
}
