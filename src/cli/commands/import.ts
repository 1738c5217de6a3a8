// runbook import: turns folders and files of existing Markdown runbooks (alert pages, service docs,
// documents of many runbooks) into MDX runbooks, reference pages, service files and images; reports,
// per produced file, what was imported, what is provisional (TODO) and what was skipped and why.
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Command } from 'commander';
import { parse as parseYaml } from 'yaml';
import { loadConfig } from '../../lib/config.ts';
import { loadCore } from '../../lib/core/load.ts';
import { importBatch, type BatchFile, type FileKind, type SourceOutcome } from '../../lib/import/batch.ts';
import { importState } from '../../lib/import/provenance.ts';
import { readSourceFile } from '../../lib/import/read-source.ts';
import type { ReportItem } from '../../lib/import/report.ts';
import { collectSources, MARKDOWN_EXTENSIONS } from '../../lib/import/walk.ts';
import { writeAll, WriteFailedError, type PlannedWrite } from '../../lib/import/write.ts';
import { LintUsageError, runLint } from '../../lib/lint/run.ts';
import type { Problem } from '../../lib/problem.ts';
import { listContentFiles } from '../../lib/project.ts';
import { pageUrl } from '../../lib/urls.ts';
import { TODO_FIELDS, type TodoField } from '../../schema/runbook.ts';
import { KEBAB_CASE } from '../../schema/shared.ts';
import { renderTable } from '../table.ts';
import type { CommandContext } from '../context.ts';
import { UsageError, ValidationError } from '../errors.ts';
import { COMMANDS } from '../command-table.ts';

export interface ImportCommandOptions {
  cwd: string;
  /** Service of every source; default: each source's folder. */
  service?: string;
  /** Display name of the service (with `service`, for a new service file). */
  name?: string;
  /** Root the files are written under, laid out like the project (default: the project itself). */
  out?: string;
  /** Folder of the service pages (with `service`; default `<docsDir>/services/<service>` under the output root). */
  pagesOut?: string;
  /** Folder of the service files (default `servicesDir` under the output root). */
  servicesDir?: string;
  dryRun?: boolean;
  /** Replace files edited since they were imported, and files no import wrote. */
  force?: boolean;
  /** Split and write the frontmatter, but copy the text as written (to review a document's defects with `runbook lint`). */
  verbatim?: boolean;
  /** Called as sources are converted (a progress line). */
  progress?: (done: number, total: number) => void;
}

/** What became of one produced file, or of a source that produced none. */
export type EntryStatus = 'imported' | 'imported with TODOs' | 'skipped' | 'kept: edited locally';
/** What the write did (or would do, in a dry run). */
export type WriteAction = 'create' | 'update' | 'unchanged' | 'keep' | 'none';

export interface ImportEntry {
  source: string | null;
  /** The file written (relative to the working folder), or null for a skipped source. */
  output: string | null;
  id: string | null;
  kind: FileKind | null;
  status: EntryStatus;
  write: WriteAction;
  /** Provisional frontmatter fields (runbooks: `runbook.todo`; service files: `todo`). */
  todo: TodoField[];
  /** What a person still has to decide for this file. */
  todos: string[];
  /** Why the source or file was skipped or kept. */
  reasons: string[];
}

export interface ImportSummary {
  written: boolean;
  entries: ImportEntry[];
  /** Everything the importer did and left undecided, per source. */
  report: ReportItem[];
  counts: { sources: number; imported: number; skipped: number; files: Record<EntryStatus, number>; kinds: Partial<Record<FileKind, number>> };
  /** `runbook lint` of the written runbooks, when they were written into this project. */
  lint?: { errors: number; warnings: number; rules: Record<string, number> };
  /** Seconds the import took. */
  seconds: number;
}

const toPosix = (path: string) => path.split(sep).join('/');

/** The site URL of a folder under the docs folder, or undefined when the folder is elsewhere. */
function folderUrl(folder: string, docsDir: string): string | undefined {
  const path = toPosix(folder).replace(/\/$/, '');
  const docs = toPosix(docsDir).replace(/\/$/, '');
  return path.startsWith(`${docs}/`) ? pageUrl(`${path}/x.mdx`, docs).replace(/x\/$/, '') : undefined;
}

