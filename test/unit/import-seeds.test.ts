// The importer on the five seed documents: the runbook counts, every output parses with the model,
// no source content is lost, and the committed fixtures (test/fixtures/seeds-raw/, and seeds-naive/
// from --verbatim) are a fresh run.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { markdownToMdast } from 'satteri';
import type { Code, Root } from 'mdast';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { parseSource, partNodes } from '../../src/lib/import/markdown.ts';
import { detectStructure } from '../../src/lib/import/structure.ts';
import { parseRunbookLoaded } from '../../src/lib/model/parse.ts';
import { serviceSchema } from '../../src/schema/service.ts';
import { repairMojibake } from '../../src/lib/text/mojibake.ts';
import { FIXTURE_DIR, NAIVE_FIXTURE_DIR, SEEDS, SEEDS_DIR, importSeed, listFiles, seedFixture } from '../../scripts/import-seeds.ts';

const available = existsSync(SEEDS_DIR);
if (!available) console.warn(`import-seeds tests skipped: no seed documents at ${SEEDS_DIR} (set RUNBOOK_SEEDS_DIR)`);

/** Text compared without markup, escapes or emoji: lowercase ASCII words and numbers. */
function normalise(text: string): string {
  return text
    .normalize('NFC')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/&#(\d+);/g, (_match, code: string) => String.fromCharCode(Number(code)))
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

function codeNodes(tree: Root): Code[] {
  const found: Code[] = [];
  const visit = (node: { type: string; children?: unknown[] }) => {
    if (node.type === 'code') found.push(node as Code);
    for (const child of (node.children ?? []) as { type: string }[]) visit(child);
  };
  visit(tree);
  return found;
}

describe.skipIf(!available)('importing the seed documents', () => {
  // The source with its mojibake repaired (line for line): `üîß` compares as 🔧, not as letters.
  const runs = available
    ? SEEDS.map((seed) => ({ seed, raw: repairMojibake(readFileSync(join(SEEDS_DIR, seed.file), 'utf8')), result: importSeed(seed) }))
    : [];

  it('finds the expected runbooks in each seed', () => {
    expect(runs.map(({ seed, result }) => [seed.service, result.runbooks.length])).toEqual([
      ['alawael-api', 6],
      ['azora', 13],
      ['architect-api', 13],
      ['tickets', 5],
      ['petforce', 5],
    ]);
    const architect = runs.find(({ seed }) => seed.service === 'architect-api')!.result;
    expect(architect.runbooks.map((runbook) => runbook.model.meta?.tags[0])).toEqual([
      ...Array(3).fill('incident-response'),
      ...Array(3).fill('common-tasks'),
      ...Array(4).fill('troubleshooting'),
      ...Array(3).fill('emergency-procedures'),
    ]);
    // A message template with no steps or commands, shared by every incident: a page, not a runbook.
    expect(architect.pages.map((page) => page.name)).toContain('communication-during-incidents.mdx');
  });

  it('keeps the shared parts as service pages', () => {
    expect(Object.fromEntries(runs.map(({ seed, result }) => [seed.service, result.pages.map((page) => page.name.replace(/\.mdx$/, ''))]))).toEqual({
      'alawael-api': ['overview', 'quick-reference-which-playbook-to-use', 'when-to-escalate'],
      azora: ['overview', 'escalation-procedures', 'related-documents'],
      'architect-api': ['overview', 'communication-during-incidents', 'escalation-matrix', 'contact-information'],
      tickets: ['general-troubleshooting-commands', 'related-documents'],
      petforce: ['overview', 'incident-response', 'escalation-procedures', 'monitoring-dashboards', 'useful-commands', 'post-incident'],
    });
  });

  it('writes runbooks and pages that the model parses without problems', () => {
    for (const { seed, result } of runs) {
      expect(result.problems, seed.file).toEqual([]);
      for (const runbook of result.runbooks) {
        const model = parseRunbookLoaded(`check/${seed.service}/${runbook.name}`, runbook.content);
        expect(model.problems.map((problem) => `${runbook.name}:${problem.line} ${problem.message}`)).toEqual([]);
        expect(model.meta?.service).toBe(seed.service);
        expect(model.meta?.id).toMatch(new RegExp(`^${seed.service}-[a-z0-9-]+$`));
      }
      for (const page of result.pages) {
        const model = parseRunbookLoaded(`check/pages/${seed.service}/${page.name}`, page.content);
        expect(model.problems.map((problem) => `${page.name}:${problem.line} ${problem.message}`)).toEqual([]);
        expect(Object.keys(model.frontmatter.raw as object)).toEqual(['title', 'description', 'importedFrom']);
      }
    }
  });

  it('holds the 206 code blocks the brief counted', () => {
    expect(runs.reduce((sum, { raw }) => sum + codeNodes(markdownToMdast(raw) as Root).length, 0)).toBe(206);
  });

  it('loses no content: every code block and every prose line of a seed is in its output', () => {
    for (const { seed, raw, result } of runs) {
      const files = [...result.runbooks, ...result.pages].map((file) => file.content).concat(result.service.content);
      // Fence lines carry a language the source did not have; they are not content.
      const union = ` ${normalise(
        files
          .join('\n')
          .split('\n')
          .filter((line) => !/^\s*`{3,}/.test(line))
          .join('\n'),
      )} `;
      const has = (text: string) => union.includes(` ${normalise(text)} `);
      const tree = markdownToMdast(raw) as Root;
      const codes = codeNodes(tree);
      const missingCode = codes.filter((code) => normalise(code.value) && !has(code.value)).map((code) => `line ${code.position?.start.line}`);
      expect(missingCode, `${seed.file}: code blocks`).toEqual([]);

      const inCode = new Set(
        codes.flatMap((code) => Array.from({ length: code.position!.end.line - code.position!.start.line + 1 }, (_, i) => code.position!.start.line + i)),
      );
      const consumed = result.documents[0].consumed;
      const missing: string[] = [];
      raw.split('\n').forEach((line, index) => {
        const number = index + 1;
        if (inCode.has(number) || !normalise(line) || /^\s*\|?\s*:?-{3,}/.test(line)) return;
        if (has(line)) return;
        // Not copied as written: the importer must say what the line became, and that must be in the output.
        const entries = consumed.filter((entry) => entry.line === number);
        const accounted =
          entries.length > 0 &&
          entries.every((entry) =>
            entry.output !== undefined ? has(entry.output) : ['table-of-contents', 'label', 'section-heading', 'document-title'].includes(entry.kind),
          );
        if (!accounted) missing.push(`${number}: ${line.trim()}`);
      });
      expect(missing, `${seed.file}: prose lines`).toEqual([]);
    }
  });

  it('repairs the mojibake of seeds 000, 002 and 004 and redraws the damaged diagram', () => {
    const text = (service: string) => {
      const { result } = runs.find(({ seed }) => seed.service === service)!;
      return [...result.runbooks, ...result.pages].map((file) => file.content).join('\n');
    };
    expect(text('alawael-api')).not.toMatch(/üîß|‚Üí|‚úÖ|\uF8FF/);
    expect(text('alawael-api')).toContain('Dashboard → API Performance');
    expect(text('architect-api')).not.toMatch(/ðŸ|â†/);
    expect(text('architect-api')).toContain('🚨 INCIDENT ALERT 🚨');
    expect(text('petforce')).not.toMatch(/â”|ðŸ|âœ/);
    expect(text('petforce')).toContain('1. Acknowledge (1 min)\n   - PagerDuty\n   - Slack #incidents');
  });

  it('maps the metadata of the seeds', () => {
    const meta = (service: string, id: string) =>
      runs.find(({ seed }) => seed.service === service)!.result.runbooks.find((runbook) => runbook.id === id)!.model.meta!;
    expect(meta('alawael-api', 'alawael-api-high-response-time')).toMatchObject({ aliases: ['Playbook 1'], severity: 'medium', lastReviewed: '2026-02-22' });
    expect(meta('azora', 'azora-deployment-fails-to-start')).toMatchObject({ aliases: ['RB-001'], severity: 'high', timeToResolve: { text: '15-30m' } });
    expect(meta('azora', 'azora-deployment-fails-to-start').lastReviewed).toBeUndefined(); // "November 2025"
    expect(meta('azora', 'azora-vulnerability-detected').timeToResolve).toMatchObject({ text: '1-4h' });
    expect(meta('architect-api', 'architect-api-api-completely-down')).toMatchObject({ aliases: ['P1'], severity: 'high', responseTime: { text: '5m' } });
    expect(meta('tickets', 'tickets-latency-breach')).toMatchObject({
      aliases: ['1. Latency Breach'],
      severity: 'high',
      alerts: [{ name: 'LatencyP95Breaching', for: { text: '15m' }, threshold: 'p95 latency >800ms for 15 minutes' }],
      related: ['tickets-deployment-rollback'],
    });
    expect(meta('tickets', 'tickets-database-saturation')).toMatchObject({ severity: 'medium', alerts: [{ name: 'DatabaseConnectionSaturation' }] });
    expect(meta('petforce', 'petforce-high-error-rate')).toMatchObject({
      aliases: ['1. High Error Rate'],
      severity: 'critical',
      responseTime: { text: '5m' },
      lastReviewed: '2026-02-02',
      alerts: [],
    });
  });

  it('writes service YAML that the service schema accepts (no phone numbers, placeholder contacts)', () => {
    for (const { seed, result } of runs) {
      const parsed = serviceSchema.safeParse(parseYaml(result.service.content));
      expect(parsed.success, `${seed.service}: ${parsed.error?.message}`).toBe(true);
      expect(result.service.draft.escalation.length).toBeGreaterThan(0);
      for (const level of result.service.draft.escalation) expect(level.contact).toMatch(/placeholder/);
    }
  });

  it('matches the committed fixture (regenerate with: npx node scripts/import-seeds.ts)', () => {
    const fresh = seedFixture();
    const committed = listFiles(FIXTURE_DIR);
    expect(committed).toEqual([...fresh.keys()].sort());
    for (const [path, content] of fresh) expect(readFileSync(join(FIXTURE_DIR, path), 'utf8'), path).toBe(content);
  });
});

describe.skipIf(!available)('copying the seed documents as written (--verbatim)', () => {
  const runs = available
    ? SEEDS.map((seed) => ({
        seed,
        written: readFileSync(join(SEEDS_DIR, seed.file), 'utf8'),
        imported: importSeed(seed),
        verbatim: importSeed(seed, SEEDS_DIR, { verbatim: true }),
      }))
    : [];
  // The hash in importedFrom is of each file's own text: the two differ there and only there.
  const frontmatterOf = (content: string) => {
    const data = parseYaml(content.split('---\n')[1]) as { runbook: Record<string, unknown>; importedFrom?: { sha256?: string } };
    delete data.importedFrom?.sha256;
    return data;
  };
  const bodyOf = (content: string) => content.slice(content.indexOf('---\n', 4) + 4);

  it('splits like the importer and writes the same frontmatter, without variables or env', () => {
    for (const { seed, imported, verbatim } of runs) {
      expect(
        verbatim.runbooks.map((runbook) => runbook.name),
        seed.file,
      ).toEqual(imported.runbooks.map((runbook) => runbook.name));
      expect(
        verbatim.pages.map((page) => page.name),
        seed.file,
      ).toEqual(imported.pages.map((page) => page.name));
      expect(verbatim.service.content).toBe(imported.service.content);
      verbatim.runbooks.forEach((runbook, index) => {
        const expected = frontmatterOf(imported.runbooks[index].content);
        delete expected.runbook.variables;
        delete expected.runbook.env;
        // No variables are written, so none has a stand-in example to review.
        expected.runbook.todo = (expected.runbook.todo as string[]).filter((field) => field !== 'variables');
        expect(frontmatterOf(runbook.content), runbook.name).toEqual(expected);
      });
    }
  });

  it('writes runbooks that the model parses without problems', () => {
    for (const { seed, verbatim } of runs) {
      expect(verbatim.problems, seed.file).toEqual([]);
      for (const runbook of verbatim.runbooks)
        expect(runbook.model.problems.map((problem) => `${runbook.name}:${problem.line} ${problem.message}`)).toEqual([]);
    }
  });

  it('copies every code block as written: no language added, mojibake kept', () => {
    for (const { seed, written, verbatim } of runs) {
      // Compared without indentation: a block inside a list item moves with the item.
      const unindented = (text: string) => text.replace(/^[ \t]+/gm, '');
      const union = unindented([...verbatim.runbooks, ...verbatim.pages].map((file) => bodyOf(file.content)).join('\n'));
      const missing = codeNodes(markdownToMdast(written) as Root)
        .map((code) => unindented(written.slice(code.position!.start.offset, code.position!.end.offset)))
        .filter((raw) => !union.includes(raw));
      expect(missing, seed.file).toEqual([]);
    }
    const body = (service: string) => {
      const { verbatim } = runs.find(({ seed }) => seed.service === service)!;
      return [...verbatim.runbooks, ...verbatim.pages].map((file) => bodyOf(file.content)).join('\n');
    };
    expect(body('alawael-api')).toContain('## \uF8FFüéØ Recognition'); // U+F8FF: Mac OS Roman's F0
    expect(body('architect-api')).toContain('ðŸš¨ INCIDENT ALERT ðŸš¨');
    expect(body('petforce')).toContain('â”‚ Alert Triggered â”‚');
    // The one link the split breaks leads to the page its heading went to: the source's anchor is valid there.
    expect(body('tickets')).toContain('[Deployment Rollback](/runbooks/tickets/deployment-rollback/)');
  });

  it('copies every line of each runbook into it (headings re-levelled, MDX escapes only) and adds no TODO lines', () => {
    for (const { seed, written, verbatim } of runs) {
      const lines = written.split('\n');
      // Where each runbook is in the source: the importer's own split of the repaired text (same lines).
      const { runbooks } = detectStructure(parseSource(seed.file, repairMojibake(written)));
      runbooks.forEach((source, index) => {
        const runbook = verbatim.runbooks[index];
        const body = bodyOf(runbook.content);
        expect(body, runbook.name).not.toContain('TODO (import)');
        const nodes = partNodes(source.part);
        const first = source.part.heading!.position!.start.line + 1;
        const last = nodes.length ? nodes[nodes.length - 1].position!.end.line : first - 1;
        // A link to a heading the split put on another page leads to that page: compared without link targets.
        const unlinked = (text: string) => normalise(text.replace(/\]\((?:#|\/runbooks\/|\/services\/)[^)]*\)/g, '](link)'));
        const union = ` ${unlinked(body)} `;
        const missing = lines.slice(first - 1, last).filter((line) => normalise(line) && !union.includes(` ${unlinked(line)} `));
        expect(missing, `${seed.file}: ${runbook.name}`).toEqual([]);
      });
    }
  });

  it('matches the committed fixture (regenerate with: npx node scripts/import-seeds.ts)', () => {
    const fresh = seedFixture(SEEDS_DIR, { verbatim: true });
    expect(listFiles(NAIVE_FIXTURE_DIR)).toEqual([...fresh.keys()].sort());
    for (const [path, content] of fresh) expect(readFileSync(join(NAIVE_FIXTURE_DIR, path), 'utf8'), path).toBe(content);
  });
});
