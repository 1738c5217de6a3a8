// `runbook run --dry-run`: every command exactly as it would run, with id and risk, and nothing run.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.ts';
import { makeProject, runbookSource } from '../helpers/project.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

async function cli(argv: string[], cwd = ROOT) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { stdout: (text) => out.push(text), stderr: (text) => err.push(text), cwd });
  return { code, out: out.join(''), err: err.join('') };
}

describe('runbook run --dry-run', () => {
  it('prints the tickets pod-crash-loop runbook exactly as it would run', async () => {
    const result = await cli(['run', 'tickets-pod-crash-loop', '--dry-run', '--set', 'pod-name=backend-7d9f8c6b5-x2k4q']);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toBe(`# Dry run of tickets-pod-crash-loop (Pod crash loop): 6 commands, nothing is run.

# [1/6] tickets-pod-crash-loop/identify-failing-pods  (read)
kubectl -n tickets-dev get pods

# [2/6] tickets-pod-crash-loop/check-logs  (read)
kubectl -n tickets-dev logs backend-7d9f8c6b5-x2k4q --previous
kubectl -n tickets-dev logs backend-7d9f8c6b5-x2k4q --tail=50

# [3/6] tickets-pod-crash-loop/describe-the-pod  (read)
kubectl -n tickets-dev describe pod backend-7d9f8c6b5-x2k4q

# A choice: a real run takes ONE of these options (it asks on a terminal, or --option <letter>):
#   A  If OOMKilled: raise the memory limit  (no commands)
#   B  If CrashLoopBackOff: check configuration and secrets
#   C  If ImagePullBackOff: check the image and registry access

# Option B: If CrashLoopBackOff: check configuration and secrets

# [4/6] tickets-pod-crash-loop/if-crashloopbackoff-check-configuration-and-secrets  (read)
kubectl -n tickets-dev get deployment backend -o jsonpath='{.spec.template.spec.containers[0].env}'
kubectl -n tickets-dev get secret backend-db

# Option C: If ImagePullBackOff: check the image and registry access

# [5/6] tickets-pod-crash-loop/if-imagepullbackoff-check-the-image-and-registry-access  (read)
kubectl -n tickets-dev get pod backend-7d9f8c6b5-x2k4q -o jsonpath='{.spec.containers[*].image}'
kubectl -n tickets-dev get serviceaccount backend -o yaml

# [6/6] tickets-pod-crash-loop/confirm-the-pods-are-stable  (read)
kubectl -n tickets-dev get pods
`);
  });

  it('without values, a dry run shows <name> where each goes and lists what a real run will ask for', async () => {
    const result = await cli(['run', 'tickets-pod-crash-loop', '--dry-run', '--step', '2', '--step', '6']);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toBe(`# Dry run of tickets-pod-crash-loop (Pod crash loop): 2 commands, nothing is run.

# [1/2] tickets-pod-crash-loop/check-logs  (read, needs <pod-name>)
kubectl -n tickets-dev logs <pod-name> --previous
kubectl -n tickets-dev logs <pod-name> --tail=50

# [2/2] tickets-pod-crash-loop/confirm-the-pods-are-stable  (read)
kubectl -n tickets-dev get pods

# Values a real run will ask for (on a terminal; otherwise pass --set name=value or --env-file FILE):
#   <pod-name>  Name of the crashing pod (from \`kubectl get pods\`); e.g. backend-7d9f8c6b5-x2k4q
`);
  });

  it('without values, a real run without a terminal still refuses, naming each (exit 2)', async () => {
    const result = await cli(['run', 'tickets-pod-crash-loop', '--step', '2']);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^runbook: Cannot run tickets-pod-crash-loop, nothing was run:\n {2}- <pod-name> has no value: pass --set pod-name=\.\.\. /);
  });

  it('finds the runbook by alert name and still validates values (exit 2)', async () => {
    const result = await cli(['run', 'PodCrashLooping', '--dry-run', '--set', 'pod-name=x; reboot']);
    expect(result.code).toBe(2);
    expect(result.err).toBe(
      'runbook: Cannot run tickets-pod-crash-loop, nothing was run:\n' +
        '  - --set pod-name: the value "x; reboot" does not match the pattern ^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$ (Name of the crashing pod (from `kubectl get pods`), e.g. backend-7d9f8c6b5-x2k4q)\n',
    );
  });

  it('an unknown runbook exits 2 (nothing ran; 1 means a command failed) with suggestions', async () => {
    const result = await cli(['run', 'tickets-pod-crash', '--dry-run']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('runbook: No runbook with id, alias or alert name "tickets-pod-crash"\nDid you mean:\n  tickets-pod-crash-loop');
  });

  it('shows SQL and PromQL as the psql and curl scripts that run them, risks and timeouts, and masks secrets', async () => {
    const body = [
      '## Investigation',
      '### Sessions',
      "```sql\nSELECT pid FROM pg_stat_activity WHERE usename = '<user>' AND pid <> <pid>\n```",
      '### Errors',
      '```promql\nrate(errors_total{pod="<user>"}[5m])\n```',
      '### Tail',
      '```bash long-running\nkubectl logs -f deploy/api --token <token>\n```',
      '## Resolution',
      '### Kill',
      '```sql risk="destructive"\nSELECT pg_terminate_backend(<pid>)\n```',
    ].join('\n\n');
    const extra = `  variables:\n    user:\n      description: Database user\n      example: app\n    pid:\n      description: Backend pid\n      example: "42"\n      type: integer\n    token:\n      description: API token\n      example: t\n      secret: true\n  env:\n    DATABASE_URL: Database\n    PROMETHEUS_URL: Prometheus\n`;
    const root = makeProject({ runbooks: { 'tickets/db.mdx': runbookSource({ id: 'tickets-db', extra, body }) } });
    const result = await cli(
      ['run', 'tickets-db', '--dry-run', '--set', "user=o'neil", '--set', 'pid=1234', '--set', 'token=hunter2', '--timeout', '1m'],
      root,
    );
    expect(result.err).toBe(
      'runbook: warning: --set token puts a secret on the command line, where other users see it (ps) and your shell history keeps it; put it in an --env-file, or leave it out and answer the prompt (no echo)\n',
    );
    expect(result.out).toBe(`# Dry run of tickets-db (Sample runbook): 4 commands, nothing is run.

# [1/4] tickets-db/sessions  (read)
psql "$DATABASE_URL" -v ON_ERROR_STOP=1 <<'SQL'
SELECT pid FROM pg_stat_activity WHERE usename = 'o''neil' AND pid <> 1234
SQL

# [2/4] tickets-db/errors  (read)
curl -sS --fail-with-body -G "$PROMETHEUS_URL/api/v1/query" --data-urlencode 'query=rate(errors_total{pod="o'\\''neil"}[5m])'

# [3/4] tickets-db/tail  (read, long-running, stopped after 60 s)
kubectl logs -f deploy/api --token ***

# [4/4] tickets-db/kill  (destructive, asks for the runbook id)
psql "$DATABASE_URL" -v ON_ERROR_STOP=1 <<'SQL'
SELECT pg_terminate_backend(1234)
SQL

# Not set, needed by a real run: $DATABASE_URL, $PROMETHEUS_URL
`);
  });

  it('--json prints the plan without the unmasked scripts', async () => {
    const result = await cli(['run', 'tickets-pod-crash-loop', '--dry-run', '--json', '--step', 'describe-the-pod', '--set', 'pod-name=api-1']);
    expect(JSON.parse(result.out)).toEqual([
      {
        id: 'tickets-pod-crash-loop/describe-the-pod',
        step: 'describe-the-pod',
        language: 'shell',
        risk: 'read',
        longRunning: false,
        interactive: false,
        display: 'kubectl -n tickets-dev describe pod api-1',
      },
    ]);
  });
});
