// Find a runbook by id, alias or alert name — the ways people and tools refer to one.
import type { Runbook } from './model/types.ts';
import type { Project } from './project.ts';
import { closest } from './suggest.ts';

export type Resolution =
  | { runbook: Runbook; matchedBy: 'id' | 'alias' | 'alert' }
  /** `invalid`: a runbook with this id whose frontmatter does not validate (it cannot be shown or run). */
  /** `ambiguous`: an alert name that runbooks of several services declare; `suggestions` are their ids. */
  | { runbook?: undefined; invalid?: Runbook; ambiguous?: true; suggestions: string[] };

export function resolveRunbook(project: Project, query: string): Resolution {
  const wanted = query.trim().toLowerCase();
  const runbooks = project.runbooks.filter((runbook) => runbook.meta);
  const byId = runbooks.find((runbook) => runbook.meta!.id === wanted);
  if (byId) return { runbook: byId, matchedBy: 'id' };
  const byAlias = runbooks.find((runbook) => runbook.meta!.aliases.some((alias) => alias.toLowerCase() === wanted));
  if (byAlias) return { runbook: byAlias, matchedBy: 'alias' };
  const byAlert = runbooks.filter((runbook) => runbook.meta!.alerts.some((alert) => alert.name.toLowerCase() === wanted));
  if (byAlert.length === 1) return { runbook: byAlert[0], matchedBy: 'alert' };
  // Runbooks of different services may declare the same alert (FORMAT): never pick one silently.
  if (byAlert.length > 1) return { ambiguous: true, suggestions: byAlert.map((runbook) => `${runbook.meta!.id} (${runbook.meta!.service})`) };
  const invalid = project.runbooks.find((runbook) => !runbook.meta && rawId(runbook)?.toLowerCase() === wanted);
  if (invalid) return { invalid, suggestions: [] };
  // One suggestion per runbook: its id, with the alias or alert name that matched when that is closer.
  const owner = new Map<string, string>();
  for (const runbook of runbooks) {
    for (const name of [runbook.meta!.id, ...runbook.meta!.aliases, ...runbook.meta!.alerts.map((alert) => alert.name)]) if (!owner.has(name)) owner.set(name, runbook.meta!.id);
  }
  const suggestions = new Map<string, string>();
  for (const name of closest(query, owner.keys(), 50)) {
    const id = owner.get(name)!;
    if (!suggestions.has(id)) suggestions.set(id, name === id ? id : `${id} (${name})`);
    if (suggestions.size === 5) break;
  }
  return { suggestions: [...suggestions.values()] };
}

/** The `runbook.id` written in a file whose frontmatter does not validate. */
function rawId(runbook: Runbook): string | undefined {
  const raw = runbook.frontmatter.raw as { runbook?: { id?: unknown } } | undefined;
  return typeof raw?.runbook?.id === 'string' ? raw.runbook.id : undefined;
}
