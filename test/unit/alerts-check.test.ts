// runbook alerts check: a table of rule files against a project of runbooks, one case per problem kind,
// templated runbook_url links, multi-document files and PrometheusRule manifests, broken YAML; the CLI's
// formats (JSON shape, SARIF against the 2.1.0 schema, GitHub annotations) and exit codes.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import { checkAlerts, type CheckResult } from '../../src/lib/alerts/check.ts';
import { readRuleFiles } from '../../src/lib/alerts/rule-files.ts';
import { expandTemplate, UNKNOWN_MARK } from '../../src/lib/alerts/templates.ts';
import { loadProject } from '../../src/lib/project.ts';
import { runCli } from '../helpers/cli.ts';
import { makeProject, runbookSource, SERVICE_YAML } from '../helpers/project.ts';

const SITE = 'https://runbooks.example.com';

const podCrash = runbookSource({
  id: 'tickets-pod-crash',
  extra:
    '  aliases: [RB-001]\n  alerts:\n    - name: PodCrashLooping\n  variables:\n    pod:\n      description: The pod\n      example: api-1\n      fromLabel: pod\n    token:\n      description: A token\n      example: x\n      secret: true\n      fromLabel: token\n',
  body: '## Symptoms\n\nRestarts.\n\n## Investigation\n\n### Logs\n\n```bash\nkubectl logs <pod> --token <token>\n```\n',
});
const diskFull = runbookSource({ id: 'tickets-disk-full', extra: '  aliases: [DiskAlmostFull]\n' });
const latency = runbookSource({ id: 'tickets-latency', extra: '  alerts:\n    - name: LatencyHigh\n' });
const shared = (service: string, namespace: string) =>
  runbookSource({
    id: `${service}-kube-crash`,
    service,
    extra: `  alerts:\n    - name: KubePodCrashLooping\n      expr: increase(kube_pod_container_status_restarts_total{namespace="${namespace}"}[5m]) > 0\n`,
  });

function project(): string {
  return makeProject({
    runbooks: {
      'tickets/pod-crash.mdx': podCrash,
      'tickets/disk-full.mdx': diskFull,
      'tickets/latency.mdx': latency,
      'tickets/kube-crash.mdx': shared('tickets', 'tickets-prod'),
      'shop/kube-crash.mdx': shared('shop', 'shop-prod'),
    },
    services: { tickets: SERVICE_YAML, shop: SERVICE_YAML.replace('name: Tickets', 'name: Shop') },
  });
}

