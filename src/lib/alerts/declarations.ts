// Which runbook answers an alert: the runbooks that declare its name (any case), or one whose alias
// is the name. Where runbooks of several services declare it, the rule's labels pick one the same way
// the site's choice page does (`?service=`, else the only runbook whose expression's labels agree).
import { chooseRunbook, type AlertChoice } from '../alert-choice.ts';
import { alertLabels } from '../core/promql/labels.ts';
import type { Runbook } from '../model/types.ts';
import type { Project } from '../project.ts';
import { serviceOf } from '../project.ts';
import { pageUrl } from '../urls.ts';

export interface Declaration {
  runbook: Runbook;
  /** The alert name as the runbook writes it (the /alerts/<name>/ page). */
  alert: string;
  /** Index of the alert in the runbook's `alerts`. */
  index: number;
  /** Labels the runbook's alert expression selects. */
  labels: Record<string, string>;
}

export interface Answer {
  /** The runbook that answers the alert, when one does (or the labels pick one). */
  runbook?: Runbook;
  /** How it was found. */
  by?: 'alert' | 'alias';
  /** Its declaration, when found by alert name. */
  declaration?: Declaration;
  /** Every runbook that declares the alert (several: runbooks of several services). */
  declarations: Declaration[];
}

export interface Declarations {
  answer(alert: string, labels: Record<string, string>): Answer;
  /** Every declaration, for the alerts no rule defines. */
  all: Declaration[];
}

export function declarations(project: Project): Declarations {
  const byName = new Map<string, Declaration[]>();
  const byAlias = new Map<string, Runbook>();
  const all: Declaration[] = [];
  for (const runbook of project.runbooks) {
    const meta = runbook.meta;
    if (!meta) continue;
    meta.alerts.forEach((alert, index) => {
      const declaration = { runbook, alert: alert.name, index, labels: alert.expr ? alertLabels(alert.expr) : {} };
      all.push(declaration);
      const key = alert.name.toLowerCase();
      byName.set(key, [...(byName.get(key) ?? []), declaration]);
    });
    for (const alias of meta.aliases) if (!byAlias.has(alias.toLowerCase())) byAlias.set(alias.toLowerCase(), runbook);
  }
  const choiceOf = (declaration: Declaration): AlertChoice => ({
    service: declaration.runbook.meta!.service,
    serviceName: serviceOf(project, declaration.runbook)?.name ?? declaration.runbook.meta!.service,
    url: pageUrl(declaration.runbook.file, project.config.docsDir),
    labels: declaration.labels,
  });
  return {
    all,
    answer(alert, labels) {
      const found = byName.get(alert.toLowerCase()) ?? [];
      if (found.length === 1) return { runbook: found[0].runbook, by: 'alert', declaration: found[0], declarations: found };
      if (found.length > 1) {
        const choices = found.map(choiceOf);
        const chosen = chooseRunbook(choices, new URLSearchParams(labels));
        const declaration = chosen ? found[choices.indexOf(chosen)] : undefined;
        return declaration ? { runbook: declaration.runbook, by: 'alert', declaration, declarations: found } : { declarations: found };
      }
      const aliased = byAlias.get(alert.toLowerCase());
      return aliased ? { runbook: aliased, by: 'alias', declarations: [] } : { declarations: [] };
    },
  };
}
