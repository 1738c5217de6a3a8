// The frontmatter schema: every field, valid and invalid, with the exact message and position.
import { describe, expect, it } from 'vitest';
import { parseRunbookLoaded } from '../../src/lib/model/parse.ts';

/** Frontmatter with a runbook block made of the base keys plus `lines` (YAML, indented two spaces). */
function withRunbook(lines: string, base = 'id: tickets-x\n  service: tickets\n  severity: high\n') {
  return `---\ntitle: X\nrunbook:\n  ${base}${lines ? `  ${lines.trim().split('\n').join('\n  ')}\n` : ''}---\n\n## Symptoms\n\nText.\n`;
}

function problems(source: string) {
  return parseRunbookLoaded(`t${Math.random()}.mdx`, source).problems.map((p) => `${p.line}:${p.column} ${p.message}`);
}

describe('runbook frontmatter: valid fields', () => {
  const valid: [string, string][] = [
    ['minimal', ''],
    ['aliases', 'aliases: [RB-001, "Playbook 1"]'],
    ['owner', 'owner: tickets-team'],
    ['alerts with every field', 'alerts:\n  - name: LatencyP95Breaching\n    expr: rate(x[5m]) > 1\n    for: 15m\n    threshold: p95 > 800ms'],
    ['responseTime', 'responseTime: 5m'],
    ['timeToResolve range', 'timeToResolve: 15-30m'],
    ['timeToResolve hours', 'timeToResolve: 1-4h'],
    ['lastReviewed', 'lastReviewed: 2026-11-24'],
    ['reviewEvery', 'reviewEvery: 90d'],
    [
      'variables with every field',
      'variables:\n  pod-name:\n    description: The pod\n    example: api-1\n    pattern: "^[a-z0-9-]+$"\n    type: string\n    secret: false\n    default: api-0\n    fromLabel: pod',
    ],
    ['numeric example is read as text', 'variables:\n  replicas:\n    description: Replicas\n    example: 5\n    type: integer'],
    ['env', 'env:\n  DATABASE_URL: Read-only connection string'],
    ['related', 'related: [tickets-y]'],
    ['tags', 'tags: [latency, k8s]'],
  ];
  it.each(valid)('%s', (_name, lines) => {
    expect(problems(withRunbook(lines))).toEqual([]);
  });

  it('parses durations to minutes and dates to YYYY-MM-DD', () => {
    const runbook = parseRunbookLoaded('d.mdx', withRunbook('responseTime: 5m\ntimeToResolve: 1-4h\nreviewEvery: 90d\nlastReviewed: 2026-11-24'));
    expect(runbook.meta?.responseTime).toEqual({ text: '5m', min: 5, max: 5 });
    expect(runbook.meta?.timeToResolve).toEqual({ text: '1-4h', min: 60, max: 240 });
    expect(runbook.meta?.reviewEvery).toEqual({ text: '90d', min: 129600, max: 129600 });
    expect(runbook.meta?.lastReviewed).toBe('2026-11-24');
  });

  it('fills defaults', () => {
    const meta = parseRunbookLoaded('e.mdx', withRunbook('variables:\n  pod:\n    description: P\n    example: a')).meta!;
    expect(meta.aliases).toEqual([]);
    expect(meta.alerts).toEqual([]);
    expect(meta.variables.pod).toEqual({ description: 'P', example: 'a', type: 'string', secret: false });
  });
});

