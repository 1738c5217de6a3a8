// The importer on the layouts and dialects of public runbook collections, with small fixtures written
// for these tests (in the shapes of prometheus-operator/runbooks, openshift/runbooks, kubevirt/monitoring
// and GitLab's runbooks; the few lines quoted from them are marked). Each case reads the output back
// with the model, as lint and the site will.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { importBatch, type BatchFile, type BatchOptions, type SourceOutcome } from '../../src/lib/import/batch.ts';
import { readSourceFile } from '../../src/lib/import/read-source.ts';
import { collectSources } from '../../src/lib/import/walk.ts';
import { parseRunbookLoaded } from '../../src/lib/model/parse.ts';
import type { Runbook } from '../../src/lib/model/types.ts';

function tree(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), 'import-batch-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

function importTree(files: Record<string, string | Buffer>, options: Partial<BatchOptions> = {}, args = ['.']) {
  const root = tree(files);
  const walk = collectSources(root, args);
  const result = importBatch(
    walk.sources.map((ref) => ({ ref, read: readSourceFile(ref.path) })),
    {
      services: new Map(),
      runbookUrl: (service) => `/runbooks/${service}/`,
      pageUrl: (service) => `/services/${service}/`,
      imageUrl: (service) => `/imported/${service}/`,
      ...options,
    },
  );
  const outcome = (source: string): SourceOutcome => {
    const found = result.outcomes.find((each) => each.source === source);
    if (!found) throw new Error(`no source ${source}; have ${result.outcomes.map((each) => each.source).join(', ')}`);
    return found;
  };
  const file = (source: string, kind: BatchFile['kind'] = 'runbook'): BatchFile => {
    const found = outcome(source).files.find((each) => each.kind === kind);
    if (!found)
      throw new Error(
        `${source} made no ${kind}: ${
          outcome(source).skipped ??
          outcome(source)
            .files.map((each) => each.kind)
            .join(', ')
        }`,
      );
    return found;
  };
  const model = (source: string, kind: BatchFile['kind'] = 'runbook'): Runbook => {
    const made = file(source, kind);
    const parsed = parseRunbookLoaded(`check/${made.path}`, made.content);
    expect(parsed.problems.map((problem) => `${problem.line}:${problem.column} ${problem.message}`)).toEqual([]);
    return parsed;
  };
  const messages = (source: string) => outcome(source).report.map((item) => `${item.level}: ${item.message}`);
  const body = (source: string, kind: BatchFile['kind'] = 'runbook') => file(source, kind).content.replace(/^---\n[\s\S]*?\n---\n\n?/, '');
  return { root, result, outcome, file, model, messages, body };
}

const sectionsOf = (runbook: Runbook) => runbook.sections.map((section) => `${section.name ?? '-'}: ${section.heading}`);

/** A page per alert, as prometheus-operator/runbooks and openshift/runbooks write them. */
const ALERT_PAGE = (heading: string, extra = '') => `# ${heading}

## Meaning

The alert fires when pods restart too often.

## Impact

Service degradation.

## Diagnosis

\`\`\`shell
kubectl -n $NAMESPACE describe pod $POD
\`\`\`

## Mitigation

Fix the application.
${extra}`;

