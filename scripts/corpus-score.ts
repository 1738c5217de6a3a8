// npm run corpus:score -- [<corpus dir>] [--json <file>]
// Re-runs the corpus harness on the four public collections (test/corpus-labels/collections.json; each in
// <corpus dir>/<owner+repo>, default /work/corpus or $RUNBOOKS_CORPUS) and recomputes, from the labels in
// test/corpus-labels/:
// - agreement between the two reviewers on the main sample (count and Cohen's kappa) and on the defects;
// - precision per rule and overall on the labelled findings the linter still reports (the main sample and every
//   supplementary draw), each scored with its settled verdict (scripts/corpus-lib.ts `settledVerdict`: the two
//   reviewers' common verdict; where they disagree, the reviewer who did not write the rule, or else the
//   adjudicated verdict; a supplementary draw's verdict is its one reviewer's), next to the precision each
//   reviewer's own verdicts would give, and how many still-reported findings each draw contributes;
// - recall on the defects marked by reading runbooks before the linter ran, counting only defects the second
//   reviewer confirmed (or an adjudication did).
// A collection that is absent is skipped with a note (its labels are left out of the figures). Exit 0 always
// when it ran (the figures are a measurement, not a gate), 2 on usage errors or labels it cannot score.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { LABELS, lintCollections, readLabels, settledVerdict, type FindingLabel } from './corpus-lib.ts';

interface DefectVerdict {
  reviewer: string;
  verdict: 'agree' | 'disagree';
  reason: string;
}
interface Defect {
  id: string;
  collection: string;
  path: string;
  line: number;
  endLine?: number;
  kind: string;
  /** Rules meant to catch it. */
  rules: string[];
  /** Other rules whose finding on these lines was checked to name this defect. */
  caughtBy?: string[];
  reason: string;
  reviewer: string;
  /** The second reviewer: is this a real defect a reviewer would flag? */
  second?: DefectVerdict;
  /** Where the second reviewer disagrees: the verdict after re-reading. */
  adjudicated?: { by: string; verdict: 'agree' | 'disagree'; reason: string };
}

const USAGE =
  'Usage: npm run corpus:score -- [<corpus dir>] [--json <file>]\n\n  <corpus dir>   folder holding the collections as <owner+repo>/ (default: $RUNBOOKS_CORPUS or /work/corpus)\n  --json <file>  also write the figures as JSON';

