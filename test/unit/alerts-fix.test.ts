// runbook alerts check --fix: runbook_url written in place — only those lines change, byte for byte
// (comments, order, quoting, indentation, CRLF, a byte order mark), and a second --fix changes nothing.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyEdits, renderScalar, setKey } from '../../src/lib/yaml-edit.ts';
import { parseDocument, type YAMLMap } from 'yaml';
import { runCli } from '../helpers/cli.ts';
import { makeProject, runbookSource, SERVICE_YAML } from '../helpers/project.ts';

const SITE = 'https://runbooks.example.com';

/** Lines only in `before` and lines only in `after` (as multisets). */
export function changedLines(before: string, after: string): { removed: string[]; added: string[] } {
  const count = (lines: string[]) => lines.reduce((map, line) => map.set(line, (map.get(line) ?? 0) + 1), new Map<string, number>());
  const a = count(before.split('\n'));
  const b = count(after.split('\n'));
  const only = (x: Map<string, number>, y: Map<string, number>) => [...x].flatMap(([line, n]) => Array<string>(Math.max(0, n - (y.get(line) ?? 0))).fill(line));
  return { removed: only(a, b), added: only(b, a) };
}

function project(rules: string, file = 'rules.yaml'): string {
  const root = makeProject({
    runbooks: {
      'tickets/pod-crash.mdx': runbookSource({
        id: 'tickets-pod-crash',
        extra:
          '  alerts:\n    - name: PodCrashLooping\n    - name: PodNotReady\n  variables:\n    pod:\n      description: The pod\n      example: api-1\n      fromLabel: pod\n    pod-namespace:\n      description: Its namespace\n      example: prod\n      fromLabel: k8s.namespace\n    token:\n      description: A token\n      example: x\n      secret: true\n      fromLabel: token\n',
      }),
      'tickets/latency.mdx': runbookSource({ id: 'tickets-latency', extra: '  aliases: [LatencyTooHigh]\n  alerts:\n    - name: LatencyHigh\n' }),
      'tickets/shared.mdx': runbookSource({ id: 'tickets-shared', extra: '  alerts:\n    - name: Shared\n      expr: up{namespace="tickets"} == 0\n' }),
      'shop/shared.mdx': runbookSource({ id: 'shop-shared', service: 'shop', extra: '  alerts:\n    - name: Shared\n      expr: up{namespace="shop"} == 0\n' }),
    },
    services: { tickets: SERVICE_YAML, shop: SERVICE_YAML.replace('Tickets', 'Shop') },
    config: `site: ${SITE}\n`,
  });
  writeFileSync(join(root, file), rules);
  return root;
}

const RULES = `# Rules of the tickets team: comments stay.
groups:
  - name: tickets   # a trailing comment
    rules:
      # PodCrashLooping has no annotations yet: they are added after its name.
      - alert: PodCrashLooping
        expr: |
          increase(kube_pod_container_status_restarts_total[5m]) > 0
        for: 5m
        labels: {severity: critical}

      - alert: LatencyHigh
        expr: histogram_quantile(0.95, rate(x_bucket[5m])) > 0.8
        annotations:
          summary: 'p95 above 800 ms'
          runbook_url: "https://wiki.example.com/latency"   # the old wiki
          description: "kept as it is"

      - alert: Shared
        expr: up{namespace="shop"} == 0
        annotations: { summary: shop is down }

      - alert: PodNotReady
        annotations:
          runbook_url: >-
            https://wiki.example.com/not-ready
        expr: kube_pod_status_ready == 0

      - alert: LatencyTooHigh
        expr: up == 0
        annotations:
          description: the alias of a runbook
      - alert: Unanswered
        expr: up == 0
        annotations:
          runbook_url: https://wiki.example.com/unanswered
`;

