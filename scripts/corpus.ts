// npm run corpus -- <dir> [--root <dir>] [--repair] [--json <file>] [--keep]
// Imports a folder of Markdown runbooks into a temporary project (`runbook import --verbatim`), lints it and
// prints the files, the crashes (importer or linter failures: there must be none), the problems per rule and
// the time. Not part of `npm test`: it is for measuring the linter on real collections.
import { existsSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runCorpus } from './corpus-lib.ts';

const USAGE = `Usage: npm run corpus -- <dir> [--root <dir>] [--repair] [--json <file>] [--keep]

  <dir>          folder of Markdown runbooks (walked for .md files)
  --root <dir>   the collection's root, when <dir> is a part of it (source paths are relative to it)
  --repair       import with the importer's repairs (fence languages, risk marks, declarations);
                 default: the text as written (--verbatim), so that lint sees the documents' own defects
  --json <file>  also write every finding (rule, message, source file and line) as JSON
  --keep         keep the temporary project and print its path

Exit codes: 0 no crash, 1 the importer or the linter crashed on some file, 2 usage.`;

let args: ReturnType<typeof parse>;
function parse() {
  return parseArgs({
    allowPositionals: true,
    options: {
      root: { type: 'string' },
      repair: { type: 'boolean' },
      json: { type: 'string' },
      keep: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
try {
  args = parse();
} catch (error) {
  process.stderr.write(`corpus: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}\n`);
  process.exit(2);
}
if (args.values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const [dir] = args.positionals;
if (!dir || args.positionals.length > 1) {
  process.stderr.write(`corpus: give one folder of Markdown runbooks\n\n${USAGE}\n`);
  process.exit(2);
}
if (!existsSync(dir) || !statSync(dir).isDirectory()) {
  process.stderr.write(`corpus: ${dir} is not a folder\n`);
  process.exit(2);
}
const root = resolve(args.values.root ?? dir);
if (!resolve(dir).startsWith(root)) {
  process.stderr.write(`corpus: --root ${args.values.root} must contain ${dir}\n`);
  process.exit(2);
}

const tty = Boolean(process.stderr.isTTY);
const started = performance.now();
const result = await runCorpus(dir, {
  root,
  ...(args.values.repair ? { repair: true } : {}),
  ...(args.values.keep ? { keep: true } : {}),
  progress: (message) => process.stderr.write(tty ? `\r\x1b[K${message}` : /\.\.\.$/.test(message) ? `${message}\n` : ''),
});
if (tty) process.stderr.write('\r\x1b[K');
const total = (performance.now() - started) / 1000;

const out: string[] = [];
out.push(`Corpus ${dir}${args.values.repair ? ' (imported with repairs)' : ' (imported as written)'}`);
out.push(`  files: ${result.sources} Markdown source(s), ${result.imported} imported, ${result.skipped.length} skipped; ${result.runbooks} runbook(s) linted`);
out.push(`  crashes: ${result.crashes.length}`);
for (const crash of result.crashes) out.push(`    ${crash.where}: ${crash.file}: ${crash.message.split('\n')[0]}`);
const perRule = new Map<string, { errors: number; warnings: number; files: Set<string> }>();
for (const finding of result.findings) {
  const row = perRule.get(finding.rule) ?? { errors: 0, warnings: 0, files: new Set<string>() };
  if (finding.severity === 'error') row.errors++;
  else row.warnings++;
  row.files.add(finding.source ?? finding.file);
  perRule.set(finding.rule, row);
}
const rows = [...perRule].sort((a, b) => b[1].errors + b[1].warnings - (a[1].errors + a[1].warnings) || a[0].localeCompare(b[0]));
const width = Math.max(4, ...rows.map(([rule]) => rule.length));
out.push(
  `  problems: ${result.findings.length} (${result.findings.filter((f) => f.severity === 'error').length} errors, ${result.findings.filter((f) => f.severity === 'warn').length} warnings)`,
);
out.push(`    ${'rule'.padEnd(width)}  errors  warnings  files`);
for (const [rule, row] of rows)
  out.push(`    ${rule.padEnd(width)}  ${String(row.errors).padStart(6)}  ${String(row.warnings).padStart(8)}  ${String(row.files.size).padStart(5)}`);
out.push(`  time: import ${result.seconds.import.toFixed(1)} s, lint ${result.seconds.lint.toFixed(1)} s, total ${total.toFixed(1)} s`);
if (result.project) out.push(`  project kept at ${result.project}`);
process.stdout.write(`${out.join('\n')}\n`);

if (args.values.json) {
  const file = resolve(args.values.json);
  writeFileSync(`${file}.tmp`, `${JSON.stringify({ dir: resolve(dir), root, ...result }, null, 1)}\n`);
  renameSync(`${file}.tmp`, file);
  process.stdout.write(`  findings written to ${file}\n`);
}
process.exit(result.crashes.length ? 1 : 0);
