// Property: whatever the file holds — broken frontmatter, stray MDX, odd code in any language —
// the linter reports problems and never throws, and every problem points inside the file.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lintProject } from '../../src/lib/lint/engine.ts';
import { RULES } from '../../src/lib/lint/rules/index.ts';
import { loadProject } from '../../src/lib/project.ts';
import { makeProject } from '../helpers/project.ts';

const FILE = 'src/content/docs/runbooks/tickets/random.mdx';

const piece = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom(
    '<pod>',
    '<',
    '{',
    '}',
    '{x}',
    '`',
    '```',
    '~~~',
    "'",
    '"',
    '\\',
    '$HOME',
    '${X:-y}',
    '$(date)',
    '#',
    '\n',
    '\t',
    '—',
    '“',
    '\u00a0',
    '\u200b',
    '\u202e',
    'â€™',
    'üîß',
    'AKIAIOSFODNN7EXAMPLE',
    'postgres://u:p@h/d',
  ),
  fc.constantFrom(
    'kubectl delete pod x',
    'kubectl logs -f x',
    'redis-cli FLUSHALL',
    'psql -c "SELECT 1" -w',
    'SELECT * FROM',
    'rate(x[5m]) by (y)',
    'sum(rate(x[5m])) by (job)',
    'aws ec2 authorize-security-group-ingress --cidr 0.0.0.0/0',
    'kubectl exec -it x -- sh',
    'cat <<EOF\nx\nEOF',
  ),
);
const text = fc.array(piece, { maxLength: 12 }).map((parts) => parts.join(' '));
const language = fc.constantFrom('', 'bash', 'sh', 'console', 'sql', 'promql', 'yaml', 'text', 'python', 'Bash');
const meta = fc.constantFrom(
  '',
  'risk="change"',
  'risk="destructive"',
  'long-running',
  'interactive',
  'text',
  'id="x"',
  'risk=oops',
  'lint-ignore="risk/declared: because"',
  'title="a b"',
  'timeout=5s',
  'bogus=1',
  'risk="',
);
const block = fc
  .tuple(fc.constantFrom('```', '~~~', '   ```'), language, meta, text)
  .map(([fence, lang, attributes, code]) => `${fence}${lang} ${attributes}\n${code}\n${fence.trim()}\n`);
const heading = fc
  .tuple(
    fc.constantFrom('## ', '### ', '#### '),
    fc.constantFrom('Symptoms', 'Investigation', 'Resolution', 'Verification', 'Check logs', 'Meaning', 'Notes'),
    fc.option(text),
  )
  .map(([level, name, extra]) => `${level}${name}${extra ? ` ${extra}` : ''}\n`);
const body = fc
  .array(
    fc.oneof(
      heading,
      block,
      text.map((t) => `${t}\n`),
      fc.constant('- item <pod>\n'),
      fc.constant('[link](/runbooks/x/)\n'),
    ),
    { maxLength: 14 },
  )
  .map((parts) => parts.join('\n'));
const frontmatterValue = fc.oneof(
  text,
  fc.constantFrom('tickets', 'high', 'urgent', '2026-11-24', '2026-13-01', '5m', '15-30m', 'soon', '[a, b]', '{ x: 1 }', '', '"quoted"', '- a\n  - b'),
);
const frontmatter = fc.oneof(
  fc.constant(''),
  fc
    .tuple(
      text,
      fc.array(
        fc.tuple(
          fc.constantFrom('id', 'service', 'severity', 'lastReviewed', 'responseTime', 'aliases', 'alerts', 'variables', 'env', 'related', 'tags', 'severty'),
          frontmatterValue,
        ),
        { maxLength: 8 },
      ),
    )
    .map(([title, entries]) => `---\ntitle: ${JSON.stringify(title)}\nrunbook:\n${entries.map(([key, value]) => `  ${key}: ${value}`).join('\n')}\n---\n`),
  text.map((t) => `---\n${t}\n---\n`),
);

describe('lint on random input', () => {
  const root = makeProject({ runbooks: { 'tickets/random.mdx': '' } });
  it('never throws, never crashes a rule, and positions every problem inside the file', async () => {
    const rulesSeen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(frontmatter, body, async (head, rest) => {
        const source = `${head}\n${rest}`;
        writeFileSync(join(root, FILE), source);
        const project = await loadProject({ root, config: { now: '2026-11-24' } });
        const { problems } = await lintProject(project, { rules: RULES });
        const lines = source.split('\n');
        for (const problem of problems.filter((p) => p.file === FILE)) {
          rulesSeen.add(problem.rule);
          expect(problem.rule).not.toBe('lint/crash');
          expect(problem.line).toBeGreaterThanOrEqual(1);
          expect(problem.line).toBeLessThanOrEqual(lines.length);
          expect(problem.column).toBeGreaterThanOrEqual(1);
          expect(problem.column).toBeLessThanOrEqual(lines[problem.line - 1].length + 1);
          expect(problem.endLine).toBeGreaterThanOrEqual(problem.line);
          expect(problem.endLine).toBeLessThanOrEqual(lines.length);
          if (problem.endLine === problem.line) expect(problem.endColumn).toBeGreaterThanOrEqual(problem.column);
          expect(problem.endColumn).toBeLessThanOrEqual(lines[problem.endLine - 1].length + 1);
        }
      }),
      { numRuns: 300 },
    );
    // The inputs really exercise the rules (not just "no problems, nothing to check").
    expect(rulesSeen.size).toBeGreaterThan(10);
  }, 180_000);
});
