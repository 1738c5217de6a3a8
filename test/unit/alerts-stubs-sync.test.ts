// runbook alerts stubs (a skeleton runbook for each alert without one) and runbook alerts sync (alert
// entries filled from the rules, only those values changed in the frontmatter).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runbookDuration } from '../../src/lib/alerts/prometheus-duration.ts';
import { runCli } from '../helpers/cli.ts';
import { makeProject, runbookSource } from '../helpers/project.ts';

const RULES = `groups:
  - name: tickets
    rules:
      - alert: QueueBacklogGrowing
        expr: |
          sum(kafka_consumergroup_lag{topic="orders"})
            > 1000
        for: 1h30m
        labels:
          severity: critical
          service: tickets
        annotations:
          summary: The order queue grows.
          description: Lag of {{ $labels.topic }} is {{ $value }}.
      - alert: DiskFilling
        expr: predict_linear(node_filesystem_free_bytes[6h], 4 * 3600) < 0
        labels:
          severity: page
      - alert: LatencyHigh
        expr: histogram_quantile(0.95, rate(x_bucket[5m])) > 0.8
        for: 15m
        labels:
          severity: warning
      - alert: LatencyHigh
        expr: histogram_quantile(0.95, rate(x_bucket[5m])) > 0.8
        for: 15m
        labels:
          severity: critical
`;

describe('runbook alerts stubs', () => {
  it('writes a skeleton per alert without a runbook that lints with only the review left to do', async () => {
    const root = makeProject({ runbooks: { 'tickets/latency.mdx': runbookSource({ id: 'tickets-latency', extra: '  alerts:\n    - name: LatencyHigh\n' }) } });
    writeFileSync(join(root, 'rules.yaml'), RULES);
    const dry = await runCli(['alerts', 'stubs', 'rules.yaml', '--dry-run', '--json'], root);
    expect(JSON.parse(dry.stdout).stubs).toEqual([
      {
        alert: 'QueueBacklogGrowing',
        source: 'rules.yaml',
        file: 'src/content/docs/runbooks/tickets/queue-backlog-growing.mdx',
        id: 'tickets-queue-backlog-growing',
        service: 'tickets',
        todo: [],
        status: 'would write',
      },
      {
        alert: 'DiskFilling',
        source: 'rules.yaml',
        todo: [],
        skipped: 'no service: pass --service <id>, or give the rule a service label naming one',
        status: 'skipped',
      },
    ]);
    expect(dry.code).toBe(1);
    expect(existsSync(join(root, 'src/content/docs/runbooks/tickets/queue-backlog-growing.mdx'))).toBe(false);

    const { code, stdout } = await runCli(['alerts', 'stubs', 'rules.yaml', '--service', 'tickets'], root);
    expect(code).toBe(0);
    expect(stdout).toBe(
      'Wrote 2 stubs:\n  src/content/docs/runbooks/tickets/queue-backlog-growing.mdx  QueueBacklogGrowing\n  src/content/docs/runbooks/tickets/disk-filling.mdx  DiskFilling  (todo: severity, description)\nNext: fill in each stub (its TODO lines), then run: npx runbook lint\n',
    );
    const stub = readFileSync(join(root, 'src/content/docs/runbooks/tickets/queue-backlog-growing.mdx'), 'utf8');
    expect(stub.split('\n---\n')[0]).toBe(
      [
        '---',
        'title: Queue Backlog Growing',
        'description: The order queue grows.',
        'runbook:',
        '  id: tickets-queue-backlog-growing',
        '  service: tickets',
        '  severity: critical',
        '  alerts:',
        '    - name: QueueBacklogGrowing',
        '      expr: |-',
        '        sum(kafka_consumergroup_lag{topic="orders"})',
        '          > 1000',
        '      for: 90m',
      ].join('\n'),
    );
    // The description's template braces are text on the page, not MDX expressions.
    expect(stub).toContain('## Meaning\n\nLag of \\{\\{ $labels.topic \\}\\} is \\{\\{ $value \\}\\}.');
    const lint = await runCli(['lint', '--format', 'json', '--now', '2026-11-24'], root);
    const rules = JSON.parse(lint.stdout)
      .filter((problem: { file: string }) => problem.file.includes('queue-backlog') || problem.file.includes('disk-filling'))
      .map((problem: { rule: string }) => problem.rule);
    expect([...new Set(rules)].sort()).toEqual(['import/todo', 'review/stale']);
    // Now every alert has a runbook; a second run writes nothing and replaces nothing.
    const again = await runCli(['alerts', 'stubs', 'rules.yaml', '--service', 'tickets'], root);
    expect([again.code, again.stdout]).toEqual([0, 'Every alert has a runbook: no stub to write.\n']);
  });

  it('refuses a service that does not exist', async () => {
    const root = makeProject({});
    writeFileSync(join(root, 'rules.yaml'), RULES);
    const { code, stderr } = await runCli(['alerts', 'stubs', 'rules.yaml', '--service', 'payments'], root);
    expect([code, stderr]).toEqual([2, 'runbook: --service: no service "payments" (known: tickets); add src/content/services/payments.yaml first\n']);
  });
});

