// npm run corpus:score -- [<corpus dir>] [--json <file>]
// Re-runs the corpus harness on the four public collections (test/corpus-labels/collections.json; each in
// <corpus dir>/<owner+repo>, default /work/corpus or $RUNBOOKS_CORPUS) and recomputes, from the labelled
// sample in test/corpus-labels/: precision per rule and overall on the labelled findings the linter still
// reports, and recall on the defects marked by reading runbooks before the linter ran. A collection that is
// absent is skipped with a note (its labels are left out of the figures). Exit 0 always when it ran (the
// figures are a measurement, not a gate), 2 on usage errors.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runCorpus, type CorpusFinding } from './corpus-lib.ts';

const LABELS = join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'corpus-labels');

interface Collection {
  name: string;
  commit: string;
  folder: string;
}
interface FindingLabel {
  /** The finding's id as the harness gives it: `<source path>:<source line>:<rule>#<rank>`. */
  id: string;
  collection: string;
  rule: string;
  path: string;
  line: number;
  verdict: 'right' | 'wrong';
  reason: string;
  /** 'second': labelled by a reviewer who did not write the rule; 'author': by the rule's author (to be re-checked). */
  reviewer: 'second' | 'author';
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
}

/** Rules that describe the import's own provisional frontmatter, not the document: not scored. */
export const IMPORT_ARTIFACTS = new Set(['import/todo', 'review/stale']);

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

const readJson = <T>(file: string): T => JSON.parse(readFileSync(join(LABELS, file), 'utf8')) as T;
const { collections } = readJson<{ collections: Collection[] }>('collections.json');
const { findings: labels } = readJson<{ findings: FindingLabel[] }>('findings.json');
const { defects } = readJson<{ defects: Defect[] }>('defects.json');

/** The commit each collection was extracted at, from <corpus>/COMMITS (`name commit` per line), when there is one. */
function extractedCommits(): Map<string, string> {
  const file = join(corpus, 'COMMITS');
  if (!existsSync(file)) return new Map();
  return new Map(readFileSync(file, 'utf8').split('\n').map((line) => line.trim().split(/\s+/)).filter((parts) => parts.length === 2).map(([name, commit]) => [name, commit]));
}

const commits = extractedCommits();
const found = new Map<string, CorpusFinding[]>();
const notes: string[] = [];
for (const collection of collections) {
  const root = join(corpus, collection.name);
  const folder = join(root, collection.folder);
  if (!existsSync(folder)) {
    notes.push(`${collection.name}: not found at ${folder}; skipped`);
    continue;
  }
  const commit = commits.get(collection.name);
  if (commit && commit !== collection.commit) notes.push(`${collection.name}: extracted at ${commit.slice(0, 12)}, labelled at ${collection.commit.slice(0, 12)}: lines may have moved`);
  process.stderr.write(`Linting ${collection.name} ...\n`);
  const result = await runCorpus(folder, { root });
  if (result.crashes.length) notes.push(`${collection.name}: ${result.crashes.length} crash(es): ${result.crashes.map((crash) => crash.file).join(', ')}`);
  found.set(collection.name, result.findings.filter((finding) => !IMPORT_ARTIFACTS.has(finding.rule)));
}

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

// Recall: a defect is caught when a finding of one of its rules lies on its lines.
const caught: Defect[] = [];
const missed: Defect[] = [];
const scoredDefects = defects.filter((defect) => found.has(defect.collection));
for (const defect of scoredDefects) {
  const rules = new Set([...defect.rules, ...(defect.caughtBy ?? [])]);
  const last = defect.endLine ?? defect.line;
  const hit = (found.get(defect.collection) ?? []).some((finding) => finding.source === defect.path && rules.has(finding.rule) && finding.sourceLine >= defect.line && finding.sourceLine <= last);
  (hit ? caught : missed).push(defect);
}

const percent = (part: number, whole: number) => (whole ? `${((100 * part) / whole).toFixed(1)}%` : '-');
const out: string[] = [];
out.push(`Corpus score (${corpus})`);
for (const note of notes) out.push(`  note: ${note}`);
const rows = [...perRule].filter(([, row]) => row.right + row.wrong + row.gone + row.reported > 0).sort((a, b) => a[0].localeCompare(b[0]));
const width = Math.max(4, ...rows.map(([rule]) => rule.length));
out.push('', `  Precision on the labelled findings (labels by a second reviewer, and by the rule's author where marked):`);
out.push(`    ${'rule'.padEnd(width)}  reported  labelled  right  wrong  gone  precision`);
let right = 0;
let wrong = 0;
for (const [rule, row] of rows) {
  right += row.right;
  wrong += row.wrong;
  out.push(`    ${rule.padEnd(width)}  ${String(row.reported).padStart(8)}  ${String(row.right + row.wrong).padStart(8)}  ${String(row.right).padStart(5)}  ${String(row.wrong).padStart(5)}  ${String(row.gone).padStart(4)}  ${percent(row.right, row.right + row.wrong).padStart(9)}`);
}
out.push(`    ${'all'.padEnd(width)}  ${''.padStart(8)}  ${String(right + wrong).padStart(8)}  ${String(right).padStart(5)}  ${String(wrong).padStart(5)}  ${''.padStart(4)}  ${percent(right, right + wrong).padStart(9)}`);
out.push('', `  Recall on the marked defects: ${caught.length} of ${scoredDefects.length} caught (${percent(caught.length, scoredDefects.length)})`);
const kinds = new Map<string, [number, number]>();
for (const defect of scoredDefects) {
  const [hit, all] = kinds.get(defect.kind) ?? [0, 0];
  kinds.set(defect.kind, [hit + (caught.includes(defect) ? 1 : 0), all + 1]);
}
for (const [kind, [hit, all]] of [...kinds].sort((a, b) => b[1][1] - a[1][1])) out.push(`    ${kind.padEnd(22)} ${hit}/${all}`);
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
