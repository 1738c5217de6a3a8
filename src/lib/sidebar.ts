// The sidebar: one collapsed group per service. On each page only the current service's group
// lists its runbooks; every other service's group holds one link to its overview, so a page's
// HTML does not grow with the runbooks of other services.

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
        { label: 'Performance', link: '/reference/performance/' },
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
          ...(hasFolder(`services/${service.id}`) ? [{ label: 'Team pages', collapsed: true, items: [{ autogenerate: { directory: `services/${service.id}` } }] }] : []),
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
    if (isCurrent) return { ...entry, collapsed: false };
    const runbooks = groupLinks.filter((l) => l.href.startsWith('/runbooks/')).length;
    return { ...entry, collapsed: true, entries: [link(`Overview and ${runbooks} runbook${runbooks === 1 ? '' : 's'}`, overview.href, false)] };
  });
}
