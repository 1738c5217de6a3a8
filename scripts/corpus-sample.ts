// npm run corpus:sample -- [<corpus dir>] [--seed <n>] [--quota <n>]
// Draws the sample of findings to label by hand: lints the four public collections (test/corpus-labels/
// collections.json) and, for every rule with findings, takes `quota` of them at random with a fixed seed
// (all of them when a rule has fewer), so that each rule appears. Prints the sample as JSON: the labels
// already in test/corpus-labels/findings.json are kept, the rest come with verdict "unlabelled" and the
// finding's message, for a reviewer to read the source and decide.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { LABELS, IMPORT_ARTIFACTS, lintCollections, readLabels, type CorpusFinding } from './corpus-lib.ts';

const USAGE =
  'Usage: npm run corpus:sample -- [<corpus dir>] [--seed <n>] [--quota <n>]\n\n  --seed <n>   seed of the draw (default: the one recorded in findings.json)\n  --quota <n>  findings drawn per rule (default: the one recorded in findings.json)';
let parsed: ReturnType<typeof parse>;
function parse() {
  return parseArgs({ allowPositionals: true, options: { seed: { type: 'string' }, quota: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
}
try {
  parsed = parse();
} catch (error) {
  process.stderr.write(`corpus:sample: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}\n`);
  process.exit(2);
}
if (parsed.values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const recorded = JSON.parse(readFileSync(join(LABELS, 'findings.json'), 'utf8')) as { sample?: { seed: number; quota: number } };
const seed = Number(parsed.values.seed ?? recorded.sample?.seed ?? 14);
const quota = Number(parsed.values.quota ?? recorded.sample?.quota ?? 6);
if (!Number.isInteger(seed) || !Number.isInteger(quota) || quota < 1) {
  process.stderr.write(`corpus:sample: --seed and --quota take whole numbers\n\n${USAGE}\n`);
  process.exit(2);
}
const corpus = resolve(parsed.positionals[0] ?? process.env.RUNBOOKS_CORPUS ?? '/work/corpus');
if (!existsSync(corpus)) {
  process.stderr.write(`corpus:sample: ${corpus} does not exist\n`);
  process.exit(2);
}

/** mulberry32: a small seeded generator, so that the draw is the same on every machine. */
function generator(state: number) {
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// The labels first: a findings.json that cannot be read stops the draw before a minute of linting.
let labelled: ReturnType<typeof readLabels>['findings'];
try {
  labelled = readLabels().findings;
} catch (error) {
  process.stderr.write(`corpus:sample: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
}
const { found } = await lintCollections(corpus);
const byRule = new Map<string, { collection: string; finding: CorpusFinding }[]>();
for (const [collection, findings] of found) {
  for (const finding of findings) {
    if (IMPORT_ARTIFACTS.has(finding.rule)) continue;
    byRule.set(finding.rule, [...(byRule.get(finding.rule) ?? []), { collection, finding }]);
  }
}
const labels = new Map(labelled.map((label) => [`${label.collection}/${label.id}`, label]));
const sample: unknown[] = [];
for (const rule of [...byRule.keys()].sort()) {
  // A stable order before the draw: collection, then the finding's id.
  const pool = (byRule.get(rule) ?? []).sort((a, b) => `${a.collection}/${a.finding.id}`.localeCompare(`${b.collection}/${b.finding.id}`));
  const random = generator(seed ^ [...rule].reduce((hash, char) => Math.imul(hash, 31) + char.charCodeAt(0), 7));
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  for (const { collection, finding } of pool.slice(0, quota)) {
    const label = labels.get(`${collection}/${finding.id}`);
    sample.push(
      label ?? {
        id: finding.id,
        collection,
        path: finding.source,
        line: finding.sourceLine,
        rule,
        verdict: 'unlabelled',
        reason: '',
        message: finding.message,
      },
    );
  }
}
process.stdout.write(`${JSON.stringify({ sample: { seed, quota }, findings: sample }, null, 1)}\n`);
