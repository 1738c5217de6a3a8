// Alternatives: steps of a Resolution (or Mitigation) section that are a choice, not a sequence ("Option A: roll
// back", "Option B: restart", "If the cause is ..."). One pure reading of a page's headings, shared by the model
// (registry, runner, lint) and the site's Markdown step (the choice on the page), so both see the same groups.
//
// The rule, fitted to how teams write options:
// - an option heading is a `###` step of the Resolution section whose text starts with `Option <letter or number>`
//   (`Option A: …`, `Option 2 — …`, `Option B kubectl rollback`), with `If …` (`If the cause is a bad deploy: …`),
//   or with the explicit marker `Option:` for any other wording (`Option: 500 errors, roll back`);
// - an option spans several steps when consecutive headings say it: the same letter (`Option A, traffic spike:
//   note the limit`, `Option A, traffic spike: raise it`) or the same `If …:` condition;
// - a run of consecutive option headings is one group (a choice needs two options or more). A `###` heading that
//   is no option ends the group: it is a step for every option (`Wait for the rollout to finish`), as does the end
//   of the section. A letter seen before in the group starts a new group (`A, B, A, B`: two choices in a row).
import { sectionFor } from './sections.ts';
import { slugify } from './slug.ts';
import type { SectionName } from './types.ts';

/** Sections whose steps may be alternatives. */
export const ALTERNATIVES_SECTIONS: readonly SectionName[] = ['resolution'];

/** What a heading says about being an option. */
export interface OptionHeading {
  /** The letter or number after "Option", upper-cased; absent for `If …` and `Option: …`. */
  label?: string;
  /**
   * The option's own name when the heading names it apart from the step: "traffic spike" in
   * `Option A, traffic spike: note the limit`, the condition in `If the cause is X: roll back`.
   */
  name?: string;
  /** The heading without its `Option A:` marker: what the option does when it is one step. */
  text: string;
}

const LABEL = String.raw`([a-z]|\d{1,2})`;
/** `Option A`, `Option 2`, then the end or a separator (`Options`, `Option to …` are no options). */
const LABELLED = new RegExp(String.raw`^option\s+${LABEL}(?=$|[\s:,.)\u2013\u2014-])`, 'i');
/** `Option:` / `Option —` / `Option,`: the explicit marker, for headings in any other wording. */
const MARKER = /^option\s*(?=[:,]|\s[\u2013\u2014-]\s)/i;
const IF = /^if\s+\S/i;
/** Separators between a marker and the rest: `:`, `.`, `)`, dashes. */
const SEPARATOR = /^\s*[:.)\u2013\u2014-]\s*/;
const NAME_END = /\s*(?::|\s[\u2013\u2014-]\s)\s*/;

/** Reads a heading's text as an option heading; undefined when it is an ordinary step. */
export function readOptionHeading(heading: string): OptionHeading | undefined {
  const text = heading.trim();
  const labelled = LABELLED.exec(text);
  const marker = labelled ? undefined : MARKER.exec(text);
  if (labelled || marker) {
    let rest = text.slice((labelled ?? marker)![0].length);
    const label = labelled?.[1].toUpperCase();
    if (/^\s*,/.test(rest)) {
      // `Option A, traffic spike: note the limit`: a named option, the rest is the step.
      rest = rest.replace(/^\s*,\s*/, '');
      const end = NAME_END.exec(rest);
      const name = (end ? rest.slice(0, end.index) : rest).trim();
      const step = end ? rest.slice(end.index + end[0].length).trim() : '';
      if (!name) return label ? { label, text: step || `Option ${label}` } : undefined;
      return { ...(label ? { label } : {}), name, text: step ? `${name}: ${step}` : name };
    }
    rest = rest.replace(SEPARATOR, '').trim();
    if (!label && !rest) return undefined;
    return { ...(label ? { label } : {}), text: rest || `Option ${label}` };
  }
  if (IF.test(text)) {
    // `If the cause is X: roll back`: the condition names the option, and may head several steps.
    const colon = text.indexOf(':');
    return colon > 0 && colon < text.length - 1 ? { name: text.slice(0, colon).trim(), text } : { text };
  }
  return undefined;
}

/** A heading of a page, in document order (any depth: `#`/`##` end groups, deeper ones are ignored). */
export interface HeadingLike {
  depth: number;
  text: string;
}

export interface FoundOption {
  /** Slug of the option's title, unique in its group. */
  id: string;
  /** The letter (or number) the option is chosen by: as written, else the next free letter. */
  label: string;
  /** What the option does: the name it is given, else its single step's text. */
  title: string;
  /** Indices of its step headings in the list given. */
  headings: number[];
}

export interface FoundGroup {
  /** `resolution`, then `resolution-2`, ... in document order. */
  id: string;
  section: SectionName;
  /** The `##` heading as written (`Mitigation`). */
  sectionHeading: string;
  options: FoundOption[];
}

