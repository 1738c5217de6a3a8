// Regenerates test/fixtures/seeds-raw/ (the importer's output) and test/fixtures/seeds-naive/ (the
// same split with the text copied as written, `--verbatim`) from the five seed documents
// (test/fixtures/seeds/, or the folder given as the first argument): the baselines the linter measures.
// Run with: npx node scripts/import-seeds.ts [seeds-dir]
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCore } from '../src/lib/core/load.ts';
import { importDocuments, type ImportResult } from '../src/lib/import/import.ts';
import { formatReport } from '../src/lib/import/report.ts';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SEEDS_DIR = process.env.RUNBOOK_SEEDS_DIR ?? join(ROOT, 'test/fixtures/seeds');
export const FIXTURE_DIR = join(ROOT, 'test/fixtures/seeds-raw');
export const NAIVE_FIXTURE_DIR = join(ROOT, 'test/fixtures/seeds-naive');

export interface Seed {
  file: string;
  service: string;
  name: string;
  /** Runbooks the document holds. */
  runbooks: number;
}

export const SEEDS: Seed[] = [
  { file: '000_27d814984524833b.txt', service: 'alawael-api', name: 'ALAWAEL API', runbooks: 6 },
  { file: '001_a0b11017a2e61826.txt', service: 'azora', name: 'Azora platform', runbooks: 13 },
  // 3 incidents, 3 common tasks, 4 troubleshooting entries, 3 emergencies; "Communication During
  // Incidents" is a message template with no steps or commands, shared by all incidents: a service page.
  { file: '002_adcb18f331fabb83.txt', service: 'architect-api', name: 'Architect Dashboard API', runbooks: 13 },
  { file: '003_7326adac286080f2.txt', service: 'tickets', name: 'Tickets', runbooks: 5 },
  { file: '004_41926989d61f5fa3.txt', service: 'petforce', name: 'PetForce', runbooks: 5 },
];

export function importSeed(seed: Seed, seedsDir = SEEDS_DIR, { verbatim = false } = {}): ImportResult {
  const text = readFileSync(join(seedsDir, seed.file), 'utf8');
  return importDocuments([{ file: seed.file, text }], { service: seed.service, serviceName: seed.name, ...(verbatim ? { verbatim } : {}) });
}

/** A fixture: path under test/fixtures/seeds-raw/ (or seeds-naive/ with `verbatim`) → content. */
export function seedFixture(seedsDir = SEEDS_DIR, { verbatim = false } = {}): Map<string, string> {
  const files = new Map<string, string>();
  for (const seed of SEEDS) {
    const result = importSeed(seed, seedsDir, { verbatim });
    for (const runbook of result.runbooks) files.set(`runbooks/${seed.service}/${runbook.name}`, runbook.content);
    for (const page of result.pages) files.set(`services-pages/${seed.service}/${page.name}`, page.content);
    files.set(`services/${seed.service}.yaml`, result.service.content);
    files.set(`reports/${seed.service}.txt`, `${formatReport(result.report)}\n`);
  }
  return files;
}

/** Every file under `dir`, as paths relative to it. */
export function listFiles(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? listFiles(join(dir, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`]))
    .sort();
}

if (import.meta.main) {
  const seedsDir = process.argv[2] ? resolve(process.argv[2]) : SEEDS_DIR;
  if (!existsSync(seedsDir)) {
    process.stderr.write(`import-seeds: no seed folder at ${seedsDir} (give it as the first argument)\n`);
    process.exitCode = 2;
  } else {
    await loadCore();
    for (const [dir, verbatim] of [
      [FIXTURE_DIR, false],
      [NAIVE_FIXTURE_DIR, true],
    ] as const) {
      const files = seedFixture(seedsDir, { verbatim });
      rmSync(dir, { recursive: true, force: true });
      for (const [path, content] of files) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), content);
      }
      process.stdout.write(`Wrote ${files.size} files to ${dir}\n`);
    }
  }
}
