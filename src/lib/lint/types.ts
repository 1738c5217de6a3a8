// The shape of a lint rule, as ESLint's: `meta` says what it is (messages by id, options schema, fixable),
// `create(context)` returns visitors that the engine calls while it walks each runbook once. Rules only
// report; the engine owns severity, configuration, suppression and the docs link.
import type { z } from 'zod';
import type { Config } from '../../schema/config.ts';
import type { Command } from '../core/shell/commands.ts';
import type { SqlSource } from '../core/risk/infer.ts';
import type { SqlStatement } from '../core/sql/script.ts';
import type { Block, PlaceholderRef, Runbook, Section } from '../model/types.ts';
import type { Fix, Problem, Span } from '../problem.ts';
import type { Project } from '../project.ts';

export type RuleSeverity = 'error' | 'warn';

export const RULE_CATEGORIES = ['schema', 'content', 'commands', 'safety', 'text', 'links'] as const;
export type RuleCategory = (typeof RULE_CATEGORIES)[number];

export interface RuleMeta {
  /** `group/name`, e.g. `shell/syntax`. */
  id: string;
  category: RuleCategory;
  /** Default severity; config may override it or turn the rule off. */
  severity: RuleSeverity;
  /** One line, shown in the rule index. */
  description: string;
  /** Longer explanation for the rule's docs page (Markdown). */
  docs: string;
  /** What the rule says, by message id; `{name}` is replaced by the report's `data.name`. */
  messages: Record<string, string>;
  /** The rule's options (`lint.rules.<id>.options` in runbook.config.yaml), with their defaults. */
  schema?: z.ZodType;
  /** Set when the rule offers safe automatic fixes (`runbook lint --fix`); the engine refuses fixes otherwise. */
  fixable?: 'code';
  /**
   * A whole file that breaks the rule and one that follows it — a runbook, or a service file when `kind` is
   * 'service'. The docs page shows both and a test lints them, so the docs cannot lie.
   */
  examples: { bad: string; good: string; kind?: 'runbook' | 'service' };
}

export interface Report {
  messageId: string;
  data?: Record<string, string | number>;
  span: Span;
  /** A milder severity for this report than the rule's (e.g. "due soon" in review/stale). */
  severity?: RuleSeverity;
  hint?: string;
  fix?: Fix;
  related?: Problem['related'];
}

export interface RuleContext {
  project: Project;
  config: Config;
  /** The rule's options, parsed by its schema (defaults filled in). */
  options: unknown;
  /** "Today" (YYYY-MM-DD). */
  now: string;
  report(report: Report): void;
  /** File span of a range of a block's code (offsets into `block.code`). */
  codeSpan(block: Block, start: number, end: number): Span;
  /** Span of a frontmatter value (or key) by path, e.g. ['runbook', 'variables', 'pod']. */
  frontmatterSpan(path: PropertyKey[], part?: 'key' | 'value'): Span;
}

/** A PromQL query a block sends, with the code offset of each character. */
export interface PromqlQuery {
  text: string;
  offsets: number[];
  /** The command that sends it (a curl call), by index; undefined for a promql block. */
  command?: number;
  /** Ranges of the text a placeholder's value decides. */
  placeholders: [number, number][];
}

/** What a rule looks at. The engine walks each runbook once and calls every rule's visitor for each node. */
export interface RuleVisitors {
  runbook?(runbook: Runbook): void;
  section?(section: Section, runbook: Runbook): void;
  block?(block: Block, runbook: Runbook): void;
  /** Every command a shell block runs (also inside wrappers and `sh -c` strings); the others are `block.analysis.commands`. */
  command?(command: Command, block: Block, runbook: Runbook): void | Promise<void>;
  /** Every SQL statement a block runs: a sql block's, `psql -c`, heredocs and pipes into psql. */
  sqlStatement?(statement: SqlStatement, source: SqlSource, block: Block, runbook: Runbook): void;
  promql?(query: PromqlQuery, block: Block, runbook: Runbook): void;
  placeholder?(site: PlaceholderRef, block: Block, runbook: Runbook): void;
  /** After the whole runbook was walked. */
  'runbook:exit'?(runbook: Runbook): void;
}

export interface Rule {
  meta: RuleMeta;
  create(context: RuleContext): RuleVisitors;
}

export function defineRule(rule: Rule): Rule {
  return rule;
}
