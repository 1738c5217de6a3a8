// The acceptance on real material, trimmed (test/fixtures/alerts/kube-prometheus/README.md): kube-prometheus's
// PrometheusRule manifests against the runbooks of prometheus-operator/runbooks, imported with `runbook import`.
// Every alert that has a page there resolves to its runbook; every other is missing-runbook.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { makeProject } from '../helpers/project.ts';

const FIXTURE = join(import.meta.dirname, '../fixtures/alerts/kube-prometheus');

interface JsonAlert {
  alert: string;
  runbook: string | null;
  problems: { rule: string }[];
}

describe('kube-prometheus rules against prometheus-operator/runbooks', () => {
  it('resolves every alert with a page and reports every other as missing-runbook', async () => {
    const root = makeProject({ services: {} });
    const imported = await runCli(['import', join(FIXTURE, 'runbooks'), '--json'], root);
    expect(imported.code).toBe(0);
    const { code, stdout } = await runCli(['alerts', 'check', join(FIXTURE, 'rules'), '--format', 'json', '--site-url', 'https://runbooks.example.com'], root);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as { alerts: JsonAlert[]; problems: { rule: string; file: string }[] };
    const pages = new Set(
      readdirSync(join(FIXTURE, 'runbooks'), { recursive: true, encoding: 'utf8' })
        .filter((file) => file.endsWith('.md'))
        .map((file) => file.replace(/^.*\//, '').replace(/\.md$/, '')),
    );
    const missing = (alert: JsonAlert) => alert.problems.some((problem) => problem.rule === 'missing-runbook');
    for (const alert of report.alerts) {
      if (pages.has(alert.alert)) expect([alert.alert, alert.runbook === null, missing(alert)]).toEqual([alert.alert, false, false]);
      else expect([alert.alert, alert.runbook, missing(alert)]).toEqual([alert.alert, null, true]);
    }
    const names = (alerts: JsonAlert[]) => new Set(alerts.map((alert) => alert.alert)).size;
    // 30 alerting rules (the recording rules are not alerts) of 29 alert names; 4 names have no page.
    expect([report.alerts.length, names(report.alerts), names(report.alerts.filter((alert) => alert.runbook)), names(report.alerts.filter(missing))]).toEqual([
      30, 29, 25, 4,
    ]);
    expect(report.alerts.filter(missing).map((alert) => alert.alert)).toEqual([
      'AlertmanagerClusterFailedPeers',
      'KubeDeploymentRolloutStuck',
      'KubeJobNotCompleted',
      'KubePdbNotEnoughHealthyPods',
    ]);
    // The page of an alert these rules do not define.
    expect(report.problems.map((problem) => `${problem.rule} ${problem.file}`)).toEqual([
      'unknown-alert src/content/docs/runbooks/kubernetes/kube-node-not-ready.mdx',
    ]);
    // kube-prometheus links to runbooks.prometheus-operator.dev: elsewhere, for this site.
    expect(report.alerts.every((alert) => alert.problems.some((problem) => problem.rule === 'foreign-runbook-url'))).toBe(true);
  });
});
