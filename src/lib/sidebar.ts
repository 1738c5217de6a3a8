// The sidebar: one collapsed group per service. On each page only the current service's group
// lists its runbooks; every other service's group holds one link to its overview, so a page's
// HTML does not grow with the runbooks of other services. A large service's own group shows a
// window of its runbooks around the current page, and its overview link says how many there are.

export interface SidebarService {
  id: string;
  name: string;
}

/** Starlight's sidebar config (astro.config.mjs). `hasFolder(dir)` says whether a docs folder exists. */
export function sidebarConfig(services: SidebarService[], hasFolder: (directory: string) => boolean) {
  return [
    {
      label: 'Start here',
      items: [
        { label: 'Runbook catalog', link: '/runbooks/' },
        { label: 'Alerts', link: '/alerts/' },
      ],
    },
    { label: 'Guides', items: [{ autogenerate: { directory: 'guides' } }] },
    {
      label: 'Reference',
      items: [
        { label: 'Frontmatter reference', link: '/reference/frontmatter/' },
        { label: 'Lint rules', link: '/reference/lint-rules/' },
        { label: 'Registry reference', link: '/reference/registry/' },
        // Not the Performance page: it is for the site's developers (linked from the README and the lint rules page).
      ],
    },
    ...[...services]
      .filter((service) => hasFolder(`runbooks/${service.id}`))
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((service) => ({
        label: service.name,
        collapsed: true,
        items: [
          { label: 'Overview', link: `/services/${service.id}/` },
          { autogenerate: { directory: `runbooks/${service.id}` } },
          // The team's shared pages (escalation, templates, useful commands), when it has some.
          ...(hasFolder(`services/${service.id}`)
            ? [{ label: 'Team pages', collapsed: true, items: [{ autogenerate: { directory: `services/${service.id}` } }] }]
            : []),
        ],
      })),
  ];
}

// The shapes of Starlight's route data sidebar entries that we touch.
export interface SidebarLink {
  type: 'link';
  label: string;
  href: string;
  isCurrent: boolean;
  badge: undefined | { text: string; variant: string };
  attrs: Record<string, unknown>;
}
export interface SidebarGroup {
  type: 'group';
  label: string;
  entries: (SidebarLink | SidebarGroup)[];
  collapsed: boolean;
  badge: SidebarLink['badge'];
}
export type SidebarEntry = SidebarLink | SidebarGroup;

const SERVICE_OVERVIEW = /^\/services\/[^/]+\/$/;

function links(entries: SidebarEntry[]): SidebarLink[] {
  return entries.flatMap((entry) => (entry.type === 'link' ? [entry] : links(entry.entries)));
}

function link(label: string, href: string, isCurrent: boolean): SidebarLink {
  return { type: 'link', label, href, isCurrent, badge: undefined, attrs: {} };
}

/** Most runbook links the current service's group shows; the overview lists them all. */
export const MAX_SERVICE_LINKS = 30;

/** A window of at most MAX_SERVICE_LINKS runbook links of a group around the current one. */
function windowOfRunbooks(entries: SidebarEntry[]): SidebarEntry[] {
  const runbooks = entries.filter((entry) => entry.type === 'link' && entry.href.startsWith('/runbooks/'));
  if (runbooks.length <= MAX_SERVICE_LINKS) return entries;
  const current = Math.max(
    0,
    runbooks.findIndex((entry) => entry.type === 'link' && entry.isCurrent),
  );
  const start = Math.min(Math.max(0, current - Math.floor(MAX_SERVICE_LINKS / 2)), runbooks.length - MAX_SERVICE_LINKS);
  const all = new Set(runbooks);
  const shown = new Set(runbooks.slice(start, start + MAX_SERVICE_LINKS));
  return entries.flatMap((entry) => {
    if (entry.type === 'link' && SERVICE_OVERVIEW.test(entry.href)) return [{ ...entry, label: `Overview: all ${runbooks.length} runbooks` }];
    return all.has(entry) && !shown.has(entry) ? [] : [entry];
  });
}

/** The entries without other links to the overview (the team's overview.mdx is the service's page, also in "Team pages"). */
function withoutRepeats(entries: SidebarEntry[], overview: SidebarLink): SidebarEntry[] {
  return entries.flatMap((entry): SidebarEntry[] => {
    if (entry.type === 'link') return entry !== overview && entry.href === overview.href ? [] : [entry];
    const inner = withoutRepeats(entry.entries, overview);
    return inner.length ? [{ ...entry, entries: inner }] : [];
  });
}

/**
 * Prunes the sidebar of one page: the group of the page's own service stays open; the other
 * services' groups are collapsed to one link to their overview (which lists their runbooks).
 */
export function pruneSidebar(entries: SidebarEntry[], currentPath: string): SidebarEntry[] {
  return entries.map((entry) => {
    if (entry.type !== 'group') return entry;
    const groupLinks = links(entry.entries);
    const overview = groupLinks.find((l) => SERVICE_OVERVIEW.test(l.href));
    if (!overview) return entry;
    const isCurrent = groupLinks.some((l) => l.isCurrent) || currentPath === overview.href;
    if (isCurrent) return { ...entry, collapsed: false, entries: windowOfRunbooks(withoutRepeats(entry.entries, overview)) };
    const runbooks = groupLinks.filter((l) => l.href.startsWith('/runbooks/')).length;
    return { ...entry, collapsed: true, entries: [link(`Overview and ${runbooks} runbook${runbooks === 1 ? '' : 's'}`, overview.href, false)] };
  });
}