async function check(rules: Record<string, string>, siteUrl: string | null = SITE): Promise<CheckResult> {
  const root = project();
  for (const [file, text] of Object.entries(rules)) {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  return checkAlerts(await loadProject({ root, frontmatterOnly: true }), readRuleFiles(root, Object.keys(rules)), { siteUrl: siteUrl ?? undefined });
}

/** Problems of the rule files, one line each: `line:column rule message`. */
const ruleProblems = (result: CheckResult) =>
  result.problems
    .filter((problem) => problem.file.startsWith('rules'))
    .map((problem) => `${problem.line}:${problem.column} ${problem.rule} ${problem.message}`);

/** A rule file of one group with these rules (each a YAML block without its leading `- `). */
const ruleFile = (...rules: string[]) =>
  `groups:\n  - name: test\n    rules:\n${rules.map((rule) => `      - ${rule.trim().replace(/\n/g, '\n        ')}`).join('\n')}\n`;

describe('alerts check: one case per problem kind', () => {
  const cases: { name: string; rule: string; runbook: string | null; problems: string[] }[] = [
    {
      name: 'a rule whose alert has a runbook and a runbook_url to it: no problem',
      rule: `alert: PodCrashLooping\nexpr: up == 0\nannotations:\n  runbook_url: ${SITE}/alerts/PodCrashLooping/?pod={{ $labels.pod }}`,
      runbook: 'tickets-pod-crash',
      problems: [],
    },
    {
      name: 'missing-runbook (error), with the closest declared names',
      rule: 'alert: PodCrashLoopin\nexpr: up == 0',
      runbook: null,
      problems: ['4:16 missing-runbook No runbook declares the alert "PodCrashLoopin"'],
    },
    {
      name: 'broken-runbook-url (error): the site, but no page',
      rule: `alert: LatencyHigh\nexpr: up == 0\nannotations:\n  runbook_url: ${SITE}/runbooks/tickets/no-such-page/`,
      runbook: 'tickets-latency',
      problems: [`7:24 broken-runbook-url runbook_url ${SITE}/runbooks/tickets/no-such-page/ is broken: no page of this site has that address`],
    },
    {
      name: 'broken-runbook-url (error): an /alerts/ page no runbook declares',
      rule: `alert: LatencyHigh\nexpr: up == 0\nannotations:\n  runbook_url: ${SITE}/alerts/LatencyTooHigh/`,
      runbook: 'tickets-latency',
      problems: [`7:24 broken-runbook-url runbook_url ${SITE}/alerts/LatencyTooHigh/ is broken: no runbook declares the alert "LatencyTooHigh"`],
    },
    {
      name: 'broken-runbook-url (error): a /r/ address of no runbook',
      rule: 'alert: LatencyHigh\nexpr: up == 0\nannotations:\n  runbook_url: /r/tickets-nope/',
      runbook: 'tickets-latency',
      problems: ['7:24 broken-runbook-url runbook_url /r/tickets-nope/ is broken: no runbook has the id or alias "tickets-nope"'],
    },
    {
      name: 'foreign-runbook-url (warning)',
      rule: 'alert: LatencyHigh\nexpr: up == 0\nannotations:\n  runbook_url: https://wiki.example.com/LatencyHigh',
      runbook: 'tickets-latency',
      problems: [`7:24 foreign-runbook-url runbook_url https://wiki.example.com/LatencyHigh points outside this site (${SITE})`],
    },
    {
      name: 'mismatched-runbook-url (warning): another runbook',
      rule: `alert: LatencyHigh\nexpr: up == 0\nannotations:\n  runbook_url: ${SITE}/r/RB-001/`,
      runbook: 'tickets-latency',
      problems: [`7:24 mismatched-runbook-url runbook_url ${SITE}/r/RB-001/ leads to tickets-pod-crash, but the alert's runbook is tickets-latency`],
    },
    {
      name: 'mismatched-runbook-url (warning): the alert name in the wrong case',
      rule: `alert: LatencyHigh\nexpr: up == 0\nannotations:\n  runbook_url: ${SITE}/alerts/latencyhigh/`,
      runbook: 'tickets-latency',
      problems: [
        `7:24 mismatched-runbook-url runbook_url ${SITE}/alerts/latencyhigh/ names the alert "latencyhigh"; its page is /alerts/LatencyHigh/ (paths are case-sensitive: the link only works through the not-found page)`,
      ],
    },
    {
      name: 'missing-runbook-url (warning): a runbook, no link',
      rule: 'alert: LatencyHigh\nexpr: up == 0',
      runbook: 'tickets-latency',
      problems: ['4:16 missing-runbook-url The alert "LatencyHigh" has a runbook but no runbook_url'],
    },
    {
      name: 'ambiguous-runbook (warning): runbooks of two services, labels that pick none',
      rule: `alert: KubePodCrashLooping\nexpr: kube_pod_container_status_restarts_total > 0\nannotations:\n  runbook_url: ${SITE}/alerts/KubePodCrashLooping/`,
      runbook: null,
      problems: [
        `4:16 ambiguous-runbook Runbooks of 2 services declare the alert "KubePodCrashLooping": shop-kube-crash (shop), tickets-kube-crash (tickets); the rule's labels pick none, so its link is the choice page ${SITE}/alerts/KubePodCrashLooping/`,
      ],
    },
    {
      name: "the rule's expression labels pick one runbook of a shared alert",
      rule: `alert: KubePodCrashLooping\nexpr: kube_pod_container_status_restarts_total{namespace="shop-prod"} > 0\nannotations:\n  runbook_url: ${SITE}/alerts/KubePodCrashLooping/`,
      runbook: 'shop-kube-crash',
      problems: [],
    },
    {
      name: "the rule's static labels pick one",
      rule: `alert: KubePodCrashLooping\nexpr: up == 0\nlabels:\n  namespace: tickets-prod\nannotations:\n  runbook_url: ${SITE}/alerts/KubePodCrashLooping/?service=tickets`,
      runbook: 'tickets-kube-crash',
      problems: [],
    },
    {
      name: '?service= in runbook_url picks one',
      rule: `alert: KubePodCrashLooping\nexpr: up == 0\nannotations:\n  runbook_url: ${SITE}/alerts/KubePodCrashLooping/?service=shop&pod={{ $labels.pod }}`,
      runbook: 'shop-kube-crash',
      problems: [],
    },
    {
      name: 'the alert name in another case, and a runbook alias as the alert name, find their runbook',
      rule: `alert: podcrashlooping\nexpr: up == 0\nannotations:\n  runbook_url: ${SITE}/alerts/PodCrashLooping/`,
      runbook: 'tickets-pod-crash',
      problems: [],
    },
    {
      name: 'an alias names the runbook',
      rule: `alert: DiskAlmostFull\nexpr: up == 0\nannotations:\n  runbook_url: ${SITE}/r/tickets-disk-full/`,
      runbook: 'tickets-disk-full',
      problems: [],
    },
  ];
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, testCase) => {
    const result = await check({ 'rules/rules.yaml': ruleFile(testCase.rule) });
    expect(result.alerts.map((alert) => alert.runbook)).toEqual([testCase.runbook]);
    expect(ruleProblems(result)).toEqual(testCase.problems);
  });

  it('unknown-alert (warning): a runbook alert that no given rule defines, at its name in the frontmatter', async () => {
    const result = await check({ 'rules/rules.yaml': ruleFile('alert: PodCrashLooping\nexpr: up == 0', 'alert: KubePodCrashLooping\nexpr: up == 0') });
    expect(
      result.otherProblems.map((problem) => `${problem.file} ${problem.line}:${problem.column} ${problem.rule} ${problem.severity} ${problem.message}`),
    ).toEqual([
      'src/content/docs/runbooks/tickets/latency.mdx 9:13 unknown-alert warn The runbook declares the alert "LatencyHigh", which no given rule file defines',
    ]);
  });

  it('hints: the closest alert names for a missing runbook, the stubs command, what --fix writes', async () => {
    const result = await check({ 'rules/rules.yaml': ruleFile('alert: PodCrashLoopin\nexpr: up == 0', 'alert: PodCrashLooping\nexpr: up == 0') });
    expect(result.problems.filter((problem) => problem.file === 'rules/rules.yaml').map((problem) => problem.hint)).toEqual([
      'Did you mean PodCrashLooping or KubePodCrashLooping? Otherwise write one: runbook alerts stubs rules/rules.yaml writes a skeleton to fill in.',
      `runbook alerts check --fix writes runbook_url: ${SITE}/alerts/PodCrashLooping/?pod={{ $labels.pod }}`,
    ]);
  });

  it('without a site address every absolute link is foreign, and a relative one is still checked', async () => {
    const result = await check(
      {
        'rules/rules.yaml': ruleFile(
          `alert: LatencyHigh\nexpr: up == 0\nannotations:\n  runbook_url: ${SITE}/alerts/LatencyHigh/`,
          'alert: PodCrashLooping\nexpr: up == 0\nannotations:\n  runbook_url: /alerts/Nope/',
        ),
      },
      null,
    );
    expect(ruleProblems(result)).toEqual([
      `7:24 foreign-runbook-url runbook_url ${SITE}/alerts/LatencyHigh/ points outside this site`,
      '11:24 broken-runbook-url runbook_url /alerts/Nope/ is broken: no runbook declares the alert "Nope"',
    ]);
  });
});

