// `runbook import --verbatim`: the same split and frontmatter as a normal import, the text as written
// (mojibake, untagged fences, headings, links) with only the escapes MDX needs.
import { describe, expect, it } from 'vitest';
import { importDocuments } from '../../src/lib/import/import.ts';

/** What a program produced that read `text`'s UTF-8 bytes as Windows-1252. */
const garble = (text: string) => new TextDecoder('windows-1252').decode(new TextEncoder().encode(text));

const DOC = `# Shop runbooks

## RB-001: Checkout Errors

**Severity**: High

### ${garble('🚨')} Symptoms

- Checkout answers 502 for {some} users ${garble('–')} see <pod-name> logs
- Latency < 500ms is fine

### Investigation

#### Check Pods

\`\`\`
kubectl -n shop get pods
\`\`\`

#### Check Pods

\`\`\`bash
kubectl -n shop logs <pod-name>
psql $DATABASE_URL -c "SELECT 1"
\`\`\`

    indented code

### Resolution

See [Rollback](#rb-002-rollback) and <https://example.com/status>.

## RB-002: Rollback

### Symptoms

Bad deploy.

### Resolution

\`\`\`bash
kubectl -n shop rollout undo deployment/checkout
\`\`\`
`;

const importBoth = (text: string) => ({
  imported: importDocuments([{ file: 'doc.md', text }], { service: 'shop' }),
  verbatim: importDocuments([{ file: 'doc.md', text }], { service: 'shop', verbatim: true }),
});

const bodyOf = (content: string) => content.slice(content.indexOf('---\n', 4) + 4);

describe('importDocuments({ verbatim: true })', () => {
  const { imported, verbatim } = importBoth(DOC);
  const runbook = verbatim.runbooks[0];

  it('splits the document like a normal import and writes its frontmatter, without variables or env', () => {
    expect(verbatim.runbooks.map((each) => each.id)).toEqual(imported.runbooks.map((each) => each.id));
    expect(imported.runbooks[0].model.meta).toMatchObject({ variables: { 'pod-name': {} }, env: { DATABASE_URL: expect.any(String) } });
    expect(runbook.content.slice(0, runbook.content.indexOf('---\n', 4)).replace(/sha256: [0-9a-f]{64}/, 'sha256: <hash>')).toBe(`---
title: Checkout Errors
description: Checkout answers 502 for {some} users – see <pod-name> logs; Latency < 500ms is fine.
runbook:
  id: shop-checkout-errors
  aliases: ["RB-001"]
  service: shop
  severity: high
  related: [shop-rollback]
  todo: [owner, escalation, lastReviewed]
importedFrom:
  source: doc.md
  sha256: <hash>
`);
  });

  // The one change besides MDX's escapes: the split put the "RB-002" heading on its own page, so the
  // anchor link leads there (kept as written it would be a dead link the import made, not the source).
  it('copies the text as written, escaping only what MDX cannot parse, and adds no TODO lines', () => {
    expect(bodyOf(runbook.content)).toBe(`
**Severity**: High

## ðŸš¨ Symptoms

- Checkout answers 502 for \\{some\\} users â€“ see \`<pod-name>\` logs
- Latency &lt; 500ms is fine

## Investigation

### Check Pods

\`\`\`
kubectl -n shop get pods
\`\`\`

### Check Pods

\`\`\`bash
kubectl -n shop logs <pod-name>
psql $DATABASE_URL -c "SELECT 1"
\`\`\`

\`\`\`
indented code
\`\`\`

## Resolution

See [Rollback](/runbooks/shop/rollback/) and [https://example.com/status](https://example.com/status).
`);
  });

  it('leaves what the text as written breaks to the linter: the duplicate step is a TODO, not an importer error', () => {
    expect(runbook.model.problems.map((problem) => problem.rule)).toEqual(['ids/unique']);
    expect(runbook.problems).toEqual([]);
    expect(verbatim.problems).toEqual([]);
    expect(verbatim.report).toContainEqual(
      expect.objectContaining({
        level: 'todo',
        file: 'runbooks/checkout-errors.mdx',
        message: expect.stringMatching(/Duplicate step id "check-pods".*\[ids\/unique\]$/),
      }),
    );
    expect(verbatim.report).toContainEqual(
      expect.objectContaining({ level: 'info', message: 'kept (--verbatim) 2 mojibake sequences (UTF-8 read as Windows-1252: ðŸš¨ → 🚨, â€“ → –)' }),
    );
  });

  it('copies the repaired text, and says so, when the repair changes the Markdown structure', () => {
    // `©` is punctuation, so `**Ã©**` between letters is no emphasis; `**é**` is.
    const text = DOC.replace('Bad deploy.', `Bad deploy of foo**${garble('é')}**bar.`);
    const { verbatim: fallback } = importBoth(text);
    expect(fallback.runbooks[1].content).toContain('Bad deploy of foo**é**bar.');
    expect(fallback.runbooks[0].content).toContain('## 🚨 Symptoms');
    expect(fallback.report).toContainEqual(
      expect.objectContaining({ level: 'todo', message: expect.stringMatching(/^--verbatim: repairing the mojibake changes the Markdown structure/) }),
    );
  });
});
