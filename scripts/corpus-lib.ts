// The corpus harness as a library (scripts/corpus.ts prints it, scripts/corpus-score.ts scores it): imports a
// folder of Markdown runbooks into a temporary project with `runbook import` (the text as written,
// `--verbatim`, so that lint sees the documents' own defects), lints that project, and maps every problem back
// to the source file and line it came from. Nothing is written outside the temporary folder.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importRunbooks } from '../src/cli/commands/import.ts';
import { runLint } from '../src/lib/lint/run.ts';
import type { Problem } from '../src/lib/problem.ts';

export interface CorpusFinding {
  /** Stable across runs: source path, source line, rule and the finding's rank among equal ones. */
  id: string;
  rule: string;
  severity: 'error' | 'warn';
  message: string;
  /** The Markdown source, relative to the collection root; undefined for project-level problems. */
  source?: string;
  /** 1-based line in the source, 0 when the problem is on a line the import wrote (frontmatter). */
  sourceLine: number;
  /** The imported file and the position lint reported there. */
  file: string;
  line: number;
  column: number;
}

export interface CorpusCrash {
  where: 'import' | 'lint';
  file: string;
  message: string;
}

export interface CorpusResult {
  sources: number;
  imported: number;
  skipped: { source: string; reason: string }[];
  runbooks: number;
  crashes: CorpusCrash[];
  findings: CorpusFinding[];
  seconds: { import: number; lint: number };
}

export interface CorpusOptions {
  /** The collection's root: source paths (and finding ids) are relative to it. Default: the folder itself. */
  root?: string;
  /** Import with the importer's repairs (fence languages, risk marks, declarations) instead of as written. */
  repair?: boolean;
  /** Keep the temporary project (its path is returned). */
  keep?: boolean;
  /** Progress lines. */
  progress?: (message: string) => void;
}

const IMPORTER_FAILED = /^the importer failed on this file/;

/**
 * Each line of `output` mapped to the line of `source` it was copied from (1-based; 0 for lines the import
 * wrote). Lines are compared without their indentation, in order, the way a verbatim import copies them.
 */
export function lineMap(source: string, output: string): number[] {
  const sourceLines = source.split('\n').map((line) => line.trim());
  const where = new Map<string, number[]>();
  sourceLines.forEach((line, index) => {
    if (line) where.set(line, [...(where.get(line) ?? []), index + 1]);
  });
  const map = [0];
  let last = 0;
  for (const line of output.split('\n')) {
    const text = line.trim();
    const candidates = text ? (where.get(text) ?? []) : [];
    // The next copy after the last mapped line; else the only one anywhere (a moved section).
    const next = candidates.find((candidate) => candidate > last) ?? (candidates.length === 1 ? candidates[0] : 0);
    if (next) last = next;
    map.push(next);
  }
  return map;
}

function findingsOf(problems: Problem[], project: string, sourceOf: Map<string, string>, root: string): CorpusFinding[] {
  const maps = new Map<string, number[]>();
  const mapOf = (file: string, source: string) => {
    if (!maps.has(file)) {
      let map: number[] = [];
      try {
        map = lineMap(readFileSync(join(root, source), 'utf8'), readFileSync(join(project, file), 'utf8'));
      } catch {
        // an unreadable file maps nothing; its problems keep line 0
      }
      maps.set(file, map);
    }
    return maps.get(file) as number[];
  };
  const findings = problems.map((problem): Omit<CorpusFinding, 'id'> => {
    const source = sourceOf.get(problem.file);
    const sourceLine = source ? (mapOf(problem.file, source)[problem.line] ?? 0) : 0;
    return {
      rule: problem.rule,
      severity: problem.severity,
      message: problem.message,
      ...(source ? { source } : {}),
      sourceLine,
      file: problem.file,
      line: problem.line,
      column: problem.column,
    };
  });
  findings.sort(
    (a, b) =>
      (a.source ?? a.file).localeCompare(b.source ?? b.file) ||
      a.sourceLine - b.sourceLine ||
      a.rule.localeCompare(b.rule) ||
      a.line - b.line ||
      a.column - b.column,
  );
  const seen = new Map<string, number>();
  return findings.map((finding) => {
    const key = `${finding.source ?? finding.file}:${finding.sourceLine}:${finding.rule}`;
    const rank = (seen.get(key) ?? 0) + 1;
    seen.set(key, rank);
    return { id: `${key}#${rank}`, ...finding };
  });
}