describe('alerts check: templated runbook_url', () => {
  const withUrl = (url: string, alert = 'LatencyHigh', labels = '') =>
    ruleFile(`alert: ${alert}\nexpr: up == 0\n${labels}annotations:\n  runbook_url: "${url}"`);
  const cases: [string, string, string[]][] = [
    ['{{ $labels.alertname }} is the alert', withUrl(`${SITE}/alerts/{{ $labels.alertname }}/`), []],
    ['{{ .Labels.alertname }} is the alert', withUrl(`${SITE}/alerts/{{ .Labels.alertname }}/`), []],
    ['{{- $labels.alertname -}} with trim markers', withUrl(`${SITE}/alerts/ {{- $labels.alertname -}} /`), []],
    ['{{ index $labels "alertname" }}', withUrl(`${SITE}/alerts/{{ index $labels \\"alertname\\" }}/`), []],
    ['a static label of the rule', withUrl(`${SITE}/alerts/{{ $labels.page }}/`, 'LatencyHigh', 'labels:\n  page: LatencyHigh\n'), []],
    [
      'piped through toLower: the page of another case',
      withUrl(`${SITE}/alerts/{{ $labels.alertname | toLower }}/`),
      [
        `7:24 mismatched-runbook-url runbook_url ${SITE}/alerts/{{ $labels.alertname | toLower }}/ names the alert "latencyhigh"; its page is /alerts/LatencyHigh/ (paths are case-sensitive: the link only works through the not-found page)`,
      ],
    ],
    ['a label known only when the alert fires, in the path: not judged', withUrl(`${SITE}/runbooks/{{ $labels.team }}/x/`), []],
    [
      'a label known only when the alert fires, in the query: the path is checked',
      withUrl(`${SITE}/runbooks/tickets/nope/?pod={{ $labels.pod }}`),
      [`7:24 broken-runbook-url runbook_url ${SITE}/runbooks/tickets/nope/?pod={{ $labels.pod }} is broken: no page of this site has that address`],
    ],
    [
      'the wrong alert through a template',
      withUrl(`${SITE}/alerts/{{ $labels.alertname }}/`, 'PodCrashLoopin'),
      [
        '4:16 missing-runbook No runbook declares the alert "PodCrashLoopin"',
        `7:24 broken-runbook-url runbook_url ${SITE}/alerts/{{ $labels.alertname }}/ is broken: no runbook declares the alert "PodCrashLoopin"`,
      ],
    ],
  ];
  it.each(cases)('%s', async (_name, rules, problems) => {
    expect(ruleProblems(await check({ 'rules/rules.yaml': rules }))).toEqual(problems);
  });

  it('expands what the rule decides and marks the rest', () => {
    expect(expandTemplate('{{ $labels.alertname }}/{{ .Labels.x | toUpper }}?{{ $value }}{{/* note */}}', { alertname: 'A', x: 'b' })).toEqual({
      text: `A/B?${UNKNOWN_MARK}`,
      unknown: ['{{ $value }}'],
    });
    expect(expandTemplate('{{ $labels.instance | urlquery }}', { instance: 'a b&c' }).text).toBe('a+b%26c');
    expect(expandTemplate('{{ printf "%s" $labels.x }}', { x: 'y' })).toEqual({ text: UNKNOWN_MARK, unknown: ['{{ printf "%s" $labels.x }}'] });
    expect(expandTemplate('a {{ "}}" }} b', {}).text).toBe('a }} b');
    expect(expandTemplate('unclosed {{ $labels.x', { x: 'y' }).text).toBe('unclosed {{ $labels.x');
  });
});

