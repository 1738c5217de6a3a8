// `runbook alerts check`: every alerting rule reaches a runbook that exists, and every alert a runbook
// declares is defined by some rule. Offline: the site's pages are known from the project itself.
import { alertLabels } from '../core/promql/labels.ts';
import { frontmatterSpan, type Project } from '../project.ts';
import { compareProblems, problemAt, type Problem, type ProblemSeverity, type Span } from '../problem.ts';
import { alertPath, nearNames, permanentPath, sitePaths, type PathCheck } from '../site-paths.ts';
import { declarations as readDeclarations, type Answer } from './declarations.ts';
import type { AlertRule, RuleFiles } from './rule-files.ts';
import { expandTemplate, labelTemplate, ruleLabels, UNKNOWN_MARK } from './templates.ts';

/** The kinds of problem, with their severity and what they mean (the SARIF rules and the docs). */
export const ALERT_PROBLEMS = {
  'missing-runbook': { severity: 'error', description: 'No runbook declares the alert.' },
  'broken-runbook-url': { severity: 'error', description: "The alert's runbook_url points at this site but at no page or alert of it." },
  'foreign-runbook-url': { severity: 'warn', description: "The alert's runbook_url points outside this site." },
  'mismatched-runbook-url': { severity: 'warn', description: "The alert's runbook_url leads to a page of this site that is not the alert's runbook." },
  'missing-runbook-url': { severity: 'warn', description: 'The alert has a runbook but no runbook_url annotation leads to it.' },
  'ambiguous-runbook': { severity: 'warn', description: "Runbooks of several services declare the alert and the rule's labels pick none of them." },
  'unknown-alert': { severity: 'warn', description: 'A runbook declares an alert that no given rule file defines.' },
  'yaml-syntax': { severity: 'error', description: 'A rule file is not valid YAML (or its aliases expand beyond the limits).' },
  'invalid-rule': { severity: 'error', description: 'A rule group or alerting rule has the wrong shape.' },
} as const satisfies Record<string, { severity: ProblemSeverity; description: string }>;

export type AlertProblemKind = keyof typeof ALERT_PROBLEMS;

export interface AlertResult {
  alert: string;
  file: string;
  line: number;
  /** The runbook that answers the alert (null: none, or several and the labels pick none). */
  runbook: string | null;
  runbookUrl: string | null;
  problems: { rule: AlertProblemKind; severity: ProblemSeverity; message: string }[];
  /** The rule, for --fix. */
  rule: AlertRule;
  /** How the runbook was found (stubs and sync build on it). */
  answer: Answer;
  /** What --fix would write as runbook_url (undefined when there is no runbook to point at). */
  wantedUrl?: string;
}

export interface CheckResult {
  alerts: AlertResult[];
  /** Every problem with its position (per-alert ones too), sorted: for the pretty, SARIF and GitHub formats. */
  problems: Problem[];
  /** Problems that belong to no alert (YAML errors, unknown alerts). */
  otherProblems: Problem[];
}

export interface CheckOptions {
  /** The site's address (no trailing slash), or undefined when none is set. */
  siteUrl?: string;
}

/** `https://runbooks.example.com/` → `https://runbooks.example.com` (the form URLs are built from). */
export function normaliseSiteUrl(url: string): string {
  return url.replace(/\/+$/, '');
}

/** The path of `url` on the site (query and fragment left out), or undefined when it points elsewhere (a relative `/x` is on the site). */
function sitePath(url: string, siteUrl: string | undefined): string | undefined {
  try {
    if (url.startsWith('/') && !url.startsWith('//')) return new URL(url, 'https://site.invalid').pathname;
    if (!siteUrl) return undefined;
    const parsed = new URL(url);
    const site = new URL(`${siteUrl}/`);
    if (parsed.origin !== site.origin || !parsed.pathname.startsWith(site.pathname)) return undefined;
    return `/${parsed.pathname.slice(site.pathname.length)}`;
  } catch {
    return undefined;
  }
}