describe('runbook alerts check --fix', () => {
  it('writes each runbook_url where it belongs and changes nothing else; a second --fix changes nothing', async () => {
    const root = project(RULES);
    const first = await runCli(['alerts', 'check', 'rules.yaml', '--fix'], root);
    expect(first.stdout).toContain('Fixed 5 runbook_urls in rules.yaml');
    const after = readFileSync(join(root, 'rules.yaml'), 'utf8');
    expect(after).toBe(
      RULES.replace(
        '      - alert: PodCrashLooping\n',
        `      - alert: PodCrashLooping\n        annotations:\n          runbook_url: ${SITE}/alerts/PodCrashLooping/?pod={{ $labels.pod }}&pod-namespace={{ index $labels "k8s.namespace" }}\n`,
      )
        .replace('runbook_url: "https://wiki.example.com/latency"   # the old wiki', `runbook_url: "${SITE}/alerts/LatencyHigh/"   # the old wiki`)
        .replace('annotations: { summary: shop is down }', `annotations: { summary: shop is down, runbook_url: "${SITE}/alerts/Shared/?service=shop" }`)
        .replace(
          'runbook_url: >-\n            https://wiki.example.com/not-ready\n',
          `runbook_url: ${SITE}/alerts/PodNotReady/?pod={{ $labels.pod }}&pod-namespace={{ index $labels "k8s.namespace" }}\n`,
        )
        .replace(
          '          description: the alias of a runbook\n',
          `          description: the alias of a runbook\n          runbook_url: ${SITE}/r/tickets-latency/\n`,
        ),
    );
    // The fixed file passes, apart from what --fix cannot decide (an alert without a runbook).
    expect(first.code).toBe(1);
    expect(first.stdout).toContain('No runbook declares the alert "Unanswered"');
    expect(first.stdout).not.toMatch(/mismatched-runbook-url|missing-runbook-url|broken-runbook-url|ambiguous-runbook/);

    const second = await runCli(['alerts', 'check', 'rules.yaml', '--fix', '--format', 'json'], root);
    expect(JSON.parse(second.stdout).fixed).toEqual({ written: [], skipped: [] });
    expect(readFileSync(join(root, 'rules.yaml'), 'utf8')).toBe(after);
  });

  it('keeps CRLF line endings and a byte order mark', async () => {
    const crlf = `\ufeffgroups:\r\n  - name: g\r\n    rules:\r\n      - alert: LatencyHigh\r\n        expr: up == 0\r\n`;
    const root = project(crlf);
    writeFileSync(join(root, 'rules.yaml'), crlf);
    await runCli(['alerts', 'check', 'rules.yaml', '--fix'], root);
    expect(readFileSync(join(root, 'rules.yaml'), 'utf8')).toBe(
      `\ufeffgroups:\r\n  - name: g\r\n    rules:\r\n      - alert: LatencyHigh\r\n        annotations:\r\n          runbook_url: ${SITE}/alerts/LatencyHigh/\r\n        expr: up == 0\r\n`,
    );
  });

  it('leaves a rule written through a YAML alias alone and says so', async () => {
    const rules =
      'groups:\n  - name: g\n    rules:\n      - &rule\n        alert: LatencyHigh\n        expr: up == 0\n  - name: h\n    rules:\n      - *rule\n';
    const root = project(rules);
    const { stdout } = await runCli(['alerts', 'check', 'rules.yaml', '--fix'], root);
    expect(stdout).toContain('Fixed 1 runbook_url in rules.yaml');
    expect(stdout).toContain('Not fixed: LatencyHigh in rules.yaml: the rule is written through a YAML alias (*name); edit its anchor by hand');
  });

  it('edits every document of a multi-document file in place', async () => {
    const rules = `kind: PrometheusRule\nspec:\n  groups:\n  - name: a\n    rules:\n    - alert: LatencyHigh\n      expr: up == 0\n      annotations:\n        runbook_url: https://old.example.com/x\n---\ngroups:\n- name: b\n  rules:\n  - alert: PodCrashLooping\n    annotations:\n      runbook_url: 'https://old.example.com/y'\n`;
    const root = project(rules);
    await runCli(['alerts', 'check', 'rules.yaml', '--fix'], root);
    const after = readFileSync(join(root, 'rules.yaml'), 'utf8');
    expect(changedLines(rules, after)).toEqual({
      removed: ['        runbook_url: https://old.example.com/x', "      runbook_url: 'https://old.example.com/y'"],
      added: [
        `        runbook_url: ${SITE}/alerts/LatencyHigh/`,
        `      runbook_url: '${SITE}/alerts/PodCrashLooping/?pod={{ $labels.pod }}&pod-namespace={{ index $labels "k8s.namespace" }}'`,
      ],
    });
  });
});