/** Services declared in a folder of service files, with the fields each marks provisional. */
function declaredServices(dir: string, into: Map<string, { todo: TodoField[] }>): void {
  if (!existsSync(dir)) return;
  for (const file of listContentFiles(dir, '.', ['.yaml', '.yml'])) {
    const id = file.slice(file.lastIndexOf('/') + 1).replace(/\.ya?ml$/, '');
    if (into.has(id)) continue;
    let todo: TodoField[] = [];
    try {
      const data = parseYaml(readFileSync(join(dir, file), 'utf8'), { maxAliasCount: 50 }) as { todo?: unknown } | null;
      if (Array.isArray(data?.todo)) todo = TODO_FIELDS.filter((field) => (data.todo as unknown[]).includes(field));
    } catch {
      // A service file that does not parse is lint's to report; it still declares the service.
    }
    into.set(id, { todo });
  }
}

/** Why a file cannot be written there, found before anything is written (so a dry run finds it too). */
function unwritable(path: string): string | undefined {
  let dir = dirname(path);
  while (!existsSync(dir)) {
    if (dirname(dir) === dir) return 'no such folder';
    dir = dirname(dir);
  }
  if (!statSync(dir).isDirectory()) return `${dir} is a file, not a folder`;
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    return `${dir} is not writable`;
  }
  if (existsSync(path) && statSync(path).isDirectory()) return 'a folder of that name exists';
  return undefined;
}

/** Whether a report item is about this file: the only file of its source, or the file it names (`runbooks/x.mdx`). */
function concerns(item: ReportItem, file: BatchFile, outcome: SourceOutcome): boolean {
  if (!item.file) return outcome.files.filter((each) => each.kind !== 'image').length === 1;
  const [folder, name] = item.file.split('/');
  const kind = folder === 'runbooks' ? 'runbook' : folder === 'pages' ? 'page' : 'service';
  return kind === file.kind && file.path.endsWith(`/${name}`);
}

interface Target {
  file: BatchFile;
  outcome: SourceOutcome;
  path: string;
}

