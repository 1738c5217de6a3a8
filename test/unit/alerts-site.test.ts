// The site's alert pages: labels read from an alert's PromQL, the choice between runbooks of several
// services, and the suggestions of the 404 page for an alert without a runbook.
import { describe, expect, it } from 'vitest';
import { chooseRunbook, type AlertChoice } from '../../src/client/alert-choice.ts';
import { closestNames, closestTexts, osaDistance, words } from '../../src/lib/alert-suggest.ts';
import { alertLabels } from '../../src/lib/core/promql/labels.ts';

describe('alertLabels', () => {
  it('keeps the equality matchers every selector agrees on', () => {
    expect(
      alertLabels('sum(rate(http_requests_total{namespace="shop",code=~"5.."}[5m])) / sum(rate(http_requests_total{namespace="shop"}[5m])) > 0.01'),
    ).toEqual({ namespace: 'shop' });
    expect(alertLabels('up{job="api", "service.name"="checkout"} == 0')).toEqual({ job: 'api', 'service.name': 'checkout' });
  });

  it('drops labels the selectors disagree on, non-equality matchers, and everything of a broken query', () => {
    expect(alertLabels('sum(a{ns="1"}) / sum(b{ns="2"})')).toEqual({});
    expect(alertLabels('up{job!="x", env=~"prod"}')).toEqual({});
    expect(alertLabels('rate(x{ns="a"}[5m]')).toEqual({});
    expect(alertLabels('vector(1)')).toEqual({});
  });
});

describe('chooseRunbook', () => {
  const choices: AlertChoice[] = [
    { service: 'azora', serviceName: 'Azora platform', url: '/runbooks/azora/pods-crashing/', labels: { namespace: 'production', job: 'kube-state-metrics' } },
    {
      service: 'architect-api',
      serviceName: 'Architect Dashboard API',
      url: '/runbooks/architect-api/pods-not-starting/',
      labels: { namespace: 'architect-production', job: 'kube-state-metrics' },
    },
  ];
  const choose = (query: string) => chooseRunbook(choices, new URLSearchParams(query))?.service;

  it('takes ?service= (id or name, any case)', () => {
    expect(choose('service=architect-api')).toBe('architect-api');
    expect(choose('service=Azora%20platform')).toBe('azora');
  });

  it("takes the only runbook whose labels the link's labels agree with", () => {
    expect(choose('namespace=production&pod=api-1')).toBe('azora');
    expect(choose('namespace=architect-production')).toBe('architect-api');
  });

  it('lets the reader choose when the link does not tell them apart', () => {
    expect(choose('')).toBeUndefined();
    expect(choose('job=kube-state-metrics')).toBeUndefined(); // both agree
    expect(choose('namespace=staging')).toBeUndefined(); // none agrees
    expect(choose('service=payments')).toBeUndefined();
  });
});

describe('alert suggestions', () => {
  const alerts = ['PodCrashLooping', 'KubePodCrashLooping', 'LatencyP95Breaching', 'DatabaseReplicationLagHigh', 'ApiErrorRateCritical'];
  const names = (query: string) => closestNames(query, alerts, (name) => name).map((entry) => entry.item);

  it('counts a swap of two neighbours as one edit', () => {
    expect(osaDistance('looping', 'lopoing')).toBe(1);
    expect(osaDistance('abc', 'abc')).toBe(0);
    expect(osaDistance('', 'abc')).toBe(3);
    expect(words('KubePodCrashLooping')).toEqual(['kube', 'pod', 'crash', 'looping']);
    expect(words('HTTPErrorRate_p95')).toEqual(['http', 'error', 'rate', 'p95']);
  });

  it('finds names despite case, typos, a missing word or a swapped pair of letters', () => {
    expect(names('podcrashlooping')[0]).toBe('PodCrashLooping');
    expect(names('PodCrashLopoing')[0]).toBe('PodCrashLooping');
    expect(names('KubePodCrashLoop')[0]).toBe('KubePodCrashLooping');
    expect(names('DatabaseReplicationLag')).toEqual(['DatabaseReplicationLagHigh']);
    expect(names('LatencyP99Breaching')[0]).toBe('LatencyP95Breaching');
  });

  it('suggests nothing for an unrelated name', () => {
    expect(names('DiskFull')).toEqual([]);
  });

  it('finds runbooks by the words of the alert name', () => {
    const runbooks = [
      'High error rate (HTTP 500s) petforce-high-error-rate',
      'Disk almost full tickets-disk',
      'Database replication lag azora-database-replication-lag',
    ];
    expect(closestTexts('HighErrorRate', runbooks, (text) => text).map((entry) => entry.item)).toEqual([runbooks[0]]);
    expect(closestTexts('ReplicationLagging', runbooks, (text) => text).map((entry) => entry.item)).toEqual([runbooks[2]]);
  });
});