describe('runbook frontmatter: invalid fields', () => {
  const invalid: [string, string, string, string?][] = [
    [
      'id not kebab-case',
      '',
      '4:7 runbook.id: Expected a kebab-case id such as "tickets-latency-breach" (lowercase letters, digits, single hyphens) (found "Tickets X")',
      'id: Tickets X\n  service: tickets\n  severity: high\n',
    ],
    [
      'severity not allowed',
      '',
      '6:13 runbook.severity: Expected one of critical, high, medium, low (found "urgent")',
      'id: tickets-x\n  service: tickets\n  severity: urgent\n',
    ],
    ['severity missing', '', '3:1 Missing required key "runbook.severity": Expected one of critical, high, medium, low', 'id: tickets-x\n  service: tickets\n'],
    ['service missing', '', '3:1 Missing required key "runbook.service": expected string', 'id: tickets-x\n  severity: high\n'],
    [
      'unknown key',
      'severty: high',
      '7:3 runbook: Unknown key "severty"; allowed keys: id, aliases, service, owner, severity, alerts, responseTime, timeToResolve, lastReviewed, reviewEvery, variables, env, related, tags, todo',
    ],
    ['aliases not a list', 'aliases: RB-001', '7:12 runbook.aliases: Invalid input: expected array, received string (found "RB-001")'],
    [
      'alert name with a space',
      'alerts:\n  - name: High Latency',
      '8:13 runbook.alerts.0.name: Expected an alert name such as "LatencyP95Breaching" (letters, digits, _ . : -; no spaces) (found "High Latency")',
    ],
    ['alert unknown key', 'alerts:\n  - name: A\n    severity: high', '9:7 runbook.alerts.0: Unknown key "severity"; allowed keys: name, expr, for, threshold'],
    ['alert without name', 'alerts:\n  - for: 5m', '8:7 Missing required key "runbook.alerts.0.name": expected string'],
    [
      'bad duration',
      'responseTime: soon',
      '7:17 runbook.responseTime: Invalid duration "soon": expected a duration like 5m, 15-30m, 1-4h or 180d (units: s, m, h, d, w)',
    ],
    [
      'reversed range',
      'timeToResolve: 30-15m',
      '7:18 runbook.timeToResolve: Invalid duration "30-15m": expected a duration like 5m, 15-30m, 1-4h or 180d (units: s, m, h, d, w)',
    ],
    ['bad date', 'lastReviewed: 2026-13-01', '7:17 runbook.lastReviewed: Expected a date written as YYYY-MM-DD (found "2026-13-01")'],
    ['variable without example', 'variables:\n  pod:\n    description: P', '8:5 Missing required key "runbook.variables.pod.example": Expected text'],
    [
      'variable bad name',
      'variables:\n  "1pod":\n    description: P\n    example: a',
      '8:5 runbook.variables.1pod: invalid name "1pod": Expected a placeholder name such as "pod" or "pod-name"',
    ],
    [
      'variable bad pattern',
      'variables:\n  pod:\n    description: P\n    example: a\n    pattern: "("',
      '11:16 runbook.variables.pod.pattern: Invalid regular expression in "pattern" (found "(")',
    ],
    [
      'variable bad type',
      'variables:\n  pod:\n    description: P\n    example: a\n    type: text',
      '11:13 runbook.variables.pod.type: Expected one of string, integer, number, boolean (found "text")',
    ],
    [
      'variable unknown key',
      'variables:\n  pod:\n    description: P\n    example: a\n    label: pod',
      '11:7 runbook.variables.pod: Unknown key "label"; allowed keys: description, example, pattern, type, secret, default, fromLabel',
    ],
    [
      'env bad name',
      'env:\n  database_url: x',
      '8:5 runbook.env.database_url: invalid name "database_url": Expected an environment variable name such as "DATABASE_URL"',
    ],
    [
      'related not kebab',
      'related: [Tickets_Y]',
      '7:13 runbook.related.0: Expected a kebab-case id such as "tickets-latency-breach" (lowercase letters, digits, single hyphens) (found "Tickets_Y")',
    ],
    ['tags empty string', 'tags: [""]', '7:10 runbook.tags.0: Too small: expected string to have >=1 characters (found "")'],
  ];
  it.each(invalid)('%s', (_name, lines, expected, base) => {
    expect(problems(withRunbook(lines, base))).toEqual([expected]);
  });

  it('rejects unknown top-level keys, naming the allowed ones', () => {
    expect(problems('---\ntitle: X\ncolour: red\n---\n\ntext\n')[0]).toMatch(
      /^3:1 Unknown key "colour"; allowed keys: title, description, runbook, importedFrom, /,
    );
  });

  it('reports invalid YAML at its line', () => {
    expect(problems('---\ntitle: X\nrunbook: [\n---\n\ntext\n')[0]).toMatch(/^4:\d+ Invalid YAML: /);
  });

  it('reports a missing frontmatter', () => {
    expect(problems('# Just a heading\n')).toEqual(['1:1 Missing frontmatter: a page starts with a `---` block holding at least `title`']);
  });
});

describe('secret variables', () => {
  it('cannot have a default, which would be published', () => {
    const source = withRunbook('variables:\n  token:\n    description: API token\n    example: t0k3n\n    secret: true\n    default: hunter2');
    expect(problems(source)).toEqual([
      '12:16 runbook.variables.token.default: A secret variable cannot have a default: it would be published on the page and in the registry (found "hunter2")',
    ]);
  });
});
