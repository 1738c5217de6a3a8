// The importer on each heading style it understands: the generated frontmatter and structure, as the
// model reads the generated MDX back.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importDocuments, type ImportedRunbook } from '../../src/lib/import/import.ts';
import { NoRunbooksError } from '../../src/lib/import/structure.ts';

function importText(text: string, service = 'shop') {
  const result = importDocuments([{ file: 'doc.md', text }], { service });
  expect(result.problems).toEqual([]);
  const byId = (id: string): ImportedRunbook => {
    const found = result.runbooks.find((runbook) => runbook.id === id);
    if (!found) throw new Error(`no runbook ${id}; have ${result.runbooks.map((runbook) => runbook.id).join(', ')}`);
    return found;
  };
  return { result, byId };
}

const sectionsOf = (runbook: ImportedRunbook) => runbook.model.sections.map((section) => section.name ?? section.heading);
const stepsOf = (runbook: ImportedRunbook) => runbook.model.steps.map((step) => `${step.section}: ${step.title}`);
const todos = (runbook: ImportedRunbook) => runbook.content.split('\n').filter((line) => line.startsWith('> **TODO (import):**'));

describe('### RB-001: style with labels (**Symptoms**:, **Severity**:, **Steps**:)', () => {
  const text = `# Shop runbooks

**Last Updated**: March 3, 2026

## Checkout

### RB-001: Checkout Returns Errors

**Symptoms**:
- Checkout answers 502
- Orders stay "pending"

**Severity**: Critical  
**Time to Resolve**: 10-20 minutes

**Steps**:

1. **Check the Pods**
   \`\`\`bash
   kubectl -n shop get pods -l app=checkout
   kubectl -n shop logs <pod-name> --tail=100
   \`\`\`

2. **Restart Checkout**
   \`\`\`bash
   kubectl -n shop rollout restart deployment/checkout
   \`\`\`

3. **Verify Recovery**
   \`\`\`bash
   curl -fsS https://shop.example.com/health
   \`\`\`

**Resolution**:
- Fix the release and redeploy
`;

  it('writes the frontmatter', () => {
    const runbook = importText(text).byId('shop-checkout-returns-errors');
    expect(runbook.name).toBe('checkout-returns-errors.mdx');
    expect(runbook.model.data?.title).toBe('Checkout Returns Errors');
    expect(runbook.model.data?.description).toBe('Checkout answers 502; Orders stay "pending".');
    expect(runbook.model.meta).toMatchObject({
      id: 'shop-checkout-returns-errors',
      aliases: ['RB-001'],
      service: 'shop',
      severity: 'critical',
      timeToResolve: { text: '10-20m', min: 10, max: 20 },
      lastReviewed: '2026-03-03',
      tags: ['checkout'],
      variables: { 'pod-name': { example: 'api-7d9f8c6b5-x2k4q' } },
    });
  });

  it('sorts the steps into investigation, resolution and verification, in their order', () => {
    const runbook = importText(text).byId('shop-checkout-returns-errors');
    expect(sectionsOf(runbook)).toEqual(['symptoms', 'investigation', 'resolution', 'verification']);
    expect(stepsOf(runbook)).toEqual(['investigation: Check the Pods', 'resolution: Restart Checkout', 'verification: Verify Recovery']);
    expect(runbook.model.blocks.map((block) => block.step)).toEqual(['check-the-pods', 'restart-checkout', 'verify-recovery']);
    // The resolution summary opens the Resolution section, before its steps.
    expect(runbook.content).toMatch(/## Resolution\n\n- Fix the release and redeploy\n\n### Restart Checkout/);
  });
});

describe('## Playbook 1: style, with MacRoman mojibake and prose in fences', () => {
  const garble = (text: string) => new TextDecoder('macintosh').decode(new TextEncoder().encode(text));
  const text = garble(`# Team playbooks

## 🔧 Playbook 1: Slow Search (P99 > 2s)

### 🎯 Recognition
- Alert: "Search P99 critical"
- Users say results take forever

### 📊 Impact
- Search page times out

### 🔍 Investigation Steps

**Step 1: Check the cluster (2 min)**
\`\`\`bash
curl -s http://search:9200/_cluster/health
\`\`\`

### ✅ Resolution

**If the Cluster Is Red:**
\`\`\`
1. Find the failed node → restart it:
   kubectl -n search delete pod <node-pod>
2. Wait for green (< 10 min)
\`\`\`

### 🛡️ Prevention
1. Alert on yellow
`);

  it('repairs the mojibake and drops decorative heading emoji', () => {
    const { result, byId } = importText(text, 'search');
    const runbook = byId('search-slow-search');
    expect(runbook.model.data?.title).toBe('Slow Search (P99 > 2s)');
    expect(runbook.model.meta?.aliases).toEqual(['Playbook 1']);
    expect(runbook.content).not.toMatch(/[üÔ‚]/);
    expect(runbook.content).not.toMatch(/🔧|🎯|📊|🔍|✅|🛡/);
    expect(runbook.content).toContain('Find the failed node → restart it:');
    expect(result.report.some((item) => /repaired \d+ mojibake sequences \(UTF-8 read as Mac OS Roman/.test(item.message))).toBe(true);
  });

  it('renames the sections and turns bold step lines and prose fences into steps and lists', () => {
    const runbook = importText(text, 'search').byId('search-slow-search');
    expect(sectionsOf(runbook)).toEqual(['symptoms', 'impact', 'investigation', 'resolution', 'prevention']);
    expect(stepsOf(runbook)).toEqual(['investigation: Check the cluster (2 min)', 'resolution: If the Cluster Is Red']);
    // The numbered prose became a Markdown list; the command inside it a bash block under its step.
    // The core finds the deletion destructive: the fence says so.
    expect(runbook.content).toContain(
      '1. Find the failed node → restart it:\n\n   ```bash risk="destructive"\n   kubectl -n search delete pod <node-pod>\n   ```\n\n2. Wait for green (&lt; 10 min)',
    );
    const command = runbook.model.blocks.find((block) => block.code.includes('delete pod'));
    expect(command).toMatchObject({ lang: 'bash', step: 'if-the-cluster-is-red', section: 'resolution' });
  });

  it('defaults the severity to medium with a TODO, and makes a prose alert a TODO, not a name', () => {
    const runbook = importText(text, 'search').byId('search-slow-search');
    expect(runbook.model.meta?.severity).toBe('medium');
    expect(runbook.model.meta?.alerts).toEqual([]);
    expect(todos(runbook).join('\n')).toMatch(/severity.*set to `medium`/);
    expect(todos(runbook).join('\n')).toContain('`Search P99 critical`');
    expect(runbook.model.meta?.variables['node-pod']).toEqual({ description: 'Node pod', example: 'TODO', type: 'string', secret: false });
  });
});

describe('### P1: style with **Response SLA**, and groups of runbooks without ids', () => {
  const text = `# Runbooks

## Incident Response

### P1: Payments Down

**Symptoms**: Every payment fails

**Response SLA**: 5 minutes

**Steps**:

1. **Declare Incident**
   \`\`\`
   Slack: @oncall PAYMENTS DOWN
   \`\`\`

2. **Check Provider**
   \`\`\`bash
   curl -I https://status.provider.example.com
   psql $DATABASE_URL -c "SELECT 1;"
   \`\`\`

## Common Tasks

### Rotate Keys

**Rotate**
\`\`\`bash
vault write -f transit/keys/payments/rotate
\`\`\`

### Message Template

\`\`\`
Payments are degraded. Next update in 30 minutes.
\`\`\`
`;

  it('maps P1 to high and the SLA to responseTime', () => {
    const runbook = importText(text, 'payments').byId('payments-payments-down');
    expect(runbook.model.meta).toMatchObject({ aliases: ['P1'], severity: 'high', responseTime: { text: '5m' }, tags: ['incident-response'] });
    expect(runbook.model.meta?.env).toEqual({ DATABASE_URL: expect.stringContaining('PostgreSQL') });
    // "Declare Incident" changes something: from there on the steps are resolution.
    expect(stepsOf(runbook)).toEqual(['resolution: Declare Incident', 'resolution: Check Provider']);
    expect(runbook.model.blocks[0]).toMatchObject({ lang: 'text', kind: 'snippet' });
  });

  it('takes the sub-sections of a task group with commands as runbooks, and a template as a page', () => {
    const { result, byId } = importText(text, 'payments');
    expect(result.runbooks.map((runbook) => runbook.id)).toEqual(['payments-payments-down', 'payments-rotate-keys']);
    expect(byId('payments-rotate-keys').model.meta?.aliases).toEqual([]);
    expect(result.pages.map((page) => page.name)).toEqual(['message-template.mdx']);
    expect(result.pages[0].content).toMatch(
      /^---\ntitle: Message Template\ndescription: .+\nimportedFrom:\n {2}source: doc.md\n {2}sha256: [0-9a-f]{64}\n---\n/,
    );
  });
});

describe('## 1. style with an Alert section, #### steps and links between runbooks', () => {
  const text = `# Operational Runbooks

## 1. Queue Lag (lag > 5min for 10min)

### Alert
**Name**: \`QueueLagHigh\`  
**Severity**: Warning  
**Threshold**: consumer lag > 5 minutes for 10 minutes

### Symptoms
- Orders confirmed late

### Investigation Steps

#### Step 1: Check Consumers
\`\`\`bash
kubectl -n shop get pods -l app=consumer
\`\`\`

### Resolution Actions

#### If deploy-correlated:
See [Rollback](#2-rollback)

## 2. Rollback

### When to Rollback
- Errors after a deploy

### Rollback Procedure

#### Option A: Helm
\`\`\`bash
helm rollback consumer -n shop
\`\`\`

### Post-Rollback
1. **Notify team**: rolled back
`;

  it('takes the alert name, threshold and "for" from the Alert section', () => {
    const runbook = importText(text).byId('shop-queue-lag');
    expect(runbook.model.meta).toMatchObject({
      aliases: ['1. Queue Lag'],
      severity: 'medium',
      alerts: [{ name: 'QueueLagHigh', for: { text: '10m' }, threshold: 'consumer lag > 5 minutes for 10 minutes' }],
      related: ['shop-rollback'],
    });
    expect(stepsOf(runbook)).toEqual(['investigation: Check Consumers', 'resolution: If deploy-correlated']);
    expect(runbook.content).toContain('See [Rollback](/runbooks/shop/rollback/)');
  });

  it('maps When to Rollback, Rollback Procedure and Post-Rollback to canonical sections', () => {
    const runbook = importText(text).byId('shop-rollback');
    expect(sectionsOf(runbook)).toEqual(['symptoms', 'resolution', 'post-incident']);
    expect(stepsOf(runbook)).toEqual(['resolution: Option A: Helm']);
    expect(todos(runbook).join('\n')).toMatch(/severity/);
  });
});

describe('### 1. style with **Alert** conditions and #### Symptoms / Diagnosis / Resolution', () => {
  const text = `# Household runbook

**Last Updated**: 2026-01-15
**Owner**: Platform Team (Ana)

## Incident Response

### Severity Levels

| Severity | Description | Response Time |
|----------|-------------|---------------|
| **P0 - Critical** | Outage | 5 minutes |
| **P1 - High** | Broken feature | 15 minutes |

## Common Incidents

### 1. Error Spike (500s)

**Alert**: \`error_rate > 5%\`
**Severity**: P0

#### Symptoms
- API returns 500

#### Diagnosis

\`\`\`bash
aws logs tail /ecs/app --follow --filter-pattern "ERROR"
\`\`\`

#### Resolution

**Option A: Roll Back**
\`\`\`bash
gh workflow run rollback.yml --field version=<version>
\`\`\`

**Immediate Fix**: Kill long queries
\`\`\`sql
SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE state = 'idle';
\`\`\`

## Escalation Procedures

### Escalation Matrix

| Severity | Initial Response | Escalate After | Escalate To |
|----------|------------------|----------------|-------------|
| P0 | On-call engineer | 15 minutes | Engineering lead + CTO |
| P1 | On-call engineer | 30 minutes | Engineering lead |
`;

  it('maps P0, finds the response time in the severity table, and makes the condition a TODO', () => {
    const { result, byId } = importText(text, 'household');
    const runbook = byId('household-error-spike');
    expect(runbook.model.meta).toMatchObject({
      aliases: ['1. Error Spike'],
      severity: 'critical',
      responseTime: { text: '5m' },
      lastReviewed: '2026-01-15',
      alerts: [],
    });
    expect(todos(runbook).join('\n')).toContain('`error_rate > 5%`');
    expect(stepsOf(runbook)).toEqual(['resolution: Option A: Roll Back', 'resolution: Immediate Fix: Kill long queries']);
    expect(runbook.model.blocks.find((block) => block.lang === 'bash')?.section).toBe('investigation');
    expect(result.pages.map((page) => page.name)).toEqual(['overview.mdx', 'incident-response.mdx', 'escalation-procedures.mdx']);
  });

  it('writes the escalation policy and owner to the service YAML, contacts as placeholders', () => {
    const { result } = importText(text, 'household');
    expect(result.service.draft).toEqual({
      name: 'Household',
      owner: 'platform-team',
      escalation: [
        { who: 'On-call engineer', when: 'immediately (P0, P1)', contact: 'TODO: pager schedule or chat channel (placeholder)' },
        { who: 'Engineering lead', when: 'P0: after 15 minutes; P1: after 30 minutes', contact: 'TODO: pager schedule or chat channel (placeholder)' },
        { who: 'CTO', when: 'P0: after 15 minutes', contact: 'TODO: pager schedule or chat channel (placeholder)' },
      ],
      // The document names the owner; the contacts are placeholders.
      todo: ['escalation'],
    });
  });
});

describe('# AlertName style (prometheus-operator runbooks: Meaning, Impact, Diagnosis, Mitigation)', () => {
  const text = readFileSync(new URL('../fixtures/import/prometheus-style.md', import.meta.url), 'utf8');

  it('makes the whole document one runbook, named after its alert', () => {
    const { result } = importText(text);
    expect(result.runbooks).toHaveLength(1);
    expect(result.pages).toEqual([]);
    const [runbook] = result.runbooks;
    expect(runbook.name).toBe('queue-backlog-growing.mdx');
    expect(runbook.model.data?.title).toBe('QueueBacklogGrowing');
    expect(runbook.model.data?.description).toMatch(/^The number of messages waiting in the orders queue has grown for 20 minutes/);
    expect(runbook.model.meta).toMatchObject({ id: 'shop-queue-backlog-growing', aliases: [], severity: 'medium', alerts: [{ name: 'QueueBacklogGrowing' }] });
    expect(Object.keys(runbook.model.meta!.variables)).toEqual(['pod-name', 'replicas']);
    expect(runbook.model.meta?.variables.replicas.example).toBe('TODO');
  });

  it('renames Meaning, Diagnosis and Mitigation to the canonical sections', () => {
    const [runbook] = importText(text).result.runbooks;
    expect(runbook.model.sections.map((section) => section.heading)).toEqual(['Symptoms', 'Impact', 'Investigation', 'Resolution']);
    expect(runbook.model.blocks.map((block) => block.section)).toEqual(['investigation', 'investigation', 'resolution']);
  });
});

describe('bad input', () => {
  it('says what it expected when a document has no runbooks', () => {
    expect(() => importDocuments([{ file: 'notes.md', text: '# Notes\n\nNothing to run here.\n' }], { service: 'shop' })).toThrow(NoRunbooksError);
    expect(() => importDocuments([{ file: 'notes.md', text: '# Notes\n' }], { service: 'shop' })).toThrow(
      /notes\.md: found no runbooks\. Expected headings such as "### RB-001: Title"/,
    );
  });

  it('keeps ids unique across documents of one import', () => {
    const doc = '## 1. Disk Full\n\n### Resolution\n\n```bash\ndf -h /var\n```\n';
    const result = importDocuments(
      [
        { file: 'a.md', text: doc },
        { file: 'b.md', text: doc },
      ],
      { service: 'shop' },
    );
    expect(result.runbooks.map((runbook) => runbook.id)).toEqual(['shop-disk-full', 'shop-disk-full-2']);
  });

  it('reads Windows line ends and a byte-order mark like any other file', () => {
    const doc = '\uFEFF## 1. Disk Full\r\n\r\n**Severity**: High\r\n\r\n### Resolution\r\n\r\n```\r\ndf -h /var\r\n```\r\n';
    const [runbook] = importText(doc).result.runbooks;
    expect(runbook.model.meta?.severity).toBe('high');
    expect(runbook.model.blocks.map((block) => [block.lang, block.code])).toEqual([['bash', 'df -h /var']]);
  });

  it('keeps step ids unique when the source repeats a step title', () => {
    const doc =
      '## 1. Twice\n\n### Symptoms\n- slow\n\n### Investigation\n\n#### Check Logs\n```bash\ntail -n 50 /var/log/app.log\n```\n\n#### Check Logs\n```bash\ntail -n 50 /var/log/worker.log\n```\n\n#### Verification\n```bash\ncurl -fsS http://localhost/health\n```\n';
    const [runbook] = importText(doc).result.runbooks;
    expect(runbook.model.steps.map((step) => step.id)).toEqual(['check-logs', 'check-logs-2', 'verification-2']);
    expect(runbook.model.problems).toEqual([]);
  });

  it('escapes what MDX would read as JSX or an expression', () => {
    const doc =
      '## 1. Odd Text\n\n### Symptoms\n- latency <500ms {sometimes}\n- see <pod-name> and <https://example.com>\n\n### Resolution\n\n```bash\nkubectl logs <pod-name>\n```\n';
    const [runbook] = importText(doc).result.runbooks;
    expect(runbook.content).toContain('- latency &lt;500ms \\{sometimes\\}');
    expect(runbook.content).toContain('- see `<pod-name>` and [https://example.com](https://example.com)');
    expect(runbook.model.problems).toEqual([]);
  });
});
