// The model parser over the shapes real runbooks take: each case asserts the exact model output
// or the positioned problem.
import { describe, expect, it } from 'vitest';
import { parseRunbookLoaded } from '../../src/lib/model/parse.ts';
import type { Block } from '../../src/lib/model/types.ts';

const FRONTMATTER = `---
title: Model cases
runbook:
  id: tickets-model
  service: tickets
  severity: low
---
`;

let counter = 0;
const parse = (body: string) => parseRunbookLoaded(`case-${counter++}.mdx`, `${FRONTMATTER}\n${body}`);
const summary = (block: Block) => ({
  id: block.id,
  lang: block.lang,
  kind: block.kind,
  language: block.language,
  command: block.command,
  step: block.step,
  section: block.section,
  lines: [block.span.start.line, block.span.end.line],
  codeLine: block.codeLine,
  codeColumn: block.codeColumn,
});

describe('sections and steps', () => {
  it('maps synonyms to canonical sections and ### headings in step sections to steps', () => {
    const runbook = parse('## Meaning\n\nx\n\n## Diagnosis\n\n### Look at it\n\ny\n\n## Mitigation\n\n### Fix it\n\nz\n\n## Notes\n\n### Not a step\n');
    expect(runbook.sections.map((s) => [s.name, s.heading])).toEqual([
      ['symptoms', 'Meaning'],
      ['investigation', 'Diagnosis'],
      ['resolution', 'Mitigation'],
      [null, 'Notes'],
    ]);
    expect(runbook.steps.map((s) => [s.id, s.section, s.span.start.line])).toEqual([
      ['look-at-it', 'investigation', 15],
      ['fix-it', 'resolution', 21],
    ]);
    expect(runbook.problems).toEqual([]);
  });
});

describe('code blocks', () => {
  it('reads fences at any indentation, with ~~~, and inside list items', () => {
    const runbook = parse(
      [
        '## Investigation',
        '',
        '### Check',
        '',
        '1. First list item',
        '',
        '   ```bash',
        '   kubectl get pods',
        '   ```',
        '',
        '   - nested item',
        '',
        '     ~~~sql',
        '     SELECT 1;',
        '     ~~~',
        '',
        '  ```promql',
        '  up',
        '  ```',
        '',
      ].join('\n'),
    );
    expect(runbook.blocks.map(summary)).toEqual([
      {
        id: 'tickets-model/check',
        lang: 'bash',
        kind: 'command',
        language: 'shell',
        command: 'kubectl get pods',
        step: 'check',
        section: 'investigation',
        lines: [15, 17],
        codeLine: 16,
        codeColumn: 4,
      },
      {
        id: 'tickets-model/check-2',
        lang: 'sql',
        kind: 'command',
        language: 'sql',
        command: 'SELECT 1;',
        step: 'check',
        section: 'investigation',
        lines: [21, 23],
        codeLine: 22,
        codeColumn: 6,
      },
      {
        id: 'tickets-model/check-3',
        lang: 'promql',
        kind: 'command',
        language: 'promql',
        command: 'up',
        step: 'check',
        section: 'investigation',
        lines: [25, 27],
        codeLine: 26,
        codeColumn: 3,
      },
    ]);
  });

  it('treats only prompt lines of console blocks as commands', () => {
    const [block] = parse(
      '## Investigation\n\n### Check\n\n```console\n$ kubectl get pods\nNAME   READY\napi-1  1/1\n# whoami\nroot\n$ echo a \\\n  b\n```\n',
    ).blocks;
    expect(block.kind).toBe('console');
    expect(block.command).toBe('kubectl get pods\nwhoami\necho a \\\n  b');
  });

  it('reads attributes with quoted values the way Expressive Code does', () => {
    const [block] = parse(
      '## Resolution\n\n### Restart\n\n```bash title="Restart the API" risk=\'change\' long-running interactive=false id="tickets/restart" timeout=90s lint-ignore="risk/declared: reviewed by the owners"\nkubectl rollout restart deploy/api\n```\n',
    ).blocks;
    expect(block.attributes).toEqual({
      risk: 'change',
      riskDeclared: true,
      longRunning: true,
      interactive: false,
      text: false,
      title: 'Restart the API',
      id: 'tickets/restart',
      timeout: 90,
      lintIgnore: [{ rule: 'risk/declared', reason: 'reviewed by the owners' }],
    });
    expect(block.id).toBe('tickets/restart');
  });

  it('classifies snippets and text blocks, which are not commands', () => {
    const blocks = parse('## Resolution\n\n### Config\n\n```yaml\na: 1\n```\n\n```bash text\necho template\n```\n\n```\nplain\n```\n').blocks;
    expect(blocks.map((b) => [b.kind, b.id, b.command])).toEqual([
      ['snippet', 'tickets-model/config:snippet-1', undefined],
      ['text', 'tickets-model/config:text-2', undefined],
      ['snippet', 'tickets-model/config:snippet-3', undefined],
    ]);
  });

  it('finds placeholders and environment variables with their positions in the file', () => {
    const [block] = parse(
      '## Investigation\n\n### Logs\n\n```bash\nkubectl -n "$NAMESPACE" logs <pod-name> --since=${WINDOW:-5m}\nTOKEN=x; echo \'$NOT_ENV\' $TOKEN $HOME # $COMMENT\n```\n',
    ).blocks;
    expect(block.placeholders.map((p) => [p.name, p.span.start.line, p.span.start.column, p.span.end.column])).toEqual([['pod-name', 14, 30, 40]]);
    expect(block.env.map((e) => [e.name, e.span.start.line, e.span.start.column])).toEqual([
      ['NAMESPACE', 14, 14],
      ['WINDOW', 14, 51],
    ]);
  });

  it('ignores placeholders in output lines of console blocks', () => {
    const [block] = parse('## Investigation\n\n### Logs\n\n```console\n$ echo <pod>\n<not-a-placeholder>\n```\n').blocks;
    expect(block.placeholders.map((p) => p.name)).toEqual(['pod']);
  });
});

