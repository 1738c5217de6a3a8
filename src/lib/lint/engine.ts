// The lint engine: walks each runbook once and dispatches each node (section, block, command, SQL statement,
// PromQL query, placeholder) to the visitors of the rules enabled for it — adding a rule adds no traversal.
// It owns configured severities and options, `lint-ignore` suppressions, rule ids and docs links, refuses fixes
// from rules that do not declare them, and never lets one crashing rule stop the rest.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_FILE } from '../config.ts';
import { codeSpan } from '../model/parse.ts';
import type { Block, Runbook } from '../model/types.ts';
import { compareProblems, LineIndex, problemAt, type Problem } from '../problem.ts';
import { frontmatterSpan, type Project } from '../project.ts';
import { didYouMean } from '../suggest.ts';
import { yamlPositions } from '../yaml-data.ts';
import type { Report, Rule, RuleContext, RuleSeverity, RuleVisitors } from './types.ts';

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

/** A rule's configured severity and options (runbook.config.yaml `lint.rules.<id>`). */
function settingOf(project: Project, options: LintOptions, id: string): { severity?: RuleSeverity | 'off'; options?: Record<string, unknown> } {
  const override = options.severities?.[id];
  const configured = project.config.lint.rules[id];
  const setting = typeof configured === 'string' ? { severity: configured } : (configured ?? {});
  return { ...setting, ...(override ? { severity: override } : {}) };
}

/** `{name}` in a message template replaced by the report's data. */
export function formatMessage(template: string, data: Report['data'] = {}): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (Object.hasOwn(data, name) ? String(data[name]) : match));
}

function blockAt(runbook: Runbook, problem: Problem): Block | undefined {
  return runbook.blocks.find((block) => problem.line >= block.span.start.line && problem.line <= block.span.end.line);
}

type VisitorName = keyof RuleVisitors;
type Active = { rule: Rule; visitors: RuleVisitors };

