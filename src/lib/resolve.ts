// Find a runbook by id, alias or alert name — the ways people and tools refer to one.
import type { Runbook } from './model/types.ts';
import type { Project } from './project.ts';
import { closest } from './suggest.ts';

export type Resolution = { runbook: Runbook; matchedBy: 'id' | 'alias' | 'alert' } | { runbook?: undefined; suggestions: string[] };

export function resolveRunbook(project: Project, query: string): Resolution {
  const wanted = query.trim().toLowerCase();
  const runbooks = project.runbooks.filter((runbook) => runbook.meta);
  const byId = runbooks.find((runbook) => runbook.meta!.id === wanted);
  if (byId) return { runbook: byId, matchedBy: 'id' };
  const byAlias = runbooks.find((runbook) => runbook.meta!.aliases.some((alias) => alias.toLowerCase() === wanted));
  if (byAlias) return { runbook: byAlias, matchedBy: 'alias' };
  const byAlert = runbooks.find((runbook) => runbook.meta!.alerts.some((alert) => alert.name.toLowerCase() === wanted));
  if (byAlert) return { runbook: byAlert, matchedBy: 'alert' };
  const names = runbooks.flatMap((runbook) => [runbook.meta!.id, ...runbook.meta!.aliases, ...runbook.meta!.alerts.map((alert) => alert.name)]);
  return { suggestions: closest(query, names, 5) };
}
