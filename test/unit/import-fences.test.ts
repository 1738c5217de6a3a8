// Untagged code blocks: commands get a language, prose lists become Markdown with their commands in
// blocks, damaged box diagrams become lists, the rest is `text`; prose is escaped for MDX.
import { mdxToMdast } from 'satteri';
import { beforeAll, describe, expect, it } from 'vitest';
import { lineLanguage as commandLanguage } from '../../src/lib/core/line-language.ts';
import { loadCore } from '../../src/lib/core/load.ts';
import { convertUntaggedFence } from '../../src/lib/import/fences.ts';
import { escapePlain, renderMarkdown } from '../../src/lib/import/mdx-text.ts';

beforeAll(() => loadCore());

describe('commandLanguage', () => {
  it.each([
    ['kubectl get pods', 'bash'],
    ['aws autoscaling describe-auto-scaling-groups', 'bash'],
    ['redis-cli FLUSHDB', 'bash'],
    ['SELECT count(*) FROM pg_stat_activity;', 'sql'],
    ['CREATE INDEX idx_users_email ON users(email);', 'sql'],
    ['watch -n 5 kubectl get pods', 'bash'],
    ['./scripts/failover_to_backup_region.sh', 'bash'],
  ])('%s → %s', (line, language) => expect(commandLanguage(line)).toBe(language));

  it.each([
    'Check /var/log/auth-service.log',
    'watch the dashboard',
    'Restart affected service',
    'Connection Pool Size = 150 → 200',
    'Set ETA',
    'kill it',
    'Show the pods',
    'Select the node',
  ])('%s is prose', (line) => {
    expect(commandLanguage(line)).toBeUndefined();
  });
});

describe('convertUntaggedFence', () => {
  it('gives commands a language', () => {
    expect(convertUntaggedFence('# restart\nkubectl -n shop rollout restart deployment/api')).toEqual({
      kind: 'code',
      lang: 'bash',
      code: '# restart\nkubectl -n shop rollout restart deployment/api',
    });
    expect(convertUntaggedFence("SELECT pid\nFROM pg_stat_activity\nWHERE state = 'idle';")).toMatchObject({ kind: 'code', lang: 'sql' });
    expect(convertUntaggedFence('$ kubectl get pods\nNAME   READY\napi-1  1/1')).toMatchObject({ kind: 'code', lang: 'console' });
  });

  it('turns numbered prose into a list with its commands in blocks (continuations and comments kept)', () => {
    const code = [
      '1. Check instances',
      '   aws ec2 describe-instance-status \\',
      '     --filters Name=instance-state-name,Values=running',
      '   # look at the status column',
      '2. If NOT scaling:',
      '   - Force manual scale: aws autoscaling set-desired-capacity',
      '   - Check the rules',
      '3. Terminate idle connections:',
      '   SELECT pg_terminate_backend(pid)',
      "   WHERE state = 'idle';",
      '   Deploy via Phase 4',
      '4. Monitor (<475ms P99)',
    ].join('\n');
    const converted = convertUntaggedFence(code);
    expect(converted.kind).toBe('markdown');
    expect(converted.kind === 'markdown' && converted.markdown).toBe(
      [
        '1. Check instances',
        '',
        '   ```bash',
        '   aws ec2 describe-instance-status \\',
        '     --filters Name=instance-state-name,Values=running',
        '   # look at the status column',
        '   ```',
        '',
        '2. If NOT scaling:',
        '   - Force manual scale: `aws autoscaling set-desired-capacity`',
        '   - Check the rules',
        '3. Terminate idle connections:',
        '',
        '   ```sql',
        '   SELECT pg_terminate_backend(pid)',
        "   WHERE state = 'idle';",
        '   ```',
        '',
        '   Deploy via Phase 4',
        '4. Monitor (&lt;475ms P99)',
      ].join('\n'),
    );
  });

  it('keeps a header line and a bullet list', () => {
    const converted = convertUntaggedFence('Common errors:\n  - 500 Internal Server Error: crash\n  - 429 Too Many Requests: rate limit');
    expect(converted).toEqual({ kind: 'markdown', markdown: 'Common errors:\n\n- 500 Internal Server Error: crash\n- 429 Too Many Requests: rate limit' });
  });

  it('leaves templates and diagrams as text', () => {
    expect(convertUntaggedFence('🚨 INCIDENT\nService: API\nSeverity: P[1-4]\n[1-2 sentence status update]')).toMatchObject({ kind: 'code', lang: 'text' });
    expect(convertUntaggedFence('Level 1 (Alert)\n  ↓\nEngineer responds\n  ↓\nLevel 2 (No response)')).toMatchObject({ kind: 'code', lang: 'text' });
    expect(convertUntaggedFence('Slack: @oncall DECLARE P1\nPage all on-call staff')).toMatchObject({ kind: 'code', lang: 'text' });
  });

  it('redraws a box diagram whose bytes were lost as a list', () => {
    const diagram = [
      '┌────────────â”',
      '│ Alert Fired │',
      '└────┬───────┘',
      '     ▼',
      '┌────────────â”',
      '│ 1. Acknowledge │',
      '│    - PagerDuty │',
      '└────────────┘',
    ].join('\n');
    expect(convertUntaggedFence(diagram, { damaged: true })).toMatchObject({ kind: 'markdown', markdown: 'Alert Fired\n\n1. Acknowledge\n   - PagerDuty' });
    expect(convertUntaggedFence(diagram)).toMatchObject({ kind: 'code', lang: 'text' });
  });

  it('produces Markdown that MDX parses', () => {
    const converted = convertUntaggedFence('1. Use {braces} and <tags>\n2. Set *stars* and [links]\n   kubectl get pods');
    expect(converted.kind).toBe('markdown');
    if (converted.kind === 'markdown') expect(() => mdxToMdast(converted.markdown)).not.toThrow();
  });
});

describe('MDX escaping', () => {
  it('escapes plain text so it renders as the same characters', () => {
    expect(escapePlain('P99 < 500ms {x} *a* [b] `c`')).toBe('P99 &lt; 500ms \\{x\\} \\*a\\* \\[b\\] \\`c\\`');
    expect(escapePlain('- not a list')).toBe('\\- not a list');
    expect(escapePlain('DATABASE_POOL_SIZE=200')).toBe('DATABASE_POOL_SIZE=200');
  });

  it('escapes Markdown from the source outside code only', () => {
    expect(renderMarkdown('P99 < 500ms and `a <b> {c}` and {d}')).toBe('P99 &lt; 500ms and `a <b> {c}` and \\{d\\}');
    expect(renderMarkdown('run <pod-name> now')).toBe('run `<pod-name>` now');
    expect(renderMarkdown('export the data\n\nimport it')).toBe('&#101;xport the data\n\n&#105;mport it');
  });
});
