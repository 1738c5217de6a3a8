// `runbook lint` as a library: load the project, lint (or reuse the cached result), optionally fix.
import { existsSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { cacheDir, hashBytes, readHashed, type HashedFile } from '../cache/file-cache.ts';
import { loadConfig } from '../config.ts';
import { compareProblems, type Problem } from '../problem.ts';
import { walkContentFiles, type ContentFiles } from '../content-files.ts';
import { listContentFiles, loadProject, type LoadOptions } from '../project.ts';
import { cacheKey, linterSourceHash, readCache, writeCache } from './cache.ts';
import { lintProject } from './engine.ts';
import { applyFixes } from './fix.ts';
import { RULES } from './rules/index.ts';
import type { Rule } from './types.ts';

export interface LintRunOptions {
  root: string;
  /** Files or folders to lint, relative to root (default: the content folder). */
  paths?: string[];
  config?: LoadOptions['config'];
  rules?: Rule[];
  fix?: boolean;
  /** Cache file; false disables the cache. */
  cache?: string | false;
}

export interface LintRunResult {
  problems: Problem[];
  files: string[];
  /** Text of every linted file (for code frames). */
  sources: Map<string, string>;
  fixed: number;
  cached: boolean;
}

export class LintUsageError extends Error {}

const toPosix = (path: string) => path.split(sep).join('/');

/**
 * Every page the lint covers: the runbooks and, when the runbooks live in the docs folder, every
 * other docs page too (team pages and guides hold commands and links as well).
 */
export function lintedPages(root: string, config: { contentDir: string; docsDir: string }): ContentFiles {
  const docs = `${config.docsDir.replace(/\/$/, '')}/`;
  const inDocs = `${config.contentDir.replace(/\/$/, '')}/`.startsWith(docs);
  return walkContentFiles(root, inDocs ? config.docsDir : config.contentDir, ['.md', '.mdx']);
}

function selectFiles(root: string, all: string[], paths: string[] | undefined): string[] {
  if (!paths?.length) return all;
  const selected = new Set<string>();
  for (const path of paths) {
    const normal = toPosix(relative(root, resolve(root, path)));
    if (!existsSync(join(root, normal))) throw new LintUsageError(`No such file or folder: ${path}`);
    if (statSync(join(root, normal)).isDirectory()) for (const file of listContentFiles(root, normal)) selected.add(file);
    else selected.add(normal);
  }
  return [...selected].sort();
}

export async function runLint(options: LintRunOptions): Promise<LintRunResult> {
  const { root } = options;
  const rules = options.rules ?? RULES;
  const overrides = Object.fromEntries(Object.entries(options.config ?? {}).filter(([, value]) => value !== undefined));
  const config = { ...loadConfig(root).config, ...overrides };
  const now = config.now ?? new Date().toISOString().slice(0, 10);
  const walked = lintedPages(root, config);
  const pages = walked.files;
  const files = selectFiles(root, pages, options.paths);
  // Nothing to check is not a pass: a mistyped folder must not turn CI green.
  if (files.length === 0)
    throw new LintUsageError(`Nothing to lint: no .md or .mdx files${options.paths?.length ? ` in ${options.paths.join(', ')}` : ' in the content folder'}`);
  const dependencies = [...new Set([...pages, ...files, ...listContentFiles(root, config.servicesDir, ['.yaml', '.yml'])])].sort();
  // Every page and service file is read once: the model is built from exactly the bytes the cache key hashes.
  const read = new Map<string, HashedFile>(dependencies.map((file) => [file, readHashed(join(root, file), root)]));
  const sources = new Map<string, string>();
  for (const file of files) {
    const text = read.get(file)?.text;
    if (text !== undefined) sources.set(file, text);
  }
  const cachePath = options.cache === false ? undefined : (options.cache ?? join(cacheDir(root), 'lint.json'));
  const keyOf = (path: string) =>
    cacheKey([
      linterSourceHash(path),
      config,
      now,
      rules.map((rule) => rule.meta.id),
      files,
      walked.problems,
      dependencies.map((file) => [file, read.get(file)!.hash]),
    ]);

  const key = cachePath ? keyOf(cachePath) : '';
  if (cachePath && !options.fix) {
    const cached = readCache(cachePath, key);
    if (cached) return { problems: cached, files, sources, fixed: 0, cached: true };
  }

  const lint = async () => {
    const project = await loadProject({ root, config: { ...options.config, now }, files: [...new Set([...pages, ...files])].sort(), sources: read });
    const wanted = new Set(files);
    const result = await lintProject(project, { rules, files });
    // Problems of other runbooks (outside the given paths) are not this run's business.
    const runbookFiles = new Set(project.runbooks.map((runbook) => runbook.file));
    return [...result.problems, ...walked.problems].filter((problem) => wanted.has(problem.file) || !runbookFiles.has(problem.file)).sort(compareProblems);
  };

  let problems = await lint();
  let fixed = 0;
  if (options.fix) {
    for (const file of files) {
      const fixable = problems.filter((problem) => problem.file === file && problem.fix);
      if (!fixable.length) continue;
      const { output, applied } = applyFixes(sources.get(file)!, fixable);
      // Write next to the file and rename: an interrupted fix never leaves half a file. A byte order mark stays.
      const bom = read.get(file)?.bom ?? false;
      const bytes = Buffer.from(`${bom ? '\uFEFF' : ''}${output}`);
      const temporary = join(root, `${file}.${process.pid}.tmp`);
      writeFileSync(temporary, bytes);
      renameSync(temporary, join(root, file));
      sources.set(file, output);
      read.set(file, { text: output, bom, hash: hashBytes(bytes), stamp: null, problems: [] });
      fixed += applied;
    }
    if (fixed) problems = await lint();
  }
  if (cachePath) writeCache(cachePath, fixed ? keyOf(cachePath) : key, problems);
  return { problems, files, sources, fixed, cached: false };
}
