// npm run corpus:score -- [<corpus dir>] [--json <file>]
// Re-runs the corpus harness on the four public collections (test/corpus-labels/collections.json; each in
// <corpus dir>/<owner+repo>, default /work/corpus or $RUNBOOKS_CORPUS) and recomputes, from the labelled
// sample in test/corpus-labels/: precision per rule and overall on the labelled findings the linter still
// reports, and recall on the defects marked by reading runbooks before the linter ran. A collection that is
// absent is skipped with a note (its labels are left out of the figures). Exit 0 always when it ran (the
// figures are a measurement, not a gate), 2 on usage errors.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { LABELS, lintCollections, readLabels, type FindingLabel } from './corpus-lib.ts';

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
}

const USAGE = 'Usage: npm run corpus:score -- [<corpus dir>] [--json <file>]\n\n  <corpus dir>   folder holding the collections as <owner+repo>/ (default: $RUNBOOKS_CORPUS or /work/corpus)\n  --json <file>  also write the figures as JSON';

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
const { findings: labels } = readLabels();
const { defects } = JSON.parse(readFileSync(join(LABELS, 'defects.json'), 'utf8')) as { defects: Defect[] };
const { found, notes } = await lintCollections(corpus);

// Precision: labelled findings the linter still reports, per rule.
interface RuleScore {
  right: number;
  wrong: number;
  /** Labelled findings no longer reported (fixed, or moved). */
  gone: number;
  reported: number;
}
const perRule = new Map<string, RuleScore>();
const rowOf = (rule: string) => perRule.get(rule) ?? (perRule.set(rule, { right: 0, wrong: 0, gone: 0, reported: 0 }), perRule.get(rule) as RuleScore);
for (const [, findings] of found) for (const finding of findings) rowOf(finding.rule).reported++;
const wrongStill: FindingLabel[] = [];
for (const label of labels) {
  const findings = found.get(label.collection);
  if (!findings) continue;
  const row = rowOf(label.rule);
  if (!findings.some((finding) => finding.id === label.id)) {
    row.gone++;
    continue;
  }
  if (label.verdict === 'right') row.right++;
  else {
    row.wrong++;
    wrongStill.push(label);
  }
}

// Recall: a defect is caught when a finding of one of its rules lies on its lines (±1: a finding may point at
// the fence or the command's first line where the reader marked the continuation).
const caught: Defect[] = [];
const missed: Defect[] = [];
const scoredDefects = defects.filter((defect) => found.has(defect.collection));
for (const defect of scoredDefects) {
  const rules = new Set([...defect.rules, ...(defect.caughtBy ?? [])]);
  const last = defect.endLine ?? defect.line;
  const hit = (found.get(defect.collection) ?? []).some((finding) => finding.source === defect.path && rules.has(finding.rule) && finding.sourceLine >= defect.line - 1 && finding.sourceLine <= last + 1);
  (hit ? caught : missed).push(defect);
}

const percent = (part: number, whole: number) => (whole ? `${((100 * part) / whole).toFixed(1)}%` : '-');
const out: string[] = [];
out.push(`Corpus score (${corpus})`);
for (const note of notes) out.push(`  note: ${note}`);
const rows = [...perRule].filter(([, row]) => row.right + row.wrong + row.gone + row.reported > 0).sort((a, b) => a[0].localeCompare(b[0]));
const width = Math.max(4, ...rows.map(([rule]) => rule.length));
out.push('', `  Precision on the labelled sample (reviewer A; a second reviewer's verdicts are added to findings.json):`);
out.push(`    ${'rule'.padEnd(width)}  reported  labelled  right  wrong  gone  precision`);
let right = 0;
let wrong = 0;
for (const [rule, row] of rows) {
  right += row.right;
  wrong += row.wrong;
  out.push(`    ${rule.padEnd(width)}  ${String(row.reported).padStart(8)}  ${String(row.right + row.wrong).padStart(8)}  ${String(row.right).padStart(5)}  ${String(row.wrong).padStart(5)}  ${String(row.gone).padStart(4)}  ${percent(row.right, row.right + row.wrong).padStart(9)}`);
}
out.push(`    ${'all'.padEnd(width)}  ${''.padStart(8)}  ${String(right + wrong).padStart(8)}  ${String(right).padStart(5)}  ${String(wrong).padStart(5)}  ${''.padStart(4)}  ${percent(right, right + wrong).padStart(9)}`);
// The sample is stratified (the same quota for every rule): weighted by each rule's share of the findings,
// it estimates the precision of the linter's output as a whole.
let weighted = 0;
let reportedAll = 0;
for (const [, row] of rows) {
  if (!row.right && !row.wrong) continue;
  weighted += (row.reported * row.right) / (row.right + row.wrong);
  reportedAll += row.reported;
}
out.push(`    weighted by each labelled rule's share of the ${reportedAll} findings: ${percent(weighted, reportedAll)}`);
out.push('', `  Recall on the marked defects: ${caught.length} of ${scoredDefects.length} caught (${percent(caught.length, scoredDefects.length)})`);
const kinds = new Map<string, [number, number]>();
for (const defect of scoredDefects) {
  const [hit, all] = kinds.get(defect.kind) ?? [0, 0];
  kinds.set(defect.kind, [hit + (caught.includes(defect) ? 1 : 0), all + 1]);
}
for (const [kind, [hit, all]] of [...kinds].sort((a, b) => b[1][1] - a[1][1])) out.push(`    ${kind.padEnd(22)} ${hit}/${all}`);
out.push('', '  Recall per rule (defects a rule is meant to catch, caught by any of their rules):');
const byRule = new Map<string, [number, number]>();
for (const defect of scoredDefects) for (const rule of defect.rules) {
  const [hit, all] = byRule.get(rule) ?? [0, 0];
  byRule.set(rule, [hit + (caught.includes(defect) ? 1 : 0), all + 1]);
}
for (const [rule, [hit, all]] of [...byRule].sort((a, b) => b[1][1] - a[1][1] || a[0].localeCompare(b[0]))) out.push(`    ${rule.padEnd(28)} ${hit}/${all}`);
const unowned = scoredDefects.filter((defect) => !defect.rules.length);
out.push(`    ${'(no rule meant to)'.padEnd(28)} ${unowned.filter((defect) => caught.includes(defect)).length}/${unowned.length}`);
out.push('', '  Missed defects:');
for (const defect of missed) out.push(`    ${defect.id} ${defect.collection}/${defect.path}:${defect.line} [${defect.kind}] ${defect.reason}${defect.rules.length ? ` (expected: ${defect.rules.join(', ')})` : ''}`);
if (wrongStill.length) {
  out.push('', '  Findings labelled wrong that are still reported:');
  for (const label of wrongStill) out.push(`    ${label.collection}/${label.id}: ${label.reason}`);
}
process.stdout.write(`${out.join('\n')}\n`);

if (parsed.values.json) {
  const file = resolve(parsed.values.json);
  const figures = {
    precision: { right, wrong, value: right + wrong ? right / (right + wrong) : null, perRule: Object.fromEntries(rows) },
    recall: { caught: caught.map((defect) => defect.id), missed: missed.map((defect) => defect.id), value: scoredDefects.length ? caught.length / scoredDefects.length : null },
    notes,
  };
  writeFileSync(`${file}.tmp`, `${JSON.stringify(figures, null, 1)}\n`);
  renameSync(`${file}.tmp`, file);
}
