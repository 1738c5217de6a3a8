// npm run bench [-- --n 500|50,500,2000] [--runs 3] [--check] [--only site,tools,startup,review] (--help: usage)
// Builds a synthetic corpus with this site and with a plain Starlight site (same content, default
// sidebar, no project code) in the same run, and measures both, the tools, the CLI's start-up and the
// review tools (alerts check, diff).
// Writes bench/results/*.{json,md}. Every process it starts ends with it (done, failed or Ctrl-C).
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import { buildArgs } from '../scripts/build.js';
import { generateCorpus, type CorpusFile } from './corpus.ts';
import { cleanUpOnExit, dirSize, eagerJs, eagerJsInBrowser, gzipSize, median, runbookPages, runNode, type Timed } from './measure.ts';
import { reviewBudgets, reviewFigures, reviewTable, type ReviewFigures } from './review.ts';
import { STARTUP_COMMANDS, startupFigures, startupLimit, startupRatio, type StartupFigures } from './startup.ts';

const REPO = process.cwd();
const ASTRO = join(REPO, 'node_modules/astro/bin/astro.mjs');
const CLI = join(REPO, 'scripts/runbook.js');
const WORK = join(REPO, '.cache', 'bench');

const PARTS = ['site', 'tools', 'startup', 'review'] as const;
type Part = (typeof PARTS)[number];

interface Options {
  sizes: number[];
  runs: number;
  check: boolean;
  parts: Set<Part>;
}

const USAGE = `Usage: npm run bench [-- options]

  --n <sizes>      corpus sizes, comma-separated (default 500), e.g. --n 50,500,2000
  --runs <count>   runs of each measure; the tables show medians (default 3; start-up: at least 5)
  --only <parts>   measure only these, comma-separated: ${PARTS.join(', ')} (default all)
                   site: builds of this site and of plain Starlight, pages, JavaScript, search index
                   tools: model + registry, lint cold and warm
                   startup: runbook --version, --help, list and show next to node -e 0 (also at N=50)
                   review: alerts check of 500 rules, diff of two revisions of 2,000 runbooks (any --n)
  --check          check the budgets of the parts measured; exit 1 when one fails
  --help           this text

A full run with --n 2000 --check takes about 15 minutes on 2 cores; --only startup a minute, --only review two.
Browser figures need Chromium (/usr/bin/chromium or PLAYWRIGHT_CHROMIUM_PATH); without it the eager
JavaScript is measured by static analysis, and the output says so.
`;

class BenchUsageError extends Error {}

function parseArgs(argv: string[]): Options | undefined {
  if (argv.includes('--help') || argv.includes('-h')) return undefined;
  const flags = new Set(['--n', '--runs', '--only', '--check']);
  for (const [index, arg] of argv.entries()) {
    if (arg.startsWith('-') && !flags.has(arg) && !flags.has(argv[index - 1])) throw new BenchUsageError(`unknown option ${arg}`);
  }
  const value = (flag: string) => {
    const index = argv.indexOf(flag);
    if (index === -1) return undefined;
    const given = argv[index + 1];
    if (given === undefined || given.startsWith('--')) throw new BenchUsageError(`${flag}: expected a value`);
    return given;
  };
  const check = argv.includes('--check');
  const sizes = (value('--n') ?? '500').split(',').map(Number);
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new BenchUsageError(`--n: expected sizes such as 500 or 50,500,2000, got "${value('--n')}"`);
  const only = value('--only')?.split(',') ?? [...PARTS];
  const unknown = only.filter((part) => !(PARTS as readonly string[]).includes(part));
  if (unknown.length) throw new BenchUsageError(`--only: expected parts among ${PARTS.join(', ')}, got "${unknown.join(', ')}"`);
  const parts = new Set(only as Part[]);
  // The page-size budget compares N=2,000 with N=50 from the same run.
  if (check && parts.has('site') && !sizes.includes(50)) sizes.unshift(50);
  const runs = Number(value('--runs') ?? 3);
  if (!Number.isInteger(runs) || runs < 1) throw new BenchUsageError(`--runs: expected a whole number of at least 1, got "${value('--runs')}"`);
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
    filter: (source) =>
      !source.startsWith(join(REPO, 'src/content/docs/runbooks')) &&
      !source.startsWith(join(REPO, 'src/content/services')) &&
      !source.startsWith(join(REPO, 'src/content/docs/services')),
  });
  for (const file of corpus) write(root, file.path.startsWith('services/') ? `src/content/${file.path}` : `src/content/docs/${file.path}`, file.content);
}

