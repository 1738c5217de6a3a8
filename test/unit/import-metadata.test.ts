// Metadata as source documents write it: severities, durations, dates, alerts, heading ids.
import { describe, expect, it } from 'vitest';
import { forClause, mapAlert, mapDate, mapDuration, mapSeverity, parseRunbookHeading, titleSlug } from '../../src/lib/import/metadata.ts';
import { inferEnv, inferVariable } from '../../src/lib/import/variables.ts';

describe('mapSeverity', () => {
  it.each([
    ['Critical', 'critical'],
    ['P0', 'critical'],
    ['**P0 - Critical**', 'critical'],
    ['High', 'high'],
    ['P1', 'high'],
    ['Medium', 'medium'],
    ['P2', 'medium'],
    ['Warning', 'medium'],
    ['Low', 'low'],
    ['P3', 'low'],
    ['SEV-1', 'high'],
  ])('%s → %s', (label, severity) => expect(mapSeverity(label)).toBe(severity));

  it('is undefined for what names no severity', () => {
    expect(mapSeverity('Soon')).toBeUndefined();
    expect(mapSeverity('P99 latency')).toBeUndefined();
  });
});

describe('mapDuration', () => {
  it.each([
    ['5 minutes', '5m'],
    ['15 minutes', '15m'],
    ['15-30 minutes', '15-30m'],
    ['1-4 hours', '1-4h'],
    ['1 hour', '1h'],
    ['24 hours', '24h'],
    ['30 seconds', '30s'],
    ['10–20 min', '10-20m'],
    ['30 min - 2 hours', '30-120m'],
  ])('%s → %s', (text, value) => expect(mapDuration(text)).toEqual({ value }));

  it('writes an upper bound as a range and says so', () => {
    expect(mapDuration('< 5 minutes')).toEqual({ value: '0-5m', note: '"< 5 minutes" written as 0-5m' });
  });

  it('is undefined for what is not a duration', () => {
    expect(mapDuration('ASAP')).toBeUndefined();
    expect(mapDuration('30-15 minutes')).toBeUndefined();
  });

  it('reads the "for" clause of a threshold', () => {
    expect(forClause('p95 latency >800ms for 15 minutes')).toBe('15m');
    expect(forClause('Error rate >1% for 10 minutes')).toBe('10m');
    expect(forClause('error_rate > 5%')).toBeUndefined();
  });
});

describe('mapDate', () => {
  it.each([
    ['2026-02-02', '2026-02-02'],
    ['February 22, 2026', '2026-02-22'],
    ['22 February 2026', '2026-02-22'],
    ['Feb 3 2026', '2026-02-03'],
  ])('%s → %s', (text, date) => expect(mapDate(text)).toEqual({ date }));

  it('a month is not a review date', () => {
    expect(mapDate('November 2025')).toEqual({ monthOnly: 'November 2025' });
    expect(mapDate('February 2024')).toEqual({ monthOnly: 'February 2024' });
  });

  it('rejects what is not a date', () => {
    expect(mapDate('2026-02-30')).toBeUndefined();
    expect(mapDate('last week')).toBeUndefined();
  });
});

describe('mapAlert', () => {
  it('takes a machine name as a name', () => {
    expect(mapAlert('`LatencyP95Breaching`')).toEqual({ name: 'LatencyP95Breaching' });
    expect(mapAlert('"PodCrashLooping"')).toEqual({ name: 'PodCrashLooping' });
  });

  it('keeps prose and conditions as a condition, never as a name', () => {
    expect(mapAlert('Response Time P99 critical')).toEqual({ condition: 'Response Time P99 critical' });
    expect(mapAlert('`error_rate > 5%`')).toEqual({ condition: 'error_rate > 5%' });
    expect(mapAlert('Memory Usage > 85%')).toEqual({ condition: 'Memory Usage > 85%' });
  });
});

describe('parseRunbookHeading', () => {
  it.each([
    ['RB-001: Deployment Fails to Start', 'rb', 'Deployment Fails to Start', 'RB-001'],
    ['Playbook 1: High Response Time (P99 > 500ms)', 'playbook', 'High Response Time (P99 > 500ms)', 'Playbook 1'],
    ['P1: API Completely Down', 'priority', 'API Completely Down', 'P1'],
    ['1. Latency Breach (p95 > 800ms for 15min)', 'numbered', 'Latency Breach (p95 > 800ms for 15min)', '1. Latency Breach'],
    ['Scaling', 'plain', 'Scaling', undefined],
  ])('%s', (text, style, title, alias) => {
    const heading = parseRunbookHeading(text);
    expect(heading).toMatchObject({ style, title });
    expect(heading.alias).toBe(alias);
  });

  it('keeps the priority of a P heading for the severity', () => {
    expect(parseRunbookHeading('P2: High Error Rate (> 0.1%)').priority).toBe('P2');
  });

  it('makes kebab slugs without the parenthesised details', () => {
    expect(titleSlug('Latency Breach (p95 > 800ms for 15min)')).toBe('latency-breach');
    expect(titleSlug('Pods Crashing (CrashLoopBackOff)')).toBe('pods-crashing');
    expect(titleSlug('QueueBacklogGrowing')).toBe('queue-backlog-growing');
    expect(titleSlug('Auto-Scaling Not Triggering')).toBe('auto-scaling-not-triggering');
  });
});

describe('variables and environment', () => {
  it('infers what is safe to infer', () => {
    expect(inferVariable('pod-name')).toMatchObject({ example: 'api-7d9f8c6b5-x2k4q', inferred: true });
    expect(inferVariable('suspicious-ip')).toMatchObject({ description: 'Suspicious IP address', example: '203.0.113.10', inferred: true });
    expect(inferVariable('PREVIOUS_SHA')).toMatchObject({ example: '4f2a9c1', inferred: true });
  });

  it('leaves the example as TODO otherwise (the linter flags it)', () => {
    expect(inferVariable('package-name')).toEqual({ description: 'Package name', example: 'TODO', inferred: false });
    expect(inferEnv('SG_ID')).toEqual({ description: 'TODO: what $SG_ID holds and where to get it', inferred: false });
    expect(inferEnv('DATABASE_URL').inferred).toBe(true);
  });
});
