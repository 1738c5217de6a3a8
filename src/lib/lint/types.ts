// The shape of a lint rule (like an ESLint rule): `meta` says what it is, `check` only reports.
// The engine owns severity, configuration, suppression and the docs link.
import type { Config } from '../../schema/config.ts';
import type { Block, Runbook } from '../model/types.ts';
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
  /**
   * A whole file that breaks the rule and one that follows it — a runbook, or a service file when
   * `kind` is 'service'. The docs page shows both and a test lints them, so the docs cannot lie.
   */
  examples: { bad: string; good: string; kind?: 'runbook' | 'service' };
  /** True when the rule offers safe automatic fixes (`runbook lint --fix`). */
  fixable?: boolean;
}

export interface Report {
  span: Span;
  /** A milder severity for this report than the rule's (e.g. "due soon" in review/stale). */
  severity?: RuleSeverity;
  message: string;
  hint?: string;
  fix?: Fix;
  related?: Problem['related'];
}

export interface RuleContext {
  project: Project;
  config: Config;
  /** "Today" (YYYY-MM-DD). */
  now: string;
  report(report: Report): void;
  /** File span of a range of a block's code (offsets into `block.code`). */
  codeSpan(block: Block, start: number, end: number): Span;
  /** Span of a frontmatter value (or key) by path, e.g. ['runbook', 'variables', 'pod']. */
  frontmatterSpan(path: PropertyKey[], part?: 'key' | 'value'): Span;
}

export interface Rule {
  meta: RuleMeta;
  /**
   * Optional work done once for all runbooks before any `check` (e.g. parsing every shell block
   * of the project in a few batched calls). Results are kept by the rule itself.
   */
  prepare?(runbooks: Runbook[], project: Project): Promise<void> | void;
  check(runbook: Runbook, context: RuleContext): Promise<void> | void;
}

export function defineRule(rule: Rule): Rule {
  return rule;
}
