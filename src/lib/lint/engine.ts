// The lint engine: runs the rules over a project, applies configured severities and
// `lint-ignore` suppressions, stamps rule ids and docs links, and never lets one crash stop the rest.
import { codeSpan } from '../model/parse.ts';
import type { Block, Runbook } from '../model/types.ts';
import { compareProblems, LineIndex, problemAt, type Problem } from '../problem.ts';
import { frontmatterSpan, type Project } from '../project.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_FILE } from '../config.ts';
import { didYouMean } from '../suggest.ts';
import { yamlPositions } from '../yaml-data.ts';
import type { Rule, RuleContext, RuleSeverity } from './types.ts';

export interface LintOptions {
  /** Rules to run (default: all). */
  rules: Rule[];
  /** Severity per rule id from config (`off` disables). */
  severities?: Record<string, RuleSeverity | 'off'>;
  /** Only lint these runbook files (project-level checks still see every file). */
  files?: string[];
}

export interface LintResult {
  problems: Problem[];
  /** Files linted. */
  files: string[];
  /** Problems per rule id, for summaries. */
  counts: Record<string, number>;
}

export const DOCS_BASE = '/reference/lint-rules/';

export function ruleDocsPath(ruleId: string): string {
  return `${DOCS_BASE}${ruleId.replace('/', '-')}/`;
}

function blockAt(runbook: Runbook, problem: Problem): Block | undefined {
  return runbook.blocks.find((block) => problem.line >= block.span.start.line && problem.line <= block.span.end.line);
}

export async function lintProject(project: Project, options: LintOptions): Promise<LintResult> {
  const severities = { ...project.config.lint.rules, ...options.severities };
  const active = options.rules.filter((rule) => severities[rule.meta.id] !== 'off');
  const wanted = options.files ? new Set(options.files) : undefined;
  const runbooks = project.runbooks.filter((runbook) => !wanted || wanted.has(runbook.file));
  const problems: Problem[] = [];
  const known = new Set(options.rules.map((rule) => rule.meta.id));
  problems.push(...unknownRuleSettings(project, known));

  for (const rule of active) {
    if (!rule.prepare) continue;
    try {
      await rule.prepare(runbooks, project);
    } catch (error) {
      problems.push(crash(project.runbooks[0]?.file ?? 'runbook.config.yaml', rule, error));
    }
  }

  for (const runbook of runbooks) {
    const found: Problem[] = [];
    const lines = new LineIndex(runbook.source);
    for (const rule of active) {
      const configured = severities[rule.meta.id] as RuleSeverity | undefined;
      const context: RuleContext = {
        project,
        config: project.config,
        now: project.now,
        report: (report) =>
          found.push(
            problemAt(runbook.file, report.span, {
              rule: rule.meta.id,
              severity: configured ?? report.severity ?? rule.meta.severity,
              message: report.message,
              ...(report.hint ? { hint: report.hint } : {}),
              ...(report.fix ? { fix: report.fix } : {}),
              ...(report.related ? { related: report.related } : {}),
            }),
          ),
        codeSpan: (block, start, end) => codeSpan(lines, block.code, block.codeLine, block.codeColumn, start, end),
        frontmatterSpan: (path, part) => frontmatterSpan(runbook, path, part),
      };
      try {
        await rule.check(runbook, context);
      } catch (error) {
        found.push(crash(runbook.file, rule, error));
      }
    }
    problems.push(...suppress(runbook, found, known));
  }

  // Problems of files that are not runbooks (service files, the config) come from the model.
  const runbookFiles = new Set(project.runbooks.map((runbook) => runbook.file));
  for (const problem of project.problems) {
    const severity = severities[problem.rule];
    if (runbookFiles.has(problem.file) || severity === 'off') continue;
    problems.push(severity ? { ...problem, severity } : problem);
  }

  const sorted = problems.sort(compareProblems);
  const counts: Record<string, number> = {};
  for (const problem of sorted) counts[problem.rule] = (counts[problem.rule] ?? 0) + 1;
  return { problems: sorted, files: runbooks.map((runbook) => runbook.file), counts };
}

/**
 * Drops problems inside a block that carries `lint-ignore="rule: reason"` for their rule, and
 * reports suppressions that name no rule or suppress nothing (they would hide a future problem).
 */
function suppress(runbook: Runbook, problems: Problem[], known: Set<string>): Problem[] {
  const used = new Set<string>();
  const kept = problems.filter((problem) => {
    const block = blockAt(runbook, problem);
    const ignored = block?.attributes.lintIgnore.some((ignore) => ignore.rule === problem.rule);
    if (ignored) used.add(`${block!.span.start.line}:${problem.rule}`);
    return !ignored;
  });
  for (const block of runbook.blocks) {
    for (const ignore of block.attributes.lintIgnore) {
      const span = { start: block.span.start, end: { ...block.span.start, column: block.span.start.column + 3, offset: block.span.start.offset + 3 } };
      if (!known.has(ignore.rule)) {
        kept.push(problemAt(runbook.file, span, { rule: 'lint/ignore', message: `lint-ignore names an unknown rule "${ignore.rule}"` }));
      } else if (!used.has(`${block.span.start.line}:${ignore.rule}`)) {
        kept.push(problemAt(runbook.file, span, { rule: 'lint/ignore', severity: 'warn', message: `lint-ignore="${ignore.rule}: ..." suppresses nothing in this block; remove it` }));
      }
    }
  }
  return kept;
}

function crash(file: string, rule: Rule, error: unknown): Problem {
  const detail = error instanceof Error ? error.message : String(error);
  return {
    file,
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
    rule: 'lint/crash',
    severity: 'error',
    message: `Rule ${rule.meta.id} crashed on this file: ${detail}`,
    hint: 'This is a bug in the linter; the other rules still ran. Please report it with the file.',
  };
}

/** A severity set in runbook.config.yaml for a rule that does not exist would silently do nothing. */
function unknownRuleSettings(project: Project, known: Set<string>): Problem[] {
  // Rules the model reports without a rule module (config problems, lint itself) may be configured too.
  const modelRules = new Set(['config', 'lint/crash', 'lint/ignore']);
  const unknown = Object.keys(project.config.lint.rules).filter((id) => !known.has(id) && !modelRules.has(id));
  if (!unknown.length) return [];
  let text = '';
  try {
    text = readFileSync(join(project.root, CONFIG_FILE), 'utf8');
  } catch {
    // the settings came from elsewhere (options): no position to show
  }
  const lines = new LineIndex(text);
  const positions = yamlPositions(text, 0, lines);
  return unknown.map((id) =>
    problemAt(CONFIG_FILE, positions.get(['lint', 'rules', id])?.key ?? lines.span(0, 0), {
      rule: 'config',
      message: `lint.rules names an unknown rule "${id}"${didYouMean(id, known)}`,
      hint: 'The rule ids are listed on /reference/lint-rules/.',
    }),
  );
}
