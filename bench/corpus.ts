// A seeded synthetic corpus of realistic runbooks (valid against our schema and lint rules),
// used by the model, lint and site benchmarks. Same seed and size → byte-identical files.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface CorpusOptions {
  /** Number of runbooks. */
  count: number;
  /** Number of services the runbooks are spread over. */
  services?: number;
  seed?: number;
}

export interface CorpusFile {
  path: string;
  content: string;
}

const SERVICE_NAMES = [
  'checkout',
  'payments',
  'search',
  'catalog',
  'identity',
  'notifications',
  'billing',
  'ledger',
  'inventory',
  'shipping',
  'pricing',
  'reviews',
  'recommendations',
  'media',
  'gateway',
  'scheduler',
  'reporting',
  'messaging',
  'accounts',
  'analytics',
  'storage',
  'streaming',
  'telemetry',
  'webhooks',
];
const PROBLEMS = [
  ['High error rate', 'HighErrorRate', 'the 5xx ratio is above 2% for 10 minutes'],
  ['High latency', 'LatencyP95High', 'p95 latency is above 800 ms for 15 minutes'],
  ['Pod crash loop', 'PodCrashLooping', 'a container restarts repeatedly'],
  ['Database connections saturated', 'DbConnectionsSaturated', 'connections exceed 80% of max_connections'],
  ['Replication lag', 'ReplicationLagHigh', 'a replica is more than 30 s behind'],
  ['Disk almost full', 'DiskAlmostFull', 'a volume is more than 90% full'],
  ['Queue backlog growing', 'QueueBacklogGrowing', 'the consumer lag grows for 20 minutes'],
  ['Certificate expiring', 'CertificateExpiring', 'a TLS certificate expires within 14 days'],
  ['Memory pressure', 'MemoryPressure', 'working set above 90% of the limit'],
  ['Cache hit ratio low', 'CacheHitRatioLow', 'the cache hit ratio is below 85%'],
];
const WORDS = (
  'the service requests users traffic deployment database replica cluster node pod container metrics dashboard ' +
  'latency errors queue consumer producer cache memory disk network connection pool upstream downstream region ' +
  'rollout release config secret ingress load balancer threshold budget incident customer impact recovery'
).split(' ');
const SEVERITIES = ['critical', 'high', 'medium', 'low'];

