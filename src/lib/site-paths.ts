// The paths this site serves, for checking a link to it (a runbook's links, an alert's runbook_url):
// the docs pages, the pages the site generates, one /alerts/<name>/ per alert a runbook declares and
// one /r/<id>/ per runbook id and alias (permanent addresses that survive a move).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { closestNames } from './alert-suggest.ts';
import { listContentFiles, type Project } from './project.ts';
import { closest } from './suggest.ts';
import { pageUrl } from './urls.ts';

/** Pages src/pages generates besides the per-alert and per-runbook ones. */
const GENERATED = [
  /^\/$/,
  /^\/runbooks\/$/,
  /^\/alerts\/$/,
  /^\/services\/[^/]+\/$/,
  /^\/reference\/(frontmatter|performance|lint-rules|registry)\/([^/]+\/)?$/,
  /^\/registry\.json$/,
  /^\/alerts\.json$/,
  /^\/runbook-aliases\.json$/,
  /^\/schema\/[a-z]+\.json$/,
];

/** Characters an alias may not have to get a /r/<alias>/ page: they end or escape a path segment. */
const NOT_IN_PATH = /[?#%\\/\u0000-\u001f\u007f]/;

/** Whether a runbook alias gets its own /r/<alias>/ page (ids always do: they are kebab-case). */
export function aliasHasPage(alias: string): boolean {
  return alias.trim() === alias && alias !== '' && alias !== '.' && alias !== '..' && !NOT_IN_PATH.test(alias);
}

/** The permanent address of a runbook id or alias. */
export const permanentPath = (ref: string) => `/r/${encodeURIComponent(ref)}/`;

/** The address of an alert's page. */
export const alertPath = (name: string) => `/alerts/${name}/`;

export type PathCheck =
  /** `runbooks`: ids of the runbooks the path leads to (none for a page that is not a runbook; several for a shared alert's choice page). */
  | { found: true; runbooks: string[] }
  /** `kind` says what is missing; `exact` is the right spelling when only the case differs. */
  | { found: false; kind: 'page' | 'alert' | 'ref'; name?: string; exact?: string; suggestions: string[] };

export interface SitePaths {
  /** What an absolute path of the site (`/alerts/X/`, `/runbooks/a/b/`) leads to. */
  check(pathname: string): PathCheck;
}

/**
 * The names closest to a name, ranked as the site's not-found page ranks alert names — among the few
 * that share the most three-letter sequences with it, so that thousands of names stay fast.
 */
export function nearNames(names: Iterable<string>, limit = 2): (name: string) => string[] {
  const trigrams = new Map<string, Set<string>>();
  const of = (name: string) => {
    const lower = name.toLowerCase();
    return Array.from({ length: Math.max(1, lower.length - 2) }, (_, index) => lower.slice(index, index + 3));
  };
  for (const name of names) for (const trigram of of(name)) trigrams.set(trigram, (trigrams.get(trigram) ?? new Set()).add(name));
  return (name) => {
    const shared = new Map<string, number>();
    for (const trigram of of(name)) for (const candidate of trigrams.get(trigram) ?? []) shared.set(candidate, (shared.get(candidate) ?? 0) + 1);
    const candidates = [...shared]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 12)
      .map(([candidate]) => candidate);
    return closestNames(name, candidates, (candidate) => candidate, limit).map((entry) => entry.item);
  };
}

const cache = new WeakMap<Project, SitePaths>();

/** The site's paths for a project (computed once per project object). */
export function sitePaths(project: Project): SitePaths {
  let paths = cache.get(project);
  if (!paths) cache.set(project, (paths = buildSitePaths(project)));
  return paths;
}

function buildSitePaths(project: Project): SitePaths {
  const docsDir = project.config.docsDir;
  const pages = new Map<string, string[]>(listContentFiles(project.root, docsDir).map((file) => [pageUrl(file, docsDir), []]));
  const alerts = new Map<string, string[]>();
  const refs = new Map<string, string>();
  for (const runbook of project.runbooks) {
    const meta = runbook.meta;
    if (!meta) continue;
    pages.set(pageUrl(runbook.file, docsDir), [meta.id]);
    for (const alert of meta.alerts) alerts.set(alert.name, [...(alerts.get(alert.name) ?? []), meta.id]);
    for (const ref of [meta.id, ...meta.aliases.filter(aliasHasPage)]) if (!refs.has(ref)) refs.set(ref, meta.id);
  }
  const caseless = (names: Iterable<string>, wanted: string) => [...names].find((name) => name.toLowerCase() === wanted.toLowerCase());
  const nearAlerts = nearNames(alerts.keys());
  const nearRefs = nearNames(refs.keys());
  return {
    check(pathname) {
      const path = pathname.endsWith('/') || /\.[a-z]+$/i.test(pathname) ? pathname : `${pathname}/`;
      const segments = path.split('/').filter(Boolean);
      if (segments.length === 2 && (segments[0] === 'alerts' || segments[0] === 'r') && path.endsWith('/')) {
        let name: string;
        try {
          name = decodeURIComponent(segments[1]);
        } catch {
          name = segments[1];
        }
        if (segments[0] === 'alerts') {
          const runbooks = alerts.get(name);
          if (runbooks) return { found: true, runbooks };
          return { found: false, kind: 'alert', name, exact: caseless(alerts.keys(), name), suggestions: nearAlerts(name) };
        }
        const runbook = refs.get(name);
        if (runbook) return { found: true, runbooks: [runbook] };
        return { found: false, kind: 'ref', name, exact: caseless(refs.keys(), name), suggestions: nearRefs(name) };
      }
      const page = pages.get(path);
      if (page) return { found: true, runbooks: page };
      if (GENERATED.some((pattern) => pattern.test(path))) return { found: true, runbooks: [] };
      // Files of public/ are served as they are (images, downloads).
      if (pathname !== '/' && existsSync(join(project.root, 'public', pathname))) return { found: true, runbooks: [] };
      return { found: false, kind: 'page', suggestions: closest(path, pages.keys(), 2) };
    },
  };
}
