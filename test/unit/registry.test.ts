// The registry: valid against its own JSON Schema, deterministic, and what the CLI prints.
import { execFileSync } from 'node:child_process';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { registryJsonSchema, frontmatterJsonSchema } from '../../src/lib/json-schema.ts';
import { loadProject } from '../../src/lib/project.ts';
import { buildRegistry, serializeRegistry } from '../../src/lib/registry.ts';
import { makeProject, runbookSource } from '../helpers/project.ts';

const cli = (args: string[], cwd = process.cwd()) => execFileSync(process.execPath, ['scripts/runbook.js', ...args], { cwd, encoding: 'utf8' });

describe('registry', () => {
  it('validates against its own JSON Schema (shipped content)', async () => {
    const registry = buildRegistry(await loadProject());
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    const validate = ajv.compile(registryJsonSchema());
    expect(validate(JSON.parse(serializeRegistry(registry))), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(registry.runbooks.length).toBeGreaterThan(0);
  });

  it('is byte-identical across two separate builds (two processes)', async () => {
    const first = cli(['registry', '--now', '2026-11-24']);
    const second = cli(['registry', '--now', '2026-11-24']);
    expect(first).toBe(second);
    expect(JSON.parse(first).generatedAt).toBeUndefined();
  });

  it('lists every command with its step, risk, placeholders, env and source lines', async () => {
    const root = makeProject({
      runbooks: {
        'tickets/a.mdx': runbookSource({
          id: 'tickets-a',
          extra: '  variables:\n    pod:\n      description: Pod\n      example: api-1\n  env:\n    NS: Namespace\n',
          body: '## Symptoms\n\nSlow.\n\n## Investigation\n\n### Logs\n\n```bash\nkubectl -n "$NS" logs <pod>\n```\n\n```console\n$ kubectl get pods\nNAME\n```\n\n## Resolution\n\n### Restart\n\n```bash risk="change" id="restart-api"\nkubectl rollout restart deploy/api\n```\n\n```yaml\nnot: a command\n```\n',
        }),
      },
    });
    const registry = buildRegistry(await loadProject({ root, config: { now: '2026-11-24' } }));
    expect(registry.runbooks[0].commands).toEqual([
      {
        id: 'tickets-a/logs',
        runbook: 'tickets-a',
        step: 'logs',
        section: 'investigation',
        kind: 'command',
        lang: 'bash',
        language: 'shell',
        text: 'kubectl -n "$NS" logs <pod>',
        risk: 'read',
        longRunning: false,
        interactive: false,
        placeholders: [{ name: 'pod', start: 22, end: 27, context: { layers: [{ kind: 'shell-word', start: true }] } }],
        env: ['NS'],
        source: { file: 'src/content/docs/runbooks/tickets/a.mdx', line: 24, endLine: 26 },
      },
      {
        id: 'tickets-a/logs-2',
        runbook: 'tickets-a',
        step: 'logs',
        section: 'investigation',
        kind: 'console',
        lang: 'console',
        language: 'shell',
        text: 'kubectl get pods',
        risk: 'read',
        longRunning: false,
        interactive: false,
        placeholders: [],
        env: [],
        source: { file: 'src/content/docs/runbooks/tickets/a.mdx', line: 28, endLine: 31 },
      },
      {
        id: 'restart-api',
        runbook: 'tickets-a',
        step: 'restart',
        section: 'resolution',
        kind: 'command',
        lang: 'bash',
        language: 'shell',
        text: 'kubectl rollout restart deploy/api',
        risk: 'change',
        longRunning: false,
        interactive: false,
        placeholders: [],
        env: [],
        source: { file: 'src/content/docs/runbooks/tickets/a.mdx', line: 37, endLine: 39 },
      },
    ]);
    expect(registry.runbooks[0].steps).toEqual([
      { id: 'logs', title: 'Logs', section: 'investigation', line: 22 },
      { id: 'restart', title: 'Restart', section: 'resolution', line: 35 },
    ]);
    expect(registry.alerts).toEqual([]);
    expect(registry.runbooks[0]).toMatchObject({ url: '/runbooks/tickets/a/', owner: 'tickets-team', stale: false, reviewDue: '2027-04-30' });
  });

  it('lists the effective risk: a block that declares less than its commands do is listed at what they do', async () => {
    const body =
      '## Symptoms\n\nSlow.\n\n## Resolution\n\n### Clean up\n\n```bash\nkubectl delete pod api-1\n```\n\n```console\n$ psql "$DATABASE_URL" -Atc "DELETE FROM sessions"\nDELETE 3\n```\n\n```bash risk="destructive"\nkubectl scale deploy/api --replicas=2\n```\n\n```sql risk="change"\nTRUNCATE audit\n```\n';
    const root = makeProject({ runbooks: { 'tickets/a.mdx': runbookSource({ id: 'tickets-a', extra: '  env:\n    DATABASE_URL: Db\n', body }) } });
    const registry = buildRegistry(await loadProject({ root, config: { now: '2026-11-24' } }));
    expect(registry.runbooks[0].commands.map((command) => command.risk)).toEqual(['destructive', 'destructive', 'destructive', 'destructive']);
  });

  it('publishes a JSON Schema of the frontmatter that editors can use', async () => {
    const schema = frontmatterJsonSchema() as { properties: { runbook: { properties: Record<string, unknown> } } };
    expect(Object.keys(schema.properties.runbook.properties)).toEqual([
      'id',
      'aliases',
      'service',
      'owner',
      'severity',
      'alerts',
      'responseTime',
      'timeToResolve',
      'lastReviewed',
      'reviewEvery',
      'variables',
      'env',
      'related',
      'tags',
      'todo',
    ]);
    const ajv = new Ajv2020({ strict: false });
    const validate = ajv.compile(frontmatterJsonSchema());
    expect(validate({ title: 'x', runbook: { id: 'a-b', service: 's', severity: 'high', lastReviewed: '2026-01-01' } })).toBe(true);
    expect(validate({ title: 'x', runbook: { id: 'a-b', service: 's', severity: 'urgent' } })).toBe(false);
  });
});
