// runbook import: converts Markdown runbook documents (wikis, READMEs) into MDX runbooks of one
// service, its shared pages and its service YAML, and reports what a person still has to decide.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../lib/config.ts';
import { importDocuments, type ImportInput, type ImportResult } from '../../lib/import/import.ts';
import { formatReport, type ReportItem } from '../../lib/import/report.ts';
import { NoRunbooksError } from '../../lib/import/structure.ts';
import { planWrites, writeAll, WriteFailedError, type FileToWrite, type WriteStatus } from '../../lib/import/write.ts';
import { pageUrl } from '../../lib/urls.ts';
import { LintUsageError, runLint } from '../../lib/lint/run.ts';
import type { Problem } from '../../lib/problem.ts';
import { KEBAB_CASE } from '../../schema/shared.ts';
import { formatProblemLine } from '../../lib/format-problems.ts';
import type { CommandContext } from '../context.ts';
import { NotFoundError, UsageError, ValidationError } from '../errors.ts';
import { COMMANDS } from '../command-table.ts';

export interface ImportCommandOptions {
  cwd: string;
  service: string;
  /** Display name of the service (for a new service YAML). */
  name?: string;
  /** Folder of the runbooks (default `<contentDir>/<service>`). */
  out?: string;
  /** Folder of the service pages (default `<docsDir>/services/<service>`). */
  pagesOut?: string;
  /** Folder of the service YAML files (default `servicesDir`). */
  servicesDir?: string;
  dryRun?: boolean;
  /** Replace existing runbooks and pages (a service YAML is never replaced). */
  force?: boolean;
  /** Split and write the frontmatter, but copy the text as written (to review a document's defects with `runbook lint`). */
  verbatim?: boolean;
}

export interface ImportedFileSummary {
  /** Path relative to the project root. */
  path: string;
  kind: 'runbook' | 'page' | 'service';
  status: WriteStatus;
  title: string;
  id?: string;
  content: string;
}

export interface ImportSummary {
  written: boolean;
  /** Files exist with other content: a real run needs --force. */
  needsForce: boolean;
  files: ImportedFileSummary[];
  /** The text was copied as written (`--verbatim`): the files hold no TODO lines. */
  verbatim: boolean;
  report: ReportItem[];
  counts: { runbooks: number; pages: number; todo: number };
  /** `runbook lint` of the written runbooks (not run for a dry run): what still fails the CI gate. */
  lint?: { errors: number; warnings: number; rules: Record<string, number> };
}

const toPosix = (path: string) => path.split(sep).join('/');