export async function importRunbooks(paths: string[], options: ImportCommandOptions): Promise<ImportSummary> {
  const started = performance.now();
  const { cwd } = options;
  if (!paths.length) throw new UsageError('Give the Markdown files or folders to import');
  if (options.service !== undefined && !KEBAB_CASE.test(options.service))
    throw new UsageError(`--service: expected a kebab-case id such as "tickets", got "${options.service}"`);
  if (options.name && !options.service)
    throw new UsageError('--name names the service given with --service; without --service each source folder names its own service');
  if (options.pagesOut && !options.service) throw new UsageError("--pages-out is the folder of one service's pages: use it with --service");
  const config = loadConfig(cwd).config;
  const outRoot = resolve(cwd, options.out ?? '.');
  if (existsSync(outRoot) && !statSync(outRoot).isDirectory())
    throw new UsageError(`--out: "${options.out}" is a file; give a folder (the files are written under it as in the project)`);
  // Inside the output root, the project's own layout: a folder written with --out can be copied over the project.
  const inOut = (dir: string) => resolve(outRoot, isAbsolute(dir) ? relative(cwd, dir) : dir);
  const contentDir = inOut(config.contentDir);
  const docsDir = inOut(config.docsDir);
  const servicesDir = options.servicesDir ? resolve(cwd, options.servicesDir) : inOut(config.servicesDir);
  const publicDir = inOut('public');
  const runbooksOf = (service: string) => join(contentDir, service);
  const pagesOf = (service: string) => (options.pagesOut ? resolve(cwd, options.pagesOut) : join(docsDir, 'services', service));
  const docsRel = toPosix(relative(outRoot, docsDir));
  const urlOf = (dir: string, fallback: string) => folderUrl(toPosix(relative(outRoot, dir)), docsRel) ?? fallback;

  const services = new Map<string, { todo: TodoField[] }>();
  declaredServices(servicesDir, services);
  declaredServices(resolve(cwd, config.servicesDir), services);

  await loadCore(); // the importer reads commands through the core (risk, traits, environment)
  const walk = collectSources(cwd, paths);
  const sources = walk.sources.map((ref) => ({ ref, read: readSourceFile(ref.path) }));
  const batch = importBatch(sources, {
    ...(options.service ? { service: options.service } : {}),
    ...(options.name ? { serviceName: options.name } : {}),
    ...(options.verbatim ? { verbatim: true } : {}),
    services,
    runbookUrl: (service) => urlOf(runbooksOf(service), `/runbooks/${service}/`),
    pageUrl: (service) => urlOf(pagesOf(service), `/services/${service}/`),
    imageUrl: (service) => `/imported/${service}/`,
    ...(options.progress ? { onSource: options.progress } : {}),
  });

  // Where each file goes, and what writing it would do.
  const folderOf: Record<FileKind, (file: BatchFile) => string> = {
    runbook: (file) => join(runbooksOf(file.service), file.path.slice(file.service.length + 1)),
    page: (file) => join(pagesOf(file.service), file.path.slice(file.service.length + 1)),
    service: (file) => join(servicesDir, file.path),
    image: (file) => join(publicDir, 'imported', file.path),
  };
  const targets: Target[] = [];
  for (const outcome of batch.outcomes) for (const file of outcome.files) targets.push({ file, outcome, path: folderOf[file.kind](file) });
  const serviceOutcome: SourceOutcome = { source: '', files: [], report: [] };
  for (const { file } of batch.services) targets.push({ file, outcome: serviceOutcome, path: folderOf.service(file) });

  const entries: ImportEntry[] = [];
  const plan: PlannedWrite[] = [];
  const claimed = new Map<string, string>();
  const display = (path: string) => toPosix(relative(cwd, path));
  const skipped = (source: string, reason: string): ImportEntry => ({
    source,
    output: null,
    id: null,
    kind: null,
    status: 'skipped',
    write: 'none',
    todo: [],
    todos: [],
    reasons: [reason],
  });
  for (const outcome of batch.outcomes) if (outcome.skipped) entries.push(skipped(outcome.source, outcome.skipped));
  for (const arg of walk.missing) entries.push(skipped(arg, 'no such file or folder'));
  for (const folder of walk.unreadable) entries.push(skipped(folder.path, `could not read the folder (${folder.reason})`));
  for (const arg of walk.empty) entries.push(skipped(arg, `no Markdown files (${MARKDOWN_EXTENSIONS.join(', ')}) in this folder`));

  const seen = new Set<BatchFile>();
  for (const target of targets) {
    const { file, outcome, path } = target;
    // An image shown by several sources is one file.
    if (seen.has(file)) continue;
    seen.add(file);
    const output = display(path);
    const todos = outcome.report.filter((item) => item.level === 'todo' && concerns(item, file, outcome)).map((item) => item.message);
    const base: Omit<ImportEntry, 'status' | 'write' | 'reasons'> = {
      source: outcome.source || null,
      output,
      id: file.id ?? null,
      kind: file.kind,
      todo: file.todo,
      todos: file.kind === 'image' ? [] : todos,
    };
    const problem = unwritable(path) ?? (claimed.has(path) ? `${claimed.get(path)} writes the same file` : undefined);
    if (problem) {
      entries.push({ ...base, status: 'skipped', write: 'none', reasons: [`cannot write ${output}: ${problem}`] });
      continue;
    }
    claimed.set(path, outcome.source || output);
    const content = file.copyFrom ? readFileSync(file.copyFrom) : file.content;
    let write: WriteAction = 'create';
    let kept: string | undefined;
    if (existsSync(path)) {
      const existing = readFileSync(path);
      if (existing.equals(Buffer.from(content))) write = 'unchanged';
      else if (file.keepExisting) {
        write = 'keep';
      } else {
        const state = file.kind === 'image' ? 'not-imported' : importState(existing.toString('utf8'));
        if (state === 'untouched' || options.force) write = 'update';
        else {
          write = 'keep';
          kept =
            state === 'edited'
              ? 'edited since it was imported (its content no longer has the hash in importedFrom)'
              : 'the file exists and was not written by runbook import';
        }
      }
    }
    const hasTodos = base.todos.length > 0 || file.todo.length > 0;
    if (kept) entries.push({ ...base, status: 'kept: edited locally', write, reasons: [`${kept}; --force replaces it`] });
    else entries.push({ ...base, status: hasTodos ? 'imported with TODOs' : 'imported', write, reasons: [] });
    if (write === 'create' || write === 'update') plan.push({ path, content, status: write === 'create' ? 'new' : 'overwrite' });
  }

  if (!options.dryRun && plan.length) {
    try {
      writeAll(plan);
    } catch (error) {
      if (error instanceof WriteFailedError) throw new ValidationError(error.message);
      throw error;
    }
  }
  const written = plan.filter((file) => file.path.startsWith(`${contentDir}${sep}`)).map((file) => file.path);
  const lint = options.dryRun || outRoot !== resolve(cwd) ? undefined : await lintWritten(cwd, written);

  const files = { imported: 0, 'imported with TODOs': 0, skipped: 0, 'kept: edited locally': 0 } as Record<EntryStatus, number>;
  const kinds: Partial<Record<FileKind, number>> = {};
  for (const entry of entries) {
    files[entry.status]++;
    if (entry.kind && entry.status !== 'skipped') kinds[entry.kind] = (kinds[entry.kind] ?? 0) + 1;
  }
  const skippedSources = new Set(entries.filter((entry) => entry.status === 'skipped').map((entry) => entry.source));
  const sourceCount = batch.outcomes.length + walk.missing.length + walk.empty.length + walk.unreadable.length;
  return {
    written: !options.dryRun,
    entries,
    report: batch.outcomes.flatMap((outcome) => outcome.report),
    counts: { sources: sourceCount, imported: sourceCount - skippedSources.size, skipped: skippedSources.size, files, kinds },
    ...(lint ? { lint } : {}),
    seconds: Math.round((performance.now() - started) / 100) / 10,
  };
}

