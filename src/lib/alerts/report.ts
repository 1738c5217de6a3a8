// The output of `runbook alerts check` in each format: JSON (alerts with their problems), SARIF and
// GitHub annotations at the rule file's line (the lint's formatters), and a pretty report for people.
import { formatGithub } from '../lint/format/github.ts';
import { formatPretty } from '../lint/format/pretty.ts';
import { formatSarif, type SarifRule } from '../lint/format/sarif.ts';
import { ALERT_PROBLEMS, type AlertResult, type CheckResult } from './check.ts';
import type { FixOutcome } from './fix.ts';

export const ALERT_FORMATS = ['pretty', 'json', 'sarif', 'github'] as const;
export type AlertFormat = (typeof ALERT_FORMATS)[number];

/** Where the problem kinds are explained: the guide on linking alerts. */
export const alertsDocsUrl = (siteUrl: string) => `${siteUrl.replace(/\/+$/, '')}/guides/linking-alerts/#checking-alert-rules`;

const SARIF_RULES: SarifRule[] = Object.entries(ALERT_PROBLEMS).map(([id, kind]) => ({
  meta: { id, description: kind.description, docs: kind.description, severity: kind.severity },
}));

export interface JsonAlert {
  alert: string;
  file: string;
  line: number;
  runbook: string | null;
  runbookUrl: string | null;
  problems: AlertResult['problems'];
}

export function checkJson(result: CheckResult, fixed?: FixOutcome): { alerts: JsonAlert[]; problems: CheckResult['otherProblems']; fixed?: FixOutcome } {
  return {
    alerts: result.alerts.map(({ alert, file, line, runbook, runbookUrl, problems }) => ({ alert, file, line, runbook, runbookUrl, problems })),
    problems: result.otherProblems,
    ...(fixed ? { fixed } : {}),
  };
}

export function checkSarif(result: CheckResult, docsUrl: string): string {
  return formatSarif(result.problems, SARIF_RULES, () => docsUrl, 'runbook-alerts');
}

export function checkGithub(result: CheckResult): string {
  return formatGithub(result.problems);
}

/** Counts for the summary line. */
export function summary(result: CheckResult, files: number): string {
  const alerts = result.alerts.length;
  const answered = result.alerts.filter((alert) => alert.runbook).length;
  const missing = result.alerts.filter((alert) => alert.problems.some((problem) => problem.rule === 'missing-runbook')).length;
  const ambiguous = alerts - answered - missing;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(alerts, 'alerting rule')} in ${plural(files, 'rule file')}: ${answered} with a runbook, ${missing} without${ambiguous ? `, ${ambiguous} shared by several services` : ''}.`;
}

export function checkPretty(
  result: CheckResult,
  { sources, docsUrl, color, files, fixed }: { sources: Map<string, string>; docsUrl: string; color?: boolean; files: number; fixed?: FixOutcome },
): string {
  const out: string[] = [];
  const report = formatPretty(result.problems, { sources, docsUrl: () => docsUrl, color });
  if (report) out.push(report);
  if (fixed) {
    for (const written of fixed.written) out.push(`Fixed ${written.rules} runbook_url${written.rules === 1 ? '' : 's'} in ${written.file}`);
    for (const skipped of fixed.skipped) out.push(`Not fixed: ${skipped.alert} in ${skipped.file}: ${skipped.reason}`);
  }
  const fixable = result.alerts.filter((alert) => alert.wantedUrl !== undefined && alert.wantedUrl !== alert.rule.annotations.runbook_url).length;
  out.push(`${result.problems.some((problem) => problem.severity === 'error') ? '✖' : '✔'} ${summary(result, files)}`);
  if (fixable && !fixed) out.push(`  ${fixable} runbook_url${fixable === 1 ? '' : 's'} can be written with --fix.`);
  return `${out.join('\n')}\n`;
}