/** Imports the Markdown files under `dir` into a temporary project and lints it. */
export async function runCorpus(dir: string, options: CorpusOptions = {}): Promise<CorpusResult & { project?: string }> {
  const root = resolve(options.root ?? dir);
  const temp = mkdtempSync(join(tmpdir(), 'runbooks-corpus-'));
  const project = join(temp, 'project');
  try {
    options.progress?.(`Importing ${dir} ...`);
    const started = performance.now();
    const summary = await importRunbooks([resolve(dir)], {
      cwd: root,
      out: project,
      ...(options.repair ? {} : { verbatim: true }),
      progress: (done, total) => options.progress?.(`Importing ${done}/${total}`),
    });
    const importSeconds = (performance.now() - started) / 1000;
    const crashes: CorpusCrash[] = [];
    const skipped: CorpusResult['skipped'] = [];
    const sourceOf = new Map<string, string>();
    const outPrefix = `${project.replace(/\\/g, '/')}/`;
    for (const entry of summary.entries) {
      const reason = entry.reasons.join('; ');
      if (entry.status === 'skipped') {
        if (IMPORTER_FAILED.test(reason)) crashes.push({ where: 'import', file: entry.source ?? '', message: reason });
        else skipped.push({ source: entry.source ?? entry.output ?? '', reason });
      }
      if (entry.output && entry.source && (entry.kind === 'runbook' || entry.kind === 'page')) {
        const absolute = resolve(root, entry.output).replace(/\\/g, '/');
        if (absolute.startsWith(outPrefix)) sourceOf.set(absolute.slice(outPrefix.length), entry.source);
      }
    }
    const runbooks = summary.entries.filter((entry) => entry.kind === 'runbook' && entry.status !== 'skipped').length;
    options.progress?.(`Linting ${runbooks} runbooks ...`);
    const lintStarted = performance.now();
    let problems: Problem[] = [];
    if (runbooks) {
      try {
        ({ problems } = await runLint({ root: project, cache: false }));
      } catch (error) {
        crashes.push({ where: 'lint', file: project, message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      }
    }
    const lintSeconds = (performance.now() - lintStarted) / 1000;
    for (const problem of problems)
      if (problem.rule === 'lint/crash') crashes.push({ where: 'lint', file: sourceOf.get(problem.file) ?? problem.file, message: problem.message });
    return {
      sources: summary.counts.sources,
      imported: summary.counts.imported,
      skipped,
      runbooks,
      crashes,
      findings: findingsOf(
        problems.filter((problem) => problem.rule !== 'lint/crash'),
        project,
        sourceOf,
        root,
      ),
      seconds: { import: importSeconds, lint: lintSeconds },
      ...(options.keep ? { project } : {}),
    };
  } finally {
    if (!options.keep) rmSync(temp, { recursive: true, force: true });
  }
}

/** The labelled sample and the defects, references only (test/corpus-labels/). */
export const LABELS = join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'corpus-labels');

/** Rules that describe the import's own provisional frontmatter, not the document: not scored. */
export const IMPORT_ARTIFACTS = new Set(['import/todo', 'review/stale']);

export interface Collection {
  name: string;
  commit: string;
  folder: string;
}
/** One reviewer's verdict on a finding. */
export interface Verdict {
  reviewer: string;
  verdict: 'right' | 'wrong';
  reason: string;
}

export interface FindingLabel {
  /** The finding's id as the harness gives it: `<source path>:<source line>:<rule>#<rank>`. */
  id: string;
  collection: string;
  commit?: string;
  rule: string;
  path: string;
  line: number;
  /** The first reviewer's verdict. */
  verdict: 'right' | 'wrong';
  reason: string;
  /** Who gave `verdict` ("A": the helper who also wrote the promql/* rules; "B", "C": reviewers who wrote none). */
  reviewer: string;
  /** True when `reviewer` wrote the rule. */
  ruleAuthor?: boolean;
  /** The second reviewer's verdict, given without looking at the first. */
  second?: Verdict;
  /** Where the two disagree and neither reviewer's word settles it: the verdict after re-reading the source. */
  adjudicated?: { by: string; verdict: 'right' | 'wrong'; reason: string };
  /** The linter's message when the finding was drawn (kept in the later draws, for the reader of the labels). */
  message?: string;
  /** Which draw it belongs to: the main sample (`sample` in findings.json), or the seed of a supplementary draw. */
  sample: 'main' | number;
}

/**
 * The verdict a label is scored with. One reviewer: theirs (only when they did not write the rule). Two who
 * agree: that. Two who disagree: the one who did not write the rule when the other did, else the adjudicated
 * verdict. Undefined when unsettled (a disagreement nobody adjudicated, or a lone label by the rule's author).
 */
export function settledVerdict(label: FindingLabel): 'right' | 'wrong' | undefined {
  if (!label.second) return label.ruleAuthor ? undefined : label.verdict;
  if (label.second.verdict === label.verdict) return label.verdict;
  if (label.ruleAuthor) return label.second.verdict;
  return label.adjudicated?.verdict;
}

/** A supplementary draw: drawn later with its own seed, labelled by one reviewer alone. */
interface SupplementDraw {
  note?: string;
  sample: { seed: number; quota: number };
  reviewer: string;
  findings: Omit<FindingLabel, 'sample'>[];
}

interface FindingsFile {
  sample?: { seed: number; quota: number };
  findings: Omit<FindingLabel, 'sample'>[];
  supplements?: SupplementDraw[];
}

/** What is known of a supplementary draw once read: its seed, quota and reviewer. */
export interface DrawInfo {
  seed: number;
  quota: number;
  reviewer: string;
}

/**
 * Every draw's findings are scored together, so a finding labelled in two draws would be counted twice, and two
 * draws with one seed could not be told apart in the score: both are mistakes in findings.json, refused here.
 */
function checkDraws(file: FindingsFile): void {
  const seeds = new Set<number>();
  for (const draw of file.supplements ?? []) {
    if (seeds.has(draw.sample.seed)) throw new Error(`findings.json: two supplementary draws have seed ${draw.sample.seed}; each draw needs its own seed`);
    seeds.add(draw.sample.seed);
  }
  const labelled = new Set<string>();
  for (const label of [...file.findings, ...(file.supplements ?? []).flatMap((draw) => draw.findings)]) {
    const key = `${label.collection}/${label.id}`;
    if (labelled.has(key)) throw new Error(`findings.json: ${key} is labelled twice; a draw keeps only the findings not labelled before`);
    labelled.add(key);
  }
}

export function readLabels(): {
  collections: Collection[];
  findings: FindingLabel[];
  samples: { main?: { seed: number; quota: number }; supplements: DrawInfo[] };
} {
  const read = <T>(file: string): T => JSON.parse(readFileSync(join(LABELS, file), 'utf8')) as T;
  const file = read<FindingsFile>('findings.json');
  checkDraws(file);
  const supplements = file.supplements ?? [];
  return {
    collections: read<{ collections: Collection[] }>('collections.json').collections,
    findings: [
      ...file.findings.map((label): FindingLabel => ({ ...label, sample: 'main' })),
      ...supplements.flatMap((draw) => draw.findings.map((label): FindingLabel => ({ ...label, sample: draw.sample.seed }))),
    ],
    samples: {
      ...(file.sample ? { main: file.sample } : {}),
      supplements: supplements.map((draw) => ({ ...draw.sample, reviewer: draw.reviewer })),
    },
  };
}

/** The commit each collection was extracted at, from <corpus>/COMMITS (`name commit` per line), when there is one. */
function extractedCommits(corpus: string): Map<string, string> {
  const file = join(corpus, 'COMMITS');
  if (!existsSync(file)) return new Map();
  return new Map(
    readFileSync(file, 'utf8')
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .filter((parts) => parts.length === 2)
      .map(([name, commit]) => [name, commit] as [string, string]),
  );
}

/** Lints each collection found under `corpus` (<owner+repo>/<folder>); notes on absent or moved ones. */
export async function lintCollections(corpus: string): Promise<{ found: Map<string, CorpusFinding[]>; notes: string[] }> {
  const commits = extractedCommits(corpus);
  const found = new Map<string, CorpusFinding[]>();
  const notes: string[] = [];
  for (const collection of readLabels().collections) {
    const root = join(corpus, collection.name);
    const folder = join(root, collection.folder);
    if (!existsSync(folder)) {
      notes.push(`${collection.name}: not found at ${folder}; skipped`);
      continue;
    }
    const commit = commits.get(collection.name);
    if (commit && commit !== collection.commit)
      notes.push(`${collection.name}: extracted at ${commit.slice(0, 12)}, labelled at ${collection.commit.slice(0, 12)}: lines may have moved`);
    process.stderr.write(`Linting ${collection.name} ...\n`);
    const result = await runCorpus(folder, { root });
    if (result.crashes.length) notes.push(`${collection.name}: ${result.crashes.length} crash(es): ${result.crashes.map((crash) => crash.file).join(', ')}`);
    found.set(
      collection.name,
      result.findings.filter((finding) => !IMPORT_ARTIFACTS.has(finding.rule)),
    );
  }
  return { found, notes };
}