/** The runbook_url --fix writes for an alert that has a runbook. */
export function wantedRunbookUrl(siteUrl: string, answer: Answer): string | undefined {
  const runbook = answer.runbook;
  if (!runbook?.meta) return undefined;
  const query: string[] = [];
  // A shared alert's page is a choice: `?service=` makes it pick this runbook at once.
  if (answer.declarations.length > 1) query.push(`service=${encodeURIComponent(runbook.meta.service)}`);
  for (const [name, variable] of Object.entries(runbook.meta.variables)) {
    // Secret values never travel in a URL; the page does not read them from one either.
    if (variable.fromLabel && !variable.secret) query.push(`${name}=${labelTemplate(variable.fromLabel)}`);
  }
  const path = answer.by === 'alert' && answer.declaration ? alertPath(answer.declaration.alert) : permanentPath(runbook.meta.id);
  return `${siteUrl}${path}${query.length ? `?${query.join('&')}` : ''}`;
}

export function checkAlerts(project: Project, ruleFiles: RuleFiles, options: CheckOptions = {}): CheckResult {
  const siteUrl = options.siteUrl ? normaliseSiteUrl(options.siteUrl) : undefined;
  const declared = readDeclarations(project);
  const paths = sitePaths(project);
  const near = nearNames([...new Set(declared.all.map((declaration) => declaration.alert))]);
  const problems: Problem[] = [];
  const alerts: AlertResult[] = [];

  for (const rule of ruleFiles.rules) {
    const url = rule.annotations.runbook_url?.trim() || undefined;
    const expanded = url === undefined ? undefined : expandTemplate(url, ruleLabels(rule.alert, rule.labels));
    // What picks a runbook of a shared alert: the rule's labels, and what its runbook_url's query fixes (?service=).
    const labels = { ...(rule.expr ? alertLabels(rule.expr) : {}), ...ruleLabels(rule.alert, rule.labels), ...(expanded ? fixedQuery(expanded.text) : {}) };
    const answer = declared.answer(rule.alert, labels);
    const result: AlertResult = {
      alert: rule.alert,
      file: rule.file,
      line: rule.span.start.line,
      runbook: answer.runbook?.meta?.id ?? null,
      runbookUrl: rule.annotations.runbook_url ?? null,
      problems: [],
      rule,
      answer,
      ...(siteUrl && answer.runbook ? { wantedUrl: wantedRunbookUrl(siteUrl, answer) } : {}),
    };
    const report = (kind: AlertProblemKind, span: Span, message: string, hint?: string) => {
      const severity = ALERT_PROBLEMS[kind].severity;
      result.problems.push({ rule: kind, severity, message });
      problems.push(problemAt(rule.file, span, { rule: kind, severity, message, ...(hint ? { hint } : {}) }));
    };
    const choicePage = `${siteUrl ?? ''}${alertPath(answer.declarations[0]?.alert ?? rule.alert)}`;

    if (!answer.runbook && !answer.declarations.length) {
      const similar = near(rule.alert);
      report(
        'missing-runbook',
        rule.span,
        `No runbook declares the alert "${rule.alert}"`,
        similar.length
          ? `Did you mean ${similar.join(' or ')}? Otherwise write one: runbook alerts stubs ${rule.file} writes a skeleton to fill in.`
          : `Add it to the alerts of the runbook that answers it, or write one: runbook alerts stubs ${rule.file} writes a skeleton to fill in.`,
      );
    } else if (!answer.runbook) {
      const services = answer.declarations.map((declaration) => `${declaration.runbook.meta!.id} (${declaration.runbook.meta!.service})`);
      report(
        'ambiguous-runbook',
        rule.span,
        `Runbooks of ${services.length} services declare the alert "${rule.alert}": ${services.join(', ')}; the rule's labels pick none, so its link is the choice page ${choicePage}`,
        "Give the rule a label that one runbook's alert expr selects (e.g. namespace), or add ?service=<service id> to its runbook_url.",
      );
    }

    const urlSpan = rule.runbookUrlSpan ?? rule.span;
    if (url === undefined || expanded === undefined) {
      if (answer.runbook && result.wantedUrl)
        report(
          'missing-runbook-url',
          rule.span,
          `The alert "${rule.alert}" has a runbook but no runbook_url`,
          `runbook alerts check --fix writes runbook_url: ${result.wantedUrl}`,
        );
      else if (answer.runbook)
        report(
          'missing-runbook-url',
          rule.span,
          `The alert "${rule.alert}" has a runbook but no runbook_url`,
          "Set the site's address (--site-url or site: in runbook.config.yaml), then --fix writes it.",
        );
    } else if (!expanded.text.split(/[?#]/)[0].includes(UNKNOWN_MARK)) {
      // (A label only known when the alert fires decides where the link goes: nothing can be proven about it.)
      const path = sitePath(expanded.text, siteUrl);
      if (path === undefined) {
        const fix = result.wantedUrl ? ` (--fix points it at ${result.wantedUrl})` : '';
        report(
          'foreign-runbook-url',
          urlSpan,
          `runbook_url ${url} points outside this site${siteUrl ? ` (${siteUrl})` : ''}`,
          siteUrl
            ? `Runbooks on another site are not checked${fix}.`
            : 'No site address is set: give --site-url or set site: in runbook.config.yaml, so links to the site can be checked.',
        );
      } else checkPath(paths.check(path), url, answer, urlSpan, report);
    }
    alerts.push(result);
  }

  // Alerts the runbooks declare that no rule defines.
  const defined = new Set(ruleFiles.rules.map((rule) => rule.alert.toLowerCase()));
  const otherProblems: Problem[] = [...ruleFiles.problems];
  for (const declaration of declared.all) {
    if (defined.has(declaration.alert.toLowerCase())) continue;
    const runbook = declaration.runbook;
    otherProblems.push(
      problemAt(runbook.file, frontmatterSpan(runbook, ['runbook', 'alerts', declaration.index, 'name']), {
        rule: 'unknown-alert',
        severity: ALERT_PROBLEMS['unknown-alert'].severity,
        message: `The runbook declares the alert "${declaration.alert}", which no given rule file defines`,
        hint: 'Check the name against the rules (a renamed or deleted alert), or pass the rule file that defines it.',
      }),
    );
  }
  return { alerts, problems: [...problems, ...otherProblems].sort(compareProblems), otherProblems: otherProblems.sort(compareProblems) };
}

/** The query parameters of a URL whose values are fixed (no template left in them). */
function fixedQuery(url: string): Record<string, string> {
  const query = url.indexOf('?');
  if (query === -1) return {};
  const params = new URLSearchParams(url.slice(query + 1).split('#')[0]);
  return Object.fromEntries([...params].filter(([key, value]) => !key.includes(UNKNOWN_MARK) && !value.includes(UNKNOWN_MARK)));
}

function checkPath(
  found: PathCheck,
  url: string,
  answer: Answer,
  span: Span,
  report: (kind: AlertProblemKind, span: Span, message: string, hint?: string) => void,
): void {
  if (!found.found && found.kind === 'alert' && found.exact) {
    // The not-found page sends a wrong-case alert name on to its runbook: it works, through a 404.
    report(
      'mismatched-runbook-url',
      span,
      `runbook_url ${url} names the alert "${found.name}"; its page is ${alertPath(found.exact)} (paths are case-sensitive: the link only works through the not-found page)`,
      'runbook alerts check --fix writes the exact name.',
    );
    return;
  }
  if (!found.found) {
    const what =
      found.kind === 'alert'
        ? `no runbook declares the alert "${found.name}"`
        : found.kind === 'ref'
          ? `no runbook has the id or alias "${found.name}"`
          : 'no page of this site has that address';
    const hint = found.exact
      ? `Paths are case-sensitive: the page is ${found.kind === 'alert' ? alertPath(found.exact) : permanentPath(found.exact)}.`
      : found.suggestions.length
        ? `Did you mean ${found.suggestions.map((name) => (found.kind === 'alert' ? alertPath(name) : found.kind === 'ref' ? permanentPath(name) : name)).join(' or ')}?`
        : answer.runbook
          ? 'runbook alerts check --fix points it at the runbook.'
          : undefined;
    report('broken-runbook-url', span, `runbook_url ${url} is broken: ${what}`, hint);
    return;
  }
  const runbook = answer.runbook?.meta?.id;
  if (runbook && !found.runbooks.includes(runbook)) {
    report(
      'mismatched-runbook-url',
      span,
      found.runbooks.length
        ? `runbook_url ${url} leads to ${found.runbooks.join(', ')}, but the alert's runbook is ${runbook}`
        : `runbook_url ${url} leads to a page that is not a runbook; the alert's runbook is ${runbook}`,
      "runbook alerts check --fix points it at the alert's runbook.",
    );
  }
}
