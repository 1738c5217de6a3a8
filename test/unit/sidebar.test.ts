import { describe, expect, it } from 'vitest';
import { MAX_SERVICE_LINKS, pruneSidebar, type SidebarEntry, type SidebarGroup, type SidebarLink } from '../../src/lib/sidebar.ts';

const link = (href: string, isCurrent = false): SidebarLink => ({ type: 'link', label: href, href, isCurrent, badge: undefined, attrs: {} });
const group = (label: string, entries: SidebarEntry[]): SidebarGroup => ({ type: 'group', label, entries, collapsed: true, badge: undefined });
const service = (id: string, count: number, current?: number) =>
  group(id, [
    link(`/services/${id}/`),
    ...Array.from({ length: count }, (_, i) => link(`/runbooks/${id}/rb-${String(i).padStart(3, '0')}/`, i === current)),
    group('Team pages', [link(`/services/${id}/escalation/`)]),
  ]);
const hrefs = (entries: SidebarEntry[]): string[] => entries.flatMap((e) => (e.type === 'link' ? [e.href] : hrefs(e.entries)));

describe('pruneSidebar', () => {
  const guides = group('Guides', [link('/guides/writing-a-runbook/')]);

  it('collapses other services to one overview link that counts their runbooks', () => {
    const [, api, db] = pruneSidebar([guides, service('api', 3, 1), service('db', 5)], '/runbooks/api/rb-001/') as SidebarGroup[];
    expect(api.collapsed).toBe(false);
    expect(hrefs(api.entries)).toHaveLength(1 + 3 + 1);
    expect(db.collapsed).toBe(true);
    expect(db.entries).toEqual([expect.objectContaining({ href: '/services/db/', label: 'Overview and 5 runbooks' })]);
  });

  it('leaves groups without a service overview alone', () => {
    expect(pruneSidebar([guides], '/guides/writing-a-runbook/')).toEqual([guides]);
  });

  it('keeps a page the same size whatever other services hold', () => {
    const small = JSON.stringify(pruneSidebar([service('api', 10, 4), service('db', 2)], '/runbooks/api/rb-004/'));
    const large = JSON.stringify(pruneSidebar([service('api', 10, 4), service('db', 2000)], '/runbooks/api/rb-004/'));
    expect(large.length - small.length).toBeLessThan(10);
  });

  it("shows a window of a large service's runbooks around the current page, and the team pages", () => {
    const [api] = pruneSidebar([service('api', 200, 150)], '/runbooks/api/rb-150/') as SidebarGroup[];
    const runbooks = hrefs(api.entries).filter((h) => h.startsWith('/runbooks/'));
    expect(runbooks).toHaveLength(MAX_SERVICE_LINKS);
    expect(runbooks).toContain('/runbooks/api/rb-150/');
    expect(runbooks[0]).toBe(`/runbooks/api/rb-${150 - MAX_SERVICE_LINKS / 2}/`);
    expect(api.entries[0]).toMatchObject({ href: '/services/api/', label: 'Overview: all 200 runbooks' });
    expect(hrefs(api.entries)).toContain('/services/api/escalation/');
  });

  it('clamps the window at both ends', () => {
    const first = hrefs((pruneSidebar([service('api', 100, 0)], '/runbooks/api/rb-000/')[0] as SidebarGroup).entries);
    expect(first.filter((h) => h.startsWith('/runbooks/'))[0]).toBe('/runbooks/api/rb-000/');
    const last = hrefs((pruneSidebar([service('api', 100, 99)], '/runbooks/api/rb-099/')[0] as SidebarGroup).entries).filter((h) => h.startsWith('/runbooks/'));
    expect(last).toHaveLength(MAX_SERVICE_LINKS);
    expect(last.at(-1)).toBe('/runbooks/api/rb-099/');
  });

  it('lists every runbook of a service up to the limit', () => {
    const [api] = pruneSidebar([service('api', MAX_SERVICE_LINKS, 0)], '/runbooks/api/rb-000/') as SidebarGroup[];
    expect(hrefs(api.entries).filter((h) => h.startsWith('/runbooks/'))).toHaveLength(MAX_SERVICE_LINKS);
    expect(api.entries[0]).toMatchObject({ label: '/services/api/' });
  });
});

describe('service overview', () => {
  it("shows the service's page once, even when the team's overview page is also in Team pages", () => {
    const api = group('api', [
      link('/services/api/'),
      link('/runbooks/api/a/'),
      group('Team pages', [link('/services/api/', true), link('/services/api/escalation/')]),
    ]);
    const [pruned] = pruneSidebar([api], '/services/api/') as SidebarGroup[];
    expect(pruned.collapsed).toBe(false);
    expect(hrefs(pruned.entries)).toEqual(['/services/api/', '/runbooks/api/a/', '/services/api/escalation/']);
  });

  it('drops a Team pages group that held only the overview', () => {
    const api = group('api', [link('/services/api/'), link('/runbooks/api/a/', true), group('Team pages', [link('/services/api/')])]);
    const [pruned] = pruneSidebar([api], '/runbooks/api/a/') as SidebarGroup[];
    expect(pruned.entries.map((entry) => entry.label)).toEqual(['/services/api/', '/runbooks/api/a/']);
  });
});