describe('yaml-edit', () => {
  const edit = (text: string, path: (string | number)[], key: string, value: string | Record<string, string>) => {
    const document = parseDocument(text);
    const map = (path.length ? document.getIn(path, true) : document.contents) as YAMLMap<unknown, unknown>;
    return applyEdits(text, [setKey(text, map, key, value)]);
  };

  it.each([
    ['replaces a plain value', 'a: 1\nb: old # c\n', [], 'b', 'new', 'a: 1\nb: new # c\n'],
    ['keeps single quotes', "b: 'old'\n", [], 'b', "it's", "b: 'it''s'\n"],
    ['quotes what plain YAML would read otherwise', 'b: x\n', [], 'b', 'yes: no', 'b: "yes: no"\n'],
    ['quotes a YAML 1.1 boolean', 'b: x\n', [], 'b', 'on', 'b: "on"\n'],
    ['adds a key in sorted place', 'a: 1\nc: 3\n', [], 'b', 'two', 'a: 1\nb: two\nc: 3\n'],
    ['adds a key last when the keys are not sorted', 'c: 3\na: 1\n', [], 'b', 'two', 'c: 3\na: 1\nb: two\n'],
    ['adds to a file without a final newline', 'a: 1', [], 'b', 'two', 'a: 1\nb: two'],
    ['quotes a string that would read as a number', 'a: 1\n', [], 'b', '2', 'a: 1\nb: "2"\n'],
    ['writes several lines as a literal block', 'x:\n  a: 1\n', ['x'], 'expr', 'up\n  == 0', 'x:\n  a: 1\n  expr: |-\n    up\n      == 0\n'],
    [
      'writes a nested map at the indentation of its siblings',
      '- alert: A\n  expr: up\n',
      [0],
      'annotations',
      { runbook_url: 'u' },
      '- alert: A\n  annotations:\n    runbook_url: u\n  expr: up\n',
    ],
    ['adds to a flow map', 'l: {a: b}\n', ['l'], 'c', 'd', 'l: {a: b, c: d}\n'],
    ['quotes in a flow map what would end it', 'l: {a: b}\n', ['l'], 'c', 'x, y: {z}', 'l: {a: b, c: "x, y: {z}"}\n'],
  ] as const)('%s', (_name, text, path, key, value, expected) => {
    expect(edit(text, [...path], key, value as string)).toBe(expected);
    expect(parseDocument(expected).errors).toEqual([]);
  });

  it('renders a first line that starts with a space with an indentation indicator', () => {
    expect(renderScalar('  a\nb\n', { indent: 0 })).toBe('|2\n    a\n  b');
    expect(parseDocument(`k: ${renderScalar('  a\nb\n', { indent: 0 })}\n`).toJS()).toEqual({ k: '  a\nb\n' });
  });
});

describe('kube-prometheus manifests', () => {
  it('only runbook_url lines differ after --fix, and a second --fix changes nothing', async () => {
    const fixture = join(import.meta.dirname, '../fixtures/alerts/kube-prometheus');
    const root = makeProject({ services: {}, config: `site: ${SITE}\n` });
    expect((await runCli(['import', join(fixture, 'runbooks')], root)).code).toBe(0);
    mkdirSync(join(root, 'rules'));
    const files = ['alertmanager-prometheusRule.yaml', 'kubeStateMetrics-prometheusRule.yaml', 'kubernetesControlPlane-prometheusRule.yaml'];
    for (const file of files) writeFileSync(join(root, 'rules', file), readFileSync(join(fixture, 'rules', file)));
    await runCli(['alerts', 'check', 'rules', '--fix'], root);
    let changed = 0;
    for (const file of files) {
      const before = readFileSync(join(fixture, 'rules', file), 'utf8');
      const after = readFileSync(join(root, 'rules', file), 'utf8');
      expect(after.split('\n').length).toBe(before.split('\n').length);
      const lines = changedLines(before, after);
      for (const line of [...lines.removed, ...lines.added]) expect(line).toMatch(/^ {8}runbook_url: https:\/\//);
      for (const line of lines.added) expect(line).toMatch(new RegExp(`^ {8}runbook_url: ${SITE}/alerts/[A-Za-z]+/$`));
      changed += lines.added.length;
    }
    // Every rule whose alert has a page in prometheus-operator/runbooks: 26 rules of 25 alerts.
    expect(changed).toBe(26);
    const snapshot = files.map((file) => readFileSync(join(root, 'rules', file), 'utf8'));
    await runCli(['alerts', 'check', 'rules', '--fix'], root);
    expect(files.map((file) => readFileSync(join(root, 'rules', file), 'utf8'))).toEqual(snapshot);
  });
});