/**
 * Lints the runbooks just written, as CI will: an import is a first draft, and the report should
 * say what still fails the gate (risk not declared, an alias another runbook has, a stale review).
 */
async function lintWritten(cwd: string, files: string[]): Promise<ImportSummary['lint']> {
  if (!files.length) return undefined;
  const written = files.map((file) => toPosix(relative(cwd, file)));
  let problems: Problem[];
  try {
    ({ problems } = await runLint({ root: cwd, paths: written, cache: false }));
  } catch (error) {
    // The files are written; a lint that cannot take them says why when `runbook lint` runs.
    // Anything else is a bug to see.
    if (error instanceof LintUsageError) return undefined;
    throw error;
  }
  // The lint also reports project-wide problems (another service's YAML): count only the imported files'.
  const own = new Set(written);
  const mine = problems.filter((problem) => own.has(problem.file));
  const rules: Record<string, number> = {};
  for (const problem of mine) rules[problem.rule] = (rules[problem.rule] ?? 0) + 1;
  return { errors: mine.filter((p) => p.severity === 'error').length, warnings: mine.filter((p) => p.severity === 'warn').length, rules };
}

const WRITE_WORDS: Record<WriteAction, [string, string]> = {
  create: ['would create', 'created'],
  update: ['would update', 'updated'],
  unchanged: ['unchanged', 'unchanged'],
  keep: ['would keep', 'kept'],
  none: ['skipped', 'skipped'],
};

export function formatImport(summary: ImportSummary, { verbose = false } = {}): string {
  const out: string[] = [];
  const word = (entry: ImportEntry) => (entry.status === 'skipped' ? 'skipped' : WRITE_WORDS[entry.write][summary.written ? 1 : 0]);
  for (const entry of summary.entries) {
    if (entry.status === 'skipped' && !entry.output) continue;
    const fields = entry.todo.length ? `todo: ${entry.todo.join(', ')}` : '';
    const notes = entry.todos.length ? `${entry.todos.length} TODO${entry.todos.length > 1 ? 's' : ''}` : '';
    const todo = fields || notes ? `  (${[fields, notes].filter(Boolean).join('; ')})` : '';
    out.push(`${word(entry).padEnd(13)} ${(entry.kind ?? '').padEnd(8)} ${entry.output}${entry.id ? `  [${entry.id}]` : ''}${todo}`);
  }

  // The report: what a person has to decide, per source (with --verbose, what was done too).
  const bySource = new Map<string, ReportItem[]>();
  for (const item of summary.report) if (verbose || item.level !== 'info') bySource.set(item.source, [...(bySource.get(item.source) ?? []), item]);
  if (bySource.size) {
    out.push('', verbose ? 'Report (TODO: to decide; the rest: what was done):' : 'To decide (TODO), per source:');
    for (const [source, items] of bySource) {
      out.push(`  ${source}`);
      for (const item of items)
        out.push(`    ${item.level === 'todo' ? 'TODO ' : item.level === 'error' ? 'ERROR ' : ''}${item.message}${item.line ? ` (line ${item.line})` : ''}`);
    }
  }

  const skipped = summary.entries.filter((entry) => entry.status === 'skipped' || entry.status === 'kept: edited locally');
  if (skipped.length) {
    out.push('', 'Skipped or kept:');
    for (const entry of skipped) out.push(`  ${entry.output ?? entry.source}: ${entry.status === 'skipped' ? '' : 'kept: '}${entry.reasons.join('; ')}`);
  }

  const { counts } = summary;
  const kinds: FileKind[] = ['runbook', 'page', 'service', 'image'];
  const statuses: EntryStatus[] = ['imported', 'imported with TODOs', 'kept: edited locally', 'skipped'];
  const perKind = (status: EntryStatus, kind: FileKind | null) => summary.entries.filter((entry) => entry.status === status && entry.kind === kind).length;
  const rows = statuses
    .map((status) => [status, ...kinds.map((kind) => String(perKind(status, kind))), String(counts.files[status])])
    .filter((row) => row[row.length - 1] !== '0');
  out.push('', summary.written ? 'Summary' : 'Summary (dry run: nothing written)');
  out.push(renderTable(['status', 'runbooks', 'pages', 'services', 'images', 'total'], rows).replace(/^/gm, '  '));
  out.push(`  ${counts.sources} source(s): ${counts.imported} imported, ${counts.skipped} skipped; ${summary.seconds} s`);
  if (summary.lint && summary.lint.errors + summary.lint.warnings > 0) {
    const rules = Object.entries(summary.lint.rules)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([rule, count]) => `${rule} ×${count}`);
    out.push(`  Lint of the imported runbooks: ${summary.lint.errors} error(s), ${summary.lint.warnings} warning(s) (${rules.join(', ')})`);
  } else if (summary.lint) {
    out.push('  Lint of the imported runbooks: no problems.');
  }
  out.push(
    '',
    summary.written
      ? 'Next: fix the TODOs (each runbook lists its provisional fields in runbook.todo), then run: npx runbook lint'
      : 'Run again without --dry-run to write the files.',
  );
  return out.join('\n');
}