/** Reads a source as UTF-8, or as Windows-1252 when it is not valid UTF-8 (said in the report). */
function readSource(cwd: string, file: string, notes: ReportItem[]): ImportInput {
  const path = resolve(cwd, file);
  if (!existsSync(path)) throw new NotFoundError(`No such file "${file}"`);
  if (statSync(path).isDirectory()) throw new UsageError(`"${file}" is a folder; give the Markdown files to import`);
  const bytes = readFileSync(path);
  try {
    return { file, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    notes.push({ source: file, level: 'info', message: 'the file is not valid UTF-8; read it as Windows-1252' });
    return { file, text: new TextDecoder('windows-1252').decode(bytes) };
  }
}

/** The site URL of a folder under the docs folder, or undefined when the folder is elsewhere. */
function folderUrl(folder: string, docsDir: string): string | undefined {
  const path = toPosix(folder).replace(/\/$/, '');
  const docs = toPosix(docsDir).replace(/\/$/, '');
  return path.startsWith(`${docs}/`) ? pageUrl(`${path}/x.mdx`, docs).replace(/x\/$/, '') : undefined;
}

export async function importRunbooks(files: string[], options: ImportCommandOptions): Promise<ImportSummary> {
  const { cwd, service } = options;
  if (!KEBAB_CASE.test(service)) throw new UsageError(`--service: expected a kebab-case id such as "tickets", got "${service}"`);
  if (!files.length) throw new UsageError('Give at least one Markdown file to import');
  const config = loadConfig(cwd).config;
  const out = options.out ?? join(config.contentDir, service);
  const pagesOut = options.pagesOut ?? join(config.docsDir, 'services', service);
  const servicesDir = options.servicesDir ?? config.servicesDir;
  const notes: ReportItem[] = [];
  const inputs = files.map((file) => readSource(cwd, file, notes));
  const runbooksUrl = folderUrl(relative(cwd, resolve(cwd, out)), config.docsDir);
  const pagesUrl = folderUrl(relative(cwd, resolve(cwd, pagesOut)), config.docsDir);

  let result: ImportResult;
  try {
    result = importDocuments(inputs, {
      service,
      ...(options.name ? { serviceName: options.name } : {}),
      ...(options.verbatim ? { verbatim: true } : {}),
      ...(runbooksUrl ? { runbookUrl: runbooksUrl } : {}),
      ...(pagesUrl ? { pageUrl: pagesUrl } : {}),
    });
  } catch (error) {
    if (error instanceof NoRunbooksError) throw new ValidationError(error.message);
    throw error;
  }
  if (result.problems.length) {
    const first = result.problems.slice(0, 5).map((problem) => `  ${formatProblemLine(problem)}`);
    throw new ValidationError(`the importer produced MDX that does not parse; nothing was written (please report this):\n${first.join('\n')}`);
  }

  const targets: (FileToWrite & { kind: ImportedFileSummary['kind']; title: string; id?: string })[] = [
    ...result.runbooks.map((runbook) => ({ path: resolve(cwd, out, runbook.name), content: runbook.content, kind: 'runbook' as const, title: runbook.title, id: runbook.id })),
    ...result.pages.map((page) => ({ path: resolve(cwd, pagesOut, page.name), content: page.content, kind: 'page' as const, title: page.title })),
    { path: resolve(cwd, servicesDir, `${service}.yaml`), content: result.service.content, keepExisting: true, kind: 'service' as const, title: result.service.name },
  ];
  const plan = planWrites(targets);
  const conflicts = plan.filter((file) => file.status === 'overwrite');
  if (conflicts.length && !options.force && !options.dryRun) {
    const list = conflicts.map((file) => `  ${toPosix(relative(cwd, file.path))}`).join('\n');
    throw new ValidationError(`${conflicts.length} file(s) exist with other content; nothing was written (use --force to replace them):\n${list}`);
  }
  let report = [...notes, ...result.report];
  if (plan.some((file) => file.status === 'kept' && file.path.endsWith('.yaml'))) {
    // The YAML is not written, so what the importer left undecided in it does not matter.
    report = report.filter((item) => item.file !== `services/${service}.yaml`);
    report.push({ source: files.join(', '), level: 'info', message: `kept the existing ${toPosix(join(servicesDir, `${service}.yaml`))}; the imported escalation policy was not written` });
  }
  if (!options.dryRun) {
    try {
      writeAll(plan);
    } catch (error) {
      if (error instanceof WriteFailedError) throw new ValidationError(error.message);
      throw error;
    }
  }
  const lint = options.dryRun ? undefined : await lintWritten(cwd, plan.filter((_, index) => targets[index].kind === 'runbook').map((file) => file.path));
  return {
    ...(lint ? { lint } : {}),
    written: !options.dryRun,
    needsForce: conflicts.length > 0 && !options.force,
    files: plan.map((file, index) => ({
      path: toPosix(isAbsolute(file.path) ? relative(cwd, file.path) : file.path),
      kind: targets[index].kind,
      status: file.status,
      title: targets[index].title,
      ...(targets[index].id ? { id: targets[index].id } : {}),
      content: file.content,
    })),
    verbatim: Boolean(options.verbatim),
    report,
    counts: { runbooks: result.runbooks.length, pages: result.pages.length, todo: report.filter((item) => item.level === 'todo').length },
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

const STATUS_WORDS: Record<WriteStatus, [string, string]> = {
  new: ['would create', 'created'],
  overwrite: ['would replace', 'replaced'],
  unchanged: ['unchanged', 'unchanged'],
  kept: ['would keep existing', 'kept existing'],
};

export function formatImport(summary: ImportSummary): string {
  const out: string[] = [];
  for (const file of summary.files) {
    const word = STATUS_WORDS[file.status][summary.written ? 1 : 0];
    out.push(`${word.padEnd(20)} ${file.path}${file.id ? `  [${file.id}]` : ''}`);
  }
  const { runbooks, pages, todo } = summary.counts;
  out.push('', `${summary.written ? 'Imported' : 'Dry run: nothing written.'} ${runbooks} runbook(s), ${pages} service page(s); ${todo} item(s) to decide (${summary.verbatim ? 'listed below' : 'TODO lines in the files, listed below'}).`);
  if (summary.needsForce) out.push('Some files exist with other content: the import will replace them only with --force.');
  if (summary.lint && summary.lint.errors + summary.lint.warnings > 0) {
    const rules = Object.entries(summary.lint.rules).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([rule, count]) => `${rule} ×${count}`);
    const paths = [...new Set(summary.files.filter((file) => file.kind === 'runbook').map((file) => file.path.split('/').slice(0, -1).join('/')))];
    out.push(`Lint of the imported runbooks: ${summary.lint.errors} error(s), ${summary.lint.warnings} warning(s) (${rules.join(', ')}); review them with: npx runbook lint ${paths.join(' ')}`);
  } else if (summary.lint) {
    out.push('Lint of the imported runbooks: no problems.');
  }
  out.push('');
  out.push(formatReport(summary.report));
  return out.join('\n');
}

export function registerImport(program: Command, { io, print, json }: CommandContext): void {
  program
    .command('import')
    .description(COMMANDS.import.description)
    .argument('<files...>', 'Markdown documents to import')
    .requiredOption('--service <id>', 'service the runbooks belong to (kebab-case; prefixes their ids)')
    .option('--name <name>', 'display name of the service, for a new service YAML')
    .option('--out <dir>', 'folder for the runbooks (default: <contentDir>/<service>)')
    .option('--pages-out <dir>', 'folder for the shared pages (default: <docsDir>/services/<service>)')
    .option('--services-dir <dir>', 'folder of the service YAML files (default: servicesDir of runbook.config.yaml)')
    .option('--dry-run', 'print what would be written and the report; write nothing')
    .option('--force', 'replace runbooks and pages that exist with other content (a service YAML is never replaced)')
    .option('--verbatim', "split the document into runbooks and write their frontmatter, but copy each section's text as it is: no mojibake repair, no fence languages, no variable/env declarations, no prose rewriting beyond what MDX needs to parse")
    .option('--json', 'print the result (files with their content, and the report) as JSON')
    .action(async (files: string[], options) => {
      const summary = await importRunbooks(files, { cwd: io.cwd, ...options });
      if (options.json) json(summary);
      else print(formatImport(summary));
    });
}