export async function lintProject(project: Project, options: LintOptions): Promise<LintResult> {
  const problems: Problem[] = [];
  const known = new Set(options.rules.map((rule) => rule.meta.id));
  problems.push(...unknownRuleSettings(project, known));
  const rules: { rule: Rule; severity?: RuleSeverity; options: unknown }[] = [];
  for (const rule of options.rules) {
    const setting = settingOf(project, options, rule.meta.id);
    if (setting.severity === 'off') continue;
    const parsed = rule.meta.schema ? rule.meta.schema.safeParse(setting.options ?? {}) : { success: true as const, data: setting.options ?? {} };
    if (!parsed.success) {
      problems.push(
        configProblem(
          project,
          rule.meta.id,
          `lint.rules.${rule.meta.id}.options: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || 'options'}: ${issue.message}`).join('; ')}`,
        ),
      );
      continue;
    }
    rules.push({ rule, ...(setting.severity ? { severity: setting.severity } : {}), options: parsed.data });
  }
  const wanted = options.files ? new Set(options.files) : undefined;
  const runbooks = project.runbooks.filter((runbook) => !wanted || wanted.has(runbook.file));

  for (const runbook of runbooks) {
    const found: Problem[] = [];
    const lines = new LineIndex(runbook.source);
    const active: Active[] = [];
    for (const { rule, severity, options: ruleOptions } of rules) {
      const context: RuleContext = {
        project,
        config: project.config,
        options: ruleOptions,
        now: project.now,
        report: (report) => found.push(toProblem(runbook, rule, severity, report)),
        codeSpan: (block, start, end) => codeSpan(lines, block.code, block.codeLine, block.codeColumn, start, end),
        frontmatterSpan: (path, part) => frontmatterSpan(runbook, path, part),
      };
      try {
        active.push({ rule, visitors: rule.create(context) });
      } catch (error) {
        found.push(crash(runbook.file, rule, error));
      }
    }
    await walk(runbook, active, found);
    problems.push(...suppress(runbook, found, known));
  }

  // Problems of files that are not runbooks (service files, the config) come from the model.
  const runbookFiles = new Set(project.runbooks.map((runbook) => runbook.file));
  for (const problem of project.problems) {
    const setting = settingOf(project, options, problem.rule);
    if (runbookFiles.has(problem.file) || setting.severity === 'off') continue;
    problems.push(setting.severity ? { ...problem, severity: setting.severity } : problem);
  }

  const sorted = problems.sort(compareProblems);
  const counts: Record<string, number> = {};
  for (const problem of sorted) counts[problem.rule] = (counts[problem.rule] ?? 0) + 1;
  return { problems: sorted, files: runbooks.map((runbook) => runbook.file), counts };
}

function toProblem(runbook: Runbook, rule: Rule, configured: RuleSeverity | undefined, report: Report): Problem {
  const template = rule.meta.messages[report.messageId];
  if (template === undefined) throw new Error(`rule ${rule.meta.id} reported an unknown message id "${report.messageId}"`);
  if (report.fix && !rule.meta.fixable) throw new Error(`rule ${rule.meta.id} reported a fix but does not declare meta.fixable`);
  return problemAt(runbook.file, report.span, {
    rule: rule.meta.id,
    severity: configured ?? report.severity ?? rule.meta.severity,
    message: formatMessage(template, report.data),
    ...(report.hint ? { hint: report.hint } : {}),
    ...(report.fix ? { fix: report.fix } : {}),
    ...(report.related ? { related: report.related } : {}),
  });
}

/** One walk over the runbook; each node goes to every rule that has a visitor for it. */
async function walk(runbook: Runbook, active: Active[], found: Problem[]): Promise<void> {
  const byNode = (name: VisitorName) => active.filter(({ visitors }) => visitors[name]);
  const call = async (list: Active[], name: VisitorName, ...args: unknown[]) => {
    for (const entry of list) {
      try {
        // Visitors are synchronous but for rules that load data on first use (CLI specs).
        await (entry.visitors[name] as (...parameters: unknown[]) => unknown)(...args);
      } catch (error) {
        found.push(crash(runbook.file, entry.rule, error));
      }
    }
  };
  const [onRunbook, onSection, onBlock, onCommand, onSql, onPromql, onPlaceholder, onExit] = (
    ['runbook', 'section', 'block', 'command', 'sqlStatement', 'promql', 'placeholder', 'runbook:exit'] as const
  ).map(byNode);
  await call(onRunbook, 'runbook', runbook);
  if (onSection.length) for (const section of runbook.sections) await call(onSection, 'section', section, runbook);
  for (const block of runbook.blocks) {
    await call(onBlock, 'block', block, runbook);
    const { commands, sql, promql } = block.analysis;
    if (onCommand.length) for (const command of commands) await call(onCommand, 'command', command, block, runbook);
    if (onSql.length)
      for (const source of sql) for (const statement of source.script.statements) await call(onSql, 'sqlStatement', statement, source, block, runbook);
    if (onPromql.length) for (const query of promql) await call(onPromql, 'promql', query, block, runbook);
    if (onPlaceholder.length) for (const site of block.placeholders) await call(onPlaceholder, 'placeholder', site, block, runbook);
  }
  await call(onExit, 'runbook:exit', runbook);
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
        kept.push(
          problemAt(runbook.file, span, {
            rule: 'lint/ignore',
            severity: 'warn',
            message: `lint-ignore="${ignore.rule}: ..." suppresses nothing in this block; remove it`,
          }),
        );
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

function configPositions(project: Project): { positions: ReturnType<typeof yamlPositions>; lines: LineIndex } {
  let text = '';
  try {
    text = readFileSync(join(project.root, CONFIG_FILE), 'utf8');
  } catch {
    // the settings came from elsewhere (options): no position to show
  }
  const lines = new LineIndex(text);
  return { positions: yamlPositions(text, 0, lines), lines };
}

function configProblem(project: Project, id: string, message: string): Problem {
  const { positions, lines } = configPositions(project);
  return problemAt(CONFIG_FILE, positions.get(['lint', 'rules', id])?.key ?? lines.span(0, 0), {
    rule: 'config',
    message,
    hint: `The options of ${id} are described on its page, ${ruleDocsPath(id)}.`,
  });
}

/** A setting in runbook.config.yaml for a rule that does not exist would silently do nothing. */
function unknownRuleSettings(project: Project, known: Set<string>): Problem[] {
  // Rules the model reports without a rule module (config problems, lint itself) may be configured too.
  const modelRules = new Set(['config', 'lint/crash', 'lint/ignore']);
  const unknown = Object.keys(project.config.lint.rules).filter((id) => !known.has(id) && !modelRules.has(id));
  if (!unknown.length) return [];
  const { positions, lines } = configPositions(project);
  return unknown.map((id) =>
    problemAt(CONFIG_FILE, positions.get(['lint', 'rules', id])?.key ?? lines.span(0, 0), {
      rule: 'config',
      message: `lint.rules names an unknown rule "${id}"${didYouMean(id, known)}`,
      hint: 'The rule ids are listed on /reference/lint-rules/.',
    }),
  );
}