describe('layout: a page per alert', () => {
  it('takes the alert from the file name, keeps every section in order and writes no second title', () => {
    const { model, messages, body } = importTree({
      'kubernetes/KubePodCrashLooping.md': `---\ntitle: Kube Pod Crash Looping\nweight: 20\n---\n\n${ALERT_PAGE('KubePodCrashLooping')}`,
    });
    const runbook = model('kubernetes/KubePodCrashLooping.md');
    expect(runbook.meta).toMatchObject({ id: 'kubernetes-kube-pod-crash-looping', service: 'kubernetes', alerts: [{ name: 'KubePodCrashLooping' }] });
    expect(runbook.title).toBe('Kube Pod Crash Looping');
    expect(runbook.data?.description).toBe('The alert fires when pods restart too often.');
    expect(sectionsOf(runbook)).toEqual(['symptoms: Meaning', 'impact: Impact', 'investigation: Diagnosis', 'resolution: Mitigation']);
    expect(body('kubernetes/KubePodCrashLooping.md')).not.toMatch(/^# /m);
    expect(messages('kubernetes/KubePodCrashLooping.md')).toContain('info: frontmatter (Hugo): title → title; left out (no meaning here): weight');
  });

  it('keeps a page whose step heading repeats in another section: renamed in a normal import, a TODO with --verbatim (the linter reports it)', () => {
    const twice = ALERT_PAGE('PodsRestarting', '\n### 2. Node failures\n\n```shell\nkubectl get nodes\n```\n').replace(
      '## Diagnosis\n',
      '## Diagnosis\n\n### 2. Node failures\n\n```shell\nkubectl describe node $NODE_NAME\n```\n',
    );
    const repaired = importTree({ 'alerts/PodsRestarting.md': twice });
    expect(repaired.body('alerts/PodsRestarting.md')).toContain('### 2. Node failures (Mitigation)');
    const verbatim = importTree({ 'alerts/PodsRestarting.md': twice }, { verbatim: true });
    expect(verbatim.outcome('alerts/PodsRestarting.md').skipped).toBeUndefined();
    expect(verbatim.body('alerts/PodsRestarting.md')).toContain('kubectl describe node $NODE_NAME');
    expect(verbatim.messages('alerts/PodsRestarting.md')).toContainEqual(
      expect.stringMatching(/^todo: \d+:1 Duplicate step id "2-node-failures": the heading "2\. Node failures" is used twice \[ids\/unique\]$/),
    );
  });

  it('spells the alert as the file does when the heading differs in case, and says so', () => {
    const { model, messages } = importTree({ 'apiserver/KubeAPIDown.md': ALERT_PAGE('KubeApiDown') });
    expect(model('apiserver/KubeAPIDown.md').meta?.alerts).toEqual([{ name: 'KubeAPIDown' }]);
    expect(messages('apiserver/KubeAPIDown.md')).toContain(
      'info: a page for the alert KubeAPIDown: the heading writes the alert "KubeApiDown"; its name is spelt as the file name: KubeAPIDown',
    );
  });

  it('reads acronyms and lowercase starts as alert names (CDIDataImportCronOutdated, etcdNoLeader)', () => {
    const { model } = importTree({
      'runbooks/CDIDataImportCronOutdated.md': ALERT_PAGE('CDIDataImportCronOutdated'),
      'etcd/etcdNoLeader.md': ALERT_PAGE('etcdNoLeader'),
    });
    expect(model('runbooks/CDIDataImportCronOutdated.md').meta).toMatchObject({
      id: expect.stringMatching(/-cdi-data-import-cron-outdated$/),
      alerts: [{ name: 'CDIDataImportCronOutdated' }],
    });
    expect(model('etcd/etcdNoLeader.md').meta).toMatchObject({ id: 'etcd-no-leader', alerts: [{ name: 'etcdNoLeader' }] });
  });

  it('takes the service from the operator folder (openshift: alerts/<operator>/<Alert>.md)', () => {
    const { model, result } = importTree({ 'alerts/cluster-dns-operator/CoreDNSErrorsHigh.md': ALERT_PAGE('CoreDNSErrorsHigh') });
    expect(model('alerts/cluster-dns-operator/CoreDNSErrorsHigh.md').meta).toMatchObject({
      service: 'cluster-dns-operator',
      todo: ['severity', 'owner', 'escalation', 'lastReviewed'],
    });
    expect(result.services.map(({ file }) => [file.path, parseYaml(file.content)])).toEqual([
      [
        'cluster-dns-operator.yaml',
        {
          name: 'Cluster DNS operator',
          owner: 'cluster-dns-operator-team',
          escalation: [
            {
              who: 'Cluster DNS operator on-call',
              when: 'immediately, for any alert of the service',
              contact: 'TODO: pager schedule or chat channel (placeholder)',
            },
          ],
          todo: ['owner', 'escalation'],
        },
      ],
    ]);
  });
});

describe('layout: free-form service documents (GitLab docs/<service>/)', () => {
  const PROCEDURE = `# Repacking tables

Repacking removes bloat without a long lock.

## Alerts

- \`PostgresTableBloat\` fires above 50% bloat.

## Troubleshooting

\`\`\`bash
sudo gitlab-psql -c "SELECT 1"
\`\`\`

## Background

Bloat is what UPDATE and DELETE leave behind.

## Fix

\`\`\`bash
sudo -u gitlab-psql pg_repack --table=notes gitlabhq_production
\`\`\`
`;

  it('is a runbook when it holds commands: sections renamed where they fit, the others kept in place, in order, and each reported', () => {
    const { model, messages } = importTree({ 'docs/patroni/pg_repack.md': PROCEDURE });
    const runbook = model('docs/patroni/pg_repack.md');
    expect(runbook.meta).toMatchObject({ id: 'patroni-pg-repack', service: 'patroni', todo: ['severity', 'owner', 'escalation', 'lastReviewed'] });
    expect(runbook.title).toBe('Repacking tables');
    // "Troubleshooting" is one of the model's names of Investigation (like "Diagnosis"): kept as written.
    expect(sectionsOf(runbook)).toEqual(['-: Alerts', 'investigation: Troubleshooting', '-: Background', 'resolution: Resolution']);
    expect(messages('docs/patroni/pg_repack.md')).toEqual(
      expect.arrayContaining([
        'info: a runbook: it holds commands',
        'info: section "Alerts" is not a runbook section; kept in place under its own heading',
        'info: section "Background" is not a runbook section; kept in place under its own heading',
        'info: section "Fix" renamed "Resolution"',
      ]),
    );
    // Nothing dropped: the Alerts section's text is there.
    expect(runbook.source).toContain('`PostgresTableBloat` fires above 50% bloat.');
  });

  it('is a reference page of its service when it has neither commands nor incident sections', () => {
    const { file, messages, result } = importTree({
      'docs/redis/README.md':
        '# Redis Service\n\n* [Dashboards](https://dashboards.example.com/redis)\n\n## Logging\n\n* [Redis logs](https://logs.example.com/redis)\n',
    });
    const page = file('docs/redis/README.md', 'page');
    expect(page.path).toBe('redis/redis-service.mdx');
    expect(parseYaml(page.content.split('---\n')[1])).toMatchObject({
      title: 'Redis Service',
      description: 'Dashboards.',
      importedFrom: { source: 'docs/redis/README.md' },
    });
    expect(page.content).toContain('\n## Logging\n');
    expect(messages('docs/redis/README.md')).toContain('info: a reference page of redis: no commands and no incident sections');
    // The service of a reference page is declared too, so its overview lists the page.
    expect(result.services.map(({ file: service }) => service.path)).toEqual(['redis.yaml']);
  });

  it('is a reference page when the alert page only says where it moved', () => {
    const { file, messages } = importTree({
      'alerts/monitoring/KubeAPIDown.md':
        '# KubeAPIDown\n\nThis alert has been moved to [alerts/apiserver/KubeAPIDown.md](https://example.com/alerts/apiserver/KubeAPIDown.md)\n',
    });
    expect(file('alerts/monitoring/KubeAPIDown.md', 'page').content).toContain('This alert has been moved to');
    expect(messages('alerts/monitoring/KubeAPIDown.md')).toContain('info: a reference page of monitoring: no commands and no incident sections');
  });

  it("stays the runbook of its alert when it points to another alert's page", () => {
    const { file } = importTree({ 'runbooks/node/NodeRAIDDiskFailure.md': '# NodeRAIDDiskFailure\n\nSee [Node RAID Degraded](./NodeRAIDDegraded.md)\n' });
    expect(file('runbooks/node/NodeRAIDDiskFailure.md', 'runbook').content).toContain('  alerts:\n    - name: NodeRAIDDiskFailure\n');
  });

  it('moves a command written on the fence line into its block, where the page shows it', () => {
    const { file, messages } = importTree({
      'docs/redis/slowlog.md':
        '# Slow log\n\n## Investigation\n\n```REDISCLI_AUTH=$(sudo grep ^pass /etc/redis.conf | cut -d\\" -f2) redis-cli\n127.0.0.1:6379> SLOWLOG GET 10\n```\n',
    });
    const runbook = file('docs/redis/slowlog.md', 'runbook');
    // As written: the `\"` of the source is kept (Markdown would unescape it in an info string).
    expect(runbook.content).toContain('\nREDISCLI_AUTH=$(sudo grep ^pass /etc/redis.conf | cut -d\\" -f2) redis-cli\n127.0.0.1:6379> SLOWLOG GET 10\n```');
    expect(runbook.content).not.toContain('```rediscli_auth');
    expect(messages('docs/redis/slowlog.md').join('\n')).toMatch(/the fence line held .*not a language: it is the block's first line now/);
  });

  it('still splits a document of many runbooks as the seeds are split', () => {
    const { outcome } = importTree({
      'docs/shop/RUNBOOKS.md':
        '# Shop\n\n### RB-001: Checkout Errors\n\n**Symptoms**: 502s\n\n**Steps**:\n\n1. **Check**\n   ```bash\n   kubectl get pods\n   ```\n\n### RB-002: Slow Search\n\n**Symptoms**: slow\n\n**Steps**:\n\n1. **Check**\n   ```bash\n   kubectl top pods\n   ```\n',
    });
    expect(outcome('docs/shop/RUNBOOKS.md').layout).toBe('collection');
    expect(
      outcome('docs/shop/RUNBOOKS.md')
        .files.filter((file) => file.kind === 'runbook')
        .map((file) => [file.path, file.id]),
    ).toEqual([
      ['shop/checkout-errors.mdx', 'shop-checkout-errors'],
      ['shop/slow-search.mdx', 'shop-slow-search'],
    ]);
  });

  it('skips what has nothing to import, with the reason', () => {
    const { outcome } = importTree({
      'content/node/_index.md': '---\ntitle: node\nbookCollapseSection: true\n---\n',
      'docs/gcs/README.md': '',
      'docs/x/only-headings.md': '# Title\n\n## Section\n',
    });
    expect(outcome('content/node/_index.md').skipped).toBe('no content besides its frontmatter (a section index page)');
    expect(outcome('docs/gcs/README.md').skipped).toBe('the file is empty');
    expect(outcome('docs/x/only-headings.md').skipped).toBe('only headings, no content to import');
  });
});

describe('frontmatter dialects', () => {
  const page = (frontmatter: string) =>
    `${frontmatter}\n# Restart the API\n\n## Resolution\n\n\`\`\`bash\nkubectl -n shop rollout restart deployment/api\n\`\`\`\n`;

  it.each([
    [
      'Hugo (YAML)',
      '---\ntitle: Restart the API\nweight: 10\ndraft: false\nbookHidden: true\ntags: [api, restart]\n---',
      { title: 'Restart the API', tags: ['api', 'restart'] },
      'frontmatter (Hugo): title → title, tags → tags; left out (no meaning here): weight, draft, bookHidden',
    ],
    [
      'Hugo (TOML)',
      '+++\ntitle = "Restart the API"\nweight = 10\ndescription = "When the API hangs."\nlastmod = 2024-05-01\n+++',
      { title: 'Restart the API', description: 'When the API hangs.' },
      'frontmatter (Hugo): title → title, description → description; left out (no meaning here): weight, lastmod',
    ],
    [
      'Jekyll',
      '---\nlayout: page\ntitle: Restart the API\npermalink: /runbooks/restart/\ncategories: [api]\n---',
      { title: 'Restart the API', tags: ['api'] },
      'frontmatter (Jekyll): title → title, categories → tags; left out (no meaning here): layout, permalink',
    ],
    [
      'MkDocs (Material)',
      '---\ntitle: Restart the API\nhide:\n  - toc\ntemplate: runbook.html\n---',
      { title: 'Restart the API' },
      'frontmatter (MkDocs): title → title; left out (no meaning here): hide, template',
    ],
    [
      'Docusaurus',
      '---\nid: restart-api\ntitle: Restart the API\nsidebar_position: 3\nslug: /restart\ntags: [api]\ndescription: When the API hangs.\n---',
      { title: 'Restart the API', description: 'When the API hangs.', tags: ['api'] },
      'frontmatter (Docusaurus): title → title, tags → tags, description → description; left out (no meaning here): id, sidebar_position, slug',
    ],
    [
      'GOV.UK tech-docs-template',
      '---\ntitle: Restart the API\nweight: 20\nlast_reviewed_on: 2024-03-11\nreview_in: 6 months\nowner_slack: "#platform-support"\n---',
      { title: 'Restart the API', lastReviewed: '2024-03-11', reviewEvery: { text: '180d' }, owner: '#platform-support' },
      'frontmatter (GOV.UK tech-docs): title → title, last_reviewed_on → lastReviewed 2024-03-11, review_in → reviewEvery 180d, owner_slack → owner #platform-support; left out (no meaning here): weight',
    ],
  ])('%s', (_name, frontmatter, expected, note) => {
    const { model, messages } = importTree({ 'api/restart.md': page(frontmatter) });
    const runbook = model('api/restart.md');
    const { title, description, ...meta } = expected as Record<string, unknown>;
    expect(runbook.title).toBe(title);
    if (description) expect(runbook.data?.description).toBe(description);
    expect(runbook.meta).toMatchObject(meta);
    expect(messages('api/restart.md')).toContain(`info: ${note}`);
    // A known owner is no longer provisional.
    if ((meta as { owner?: string }).owner) expect(runbook.meta?.todo).not.toContain('owner');
  });

  it('imports a file whose frontmatter does not parse, and says so', () => {
    const { model, messages } = importTree({ 'api/restart.md': page('---\ntitle: [unclosed\n---') });
    expect(model('api/restart.md').title).toBe('Restart the API');
    expect(messages('api/restart.md').find((message) => message.startsWith('todo: the YAML frontmatter could not be read'))).toBeDefined();
  });
});

describe('conversion to MDX that compiles and runs nothing', () => {
  it('turns HTML comments into MDX comments and converts or escapes raw HTML', () => {
    const source = `# DiskFull

<!-- MARKER: generated, do not edit -->

## Meaning

The disk is <b>full</b>.<br>See <a href="https://example.com/disk">the guide</a> and [this](javascript:alert(1)).

<details>
<summary>Expand</summary>

Hidden details.

</details>

<script>alert("x")</script>

<img src="data:image/png;base64,AAAA" onerror="alert(1)">

## Diagnosis

\`\`\`bash
df -h
\`\`\`
`;
    const { model, body, messages } = importTree({ 'node/DiskFull.md': source });
    const runbook = model('node/DiskFull.md');
    const text = body('node/DiskFull.md');
    expect(text).toContain('{/* MARKER: generated, do not edit */}');
    expect(text).toContain('The disk is **full**.<br />See [the guide](https://example.com/disk) and [this](#).');
    expect(text).toContain('**Expand**');
    expect(text).toContain('&lt;script>alert("x")&lt;/script>');
    expect(text).not.toMatch(/onerror|data:image|javascript:/);
    // Only comment expressions and a plain <br />: mdx/safety has nothing to say.
    expect(runbook.unsafeMdx).toEqual([]);
    expect(messages('node/DiskFull.md')).toEqual(
      expect.arrayContaining(['info: raw HTML <script> kept as visible text', 'info: a link to a javascript: URL was left out (its text is kept)']),
    );
  });

  it('never writes what mdx/safety refuses, whatever the source holds', () => {
    const hostile = `# Hostile

{process.getBuiltinModule('child_process').execSync('touch /tmp/pwned')}

export const x = 1

import fs from 'node:fs'

<iframe src="https://evil.example.com"></iframe>
<style>body { display: none }</style>
<img src="x.png" onerror="alert(1)">
<a href="javascript:alert(1)">click</a> <a href="vbscript:msgbox">vb</a>
<Aside title={process.exit()}>Spread {...props}</Aside>

[inline](javascript:alert(1)) [ref][evil] <javascript:alert(1)> ![pixel](data:image/gif;base64,R0lGOD)

[evil]: data:text/html,<script>alert(1)</script>

\`\`\`bash
echo "{code stays code}"
\`\`\`
`;
    const { model, body } = importTree({ 'web/Hostile.md': hostile });
    const runbook = model('web/Hostile.md');
    const text = body('web/Hostile.md');
    // No expression but comments, no ESM, no component, no event handler, no script URL.
    expect(runbook.unsafeMdx).toEqual([]);
    expect(text).not.toMatch(/javascript:|vbscript:|data:(text|image)|\son\w+=|<iframe|<style|<script|<img/i);
    expect(text).toContain('echo "{code stays code}"');
    expect(text).toContain('\\{process.getBuiltinModule');
  });

  it('converts Hugo ref links and hints, drops a heading that is only a template expression, keeps other template syntax as text', () => {
    const { model, body, messages } = importTree({
      'node/NodeClockSkewDetected.md': ALERT_PAGE('NodeClockSkewDetected'),
      'node/NodeClockNotSynchronising.md': `---\ntitle: Node Clock Not Synchronising\n---\n\n# {{ .Title }}\n\n## Meaning\n\nThe clock drifts on {{< param "cluster" >}}; <%= node_name %> is affected.\n\n{{< hint warning >}}\nDo not restart chronyd during a backup.\n{{< /hint >}}\n\n## Mitigation\n\nSee [Node Clock Skew Detected]({{< ref "./NodeClockSkewDetected.md" >}}) for mitigation steps.\n`,
    });
    const runbook = model('node/NodeClockNotSynchronising.md');
    const text = body('node/NodeClockNotSynchronising.md');
    expect(runbook.title).toBe('Node Clock Not Synchronising');
    expect(text).toMatch(/^import \{ Aside \} from '@astrojs\/starlight\/components';\n/);
    expect(text).toContain('<Aside type="caution">\nDo not restart chronyd during a backup.\n</Aside>'.replace(/\n/g, '\n\n'));
    expect(text).toContain('See [Node Clock Skew Detected](/runbooks/node/node-clock-skew-detected/) for mitigation steps.');
    expect(text).toContain('The clock drifts on \\{\\{&lt; param "cluster" >\\}\\}; &lt;%= node_name %> is affected.');
    expect(text).not.toContain('.Title');
    expect(messages('node/NodeClockNotSynchronising.md')).toEqual(
      expect.arrayContaining([
        'info: the heading `# {{ .Title }}` is only a template expression; left out (the title comes from the frontmatter)',
        'info: Hugo ref to "./NodeClockSkewDetected.md" converted to a link',
        'info: Hugo shortcode `{{< param "cluster" >}}` has no meaning here; kept as literal text',
        'info: ERB tag `<%= node_name %>` has no meaning here; kept as literal text',
      ]),
    );
  });

  it('rewrites relative links between imported files and copies images; a link to a file not imported is a TODO', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const { body, outcome, messages } = importTree(
      {
        'docs/redis/restart.md':
          '# Restart Redis\n\nSee [the survival guide](survival-guide.md#failover), [the patroni notes](../patroni/notes.md) and [the script](../../scripts/x.sh).\n\n![Dashboard](img/Dashboard.PNG)\n\n```bash\nsudo systemctl restart redis\n```\n',
        'docs/redis/survival-guide.md': '# Survival guide\n\nRead this first.\n',
        'docs/patroni/notes.md': '# Notes\n\nPatroni notes.\n',
        'docs/redis/img/Dashboard.PNG': png,
      },
      {},
      ['docs'],
    );
    const text = body('docs/redis/restart.md');
    expect(text).toContain('[the survival guide](/services/redis/survival-guide/#failover)');
    expect(text).toContain('[the patroni notes](/services/patroni/notes/)');
    expect(text).toContain('![Dashboard](/imported/redis/img/dashboard.png)');
    expect(outcome('docs/redis/restart.md').files.find((file) => file.kind === 'image')).toMatchObject({
      path: 'redis/img/dashboard.png',
      copyFrom: expect.stringMatching(/docs\/redis\/img\/Dashboard\.PNG$/),
    });
    expect(messages('docs/redis/restart.md')).toContain(
      'todo: a link to "../../scripts/x.sh" leads to a file that was not imported; it will not resolve on the site',
    );
  });

  it("a link to a service's overview page leads to the service's own page, where the site serves it", () => {
    const { body, file } = importTree(
      {
        'docs/redis/restart.md': '# Restart Redis\n\nSee [the overview](overview.md).\n\n```bash\nsudo systemctl restart redis\n```\n',
        'docs/redis/overview.md': '# Overview\n\nRedis keeps the sessions.\n',
      },
      {},
      ['docs'],
    );
    expect(file('docs/redis/overview.md', 'page').path).toBe('redis/overview.mdx');
    expect(body('docs/redis/restart.md')).toContain('[the overview](/services/redis/)');
  });
});

describe('commands: risk from the core, placeholders and environment', () => {
  const RUNBOOK = `# Drain a node

## Investigation

\`\`\`bash
kubectl get pods -n $NAMESPACE -o wide --field-selector spec.nodeName=\${NODE}
kubectl logs -f -n $NAMESPACE {{pod}}
\`\`\`

## Resolution

\`\`\`bash
export KUBECONFIG=~/.kube/prod
BACKUP_DIR=/var/backups/$(date +%F)
rm -rf /var/lib/app/cache
kubectl delete pod -n $NAMESPACE {{ $labels.pod }}
\`\`\`

\`\`\`bash
tar -czf $BACKUP_DIR/app.tgz /var/lib/app && ls $BACKUP_DIR
docker inspect -f '{{.State.Pid}}' app
kubectl exec -it -n $NAMESPACE {{pod}} -- sh
\`\`\`
`;

  it('marks risk, long-running and interactive, makes unset values placeholders and keeps set ones environment; never refuses a destructive file', () => {
    const { model, messages } = importTree({ 'ops/drain.md': RUNBOOK });
    const runbook = model('ops/drain.md');
    expect(runbook.blocks.map((block) => [block.attributes.risk, block.attributes.longRunning, block.attributes.interactive])).toEqual([
      ['read', true, false],
      ['destructive', false, false],
      ['read', false, true],
    ]);
    expect(runbook.blocks[0].code).toBe('kubectl get pods -n <namespace> -o wide --field-selector spec.nodeName=<node>\nkubectl logs -f -n <namespace> <pod>');
    expect(runbook.blocks[1].code).toContain('kubectl delete pod -n <namespace> <pod>');
    // A Go template of the command's own stays as written.
    expect(runbook.blocks[2].code).toContain("docker inspect -f '{{.State.Pid}}' app");
    expect(Object.keys(runbook.meta!.variables)).toEqual(['namespace', 'node', 'pod']);
    expect(runbook.meta!.variables.pod).toMatchObject({ fromLabel: 'pod' });
    // Set by the runbook in another block: environment, with where it comes from.
    expect(runbook.meta!.env).toEqual({ BACKUP_DIR: 'Set by another command of this runbook (BACKUP_DIR=...): run that one first, in the same shell' });
    expect(messages('ops/drain.md')).toContain('info: per-incident values written as placeholders: $NAMESPACE → <namespace>, $NODE → <node>');
  });
});

describe('provisional metadata (todo)', () => {
  it('maps a stated severity and reports the mapping; several or none stay provisional', () => {
    const { model, messages } = importTree({
      'ceph/CephOSDDown.md': ALERT_PAGE('CephOSDDown', '\n**Severity:** Error\n'),
      'ceph/CephNearFull.md': ALERT_PAGE('CephNearFull', '\n- **Severity:** Warning\n- **Severity:** Critical\n'),
    });
    expect(model('ceph/CephOSDDown.md').meta).toMatchObject({ severity: 'high', todo: ['owner', 'escalation', 'lastReviewed'] });
    expect(messages('ceph/CephOSDDown.md')).toContain('info: severity high from "Severity: Error"');
    expect(model('ceph/CephNearFull.md').meta).toMatchObject({ severity: 'medium', todo: ['severity', 'owner', 'escalation', 'lastReviewed'] });
    expect(messages('ceph/CephNearFull.md')).toContain(
      'todo: severity set to medium provisionally: the text gives several (Warning, Critical); set critical, high, medium or low, then remove "severity" from runbook.todo',
    );
  });

  it('marks a service guessed from a folder above the import provisional, and a stand-in description', () => {
    const { model, messages } = importTree({ 'monitoring/docs/runbooks/VMStuck.md': '# VMStuck\n\n## Diagnosis\n\n```bash\nvirtctl console vm\n```\n' }, {}, [
      'monitoring/docs/runbooks',
    ]);
    const runbook = model('monitoring/docs/runbooks/VMStuck.md');
    expect(runbook.meta).toMatchObject({ service: 'monitoring', todo: ['service', 'severity', 'owner', 'escalation', 'description', 'lastReviewed'] });
    expect(runbook.data?.description).toBe('VMStuck.');
    expect(messages('monitoring/docs/runbooks/VMStuck.md')).toContain(
      'todo: service "monitoring" taken from the folder monitoring/ (a guess); confirm it (--service sets it), then remove "service" from runbook.todo',
    );
  });

  it('lists only what the existing service file still marks provisional', () => {
    const { model } = importTree(
      { 'kubernetes/KubePodCrashLooping.md': ALERT_PAGE('KubePodCrashLooping', '\n**Severity:** Warning\n') },
      { services: new Map([['kubernetes', { todo: [] }]]) },
    );
    expect(model('kubernetes/KubePodCrashLooping.md').meta?.todo).toEqual(['lastReviewed']);
  });
});

describe('names: stable, unique, ASCII, short', () => {
  it('disambiguates a name wanted twice in a service by its folder, and gives the same names on every run', () => {
    const files = { 'storage/helpers/diagnosis.md': '# Diagnosis helper\n\nText.\n', 'storage/diagnosis.md': '# Diagnosis\n\nOther text.\n' };
    const first = importTree(files);
    expect([first.file('storage/helpers/diagnosis.md', 'page').path, first.file('storage/diagnosis.md', 'page').path]).toEqual([
      'storage/helpers-diagnosis.mdx',
      'storage/diagnosis.mdx',
    ]);
    const second = importTree(files);
    expect(second.result.outcomes.flatMap((outcome) => outcome.files.map((file) => file.content))).toEqual(
      first.result.outcomes.flatMap((outcome) => outcome.files.map((file) => file.content)),
    );
  });

  it('transliterates titles and keeps names and ids within 100 characters', () => {
    const long = `${'Very long title that goes on '.repeat(20)}end`;
    const { model, file } = importTree({
      'db/Überprüfung der Datenbank.md': '# Überprüfung der Datenbank\n\n```bash\npsql -c "SELECT 1"\n```\n',
      [`db/${'x'.repeat(90)}.md`]: `# ${long}\n\n\`\`\`bash\nuptime\n\`\`\`\n`,
    });
    expect(file('db/Überprüfung der Datenbank.md').path).toBe('db/uberprufung-der-datenbank.mdx');
    const made = file(`db/${'x'.repeat(90)}.md`);
    expect(made.path.length).toBeLessThanOrEqual(100);
    expect(made.id!.length).toBeLessThanOrEqual(100);
    expect(model(`db/${'x'.repeat(90)}.md`).title).toBe(long);
  });
});