describe('runbook alerts sync', () => {
  const latency = `---
title: Latency
runbook:
  id: tickets-latency
  service: tickets
  severity: medium
  alerts:
    # the p95 alert
    - name: LatencyHigh
      for: 5m   # was 5m
    - { name: QueueBacklogGrowing }
  todo: [severity]
  lastReviewed: 2026-11-01
---

## Symptoms

Slow.
`;

  it('fills expr and for of each alert entry, and the severity while it is a todo, changing nothing else', async () => {
    const root = makeProject({ runbooks: { 'tickets/latency.mdx': latency } });
    writeFileSync(join(root, 'rules.yaml'), RULES);
    const dry = await runCli(['alerts', 'sync', 'rules.yaml', '--dry-run'], root);
    expect(dry.stdout).toBe(
      [
        'src/content/docs/runbooks/tickets/latency.mdx (tickets-latency)',
        '  expr of LatencyHigh: set to histogram_quantile(0.95, rate(x_bucket[5m])) > 0.8',
        '  for of LatencyHigh: 5m → 15m',
        '  expr of QueueBacklogGrowing: set to sum(kafka_consumergroup_lag{topic="orders"}) …',
        '  for of QueueBacklogGrowing: set to 90m',
        '  severity: medium → critical',
        'Would sync 5 values in 1 runbook.',
        '',
      ].join('\n'),
    );
    expect(readFileSync(join(root, 'src/content/docs/runbooks/tickets/latency.mdx'), 'utf8')).toBe(latency);
    const { code } = await runCli(['alerts', 'sync', 'rules.yaml'], root);
    expect(code).toBe(0);
    expect(readFileSync(join(root, 'src/content/docs/runbooks/tickets/latency.mdx'), 'utf8')).toBe(
      latency
        .replace('  severity: medium\n', '  severity: critical\n')
        // The keys of the entry are not sorted: a new key goes last.
        .replace(
          '    - name: LatencyHigh\n      for: 5m   # was 5m\n',
          '    - name: LatencyHigh\n      for: 15m   # was 5m\n      expr: histogram_quantile(0.95, rate(x_bucket[5m])) > 0.8\n',
        )
        .replace(
          '    - { name: QueueBacklogGrowing }',
          '    - { name: QueueBacklogGrowing, expr: "sum(kafka_consumergroup_lag{topic=\\"orders\\"})\\n  > 1000", for: 90m }',
        ),
    );
    // In sync now: a second run changes nothing.
    const again = await runCli(['alerts', 'sync', 'rules.yaml'], root);
    expect(again.stdout).toBe('Every alert entry already matches its rule.\n');
  });

  it('leaves a value alone when the rules of an alert disagree, and says why', async () => {
    const root = makeProject({ runbooks: { 'tickets/latency.mdx': runbookSource({ id: 'tickets-latency', extra: '  alerts:\n    - name: LatencyHigh\n' }) } });
    writeFileSync(
      join(root, 'rules.yaml'),
      RULES.replace('for: 15m\n        labels:\n          severity: critical', 'for: 30m\n        labels:\n          severity: critical'),
    );
    const { stdout } = await runCli(['alerts', 'sync', 'rules.yaml', '--json'], root);
    expect(JSON.parse(stdout).runbooks).toEqual([
      {
        id: 'tickets-latency',
        file: 'src/content/docs/runbooks/tickets/latency.mdx',
        changes: [{ field: 'expr', alert: 'LatencyHigh', after: 'histogram_quantile(0.95, rate(x_bucket[5m])) > 0.8' }],
        notes: ['LatencyHigh: 2 rules define it with different for durations; left as it is'],
        written: true,
      },
    ]);
  });
});

describe('Prometheus durations', () => {
  it.each([
    ['5m', '5m'],
    ['1h30m', '90m'],
    ['90s', '90s'],
    ['2h', '2h'],
    ['0s', '0s'],
    ['1d', '1d'],
    ['1500ms', '2s'],
    ['soon', undefined],
  ])('%s → %s', (text, expected) => {
    expect(runbookDuration(text)).toBe(expected);
  });
});