export interface AlternativesIssue {
  /** Index of the heading the issue is about. */
  heading: number;
  message: string;
  hint: string;
}

interface Pending {
  section: SectionName;
  sectionHeading: string;
  options: { key: string; read: OptionHeading; headings: number[] }[];
}

/** The groups of alternatives among a page's headings, and what looks like a mistake. */
export function findAlternatives(headings: readonly HeadingLike[]): { groups: FoundGroup[]; issues: AlternativesIssue[] } {
  const groups: FoundGroup[] = [];
  const issues: AlternativesIssue[] = [];
  let section: SectionName | null = null;
  let sectionHeading = '';
  let pending: Pending | undefined;
  const perSection = new Map<string, number>();

  const close = () => {
    if (!pending) return;
    const current = pending;
    pending = undefined;
    if (current.options.length < 2) {
      const [only] = current.options;
      if (only?.read.label) {
        issues.push({
          heading: only.headings[0],
          message: `"Option ${only.read.label}" has no other option next to it, so it is an ordinary step`,
          hint: 'Put the other options right after it (a step that is no option ends the choice), or remove "Option" from the heading.',
        });
      }
      return;
    }
    const n = (perSection.get(current.section) ?? 0) + 1;
    perSection.set(current.section, n);
    groups.push({
      id: n === 1 ? current.section : `${current.section}-${n}`,
      section: current.section,
      sectionHeading: current.sectionHeading,
      options: finishOptions(current.options),
    });
  };

  headings.forEach((heading, index) => {
    if (heading.depth <= 2) {
      close();
      section = heading.depth === 2 ? sectionFor(heading.text) : null;
      sectionHeading = heading.text.trim();
      return;
    }
    if (heading.depth !== 3) return;
    const read = section && ALTERNATIVES_SECTIONS.includes(section) ? readOptionHeading(heading.text) : undefined;
    if (!read) {
      close();
      return;
    }
    pending ??= { section: section!, sectionHeading, options: [] };
    const key = read.label ? `label:${read.label}` : read.name ? `name:${read.name.toLowerCase()}` : `step:${index}`;
    const last = pending.options.at(-1);
    if (last?.key === key) {
      // The same option goes on: `Option A, spike: x` then `Option A, spike: y`.
      if (read.label && !read.name && !last.read.name) {
        issues.push({
          heading: index,
          message: `Two steps in a row are headed "Option ${read.label}": read as one option of two steps`,
          hint: `If they are one option, name it in both headings (### Option ${read.label}, <what it does>: <step>); if they are two options, give the second its own letter.`,
        });
      } else if (read.name && last.read.name && read.name.toLowerCase() !== last.read.name.toLowerCase()) {
        issues.push({
          heading: index,
          message: `"Option ${read.label}" is named "${last.read.name}" above and "${read.name}" here`,
          hint: 'Use one name in every step of an option, or give a different option its own letter.',
        });
      }
      last.headings.push(index);
      return;
    }
    if (pending.options.some((option) => option.key === key)) {
      // `A, B, A`: a letter starts over, so a second choice begins.
      close();
      pending = { section: section!, sectionHeading, options: [] };
    }
    pending.options.push({ key, read, headings: [index] });
  });
  close();
  return { groups, issues };
}

/** Labels, titles and ids of a group's options. */
function finishOptions(options: Pending['options']): FoundOption[] {
  const taken = new Set(options.flatMap((option) => (option.read.label ? [option.read.label] : [])));
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('').filter((letter) => !taken.has(letter));
  const ids = new Set<string>();
  return options.map((option) => {
    const label = option.read.label ?? letters.shift() ?? String(options.indexOf(option) + 1);
    // One step: the heading says it all; several: the name they share.
    const title = option.headings.length > 1 ? (option.read.name ?? option.read.text) : option.read.text;
    let id = slugify(title);
    for (let n = 2; ids.has(id); n++) id = `${slugify(title)}-${n}`;
    ids.add(id);
    return { id, label, title, headings: option.headings };
  });
}

/** Finds an option of a group by its label (`B`, `b`), its id, or a unique prefix of its id. */
export function matchOption<T extends { id: string; label: string }>(group: { options: readonly T[] }, text: string): { option?: T; candidates: T[] } {
  const wanted = text.trim().toLowerCase();
  if (!wanted) return { candidates: [] };
  const exact = group.options.find((option) => option.label.toLowerCase() === wanted || option.id === wanted);
  if (exact) return { option: exact, candidates: [exact] };
  const prefixed = group.options.filter((option) => option.id.startsWith(slugify(wanted)));
  return prefixed.length === 1 ? { option: prefixed[0], candidates: prefixed } : { candidates: prefixed };
}
