// The linter on runbooks nobody corrected: the five seeds as the importer writes them (seeds-raw) and
// split with their text as written (seeds-naive, `runbook import --verbatim`), plus one small file per
// category the seeds cannot show (lint-categories). Every category of the issue must be found, and the
// problems per rule are pinned in test/fixtures/seeds-lint-counts.json so that a change in what the
// linter finds on uncorrected runbooks shows in review. After a deliberate change, update the file with:
//   UPDATE_LINT_COUNTS=1 npx vitest run test/unit/lint-seeds.test.ts
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { lintProject, type LintResult } from '../../src/lib/lint/engine.ts';
import { RULES } from '../../src/lib/lint/rules/index.ts';
import { loadProject } from '../../src/lib/project.ts';

const COUNTS_FILE = 'test/fixtures/seeds-lint-counts.json';
const UPDATE = process.env.UPDATE_LINT_COUNTS === '1';
const HOW_TO_UPDATE = `update ${COUNTS_FILE} with: UPDATE_LINT_COUNTS=1 npx vitest run test/unit/lint-seeds.test.ts (after regenerating the fixtures with npx node scripts/import-seeds.ts)`;

/** The categories the issue lists, by rule id. */
const CATEGORIES: Record<string, string[]> = {
  schema: ['schema/frontmatter', 'schema/duplicate', 'schema/reference', 'schema/sections'],
  staleness: ['review/stale'],
  'shell/syntax': ['shell/syntax'],
  'sql/syntax': ['sql/syntax'],
  'promql/syntax': ['promql/syntax'],
  placeholders: ['placeholders/declared', 'placeholders/used', 'placeholders/example'],
  env: ['env/declared'],
  risk: ['risk/declared'],
  'never-ends': ['commands/long-running', 'commands/interactive'],
  'cli/flags': ['cli/flags'],
  'text/unicode': ['text/unicode'],
  'text/mojibake': ['text/mojibake'],
  secrets: ['secrets/no-secrets'],
  fences: ['fences/language', 'fences/prompt'],
  links: ['links/resolve'],
  'mdx/safety': ['mdx/safety'],
};

const FIXTURES = {
  raw: { contentDir: 'test/fixtures/seeds-raw/runbooks', servicesDir: 'test/fixtures/seeds-raw/services' },
  naive: { contentDir: 'test/fixtures/seeds-naive/runbooks', servicesDir: 'test/fixtures/seeds-naive/services' },
  categories: { contentDir: 'test/fixtures/lint-categories', servicesDir: 'test/fixtures/lint-categories/services' },
};
type Fixture = keyof typeof FIXTURES;
type Counts = Record<string, Record<Fixture, number>>;

async function lint(fixture: Fixture): Promise<LintResult> {
  const project = await loadProject({ root: process.cwd(), config: { ...FIXTURES[fixture], now: '2026-11-24' } });
  return lintProject(project, { rules: RULES });
}

/** Problems per rule and fixture: every rule (in the docs order), then any other rule id that was reported. */
function countsOf(results: Record<Fixture, LintResult>): Counts {
  const reported = Object.values(results).flatMap((result) => Object.keys(result.counts));
  const ids = [...new Set([...RULES.map((rule) => rule.meta.id), ...reported.sort()])];
  return Object.fromEntries(
    ids.map((id) => [id, { raw: results.raw.counts[id] ?? 0, naive: results.naive.counts[id] ?? 0, categories: results.categories.counts[id] ?? 0 }]),
  );
}

/** One rule a line, so a diff of the file reads like the table. */
function formatCounts(counts: Counts): string {
  const lines = Object.entries(counts).map(
    ([id, { raw, naive, categories }]) => `  ${JSON.stringify(id)}: { "raw": ${raw}, "naive": ${naive}, "categories": ${categories} }`,
  );
  return `{\n${lines.join(',\n')}\n}\n`;
}

describe('the linter on the seeds as imported (seeds-raw) and as written (seeds-naive)', () => {
  let results: Record<Fixture, LintResult>;
  let counts: Counts;
  beforeAll(async () => {
    results = { raw: await lint('raw'), naive: await lint('naive'), categories: await lint('categories') };
    counts = countsOf(results);
  }, 60_000);

  it('reports every category of the issue', () => {
    const missing = Object.entries(CATEGORIES).flatMap(([category, ids]) =>
      ids.filter((id) => !(counts[id].raw + counts[id].naive + counts[id].categories)).map((id) => `${category}: ${id}`),
    );
    expect(missing).toEqual([]);
  });

  it('finds in the seeds every category but those of the category fixtures, which show one rule each', () => {
    const fixtureRules = Object.keys(results.categories.counts);
    for (const problem of results.categories.problems) {
      expect(problem.file, `${problem.rule}: ${problem.message}`).toBe(`${FIXTURES.categories.contentDir}/${problem.rule.replace('/', '-')}.mdx`);
    }
    // A category fixture is only for what the seeds cannot show: once they do, it can go.
    const inSeeds = fixtureRules.filter((id) => counts[id].raw + counts[id].naive > 0);
    expect(inSeeds, 'the seeds now show these categories: remove their files from test/fixtures/lint-categories/').toEqual([]);
    const seedless = Object.values(CATEGORIES)
      .flat()
      .filter((id) => !(counts[id].raw + counts[id].naive));
    expect(seedless.sort()).toEqual(fixtureRules.sort());
    for (const id of seedless) expect(existsSync(`${FIXTURES.categories.contentDir}/${id.replace('/', '-')}.mdx`), id).toBe(true);
  });

  it('finds in the text as written what the importer repairs: mojibake, untagged commands, undeclared placeholders and env', () => {
    for (const id of ['text/mojibake', 'fences/language', 'placeholders/declared', 'env/declared']) {
      expect({ id, raw: counts[id].raw, naive: counts[id].naive > 0 }).toEqual({ id, raw: 0, naive: true });
    }
  });

  it('never crashes a rule', () => {
    expect(
      Object.values(results).flatMap((result) =>
        result.problems.filter((problem) => problem.rule === 'lint/crash').map((problem) => `${problem.file}: ${problem.message}`),
      ),
    ).toEqual([]);
  });

  it(`matches ${COUNTS_FILE}`, () => {
    const text = formatCounts(counts);
    if (UPDATE) writeFileSync(COUNTS_FILE, text);
    const committed = existsSync(COUNTS_FILE) ? (JSON.parse(readFileSync(COUNTS_FILE, 'utf8')) as Counts) : undefined;
    expect(committed, `the linter's findings on the seeds changed: check the change, then ${HOW_TO_UPDATE}`).toEqual(counts);
  });
});