/** The anchor: plain Starlight, default sidebar, default schema, no project code. */
function plainProject(root: string, corpus: CorpusFile[]) {
  // The same dependencies as this project (Vite decides what to bundle from package.json).
  const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
  write(
    root,
    'package.json',
    `${JSON.stringify({ name: 'plain-starlight', type: 'module', private: true, dependencies: pkg.dependencies, devDependencies: pkg.devDependencies }, null, 2)}\n`,
  );
  write(
    root,
    'astro.config.mjs',
    "import { defineConfig } from 'astro/config';\nimport starlight from '@astrojs/starlight';\nexport default defineConfig({ integrations: [starlight({ title: 'Plain Starlight' })] });\n",
  );
  write(
    root,
    'src/content.config.ts',
    "import { defineCollection } from 'astro:content';\nimport { docsLoader } from '@astrojs/starlight/loaders';\nimport { docsSchema } from '@astrojs/starlight/schema';\nexport const collections = { docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }) };\n",
  );
  write(root, 'src/content/docs/index.mdx', '---\ntitle: Plain Starlight\n---\n\nThe same runbooks in a default Starlight site.\n');
  for (const file of corpus) if (!file.path.startsWith('services/')) write(root, `src/content/docs/${file.path}`, file.content);
}

/** Builds a project as its `npm run build` does: ours through scripts/build.js's arguments, plain Starlight with `astro build`. */
async function build(root: string, args: string[]): Promise<Timed> {
  for (const cache of ['dist', '.astro', 'node_modules/.astro']) rmSync(join(root, cache), { recursive: true, force: true });
  const result = await runNode(args, root);
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
  /** How the eager JavaScript was measured: in Chromium, or by static analysis when there is none. */
  eagerJsMeasuredBy: 'browser' | 'static analysis';
  pagefindBytes: number;
  languageWarnings: number;
}

async function siteFigures(root: string, builds: Timed[]): Promise<SiteFigures> {
  const dist = join(root, 'dist');
  const pages = runbookPages(dist);
  const sample = pages.filter((_, index) => index % Math.max(1, Math.floor(pages.length / 5)) === 0).slice(0, 5);
  let eager: number;
  let eagerJsMeasuredBy: SiteFigures['eagerJsMeasuredBy'] = 'browser';
  try {
    eager = median(await eagerJsInBrowser(dist, sample));
  } catch (error) {
    // No browser here: fall back to static analysis (misses idle-time dynamic imports).
    process.stderr.write(
      `note: no browser for the eager JS measure (${error instanceof Error ? error.message.split('\n')[0] : error}); measured by static analysis instead, which misses idle-time imports\n`,
    );
    eager = median(sample.map((page) => eagerJs(dist, page).gzip));
    eagerJsMeasuredBy = 'static analysis';
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
    eagerJsMeasuredBy,
    pagefindBytes: existsSync(join(dist, 'pagefind')) ? dirSize(join(dist, 'pagefind')) : 0,
    languageWarnings: (builds[builds.length - 1].output.match(/could not be found/g) ?? []).length,
  };
}

interface ToolFigures {
  modelRegistryMs: number[];
  lintColdMs: number[];
  lintWarmMs: number[];
}