/** mulberry32: tiny, fast, good enough for test data. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateCorpus({ count, services = 20, seed = 42 }: CorpusOptions): CorpusFile[] {
  const rand = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)];
  const sentence = (words: number) => {
    const text = Array.from({ length: words }, () => pick(WORDS)).join(' ');
    return text[0].toUpperCase() + text.slice(1) + '.';
  };
  const paragraph = (sentences: number) => Array.from({ length: sentences }, () => sentence(8 + Math.floor(rand() * 8))).join(' ');
  const serviceIds = SERVICE_NAMES.slice(0, Math.max(1, Math.min(services, SERVICE_NAMES.length)));
  const files: CorpusFile[] = [];

  for (const service of serviceIds) {
    files.push({
      path: `services/${service}.yaml`,
      content: [
        `name: ${service[0].toUpperCase()}${service.slice(1)}`,
        `owner: ${service}-team`,
        `description: The ${service} service.`,
        'escalation:',
        `  - who: ${service} on-call engineer`,
        '    when: immediately',
        `    contact: "PagerDuty schedule ${service}-primary"`,
        `  - who: ${service} service owner`,
        '    when: after 30 minutes without progress',
        `    contact: "#${service}-incidents"`,
        '',
      ].join('\n'),
    });
  }

  for (let index = 0; index < count; index++) {
    const service = serviceIds[index % serviceIds.length];
    const [problem, alertBase, condition] = PROBLEMS[Math.floor(index / serviceIds.length) % PROBLEMS.length];
    const n = index + 1;
    const id = `${service}-${problem.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${n}`;
    const alert = `${alertBase}${service[0].toUpperCase()}${service.slice(1)}${n}`;
    const severity = pick(SEVERITIES);
    const namespace = `${service}-prod`;
    const reviewed = `2026-${String(1 + Math.floor(rand() * 10)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
    const body = `---
title: "${problem} (${service} ${n})"
description: "${problem} on ${service}: ${condition}."
runbook:
  id: ${id}
  aliases: [RB-${String(n).padStart(4, '0')}]
  service: ${service}
  severity: ${severity}
  alerts:
    - name: ${alert}
      for: 10m
      threshold: ${condition}
  responseTime: ${severity === 'critical' ? '5m' : '15m'}
  timeToResolve: 15-60m
  lastReviewed: ${reviewed}
  reviewEvery: 365d
  variables:
    pod:
      description: Name of the affected pod
      example: ${service}-api-7d9f8c6b5-x2k4q
      pattern: '^[a-z0-9][a-z0-9.-]*$'
      fromLabel: pod
  env:
    DATABASE_URL: Read-only connection string of the ${service} database
    PROMETHEUS_URL: Prometheus that scrapes ${service}
  tags: [${service}, ${pick(['kubernetes', 'postgres', 'redis', 'network'])}]
---

## Symptoms

${paragraph(3)}

- ${sentence(9)}
- ${sentence(7)}
- The alert \`${alert}\` fires when ${condition}.

## Impact

${paragraph(3)}

## Investigation

### Check the pods

${paragraph(2)}

\`\`\`bash
kubectl -n ${namespace} get pods -l app=${service}-api -o wide
kubectl -n ${namespace} describe pod <pod>
\`\`\`

### Read the logs

${paragraph(2)}

\`\`\`bash
kubectl -n ${namespace} logs <pod> --since=15m --tail=200
kubectl -n ${namespace} logs <pod> --previous --tail=100
\`\`\`

### Check the error ratio

${paragraph(2)}

\`\`\`promql
sum(rate(http_requests_total{service="${service}", code=~"5.."}[5m])) / sum(rate(http_requests_total{service="${service}"}[5m]))
\`\`\`

\`\`\`promql
histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{service="${service}"}[5m])))
\`\`\`

### Check the database

${paragraph(2)}

\`\`\`sql
SELECT state, count(*) AS connections
FROM pg_stat_activity
WHERE datname = current_database()
GROUP BY state
ORDER BY connections DESC;
\`\`\`

\`\`\`sql
SELECT query, calls, mean_exec_time
FROM pg_stat_statements
ORDER BY mean_exec_time DESC
LIMIT 10;
\`\`\`

## Resolution

### Restart the deployment

${paragraph(2)}

\`\`\`bash risk="change"
kubectl -n ${namespace} rollout restart deployment/${service}-api
kubectl -n ${namespace} rollout status deployment/${service}-api --timeout=5m
\`\`\`

### Scale out

${paragraph(2)}

\`\`\`bash risk="change"
kubectl -n ${namespace} scale deployment/${service}-api --replicas=6
\`\`\`

### Adjust the configuration

${paragraph(1)}

\`\`\`yaml
resources:
  limits:
    memory: 1Gi
  requests:
    cpu: 500m
\`\`\`

## Verification

### Confirm recovery

${paragraph(2)}

\`\`\`bash
kubectl -n ${namespace} get pods -l app=${service}-api
\`\`\`

## Escalation

${paragraph(2)}
`;
    files.push({ path: `runbooks/${service}/${id}.mdx`, content: body });
  }
  return files;
}

/** Writes a corpus: runbooks under `<dir>/runbooks`, services under `<dir>/services`. */
export function writeCorpus(dir: string, options: CorpusOptions): CorpusFile[] {
  const files = generateCorpus(options);
  for (const file of files) {
    const target = join(dir, file.path);
    mkdirSync(join(target, '..'), { recursive: true });
    writeFileSync(target, file.content);
  }
  return files;
}