describe('alerts check: rule file shapes', () => {
  it('reads PrometheusRule manifests, several documents per file, Lists, and skips recording rules and other YAML', async () => {
    const manifest = `apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata:\n  name: a\nspec:\n  groups:\n  - name: g\n    rules:\n    - record: job:up:sum\n      expr: sum(up)\n    - alert: LatencyHigh\n      expr: up == 0\n`;
    const result = await check({
      'rules/a.yaml': `${manifest}---\n${ruleFile('alert: PodCrashLooping\nexpr: up == 0')}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: other\n`,
      'rules/list.yml': `apiVersion: v1\nkind: List\nitems:\n- ${manifest.replace(/\n(?!$)/g, '\n  ').replace('LatencyHigh', 'KubePodCrashLooping')}`,
      'rules/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\n',
    });
    expect(result.alerts.map((alert) => `${alert.file}:${alert.line} ${alert.alert}`)).toEqual([
      'rules/a.yaml:11 LatencyHigh',
      'rules/a.yaml:17 PodCrashLooping',
      'rules/list.yml:14 KubePodCrashLooping',
    ]);
  });

  it('reports broken YAML at its place and still checks the other files', async () => {
    const result = await check({
      'rules/broken.yaml': 'groups:\n  - name: x\n    rules:\n      - alert: A\n        expr: [up\n',
      'rules/good.yaml': ruleFile('alert: LatencyHigh\nexpr: up == 0'),
    });
    expect(result.alerts.map((alert) => alert.alert)).toEqual(['LatencyHigh']);
    const broken = result.problems.filter((problem) => problem.file === 'rules/broken.yaml');
    expect(broken.length).toBeGreaterThan(0);
    // The parser notices the unclosed [ where the file ends.
    expect(broken.map((problem) => `${problem.line}:${problem.column} ${problem.rule} ${problem.severity} ${problem.message}`)).toEqual([
      '6:1 yaml-syntax error Invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ]);
  });

  it('refuses an alias bomb and a duplicated key, and reports a rule without a name', async () => {
    const bomb = `a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\ngroups: [*e]\n`;
    const result = await check({
      'rules/bomb.yaml': bomb,
      'rules/duplicate.yaml': 'groups:\n  - name: g\n    rules:\n      - alert: A\n        alert: B\n',
      'rules/nameless.yaml': 'groups:\n  - name: g\n    rules:\n      - alert: 3\n        expr: up\n      - alert: ""\n',
    });
    expect(
      result.problems
        .filter((problem) => problem.file.startsWith('rules/'))
        .map((problem) => `${problem.file} ${problem.line}:${problem.column} ${problem.rule} ${problem.message.split(':')[0]}`),
    ).toEqual([
      'rules/bomb.yaml 1:1 yaml-syntax YAML expands to more than 100,000 values',
      'rules/duplicate.yaml 5:9 yaml-syntax Invalid YAML',
      'rules/nameless.yaml 4:16 invalid-rule "alert" must be the alert\'s name, found 3',
      'rules/nameless.yaml 6:16 invalid-rule "alert" must be the alert\'s name, found ""',
    ]);
  });
});

describe('runbook alerts check (CLI)', () => {
  const setup = () => {
    const root = project();
    mkdirSync(join(root, 'rules/nested'), { recursive: true });
    writeFileSync(
      join(root, 'rules/a.yaml'),
      ruleFile('alert: PodCrashLoopin\nexpr: up == 0', `alert: LatencyHigh\nexpr: up == 0\nannotations:\n  runbook_url: https://wiki.example.com/x`),
    );
    writeFileSync(
      join(root, 'rules/nested/b.yml'),
      ruleFile(`alert: PodCrashLooping\nexpr: up == 0\nannotations:\n  runbook_url: ${SITE}/alerts/PodCrashLooping/`),
    );
    writeFileSync(join(root, 'rules/nested/notes.txt'), 'not yaml');
    return root;
  };

  it('prints the JSON shape of the issue and exits 1 with an error', async () => {
    const root = setup();
    const { code, stdout } = await runCli(['alerts', 'check', 'rules', '--site-url', SITE, '--format', 'json'], root);
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(report.alerts).toEqual([
      {
        alert: 'PodCrashLoopin',
        file: 'rules/a.yaml',
        line: 4,
        runbook: null,
        runbookUrl: null,
        problems: [{ rule: 'missing-runbook', severity: 'error', message: 'No runbook declares the alert "PodCrashLoopin"' }],
      },
      {
        alert: 'LatencyHigh',
        file: 'rules/a.yaml',
        line: 6,
        runbook: 'tickets-latency',
        runbookUrl: 'https://wiki.example.com/x',
        problems: [{ rule: 'foreign-runbook-url', severity: 'warn', message: `runbook_url https://wiki.example.com/x points outside this site (${SITE})` }],
      },
      {
        alert: 'PodCrashLooping',
        file: 'rules/nested/b.yml',
        line: 4,
        runbook: 'tickets-pod-crash',
        runbookUrl: `${SITE}/alerts/PodCrashLooping/`,
        problems: [],
      },
    ]);
    expect(report.problems.map((problem: { rule: string; file: string }) => `${problem.rule} ${problem.file}`)).toEqual([
      'unknown-alert src/content/docs/runbooks/shop/kube-crash.mdx',
      'unknown-alert src/content/docs/runbooks/tickets/kube-crash.mdx',
    ]);
  });

  it('exits 0 with warnings only; pretty output names file, line and the summary', async () => {
    const root = project();
    mkdirSync(join(root, 'rules'));
    writeFileSync(join(root, 'rules/a.yaml'), ruleFile('alert: LatencyHigh\nexpr: up == 0'));
    const { code, stdout } = await runCli(['alerts', 'check', 'rules/a.yaml', '--site-url', SITE], root);
    expect(code).toBe(0);
    expect(stdout).toContain('rules/a.yaml\n  4:16     warn   The alert "LatencyHigh" has a runbook but no runbook_url  missing-runbook-url');
    expect(stdout).toContain('✔ 1 alerting rule in 1 rule file: 1 with a runbook, 0 without.\n  1 runbook_url can be written with --fix.\n');
  });

  it('writes SARIF 2.1.0 that validates against the schema, pointing at the rule file', async () => {
    const root = setup();
    const { code, stdout } = await runCli(['alerts', 'check', 'rules', '--site-url', SITE, '--format', 'sarif'], root);
    expect(code).toBe(1);
    const log = JSON.parse(stdout);
    expect(log.runs[0].tool.driver.name).toBe('runbook-alerts');
    expect(log.runs[0].results[0]).toMatchObject({
      ruleId: 'missing-runbook',
      level: 'error',
      locations: [{ physicalLocation: { artifactLocation: { uri: 'rules/a.yaml' }, region: { startLine: 4, startColumn: 16 } } }],
    });
    const schema = JSON.parse(readFileSync('node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json', 'utf8'));
    const validate = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false }).compile(schema);
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('writes GitHub annotations at the rule line', async () => {
    const root = setup();
    const { stdout } = await runCli(['alerts', 'check', 'rules', '--site-url', SITE, '--format', 'github'], root);
    expect(stdout.split('\n')[0]).toBe(
      '::error file=rules/a.yaml,line=4,col=16,endLine=4,endColumn=30,title=missing-runbook::No runbook declares the alert "PodCrashLoopin"%0ADid you mean PodCrashLooping or KubePodCrashLooping? Otherwise write one%3A runbook alerts stubs rules/a.yaml writes a skeleton to fill in.'.replace(
        '%3A',
        ':',
      ),
    );
  });

  it.each([
    ['no subcommand', ['alerts'], /runbook: expected a subcommand: check, stubs or sync/],
    ['no rule files', ['alerts', 'check'], /error: missing required argument 'rules'/],
    ['a path that does not exist', ['alerts', 'check', 'nope.yaml'], /runbook: no such file or folder "nope.yaml"/],
    [
      'YAML without any rule group',
      ['alerts', 'check', 'src/content/services'],
      /runbook: no alerting rules in "src\/content\/services": expected YAML with rule groups/,
    ],
    [
      'a site URL that is not one',
      ['alerts', 'check', 'rules', '--site-url', 'runbooks'],
      /--site-url: expected the site's address such as https:\/\/runbooks.example.com, got "runbooks"/,
    ],
    ['--fix without a site address', ['alerts', 'check', 'rules', '--fix'], /--fix needs the site's address/],
    ['an unknown format', ['alerts', 'check', 'rules', '--format', 'xml'], /argument 'xml' is invalid/],
  ])('exits 2 for %s', async (_name, args, message) => {
    const root = setup();
    const { code, stderr } = await runCli(args, root);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
