// Find a runbook by id, alias or alert name — the ways people and tools refer to one.
import type { Runbook } from './model/types.ts';
import type { Project } from './project.ts';
import { closest } from './suggest.ts';

export type Resolution =
  | { runbook: Runbook; matchedBy: 'id' | 'alias' | 'alert' }
  /** `invalid`: a runbook with this id whose frontmatter does not validate (it cannot be shown or run). */
  /** `ambiguous`: an alert name that runbooks of several services declare; `suggestions` are their ids. */
  | { runbook?: undefined; invalid?: Runbook; ambiguous?: true; suggestions: string[] };

/** The names a valid runbook answers to. */
export interface RunbookNames {
  id: string;
  service?: string;
  aliases: readonly string[];
  alerts: readonly string[];
}

export type NameResolution<T> = { found: T; matchedBy: 'id' | 'alias' | 'alert' } | { found?: undefined; invalid?: T; ambiguous?: true; suggestions: string[] };

/**
 * Finds `query` among items (in order): by id, then alias, then alert name, case-insensitively; else an item whose
 * frontmatter does not validate but names that id; else the closest names. `names` is undefined for an invalid item,
 * `invalidId` its written id. The model (`resolveRunbook`) and the CLI's cached entries resolve alike through this.
 */
export function resolveByName<T>(
  items: readonly T[],
  query: string,
  names: (item: T) => RunbookNames | undefined,
  invalidId: (item: T) => string | undefined,
): NameResolution<T> {
  const wanted = query.trim().toLowerCase();
  const valid = items.flatMap((item) => {
    const itemNames = names(item);
    return itemNames ? [{ item, names: itemNames }] : [];
  });
  const byId = valid.find(({ names }) => names.id === wanted);
  if (byId) return { found: byId.item, matchedBy: 'id' };
  const byAlias = valid.find(({ names }) => names.aliases.some((alias) => alias.toLowerCase() === wanted));
  if (byAlias) return { found: byAlias.item, matchedBy: 'alias' };
  const byAlert = valid.filter(({ names }) => names.alerts.some((alert) => alert.toLowerCase() === wanted));
  if (byAlert.length === 1) return { found: byAlert[0].item, matchedBy: 'alert' };
  // Runbooks of different services may declare the same alert (FORMAT): never pick one silently.
  if (byAlert.length > 1) return { ambiguous: true, suggestions: byAlert.map(({ names }) => (names.service ? `${names.id} (${names.service})` : names.id)) };
  const invalid = items.find((item) => !names(item) && invalidId(item)?.toLowerCase() === wanted);
  if (invalid !== undefined) return { invalid, suggestions: [] };
  // One suggestion per runbook: its id, with the alias or alert name that matched when that is closer.
  const owner = new Map<string, string>();
  for (const { names } of valid) {
    for (const name of [names.id, ...names.aliases, ...names.alerts]) if (!owner.has(name)) owner.set(name, names.id);
  }
  const suggestions = new Map<string, string>();
  for (const name of closest(query, owner.keys(), 50)) {
    const id = owner.get(name)!;
    if (!suggestions.has(id)) suggestions.set(id, name === id ? id : `${id} (${name})`);
    if (suggestions.size === 5) break;
  }
  return { suggestions: [...suggestions.values()] };
}

export function resolveRunbook(project: Project, query: string): Resolution {
  const found = resolveByName(
    project.runbooks,
    query,
    (runbook) =>
      runbook.meta && {
        id: runbook.meta.id,
        service: runbook.meta.service,
        aliases: runbook.meta.aliases,
        alerts: runbook.meta.alerts.map((alert) => alert.name),
      },
    rawId,
  );
  if (found.found) return { runbook: found.found, matchedBy: found.matchedBy };
  return { ...(found.invalid ? { invalid: found.invalid } : {}), ...(found.ambiguous ? { ambiguous: true as const } : {}), suggestions: found.suggestions };
}

/** The `runbook.id` written in a file whose frontmatter does not validate. */
export function rawId(runbook: Runbook): string | undefined {
  const raw = runbook.frontmatter.raw as { runbook?: { id?: unknown } } | undefined;
  return typeof raw?.runbook?.id === 'string' ? raw.runbook.id : undefined;
}