describe('ids', () => {
  it('numbers further commands of a step -2, -3 and keeps pinned ids', () => {
    const ids = parse('## Investigation\n\n### Check\n\n```bash\na\n```\n\n```bash id="pinned"\nb\n```\n\n```bash\nc\n```\n').blocks.map((b) => b.id);
    expect(ids).toEqual(['tickets-model/check', 'pinned', 'tickets-model/check-3']);
  });

  it('reports duplicate step and command ids at the second one, pointing at the first', () => {
    const runbook = parse('## Investigation\n\n### Check\n\n```bash id="x"\na\n```\n\n## Verification\n\n### Check\n\n```bash id="x"\nb\n```\n');
    expect(runbook.problems.map((p) => [p.rule, p.line, p.column, p.message, p.related?.[0].line])).toEqual([
      ['ids/unique', 19, 1, 'Duplicate step id "check": the heading "Check" is used twice', 11],
      ['ids/unique', 21, 1, 'Duplicate command id "x"', 13],
    ]);
  });
});

describe('problems instead of exceptions', () => {
  it('reports an MDX syntax error where it is and still reads the blocks', () => {
    const runbook = parse('## Symptoms\n\nLatency above {threshold\n\n## Investigation\n\n### Check\n\n```bash\nkubectl get pods\n```\n');
    expect(runbook.problems.map((p) => [p.rule, p.line])).toEqual([['mdx/syntax', 11]]);
    expect(runbook.problems[0].message).toMatch(/^MDX syntax error: /);
    expect(runbook.blocks.map((b) => b.command)).toEqual(['kubectl get pods']);
  });

  it('reports unknown and malformed attributes on the fence line', () => {
    const runbook = parse('## Investigation\n\n### Check\n\n```bash risk="high" longrunning timeout=soon\nx\n```\n');
    expect(runbook.problems.map((p) => `${p.line}:${p.column}-${p.endColumn} ${p.message}`)).toEqual([
      '13:9-20 Invalid risk "high"; expected one of read, change, destructive',
      '13:21-32 Unknown code block attribute "longrunning"; allowed: id, risk, long-running, interactive, target, text, timeout, lint-ignore (and Expressive Code options such as title)',
      '13:33-45 Invalid timeout "soon"; expected a duration such as 30s or 5m',
    ]);
  });

  it('survives arbitrary garbage', () => {
    for (const source of ['', '---', '---\n---', '```', '<', '{', '---\ntitle: [\n---\n', '\u0000\u202e']) {
      expect(() => parseRunbookLoaded(`garbage-${counter++}.mdx`, source)).not.toThrow();
    }
  });
});