async function toolFigures(root: string, runs: number): Promise<ToolFigures> {
  const times = async (count: number, run: () => Promise<Timed>) => {
    const ms: number[] = [];
    for (let index = 0; index < count; index++) ms.push((await run()).ms);
    return ms;
  };
  const model = `const t=performance.now();const {loadProject}=await import(${JSON.stringify(new URL('../src/lib/project.ts', import.meta.url).href)});const {buildRegistry,serializeRegistry}=await import(${JSON.stringify(new URL('../src/lib/registry.ts', import.meta.url).href)});serializeRegistry(buildRegistry(await loadProject({root:process.cwd()})));console.log('@@ms '+(performance.now()-t));`;
  const modelRegistryMs: number[] = [];
  for (let run = 0; run < runs; run++)
    modelRegistryMs.push(Number(/@@ms ([\d.]+)/.exec((await runNode(['--input-type=module', '-e', model], root)).output)?.[1]));
  const cache = join(root, 'node_modules/.cache/runbook');
  const lintColdMs = await times(runs, () => {
    rmSync(cache, { recursive: true, force: true });
    return runNode([CLI, 'lint', '--format', 'json'], root);
  });
  const lintWarmMs = await times(runs, () => runNode([CLI, 'lint', '--format', 'json'], root));
  return { modelRegistryMs, lintColdMs, lintWarmMs };
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const mib = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MiB`;
const gib = (bytes: number) => `${(bytes / 1073741824).toFixed(2)} GiB`;
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const spread = (values: number[], format: (v: number) => string) => `${format(median(values))} (${format(Math.min(...values))}–${format(Math.max(...values))})`;
const ratio = (ours: number, plain: number) => (plain ? `${(ours / plain).toFixed(2)}×` : '–');

interface SizeResult {
  n: number;
  ours?: SiteFigures;
  plain?: SiteFigures;
  tools?: ToolFigures;
  startup?: StartupFigures;
}

const ms = (v: number) => `${v.toFixed(0)} ms`;

function table(result: SizeResult): string {
  const { n, ours, plain, tools, startup } = result;
  const rows: [string, string, string, string][] = [];
  if (ours && plain) {
    rows.push(
      ['site build, wall time', spread(ours.buildMs, secs), spread(plain.buildMs, secs), ratio(median(ours.buildMs), median(plain.buildMs))],
      [
        'build time per runbook',
        `${(median(ours.buildMs) / n).toFixed(1)} ms`,
        `${(median(plain.buildMs) / n).toFixed(1)} ms`,
        ratio(median(ours.buildMs), median(plain.buildMs)),
      ],
      ['pages built', String(ours.pages), String(plain.pages), ratio(ours.pages, plain.pages)],
      ['peak memory of the build', spread(ours.maxRss, gib), spread(plain.maxRss, gib), ratio(median(ours.maxRss), median(plain.maxRss))],
      ['dist size', mib(ours.distBytes), mib(plain.distBytes), ratio(ours.distBytes, plain.distBytes)],
      ['runbook page HTML (median)', kib(ours.pageHtml), kib(plain.pageHtml), ratio(ours.pageHtml, plain.pageHtml)],
      ['runbook page HTML, gzip (median)', kib(ours.pageHtmlGzip), kib(plain.pageHtmlGzip), ratio(ours.pageHtmlGzip, plain.pageHtmlGzip)],
      [
        `eager JS per runbook page, gzip${ours.eagerJsMeasuredBy === 'static analysis' ? ' (static analysis: no browser)' : ''}`,
        kib(ours.eagerJsGzip),
        kib(plain.eagerJsGzip),
        ratio(ours.eagerJsGzip, plain.eagerJsGzip),
      ],
      ['Pagefind index', mib(ours.pagefindBytes), mib(plain.pagefindBytes), ratio(ours.pagefindBytes, plain.pagefindBytes)],
      ['"language could not be found" warnings', String(ours.languageWarnings), String(plain.languageWarnings), ''],
    );
  }
  if (tools) {
    rows.push(
      ['model + registry (fresh process)', spread(tools.modelRegistryMs, secs), '–', ''],
      ['lint, cold (no cache)', spread(tools.lintColdMs, secs), '–', ''],
      ['lint, warm (nothing changed)', spread(tools.lintWarmMs, secs), '–', ''],
    );
  }
  if (startup) {
    for (const command of STARTUP_COMMANDS) {
      rows.push([
        `\`runbook ${command}\` start-up`,
        spread(startup.commandMs[command], ms),
        `node -e 0: ${spread(startup.nodeMs, ms)}`,
        `${startupRatio(startup, command).toFixed(2)}×`,
      ]);
    }
  }
  const header = ours ? '| measure | this site | plain Starlight | ratio |' : '| measure | this site | anchor | ratio |';
  return [`### N = ${n} runbooks`, '', header, '| --- | --- | --- | --- |', ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

interface Budget {
  name: string;
  ok: boolean;
  detail: string;
}

function budgets(results: SizeResult[], parts: Set<Part>): Budget[] {
  const at = (n: number) => results.find((result) => result.n === n);
  const big = at(2000);
  const small = at(50);
  const list: Budget[] = [];
  if (parts.has('site') || parts.has('tools')) {
    if (!big) list.push({ name: 'budgets are checked at N=2000', ok: false, detail: 'run with --n 2000 --check' });
    if (big?.ours && big.plain) {
      if (small?.ours) {
        const growth = big.ours.pageHtml / small.ours.pageHtml;
        list.push({
          name: 'runbook page HTML at N=2,000 within 1.25× of N=50',
          ok: growth <= 1.25,
          detail: `${kib(big.ours.pageHtml)} / ${kib(small.ours.pageHtml)} = ${growth.toFixed(2)}×`,
        });
      }
      list.push(
        {
          name: 'build time per runbook ≤ plain Starlight',
          ok: median(big.ours.buildMs) <= median(big.plain.buildMs),
          detail: `${secs(median(big.ours.buildMs))} vs ${secs(median(big.plain.buildMs))}`,
        },
        { name: 'peak build memory ≤ 2.5 GiB', ok: median(big.ours.maxRss) <= 2.5 * 1073741824, detail: gib(median(big.ours.maxRss)) },
        { name: 'eager JS ≤ 12 KiB gzip', ok: big.ours.eagerJsGzip <= 12 * 1024, detail: kib(big.ours.eagerJsGzip) },
        { name: 'no language warnings', ok: big.ours.languageWarnings === 0, detail: String(big.ours.languageWarnings) },
      );
    }
    if (big?.tools) {
      list.push(
        { name: 'model + registry for 2,000 runbooks ≤ 3 s', ok: median(big.tools.modelRegistryMs) <= 3000, detail: secs(median(big.tools.modelRegistryMs)) },
        { name: 'warm lint ≤ 1 s', ok: median(big.tools.lintWarmMs) <= 1000, detail: secs(median(big.tools.lintWarmMs)) },
      );
    }
  }
  if (parts.has('startup')) {
    // Budgets are set at N=50 (2×) and N=2,000 (3×); other sizes are shown, not judged.
    for (const result of [small, big]) {
      if (!result?.startup) continue;
      const limit = startupLimit(result.n);
      for (const command of STARTUP_COMMANDS) {
        const value = startupRatio(result.startup, command);
        list.push({
          name: `\`runbook ${command}\` at N=${result.n} within ${limit}× node -e 0`,
          ok: value <= limit,
          detail: `${ms(median(result.startup.commandMs[command]))} / ${ms(median(result.startup.nodeMs))} = ${value.toFixed(2)}×`,
        });
      }
    }
    if (!big) list.push({ name: 'start-up is checked at N=2000 too', ok: false, detail: 'run with --n 2000 --check' });
  }
  return list;
}

async function main() {
  cleanUpOnExit();
  const options = parseArgs(process.argv.slice(2));
  if (!options) {
    process.stdout.write(USAGE);
    return;
  }
  const { parts } = options;
  const started = Date.now();
  const results: SizeResult[] = [];
  // Start-up is measured at N=50 as well as at the sizes asked for (its budget is set there).
  const sizes = parts.has('startup') && !options.sizes.includes(50) ? [50, ...options.sizes] : options.sizes;
  for (const n of parts.has('site') || parts.has('tools') || parts.has('startup') ? sizes : []) {
    const startupOnly = !options.sizes.includes(n);
    const corpus = generateCorpus({ count: n, services: 20 });
    const oursRoot = join(WORK, `n${n}`, 'ours');
    const plainRoot = join(WORK, `n${n}`, 'plain');
    rmSync(join(WORK, `n${n}`), { recursive: true, force: true });
    ourProject(oursRoot, corpus);
    const result: SizeResult = { n };
    if (parts.has('site') && !startupOnly) {
      plainProject(plainRoot, corpus);
      const ourBuilds: Timed[] = [];
      const plainBuilds: Timed[] = [];
      for (let run = 1; run <= options.runs; run++) {
        process.stderr.write(`N=${n}: build ${run}/${options.runs} (this site)... `);
        ourBuilds.push(await build(oursRoot, buildArgs(oursRoot)));
        process.stderr.write(`${secs(ourBuilds.at(-1)!.ms)}; (plain Starlight)... `);
        plainBuilds.push(await build(plainRoot, [ASTRO, 'build']));
        process.stderr.write(`${secs(plainBuilds.at(-1)!.ms)}\n`);
      }
      result.ours = await siteFigures(oursRoot, ourBuilds);
      result.plain = await siteFigures(plainRoot, plainBuilds);
    }
    if (parts.has('tools') && !startupOnly) {
      process.stderr.write(`N=${n}: model and lint timings...\n`);
      result.tools = await toolFigures(oursRoot, options.runs);
    }
    if (parts.has('startup')) {
      process.stderr.write(`N=${n}: start-up of the CLI...\n`);
      const showId = /^ {2}id: (.+)$/m.exec(corpus.find((file) => file.path.startsWith('runbooks/'))!.content)![1];
      result.startup = await startupFigures(CLI, oursRoot, showId, Math.max(5, options.runs));
    }
    results.push(result);
    console.log(`\n${table(result)}\n`);
  }
  let review: ReviewFigures | undefined;
  if (parts.has('review')) {
    process.stderr.write('Review tools: alerts check of 500 rules, diff of two revisions of 2,000 runbooks...\n');
    review = await reviewFigures(join(WORK, 'review'), { runs: options.runs });
    console.log(`\n${reviewTable(review)}\n`);
  }
  const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${(totalmem() / 1073741824).toFixed(0)} GiB RAM, Node ${process.versions.node}`;
  const checks = options.check ? [...(results.length ? budgets(results, parts) : []), ...(review ? reviewBudgets(review) : [])] : [];
  const date = new Date().toISOString();
  const markdown = [
    `Benchmark of ${date.slice(0, 10)} on ${machine}; medians of ${options.runs} runs (start-up: ${Math.max(5, options.runs)}) (min–max), total ${((Date.now() - started) / 60000).toFixed(1)} min.`,
    '',
    ...results.map(table).flatMap((text) => [text, '']),
    ...(review ? [reviewTable(review), ''] : []),
    ...(checks.length
      ? [
          '### Budgets',
          '',
          '| budget | result | |',
          '| --- | --- | --- |',
          ...checks.map((b) => `| ${b.name} | ${b.detail} | ${b.ok ? 'pass' : '**FAIL**'} |`),
          '',
        ]
      : []),
  ].join('\n');
  mkdirSync(join(REPO, 'bench/results'), { recursive: true });
  const complete = PARTS.every((part) => parts.has(part));
  const name = results.length ? `n${options.sizes.join('-')}${complete ? '' : `-${[...parts].join('-')}`}` : [...parts].join('-');
  writeFileSync(
    join(REPO, 'bench/results', `${name}.json`),
    `${JSON.stringify({ date, machine, runs: options.runs, results, ...(review ? { review } : {}), budgets: checks }, null, 2)}\n`,
  );
  writeFileSync(join(REPO, 'bench/results', `${name}.md`), markdown);
  // The Performance page of the site shows the latest complete run.
  if (complete) writeFileSync(join(REPO, 'bench/results', 'latest.md'), markdown);
  if (checks.length) {
    console.log(checks.map((b) => `${b.ok ? 'pass' : 'FAIL'}  ${b.name}: ${b.detail}`).join('\n'));
    if (checks.some((b) => !b.ok)) process.exitCode = 1;
  }
  console.log(`\nWrote bench/results/${name}.md and .json`);
}

main().catch((error: unknown) => {
  if (error instanceof BenchUsageError) {
    process.stderr.write(`bench: ${error.message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
