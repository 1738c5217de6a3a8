// Checks across files (duplicates, dangling references) and staleness with an injected "now".
import { describe, expect, it } from 'vitest';
import { allProblems, loadProject, stalenessOf } from '../../src/lib/project.ts';
import { staleness } from '../../src/lib/staleness.ts';
import { resolveRunbook } from '../../src/lib/resolve.ts';
import { makeProject, runbookSource, SERVICE_YAML } from '../helpers/project.ts';

const problemsOf = async (runbooks: Record<string, string>) =>
  allProblems(await loadProject({ root: makeProject({ runbooks }), config: { now: '2026-11-24' } })).map(
    (p) => `${p.file.replace('src/content/docs/runbooks/', '')}:${p.line}:${p.column} ${p.rule} ${p.message}`,
  );

describe('checks across files', () => {
  it('accepts distinct ids, aliases and alerts', async () => {
    expect(
      await problemsOf({
        'tickets/a.mdx': runbookSource({ id: 'tickets-a', extra: '  aliases: [RB-1]\n  alerts:\n    - name: AlertA\n' }),
        'tickets/b.mdx': runbookSource({ id: 'tickets-b', extra: '  aliases: [RB-2]\n  alerts:\n    - name: AlertB\n' }),
      }),
    ).toEqual([]);
  });

  it('reports a duplicate runbook id at the second file, naming the first', async () => {
    expect(await problemsOf({ 'tickets/a.mdx': runbookSource({ id: 'tickets-a' }), 'tickets/b.mdx': runbookSource({ id: 'tickets-a' }) })).toEqual([
      'tickets/b.mdx:4:7 schema/duplicate Duplicate runbook id "tickets-a": already used by src/content/docs/runbooks/tickets/a.mdx',
    ]);
  });

  it('reports an alias that repeats another runbook id or alias (ids and aliases share one namespace)', async () => {
    expect(
      await problemsOf({
        'tickets/a.mdx': runbookSource({ id: 'tickets-a', extra: '  aliases: [RB-1]\n' }),
        'tickets/b.mdx': runbookSource({ id: 'tickets-b', extra: '  aliases: [rb-1, tickets-a]\n' }),
      }),
    ).toEqual([
      'tickets/b.mdx:8:13 schema/duplicate Duplicate alias "rb-1": already used by src/content/docs/runbooks/tickets/a.mdx',
      'tickets/b.mdx:8:19 schema/duplicate Duplicate alias "tickets-a": already used by src/content/docs/runbooks/tickets/a.mdx',
    ]);
  });

  it('reports an alert name used by two runbooks of one service', async () => {
    expect(
      await problemsOf({
        'tickets/a.mdx': runbookSource({ id: 'tickets-a', extra: '  alerts:\n    - name: HighLatency\n' }),
        'tickets/b.mdx': runbookSource({ id: 'tickets-b', extra: '  alerts:\n    - name: HighLatency\n' }),
      }),
    ).toEqual([
      'tickets/b.mdx:9:13 schema/duplicate Duplicate alert name "HighLatency" in service tickets: already used by src/content/docs/runbooks/tickets/a.mdx',
    ]);
  });

  it('accepts one alert name in runbooks of different services (the alert page offers the choice)', async () => {
    const root = makeProject({
      runbooks: {
        'tickets/a.mdx': runbookSource({ id: 'tickets-a', extra: '  alerts:\n    - name: KubePodCrashLooping\n' }),
        'payments/b.mdx': runbookSource({ id: 'payments-b', service: 'payments', extra: '  alerts:\n    - name: KubePodCrashLooping\n' }),
      },
      services: { tickets: SERVICE_YAML, payments: SERVICE_YAML.replace('name: Tickets', 'name: Payments') },
    });
    const project = await loadProject({ root, config: { now: '2026-11-24' } });
    expect(allProblems(project)).toEqual([]);
    // `runbook show KubePodCrashLooping` must not pick one of them silently.
    expect(resolveRunbook(project, 'kubepodcrashlooping')).toEqual({ ambiguous: true, suggestions: ['payments-b (payments)', 'tickets-a (tickets)'] });
    expect(resolveRunbook(project, 'tickets-a').runbook?.meta?.id).toBe('tickets-a');
  });

  it('accepts the same alert in runbooks of two services (two clusters, two teams: FORMAT)', async () => {
    const root = makeProject({
      runbooks: {
        'tickets/a.mdx': runbookSource({ id: 'tickets-a', extra: '  alerts:\n    - name: HighLatency\n' }),
        'shop/b.mdx': runbookSource({ id: 'shop-b', service: 'shop', extra: '  alerts:\n    - name: HighLatency\n' }),
      },
      services: { tickets: SERVICE_YAML, shop: SERVICE_YAML.replace('Tickets', 'Shop') },
    });
    expect(allProblems(await loadProject({ root, config: { now: '2026-11-24' } }))).toEqual([]);
  });

  it('reports dangling service and related references with suggestions', async () => {
    expect(await problemsOf({ 'tickets/a.mdx': runbookSource({ id: 'tickets-a', service: 'tickts', extra: '  related: [tickets-aa]\n' }) })).toEqual([
      'tickets/a.mdx:5:12 schema/reference Unknown service "tickts"; did you mean "tickets"?',
      'tickets/a.mdx:5:12 schema/reference The file is in src/content/docs/runbooks/tickets/ but its service is "tickts"',
      'tickets/a.mdx:8:13 schema/reference Unknown related runbook "tickets-aa"; did you mean "tickets-a"?',
    ]);
  });

  it('requires the runbook block on pages under the runbooks folder', async () => {
    expect(await problemsOf({ 'tickets/a.mdx': '---\ntitle: Just a page\n---\n\nText.\n' })).toEqual([
      'tickets/a.mdx:2:1 schema/frontmatter Missing required key "runbook": pages under src/content/docs/runbooks/ are runbooks and need the runbook block',
    ]);
  });

  it('validates service files with positions', async () => {
    const root = makeProject({
      runbooks: {},
      services: { tickets: 'name: Tickets\nowner: t\nescalation:\n  - who: Me\n    when: now\n    contact: "+1 415 867 5309"\n' },
    });
    expect((await loadProject({ root })).problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.message}`)).toEqual([
      'src/content/services/tickets.yaml:6:14 escalation.0.contact: Looks like a real phone number: use a placeholder (a pager schedule, a channel, or +1-555-0100) (found "+1 415 867 5309")',
    ]);
  });
});

describe('staleness', () => {
  it('is fresh until lastReviewed + reviewEvery, due soon within the window, stale after', async () => {
    const every = 90 * 1440;
    expect(staleness('2026-01-01', every, '2026-03-01')).toEqual({ stale: false, dueSoon: false, dueOn: '2026-04-01', daysLeft: 31 });
    expect(staleness('2026-01-01', every, '2026-03-20')).toEqual({ stale: false, dueSoon: true, dueOn: '2026-04-01', daysLeft: 12 });
    expect(staleness('2026-01-01', every, '2026-04-01')).toEqual({ stale: false, dueSoon: true, dueOn: '2026-04-01', daysLeft: 0 });
    expect(staleness('2026-01-01', every, '2026-04-02')).toEqual({ stale: true, dueSoon: false, dueOn: '2026-04-01', daysLeft: -1 });
  });

  it('treats a runbook never reviewed as stale', async () => {
    expect(staleness(undefined, 1440, '2026-01-01')).toEqual({ stale: true, dueSoon: false });
  });

  it('uses the runbook reviewEvery, else the config default', async () => {
    const root = makeProject({
      runbooks: {
        'tickets/a.mdx': runbookSource({ id: 'tickets-a', extra: '  reviewEvery: 10d\n' }),
        'tickets/b.mdx': runbookSource({ id: 'tickets-b' }),
      },
      config: 'reviewEvery: 30d\n',
    });
    const project = await loadProject({ root, config: { now: '2026-11-20' } });
    expect(project.runbooks.map((runbook) => stalenessOf(project, runbook).dueOn)).toEqual(['2026-11-11', '2026-12-01']);
    expect(project.runbooks.map((runbook) => stalenessOf(project, runbook).stale)).toEqual([true, false]);
  });
});