export function registerImport(program: Command, { io, print, json, setExit }: CommandContext): void {
  program
    .command('import')
    .description(COMMANDS.import.description)
    .argument('<paths...>', 'Markdown files, or folders to walk for .md files')
    .option('--service <id>', "service of every imported runbook (kebab-case); default: each file's folder (alerts/<operator>/, docs/<service>/)")
    .option('--name <name>', 'display name of the --service, for a new service file')
    .option(
      '--out <dir>',
      'write under this folder, laid out like the project (<dir>/src/content/docs/runbooks/<service>/...), to review before copying; default: the project',
    )
    .option('--pages-out <dir>', "folder for the --service's reference pages (default: <docsDir>/services/<service>)")
    .option('--services-dir <dir>', 'folder of the service files (default: servicesDir of runbook.config.yaml)')
    .option('--dry-run', 'convert and report everything, write nothing')
    .option('--force', 'also replace files edited since they were imported (and files no import wrote)')
    .option(
      '--verbatim',
      "write the frontmatter but copy each section's text as it is: no mojibake repair, no fence languages, no risk marks, no variable/env declarations",
    )
    .option('--verbose', 'also report what was done for each source (mapped sections, frontmatter, conversions)')
    .option('--json', 'print one entry per produced file (source, output, id, kind, status, todo, todos, reasons), the report and the counts as JSON')
    .addHelpText(
      'after',
      `
Statuses: imported · imported with TODOs (provisional values, listed in runbook.todo and in the report) ·
skipped (with the reason) · kept: edited locally (the file changed since it was imported; --force replaces it).
A re-import updates the files nobody edited and keeps the others.

Workflow:
  1. npx runbook import docs/runbooks --dry-run       see what each file becomes
  2. npx runbook import docs/runbooks                 write it (or --out DIR to review elsewhere first)
  3. read the report: each TODO says what to decide (severity, owner, escalation, example values)
  4. fix the TODOs; remove each field from runbook.todo once it is right (the page shows a review banner until then)
  5. npx runbook lint                                  import/todo warns for every field still provisional

Exit codes: 0 every source imported, 1 some skipped or kept, 2 usage.`,
    )
    .action(async (paths: string[], options) => {
      const progressShown = Boolean(io.isTTY) && !options.json && !process.env.CI;
      let last = 0;
      const progress = progressShown
        ? (done: number, total: number) => {
            const now = Date.now();
            if (total < 20 || (now - last < 100 && done < total)) return;
            last = now;
            io.stderr(`\rImporting ${done}/${total}${done === total ? '\n' : ''}`);
          }
        : undefined;
      const summary = await importRunbooks(paths, { cwd: io.cwd, ...options, ...(progress ? { progress } : {}) });
      if (options.json) json(summary);
      else print(formatImport(summary, { verbose: Boolean(options.verbose) }));
      if (summary.counts.files.skipped + summary.counts.files['kept: edited locally'] > 0) setExit(1);
    });
}
