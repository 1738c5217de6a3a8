// npm run bench:model [-- --n 2000]: model + registry time for N synthetic runbooks, next to the
// floor of a plain regex scan of the same files' code fences. Each figure is the median of 3 runs
// in fresh processes (cold: module loading, file reading, parsing, validation, registry).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeCorpus } from './corpus.ts';

const args = process.argv.slice(2);
const n = Number(args[args.indexOf('--n') + 1] || 2000) || 2000;
const runs = 3;
const dir = mkdtempSync(join(tmpdir(), 'runbooks-bench-model-'));
writeCorpus(dir, { count: n });

const MODEL = `
const t0 = performance.now();
const { loadProject } = await import(${JSON.stringify(new URL('../src/lib/project.ts', import.meta.url).href)});
const { buildRegistry, serializeRegistry } = await import(${JSON.stringify(new URL('../src/lib/registry.ts', import.meta.url).href)});
const t1 = performance.now();
const project = await loadProject({ root: ${JSON.stringify(dir)}, config: { contentDir: 'runbooks', servicesDir: 'services', now: '2026-11-24' } });
const t2 = performance.now();
const text = serializeRegistry(buildRegistry(project));
const t3 = performance.now();
console.log(JSON.stringify({ load: t1 - t0, model: t2 - t1, registry: t3 - t2, total: t3 - t0, bytes: text.length, runbooks: project.runbooks.length }));
`;
const FLOOR = `
const t0 = performance.now();
const { readdirSync, readFileSync } = await import('node:fs');
const { join } = await import('node:path');
let blocks = 0;
for (const entry of readdirSync(${JSON.stringify(join(dir, 'runbooks'))}, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile()) continue;
  const text = readFileSync(join(entry.parentPath, entry.name), 'utf8');
  for (const _ of text.matchAll(/^( *)(\`{3,}|~{3,})([^\\n]*)\\n([\\s\\S]*?)^\\1\\2[ \\t]*$/gm)) blocks++;
}
console.log(JSON.stringify({ total: performance.now() - t0, blocks }));
`;

const node = process.execPath;
const measure = (script: string) => JSON.parse(execFileSync(node, ['--input-type=module', '-e', script], { encoding: 'utf8' }));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const model = Array.from({ length: runs }, () => measure(MODEL));
const floor = Array.from({ length: runs }, () => measure(FLOOR));
const row = (name: string, values: number[]) =>
  `| ${name} | ${median(values).toFixed(0)} ms | ${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)} ms | ${(median(values) / n).toFixed(3)} ms |`;
console.log(
  `Model + registry for ${n} synthetic runbooks (${model[0].runbooks} parsed, registry ${(model[0].bytes / 1048576).toFixed(1)} MiB), median of ${runs} fresh processes:\n`,
);
console.log('| step | median | min–max | per runbook |');
console.log('| --- | --- | --- | --- |');
console.log(
  row(
    'module loading',
    model.map((m) => m.load),
  ),
);
console.log(
  row(
    'model (read, parse, validate, cross-file checks)',
    model.map((m) => m.model),
  ),
);
console.log(
  row(
    'registry (build + serialise)',
    model.map((m) => m.registry),
  ),
);
console.log(
  row(
    '**model + registry, total**',
    model.map((m) => m.total),
  ),
);
console.log(
  row(
    'floor: regex scan of the code fences',
    floor.map((f) => f.total),
  ),
);
console.log(`\nTarget: 2,000 runbooks → registry in ≤ 3 s. ${n >= 2000 ? (median(model.map((m) => m.total)) <= 3000 ? 'Met.' : 'NOT met.') : ''}`);
rmSync(dir, { recursive: true, force: true });
