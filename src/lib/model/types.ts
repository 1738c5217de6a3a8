// The typed runbook model: what the site, the registry, the linter, the runner and the importer see.
import type { Frontmatter, RunbookBlock } from '../../schema/runbook.ts';
import type { ParsedFrontmatter } from '../frontmatter.ts';
import type { BlockAnalysis, BlockKind, CommandLanguage } from '../core/block.ts';
export type { BlockKind, CommandLanguage } from '../core/block.ts';
import type { PlaceholderContext } from '../core/context.ts';
import type { Problem, Span } from '../problem.ts';

export const SECTION_NAMES = ['symptoms', 'impact', 'investigation', 'resolution', 'verification', 'prevention', 'escalation', 'post-incident'] as const;
export type SectionName = (typeof SECTION_NAMES)[number];

/** Sections whose `###` headings are steps. */
export const STEP_SECTIONS: readonly SectionName[] = ['investigation', 'resolution', 'verification'];

export interface Section {
  /** Canonical name, or null for a `##` heading that is not one of the known sections. */
  name: SectionName | null;
  heading: string;
  slug: string;
  span: Span;
}

export interface Step {
  /** Slug of the heading; unique in the runbook. */
  id: string;
  title: string;
  section: SectionName;
  span: Span;
}

/** One option of a choice: one step or several, run instead of the other options. */
export interface AlternativeOption {
  /** Slug of its title, unique in the group. */
  id: string;
  /** The letter (or number) it is chosen by: `A` in `Option A: …`, else given in order. */
  label: string;
  title: string;
  /** Its steps' ids, in order. */
  steps: string[];
  /** From its first heading to the end of its last step. */
  span: Span;
}

/** Steps of a Resolution section that are alternatives (`### Option A: …`, `### If …`): a choice, not a sequence. */
export interface Alternatives {
  /** `resolution`, then `resolution-2`, ... */
  id: string;
  section: SectionName;
  options: AlternativeOption[];
  span: Span;
}

export { RISKS, type Risk } from '../core/risk/levels.ts';
import type { Risk } from '../core/risk/levels.ts';

export interface BlockAttributes {
  id?: string;
  risk: Risk;
  /** True when `risk` was written on the fence (not defaulted). */
  riskDeclared: boolean;
  longRunning: boolean;
  interactive: boolean;
  target?: string;
  text: boolean;
  /** Timeout for long-running blocks, in seconds. */
  timeout?: number;
  title?: string;
  /** `lint-ignore="rule-id: reason"` entries. */
  lintIgnore: { rule: string; reason: string }[];
}

export interface CodeRef {
  name: string;
  /** Span in the .mdx file. */
  span: Span;
}

/** A `<name>` in a block, with where it sits (found by the core). */
export interface PlaceholderRef extends CodeRef {
  /** Offsets of `<name>` in the block's code, and in its command text. */
  start: number;
  end: number;
  commandStart: number;
  commandEnd: number;
  context: PlaceholderContext;
}

export interface Block {
  /** Command id (`<runbook-id>/<step-id>[-n]` or the fence's `id`). */
  id: string;
  /** Language as written after the fence, lowercased ('' when none). */
  lang: string;
  /** The runner's language for command blocks. */
  language?: CommandLanguage;
  kind: BlockKind;
  /** Raw fence meta (everything after the language). */
  meta: string;
  attributes: BlockAttributes;
  /** Code as written (indentation of the fence removed). */
  code: string;
  /** For command and console blocks: the text that runs (console: prompt lines without the prompt). */
  command?: string;
  /** Span of the whole fenced block. */
  span: Span;
  /** Line of the first code line and the column where code text starts on each line. */
  codeLine: number;
  codeColumn: number;
  /** Offset of the first code character in the file. */
  codeOffset: number;
  section: SectionName | null;
  /** Step id, or null when the block is not under a step. */
  step: string | null;
  placeholders: PlaceholderRef[];
  env: CodeRef[];
  /** Everything the core found in the code: commands, SQL, PromQL, contexts, risk, traits. */
  analysis: BlockAnalysis;
}

export interface Link {
  url: string;
  span: Span;
}

/** A construct MDX would run, or raw HTML that would run in the browser (see mdx-safety.ts). */
export interface UnsafeMdx {
  span: Span;
  message: string;
  hint: string;
}

export interface Runbook {
  /** Path of the source file as given to the parser (relative to the project root when loaded). */
  file: string;
  /** sha256 of the source text. */
  hash: string;
  source: string;
  frontmatter: ParsedFrontmatter;
  /** Validated frontmatter, when valid. */
  data?: Frontmatter;
  /** The validated `runbook` block, when present and valid. */
  meta?: RunbookBlock;
  /** Runbook id: the frontmatter id, or a placeholder derived from the file name when invalid. */
  id: string;
  title: string;
  sections: Section[];
  steps: Step[];
  /** Groups of steps that are alternatives: the runner asks which one, the page shows a choice. */
  alternatives: Alternatives[];
  /** Option headings that look like a mistake (a lone `Option A`, one letter on two steps): lint's steps/alternatives. */
  alternativeIssues: { span: Span; message: string; hint: string }[];
  blocks: Block[];
  links: Link[];
  /** The anchors of the page's headings (every depth), as the site gives them: github-slugger, repeats numbered (`-1`). */
  anchors: string[];
  /** Refused MDX and HTML: expressions, imports, attribute expressions, scripts, `javascript:` URLs. */
  unsafeMdx: UnsafeMdx[];
  /** Problems found while parsing: syntax, attributes, duplicate ids, invalid frontmatter. */
  problems: Problem[];
}