let parsed: ReturnType<typeof parse>;
function parse() {
  return parseArgs({ allowPositionals: true, options: { json: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
}
try {
  parsed = parse();
} catch (error) {
  process.stderr.write(`corpus:score: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}\n`);
  process.exit(2);
}
if (parsed.values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const corpus = resolve(parsed.positionals[0] ?? process.env.RUNBOOKS_CORPUS ?? '/work/corpus');
let labelsRead: ReturnType<typeof readLabels>;
try {
  labelsRead = readLabels();
} catch (error) {
  process.stderr.write(`corpus:score: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
}
const { findings: labels, samples } = labelsRead;
const { defects, read } = JSON.parse(readFileSync(join(LABELS, 'defects.json'), 'utf8')) as { defects: Defect[]; read: unknown[] };
const { found, notes } = await lintCollections(corpus);

const percent = (part: number, whole: number) => (whole ? `${((100 * part) / whole).toFixed(1)}%` : '-');
const out: string[] = [];
out.push(`Corpus score (${corpus})`);
for (const note of notes) out.push(`  note: ${note}`);

// Agreement: the main sample's findings labelled by both reviewers (whether or not the linter still reports
// them: agreement is about the labelling), and the defects.
const both = labels.filter((label) => label.second);
const agreed = both.filter((label) => label.second?.verdict === label.verdict);
const share = (list: FindingLabel[], pick: (label: FindingLabel) => string | undefined) =>
  list.filter((label) => pick(label) === 'right').length / (list.length || 1);
const observed = agreed.length / (both.length || 1);
const pRightA = share(both, (label) => label.verdict);
const pRightB = share(both, (label) => label.second?.verdict);
const expected = pRightA * pRightB + (1 - pRightA) * (1 - pRightB);
const kappa = expected < 1 ? (observed - expected) / (1 - expected) : null;
const firstReviewer = both[0]?.reviewer ?? 'A';
const secondReviewer = both[0]?.second?.reviewer ?? 'B';
out.push('', `  Agreement between reviewers ${firstReviewer} and ${secondReviewer} on the main sample (seed ${samples.main?.seed ?? '?'}):`);
out.push(
  `    findings labelled by both: ${both.length}; same verdict: ${agreed.length} (${percent(agreed.length, both.length)}); Cohen's kappa ${kappa === null ? '- (one category only)' : kappa.toFixed(2)}`,
);
const byVerdict = (a: string, b: string) => both.filter((label) => label.verdict === a && label.second?.verdict === b).length;
out.push(
  `    ${firstReviewer} right / ${secondReviewer} right ${byVerdict('right', 'right')}, ${firstReviewer} right / ${secondReviewer} wrong ${byVerdict('right', 'wrong')}, ${firstReviewer} wrong / ${secondReviewer} right ${byVerdict('wrong', 'right')}, ${firstReviewer} wrong / ${secondReviewer} wrong ${byVerdict('wrong', 'wrong')}`,
);
const disagreements = both.filter((label) => label.second?.verdict !== label.verdict);
for (const label of disagreements) {
  const settled = settledVerdict(label);
  const how = label.ruleAuthor
    ? `${label.second?.reviewer} (did not write the rule)`
    : label.adjudicated
      ? `adjudicated by ${label.adjudicated.by}`
      : 'UNSETTLED';
  out.push(
    `      ${label.collection}/${label.id}: ${label.reviewer} ${label.verdict}, ${label.second?.reviewer} ${label.second?.verdict} -> ${settled ?? '?'} (${how})`,
  );
}
const reviewed = defects.filter((defect) => defect.second);
const confirmedBySecond = reviewed.filter((defect) => defect.second?.verdict === 'agree');
// Every defect is one the first reviewer marked: kappa has one category on that side, so only the share is told.
out.push(
  `    defects confirmed by the second reviewer: ${confirmedBySecond.length} of ${reviewed.length} reviewed (${percent(confirmedBySecond.length, reviewed.length)}; ${defects.length - reviewed.length} not reviewed)`,
);
for (const defect of reviewed.filter((defect) => defect.second?.verdict !== 'agree'))
  out.push(`      ${defect.id}: ${defect.second?.reason} -> ${defect.adjudicated?.verdict ?? 'UNSETTLED'}`);

// Precision: labelled findings the linter still reports, per rule, with the settled verdict; the verdicts of
// each reviewer alone beside it.
interface RuleScore {
  reported: number;
  labelled: number;
  /** Labelled findings no longer reported (fixed, or moved). */
  gone: number;
  right: number;
  wrong: number;
  unsettled: number;
  byReviewer: Map<string, { right: number; wrong: number }>;
}
const perRule = new Map<string, RuleScore>();
const rowOf = (rule: string) =>
  perRule.get(rule) ??
  (perRule.set(rule, { reported: 0, labelled: 0, gone: 0, right: 0, wrong: 0, unsettled: 0, byReviewer: new Map() }), perRule.get(rule) as RuleScore);
for (const [, findings] of found) for (const finding of findings) rowOf(finding.rule).reported++;
const wrongStill: FindingLabel[] = [];
const unsettled: FindingLabel[] = [];
// Still-reported labelled findings per draw: the main sample, and each supplementary draw by its seed.
const still = { main: 0, supplements: new Map<number, number>() };
const labelledIn = new Map<number, number>();
const reviewers = new Set<string>();
for (const label of labels) {
  const findings = found.get(label.collection);
  if (!findings) continue;
  const row = rowOf(label.rule);
  row.labelled++;
  if (label.sample !== 'main') labelledIn.set(label.sample, (labelledIn.get(label.sample) ?? 0) + 1);
  if (!findings.some((finding) => finding.id === label.id)) {
    row.gone++;
    continue;
  }
  if (label.sample === 'main') still.main++;
  else still.supplements.set(label.sample, (still.supplements.get(label.sample) ?? 0) + 1);
  for (const verdict of [{ reviewer: label.reviewer, verdict: label.verdict }, ...(label.second ? [label.second] : [])]) {
    reviewers.add(verdict.reviewer);
    const tally = row.byReviewer.get(verdict.reviewer) ?? { right: 0, wrong: 0 };
    tally[verdict.verdict]++;
    row.byReviewer.set(verdict.reviewer, tally);
  }
  const settled = settledVerdict(label);
  if (settled === 'right') row.right++;
  else if (settled === 'wrong') {
    row.wrong++;
    wrongStill.push(label);
  } else {
    row.unsettled++;
    unsettled.push(label);
  }
}
const names = [...reviewers].sort();
const rows = [...perRule].filter(([, row]) => row.labelled + row.reported > 0).sort((a, b) => a[0].localeCompare(b[0]));
const width = Math.max(4, ...rows.map(([rule]) => rule.length));
const stillSupplements = [...still.supplements.values()].reduce((sum, count) => sum + count, 0);
out.push(
  '',
  `  Precision on the labelled findings still reported: ${still.main + stillSupplements} (main sample ${still.main}, supplementary draws ${stillSupplements}; the acceptance asks for >= 100)`,
);
// Each supplementary draw is labelled by one reviewer alone: how much of the figure rests on each one's word.
for (const draw of samples.supplements)
  out.push(
    `    supplementary draw seed ${draw.seed}, reviewer ${draw.reviewer}: ${still.supplements.get(draw.seed) ?? 0} still reported of ${labelledIn.get(draw.seed) ?? 0} labelled`,
  );
out.push(
  `    precision = settled verdicts (both reviewers' when they agree, else the one who did not write the rule, else the adjudicated one); ${names.join(', ')} = each reviewer's own verdicts on what they labelled`,
);
out.push(`    ${'rule'.padEnd(width)}  reported  labelled  gone  right  wrong  precision  ${names.map((name) => name.padStart(7)).join('  ')}`);
let right = 0;
let wrong = 0;
const totals = new Map(names.map((name) => [name, { right: 0, wrong: 0 }]));
const precisionOf = (tally?: { right: number; wrong: number }) => (tally ? percent(tally.right, tally.right + tally.wrong) : '-');
for (const [rule, row] of rows) {
  right += row.right;
  wrong += row.wrong;
  for (const name of names) {
    const tally = row.byReviewer.get(name);
    const total = totals.get(name) as { right: number; wrong: number };
    total.right += tally?.right ?? 0;
    total.wrong += tally?.wrong ?? 0;
  }
  out.push(
    `    ${rule.padEnd(width)}  ${String(row.reported).padStart(8)}  ${String(row.labelled).padStart(8)}  ${String(row.gone).padStart(4)}  ${String(row.right).padStart(5)}  ${String(row.wrong).padStart(5)}  ${percent(row.right, row.right + row.wrong).padStart(9)}  ${names.map((name) => precisionOf(row.byReviewer.get(name)).padStart(7)).join('  ')}`,
  );
}
out.push(
  `    ${'all'.padEnd(width)}  ${''.padStart(8)}  ${String(labels.length).padStart(8)}  ${''.padStart(4)}  ${String(right).padStart(5)}  ${String(wrong).padStart(5)}  ${percent(right, right + wrong).padStart(9)}  ${names.map((name) => precisionOf(totals.get(name)).padStart(7)).join('  ')}`,
);
// The samples are stratified (the same quota for every rule): weighted by each rule's share of the findings,
// the settled verdicts estimate the precision of the linter's output as a whole.
let weighted = 0;
let reportedAll = 0;
for (const [, row] of rows) {
  if (!row.right && !row.wrong) continue;
  weighted += (row.reported * row.right) / (row.right + row.wrong);
  reportedAll += row.reported;
}
const mainOnly = { settled: { right: 0, wrong: 0 }, ...Object.fromEntries(names.map((name) => [name, { right: 0, wrong: 0 }])) } as Record<
  string,
  { right: number; wrong: number }
>;
for (const label of labels) {
  if (label.sample !== 'main' || !found.get(label.collection)?.some((finding) => finding.id === label.id)) continue;
  const settled = settledVerdict(label);
  if (settled) mainOnly.settled[settled]++;
  for (const verdict of [{ reviewer: label.reviewer, verdict: label.verdict }, ...(label.second ? [label.second] : [])])
    mainOnly[verdict.reviewer][verdict.verdict]++;
}
out.push(
  `    main sample alone (${still.main} still reported): settled ${precisionOf(mainOnly.settled)}, ${names.map((name) => `${name} ${precisionOf(mainOnly[name])}`).join(', ')}`,
);
out.push(`    weighted by each labelled rule's share of the ${reportedAll} findings: ${percent(weighted, reportedAll)}`);
if (unsettled.length)
  out.push(`    unsettled (left out: a disagreement nobody adjudicated): ${unsettled.map((label) => `${label.collection}/${label.id}`).join(', ')}`);

// Recall: a defect is caught when a finding of one of its rules lies on its lines (±1: a finding may point at
// the fence or the command's first line where the reader marked the continuation). Only defects the second
// reviewer confirmed (or an adjudication did) count.
const confirmed = (defect: Defect) => (defect.second ? (defect.second.verdict === 'agree' ? true : defect.adjudicated?.verdict === 'agree') : false);
const caught: Defect[] = [];
const missed: Defect[] = [];
const inCorpus = defects.filter((defect) => found.has(defect.collection));
const scoredDefects = inCorpus.filter(confirmed);
for (const defect of scoredDefects) {
  const rules = new Set([...defect.rules, ...(defect.caughtBy ?? [])]);
  const last = defect.endLine ?? defect.line;
  const hit = (found.get(defect.collection) ?? []).some(
    (finding) => finding.source === defect.path && rules.has(finding.rule) && finding.sourceLine >= defect.line - 1 && finding.sourceLine <= last + 1,
  );
  (hit ? caught : missed).push(defect);
}
const runbooksRead = new Set(scoredDefects.map((defect) => `${defect.collection}/${defect.path}`)).size;
out.push(
  '',
  `  Recall on the marked defects confirmed by both reviewers: ${caught.length} of ${scoredDefects.length} caught (${percent(caught.length, scoredDefects.length)}); ${inCorpus.length - scoredDefects.length} not confirmed left out; from ${runbooksRead} of the ${read.length} runbooks read`,
);
const kinds = new Map<string, [number, number]>();
for (const defect of scoredDefects) {
  const [hit, all] = kinds.get(defect.kind) ?? [0, 0];
  kinds.set(defect.kind, [hit + (caught.includes(defect) ? 1 : 0), all + 1]);
}
for (const [kind, [hit, all]] of [...kinds].sort((a, b) => b[1][1] - a[1][1])) out.push(`    ${kind.padEnd(22)} ${hit}/${all}`);
out.push('', '  Recall per rule (defects a rule is meant to catch, caught by any of their rules):');
const byRule = new Map<string, [number, number]>();
for (const defect of scoredDefects)
  for (const rule of defect.rules) {
    const [hit, all] = byRule.get(rule) ?? [0, 0];
    byRule.set(rule, [hit + (caught.includes(defect) ? 1 : 0), all + 1]);
  }
for (const [rule, [hit, all]] of [...byRule].sort((a, b) => b[1][1] - a[1][1] || a[0].localeCompare(b[0]))) out.push(`    ${rule.padEnd(28)} ${hit}/${all}`);
const unowned = scoredDefects.filter((defect) => !defect.rules.length);
out.push(`    ${'(no rule meant to)'.padEnd(28)} ${unowned.filter((defect) => caught.includes(defect)).length}/${unowned.length}`);
out.push('', '  Missed defects:');
for (const defect of missed)
  out.push(
    `    ${defect.id} ${defect.collection}/${defect.path}:${defect.line} [${defect.kind}] ${defect.reason}${defect.rules.length ? ` (expected: ${defect.rules.join(', ')})` : ''}`,
  );
if (wrongStill.length) {
  out.push('', '  Findings settled wrong that are still reported:');
  for (const label of wrongStill) {
    const verdict = label.adjudicated ?? (label.second && label.second.verdict === 'wrong' ? label.second : label);
    out.push(`    [${label.sample}] ${label.collection}/${label.id}: ${verdict.reason}`);
  }
}
process.stdout.write(`${out.join('\n')}\n`);

if (parsed.values.json) {
  const file = resolve(parsed.values.json);
  const figures = {
    agreement: {
      findings: both.length,
      agreed: agreed.length,
      kappa,
      disagreements: disagreements.map((label) => ({
        collection: label.collection,
        id: label.id,
        first: label.verdict,
        second: label.second?.verdict,
        settled: settledVerdict(label) ?? null,
      })),
      defectsReviewed: reviewed.length,
      defectsConfirmed: confirmedBySecond.length,
    },
    precision: {
      labelledStillReported: {
        main: still.main,
        supplements: samples.supplements.map((draw) => ({
          ...draw,
          labelled: labelledIn.get(draw.seed) ?? 0,
          stillReported: still.supplements.get(draw.seed) ?? 0,
        })),
      },
      right,
      wrong,
      value: right + wrong ? right / (right + wrong) : null,
      weighted: reportedAll ? weighted / reportedAll : null,
      byReviewer: Object.fromEntries(
        [...totals].map(([name, tally]) => [name, { ...tally, value: tally.right + tally.wrong ? tally.right / (tally.right + tally.wrong) : null }]),
      ),
      perRule: Object.fromEntries(
        rows.map(([rule, row]) => [
          rule,
          {
            reported: row.reported,
            labelled: row.labelled,
            gone: row.gone,
            right: row.right,
            wrong: row.wrong,
            unsettled: row.unsettled,
            byReviewer: Object.fromEntries(row.byReviewer),
          },
        ]),
      ),
    },
    recall: {
      caught: caught.map((defect) => defect.id),
      missed: missed.map((defect) => defect.id),
      value: scoredDefects.length ? caught.length / scoredDefects.length : null,
      notConfirmed: inCorpus.filter((defect) => !confirmed(defect)).map((defect) => defect.id),
    },
    notes,
  };
  writeFileSync(`${file}.tmp`, `${JSON.stringify(figures, null, 1)}\n`);
  renameSync(`${file}.tmp`, file);
}
