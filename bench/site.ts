// npm run bench [-- --n 500|50,500,2000] [--runs 3] [--check] [--only site|review]
// Builds a synthetic corpus with this site and with a plain Starlight site (same content, default
// sidebar, no project code) in the same run, and measures both; then the review tools (alerts check,
// diff). Writes bench/results/*.{json,md}. `--only review` measures only the review tools (a minute).
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import { buildArgs } from '../scripts/build.js';
import { generateCorpus, type CorpusFile } from './corpus.ts';
import { dirSize, eagerJs, eagerJsInBrowser, gzipSize, median, runbookPages, runNode, type Timed } from './measure.ts';
import { reviewFigures, type ReviewFigures } from './review.ts';

const REPO = process.cwd();
const ASTRO = join(REPO, 'node_modules/astro/bin/astro.mjs');
const CLI = join(REPO, 'scripts/runbook.js');
const WORK = join(REPO, '.cache', 'bench');

const PARTS = ['site', 'review'] as const;
type Part = (typeof PARTS)[number];

interface Options {
  sizes: number[];
  runs: number;
  check: boolean;
  parts: Part[];
}

function parseArgs(argv: string[]): Options {
  const value = (flag: string) => {
    const index = argv.indexOf(flag);
    return index === -1 ? undefined : argv[index + 1];
  };
  const check = argv.includes('--check');
  const sizes = (value('--n') ?? '500').split(',').map(Number);
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--n: expected sizes such as 500 or 50,500,2000, got "${value('--n')}"`);
  // The page-size budget compares N=2,000 with N=50 from the same run.
  if (check && !sizes.includes(50)) sizes.unshift(50);
  const runs = Number(value('--runs') ?? 3);
  const parts = (value('--only')?.split(',') ?? [...PARTS]) as Part[];
  if (!parts.length || parts.some((part) => !PARTS.includes(part))) throw new Error(`--only: expected ${PARTS.join(' or ')}, got "${value('--only')}"`);
  return { sizes: [...new Set(sizes)].sort((a, b) => a - b), runs, check, parts };
}

function write(root: string, path: string, text: string) {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), text);
}

/** This site with the corpus as its content. */
function ourProject(root: string, corpus: CorpusFile[]) {
  for (const file of ['astro.config.mjs', 'ec.config.mjs', 'package.json', 'tsconfig.json', 'runbook.config.yaml']) cpSync(join(REPO, file), join(root, file));
  cpSync(join(REPO, 'src'), join(root, 'src'), {
    recursive: true,
    filter: (source) => !source.startsWith(join(REPO, 'src/content/docs/runbooks')) && !source.startsWith(join(REPO, 'src/content/services')) && !source.startsWith(join(REPO, 'src/content/docs/services')),
  });
  for (const file of corpus) write(root, file.path.startsWith('services/') ? `src/content/${file.path}` : `src/content/docs/${file.path}`, file.content);
}

/** The anchor: plain Starlight, default sidebar, default schema, no project code. */
function plainProject(root: string, corpus: CorpusFile[]) {
  // The same dependencies as this project (Vite decides what to bundle from package.json).
  const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
  write(root, 'package.json', `${JSON.stringify({ name: 'plain-starlight', type: 'module', private: true, dependencies: pkg.dependencies, devDependencies: pkg.devDependencies }, null, 2)}\n`);
  write(root, 'astro.config.mjs', "import { defineConfig } from 'astro/config';\nimport starlight from '@astrojs/starlight';\nexport default defineConfig({ integrations: [starlight({ title: 'Plain Starlight' })] });\n");
  write(root, 'src/content.config.ts', "import { defineCollection } from 'astro:content';\nimport { docsLoader } from '@astrojs/starlight/loaders';\nimport { docsSchema } from '@astrojs/starlight/schema';\nexport const collections = { docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }) };\n");
  write(root, 'src/content/docs/index.mdx', '---\ntitle: Plain Starlight\n---\n\nThe same runbooks in a default Starlight site.\n');
  for (const file of corpus) if (!file.path.startsWith('services/')) write(root, `src/content/docs/${file.path}`, file.content);
}

/** Builds a project as its `npm run build` does: ours through scripts/build.js's arguments, plain Starlight with `astro build`. */
function build(root: string, args: string[]): Timed {
  for (const cache of ['dist', '.astro', 'node_modules/.astro']) rmSync(join(root, cache), { recursive: true, force: true });
  const result = runNode(args, root);
  if (result.status !== 0) throw new Error(`Build failed in ${relative(REPO, root)}:\n${result.output.slice(-3000)}`);
  return result;
}

interface SiteFigures {
  buildMs: number[];
  maxRss: number[];
  pages: number;
  distBytes: number;
  pageHtml: number;
  pageHtmlGzip: number;
  eagerJsGzip: number;
  pagefindBytes: number;
  languageWarnings: number;
}

async function siteFigures(root: string, builds: Timed[]): Promise<SiteFigures> {
  const dist = join(root, 'dist');
  const pages = runbookPages(dist);
  const sample = pages.filter((_, index) => index % Math.max(1, Math.floor(pages.length / 5)) === 0).slice(0, 5);
  let eager: number;
  try {
    eager = median(await eagerJsInBrowser(dist, sample));
  } catch (error) {
    // No browser here: fall back to static analysis (misses idle-time dynamic imports).
    process.stderr.write(`(no browser for the eager JS measure: ${error instanceof Error ? error.message.split('\n')[0] : error}; using static analysis)\n`);
    eager = median(sample.map((page) => eagerJs(dist, page).gzip));
  }
  const output = builds.map((b) => b.output).join('\n');
  return {
    buildMs: builds.map((b) => b.ms),
    maxRss: builds.map((b) => b.maxRss),
    pages: Number(/(\d+) page\(s\) built/.exec(output)?.[1] ?? 0),
    distBytes: dirSize(dist),
    pageHtml: median(pages.map((page) => readFileSync(page).length)),
    pageHtmlGzip: median(pages.map((page) => gzipSize(page))),
    eagerJsGzip: eager,
    pagefindBytes: existsSync(join(dist, 'pagefind')) ? dirSize(join(dist, 'pagefind')) : 0,
    languageWarnings: (builds[builds.length - 1].output.match(/could not be found/g) ?? []).length,
  };
}

interface ToolFigures {
  modelRegistryMs: number[];
  lintColdMs: number[];
  lintWarmMs: number[];
  listMs: number[];
  nodeMs: number[];
}

function toolFigures(root: string, runs: number): ToolFigures {
  const times = (count: number, run: () => Timed) => Array.from({ length: count }, run).map((t) => t.ms);
  const model = `const t=performance.now();const {loadProject}=await import(${JSON.stringify(new URL('../src/lib/project.ts', import.meta.url).href)});const {buildRegistry,serializeRegistry}=await import(${JSON.stringify(new URL('../src/lib/registry.ts', import.meta.url).href)});serializeRegistry(buildRegistry(loadProject({root:process.cwd()})));console.log('@@ms '+(performance.now()-t));`;
  const modelRegistryMs = Array.from({ length: runs }, () => Number(/@@ms ([\d.]+)/.exec(runNode(['--input-type=module', '-e', model], root).output)?.[1]));
  const cache = join(root, 'node_modules/.cache/runbook/lint.json');
  const lintColdMs = times(runs, () => {
    rmSync(cache, { force: true });
    return runNode([CLI, 'lint', '--format', 'json'], root);
  });
  const lintWarmMs = times(runs, () => runNode([CLI, 'lint', '--format', 'json'], root));
  const listMs = times(runs, () => runNode([CLI, 'list'], root));
  const nodeMs = times(runs, () => runNode(['-e', '0'], root));
  return { modelRegistryMs, lintColdMs, lintWarmMs, listMs, nodeMs };
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const mib = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MiB`;
const gib = (bytes: number) => `${(bytes / 1073741824).toFixed(2)} GiB`;
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const spread = (values: number[], format: (v: number) => string) => `${format(median(values))} (${format(Math.min(...values))}–${format(Math.max(...values))})`;
const ratio = (ours: number, plain: number) => (plain ? `${(ours / plain).toFixed(2)}×` : '–');

interface SizeResult {
  n: number;
  ours: SiteFigures;
  plain: SiteFigures;
  tools: ToolFigures;
}

function table(result: SizeResult): string {
  const { n, ours, plain, tools } = result;
  const rows: [string, string, string, string][] = [
    ['site build, wall time', spread(ours.buildMs, secs), spread(plain.buildMs, secs), ratio(median(ours.buildMs), median(plain.buildMs))],
    ['build time per runbook', `${(median(ours.buildMs) / n).toFixed(1)} ms`, `${(median(plain.buildMs) / n).toFixed(1)} ms`, ratio(median(ours.buildMs), median(plain.buildMs))],
    ['pages built', String(ours.pages), String(plain.pages), ratio(ours.pages, plain.pages)],
    ['peak memory of the build', spread(ours.maxRss, gib), spread(plain.maxRss, gib), ratio(median(ours.maxRss), median(plain.maxRss))],
    ['dist size', mib(ours.distBytes), mib(plain.distBytes), ratio(ours.distBytes, plain.distBytes)],
    ['runbook page HTML (median)', kib(ours.pageHtml), kib(plain.pageHtml), ratio(ours.pageHtml, plain.pageHtml)],
    ['runbook page HTML, gzip (median)', kib(ours.pageHtmlGzip), kib(plain.pageHtmlGzip), ratio(ours.pageHtmlGzip, plain.pageHtmlGzip)],
    ['eager JS per runbook page, gzip', kib(ours.eagerJsGzip), kib(plain.eagerJsGzip), ratio(ours.eagerJsGzip, plain.eagerJsGzip)],
    ['Pagefind index', mib(ours.pagefindBytes), mib(plain.pagefindBytes), ratio(ours.pagefindBytes, plain.pagefindBytes)],
    ['"language could not be found" warnings', String(ours.languageWarnings), String(plain.languageWarnings), ''],
    ['model + registry (fresh process)', spread(tools.modelRegistryMs, secs), '–', ''],
    ['lint, cold (no cache)', spread(tools.lintColdMs, secs), '–', ''],
    ['lint, warm (nothing changed)', spread(tools.lintWarmMs, secs), '–', ''],
    ['`runbook list` start-up', spread(tools.listMs, (v) => `${v.toFixed(0)} ms`), `node -e 0: ${spread(tools.nodeMs, (v) => `${v.toFixed(0)} ms`)}`, ratio(median(tools.listMs), median(tools.nodeMs))],
  ];
  return [`### N = ${n} runbooks`, '', '| measure | this site | plain Starlight | ratio |', '| --- | --- | --- | --- |', ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

interface Budget {
  name: string;
  ok: boolean;
  detail: string;
}

const ms = (values: number[]) => `${median(values).toFixed(0)} ms`;

function reviewTable(review: ReviewFigures): string {
  const rows: [string, string][] = [
    [`\`runbook alerts check\`, ${review.alertRules} rules against ${review.alertRules} runbooks`, `${ms(review.alertsCheckMs)} (${Math.min(...review.alertsCheckMs).toFixed(0)}–${Math.max(...review.alertsCheckMs).toFixed(0)} ms)`],
    [`\`runbook diff\` of two revisions of ${review.diffRunbooks.toLocaleString('en-US')} runbooks, cache warm`, `${ms(review.diffWarmMs)} (${Math.min(...review.diffWarmMs).toFixed(0)}–${Math.max(...review.diffWarmMs).toFixed(0)} ms)`],
    [`\`runbook diff\`, the same, cache cold (first run)`, `${review.diffColdMs.toFixed(0)} ms`],
  ];
  return ['### Review tools (fresh processes)', '', '| measure | time |', '| --- | --- |', ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

function reviewBudgets(review: ReviewFigures): Budget[] {
  return [
    { name: `alerts check of ${review.alertRules} rules ≤ 1 s`, ok: median(review.alertsCheckMs) <= 1000, detail: ms(review.alertsCheckMs) },
    { name: `diff of two revisions of ${review.diffRunbooks.toLocaleString('en-US')} runbooks, cache warm, ≤ 2 s`, ok: median(review.diffWarmMs) <= 2000, detail: ms(review.diffWarmMs) },
  ];
}

function budgets(results: SizeResult[]): Budget[] {
  const at = (n: number) => results.find((result) => result.n === n);
  const big = at(2000);
  const small = at(50);
  if (!big) return [{ name: 'budgets are checked at N=2000', ok: false, detail: 'run with --n 2000 --check' }];
  const list: Budget[] = [];
  if (small) {
    const growth = big.ours.pageHtml / small.ours.pageHtml;
    list.push({ name: 'runbook page HTML at N=2,000 within 1.25× of N=50', ok: growth <= 1.25, detail: `${kib(big.ours.pageHtml)} / ${kib(small.ours.pageHtml)} = ${growth.toFixed(2)}×` });
  }
  list.push(
    { name: 'build time per runbook ≤ plain Starlight', ok: median(big.ours.buildMs) <= median(big.plain.buildMs), detail: `${secs(median(big.ours.buildMs))} vs ${secs(median(big.plain.buildMs))}` },
    { name: 'peak build memory ≤ 2.5 GiB', ok: median(big.ours.maxRss) <= 2.5 * 1073741824, detail: gib(median(big.ours.maxRss)) },
    { name: 'eager JS ≤ 12 KiB gzip', ok: big.ours.eagerJsGzip <= 12 * 1024, detail: kib(big.ours.eagerJsGzip) },
    { name: 'model + registry for 2,000 runbooks ≤ 3 s', ok: median(big.tools.modelRegistryMs) <= 3000, detail: secs(median(big.tools.modelRegistryMs)) },
    { name: 'warm lint ≤ 1 s', ok: median(big.tools.lintWarmMs) <= 1000, detail: secs(median(big.tools.lintWarmMs)) },
    { name: 'no language warnings', ok: big.ours.languageWarnings === 0, detail: String(big.ours.languageWarnings) },
  );
  return list;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const results: SizeResult[] = [];
  for (const n of options.parts.includes('site') ? options.sizes : []) {
    const corpus = generateCorpus({ count: n, services: 20 });
    const oursRoot = join(WORK, `n${n}`, 'ours');
    const plainRoot = join(WORK, `n${n}`, 'plain');
    rmSync(join(WORK, `n${n}`), { recursive: true, force: true });
    ourProject(oursRoot, corpus);
    plainProject(plainRoot, corpus);
    const ourBuilds: Timed[] = [];
    const plainBuilds: Timed[] = [];
    for (let run = 1; run <= options.runs; run++) {
      process.stderr.write(`N=${n}: build ${run}/${options.runs} (this site)... `);
      ourBuilds.push(build(oursRoot, buildArgs(oursRoot)));
      process.stderr.write(`${secs(ourBuilds.at(-1)!.ms)}; (plain Starlight)... `);
      plainBuilds.push(build(plainRoot, [ASTRO, 'build']));
      process.stderr.write(`${secs(plainBuilds.at(-1)!.ms)}\n`);
    }
    process.stderr.write(`N=${n}: model, lint and CLI timings...\n`);
    const result: SizeResult = { n, ours: await siteFigures(oursRoot, ourBuilds), plain: await siteFigures(plainRoot, plainBuilds), tools: toolFigures(oursRoot, options.runs) };
    results.push(result);
    console.log(`\n${table(result)}\n`);
  }
  let review: ReviewFigures | undefined;
  if (options.parts.includes('review')) {
    process.stderr.write('Review tools: alerts check of 500 rules, diff of two revisions of 2,000 runbooks...\n');
    review = reviewFigures(join(WORK, 'review'), { runs: options.runs });
    console.log(`\n${reviewTable(review)}\n`);
  }
  const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${(totalmem() / 1073741824).toFixed(0)} GiB RAM, Node ${process.versions.node}`;
  const checks = options.check ? [...(options.parts.includes('site') ? budgets(results) : []), ...(review ? reviewBudgets(review) : [])] : [];
  const date = new Date().toISOString();
  const markdown = [
    `Benchmark of ${date.slice(0, 10)} on ${machine}; medians of ${options.runs} runs (min–max), total ${((Date.now() - started) / 60000).toFixed(1)} min.`,
    '',
    ...results.map(table).flatMap((text) => [text, '']),
    ...(review ? [reviewTable(review), ''] : []),
    ...(checks.length ? ['### Budgets', '', '| budget | result | |', '| --- | --- | --- |', ...checks.map((b) => `| ${b.name} | ${b.detail} | ${b.ok ? 'pass' : '**FAIL**'} |`), ''] : []),
  ].join('\n');
  mkdirSync(join(REPO, 'bench/results'), { recursive: true });
  const name = options.parts.includes('site') ? `n${options.sizes.join('-')}` : 'review';
  writeFileSync(join(REPO, 'bench/results', `${name}.json`), `${JSON.stringify({ date, machine, runs: options.runs, results, review, budgets: checks }, null, 2)}\n`);
  writeFileSync(join(REPO, 'bench/results', `${name}.md`), markdown);
  // The Performance page of the site shows the latest run of the site benchmark.
  if (options.parts.includes('site')) writeFileSync(join(REPO, 'bench/results', 'latest.md'), markdown);
  if (checks.length) {
    console.log(checks.map((b) => `${b.ok ? 'pass' : 'FAIL'}  ${b.name}: ${b.detail}`).join('\n'));
    if (checks.some((b) => !b.ok)) process.exitCode = 1;
  }
  console.log(`\nWrote bench/results/${name}.md and .json`);
}

main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
});
