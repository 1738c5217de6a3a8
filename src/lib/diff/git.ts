// The project as it was at a git revision: its files listed with `git ls-tree` (each with its blob id,
// which keys the per-file cache) and read, when needed, with one `git cat-file --batch`; what must be
// parsed is written into a temporary folder for the project's own loader. Nothing of the working tree
// or the index is touched.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { CONFIG_FILE } from '../config.ts';
import { configSchema } from '../../schema/config.ts';

export class GitError extends Error {}
export class UnknownRevisionError extends Error {}

const git = (cwd: string, args: string[], input?: Buffer): Buffer => {
  const result = spawnSync('git', args, { cwd, input, maxBuffer: 1024 * 1024 * 1024 });
  if (result.error) throw new GitError(`cannot run git: ${result.error.message}`);
  if (result.status !== 0) throw new GitError(result.stderr.toString().trim() || `git ${args[0]} failed`);
  return result.stdout;
};

/** The top of the repository `cwd` is in, and the path from there to `cwd` (`''` or `sub/dir/`). */
export function repositoryOf(cwd: string): { top: string; prefix: string } {
  let top: string;
  try {
    top = git(cwd, ['rev-parse', '--show-toplevel']).toString().trim();
  } catch (error) {
    throw new GitError(
      `${resolve(cwd)} is not in a git repository, so revisions cannot be read (${error instanceof Error ? error.message : String(error)}); compare two registry.json files instead`,
    );
  }
  const prefix = relative(top, resolve(cwd)).split(sep).join('/');
  return { top, prefix: prefix ? `${prefix}/` : '' };
}

/** The commit a revision names, or an UnknownRevisionError. */
export function resolveRevision(cwd: string, revision: string): string {
  if (revision.startsWith('-')) throw new UnknownRevisionError(`unknown revision "${revision}": no commit, branch or tag of that name`);
  const result = spawnSync('git', ['rev-parse', '--verify', '--quiet', '--end-of-options', `${revision}^{commit}`], { cwd });
  if (result.status !== 0) throw new UnknownRevisionError(`unknown revision "${revision}": no commit, branch or tag of that name`);
  return result.stdout.toString().trim();
}

/** Blobs under `paths` at `commit` (regular files only: links and submodules are left out). */
function listBlobs(top: string, commit: string, paths: string[]): { sha: string; path: string }[] {
  if (!paths.length) return [];
  const listing = git(top, ['ls-tree', '-r', '-z', '--full-tree', commit, '--', ...paths]).toString();
  return listing
    .split('\0')
    .filter(Boolean)
    .flatMap((line) => {
      const tab = line.indexOf('\t');
      const [mode, type, sha] = line.slice(0, tab).split(' ');
      return type === 'blob' && (mode === '100644' || mode === '100755') ? [{ sha, path: line.slice(tab + 1) }] : [];
    });
}

/** The contents of blobs, read in one `git cat-file --batch`. */
function readBlobs(top: string, shas: string[]): Buffer[] {
  if (!shas.length) return [];
  const output = git(top, ['cat-file', '--batch'], Buffer.from(`${shas.join('\n')}\n`));
  const blobs: Buffer[] = [];
  let offset = 0;
  for (let index = 0; index < shas.length; index++) {
    const headerEnd = output.indexOf(0x0a, offset);
    const header = output.subarray(offset, headerEnd).toString();
    const size = Number(header.split(' ')[2]);
    if (!Number.isFinite(size)) throw new GitError(`unexpected output of git cat-file: ${header}`);
    blobs.push(output.subarray(headerEnd + 1, headerEnd + 1 + size));
    offset = headerEnd + 1 + size + 1;
  }
  return blobs;
}

export interface RevisionFiles {
  commit: string;
  /** The project's runbook config at the revision (undefined when it has none). */
  config?: Buffer;
  /** Files under the revision's content and services folders, with paths relative to the project root. */
  files: { path: string; blob: string }[];
  /** Contents of blobs of this repository, read in one `git cat-file --batch`. */
  read(blobs: string[]): Buffer[];
  contentDir: string;
  servicesDir: string;
}

/** The files of the project at `revision` (its config, content and services folders), without reading them yet. */
export function revisionFiles(cwd: string, revision: string): RevisionFiles {
  const { top, prefix } = repositoryOf(cwd);
  const commit = resolveRevision(cwd, revision);
  const read = (blobs: string[]) => readBlobs(top, blobs);
  // The revision's own config says where its content is.
  const [configBlob] = listBlobs(top, commit, [`${prefix}${CONFIG_FILE}`]);
  let contentDir = configSchema.shape.contentDir.parse(undefined) as string;
  let servicesDir = configSchema.shape.servicesDir.parse(undefined) as string;
  let config: Buffer | undefined;
  if (configBlob) {
    [config] = read([configBlob.sha]);
    try {
      const raw = parseYaml(config.toString('utf8'), { maxAliasCount: 100 }) as { contentDir?: unknown; servicesDir?: unknown } | null;
      if (typeof raw?.contentDir === 'string') contentDir = raw.contentDir;
      if (typeof raw?.servicesDir === 'string') servicesDir = raw.servicesDir;
    } catch {
      // an unreadable config: the loader reports it; the defaults say where to look
    }
  }
  const folders = [contentDir, servicesDir].map((dir) => `${prefix}${dir.replace(/^\.\//, '').replace(/\/+$/, '')}/`);
  const files = listBlobs(top, commit, folders).map((blob) => ({ path: blob.path.slice(prefix.length), blob: blob.sha }));
  return { commit, config, files, read, contentDir, servicesDir };
}

/** Writes files (path relative to the project root → bytes) into a new temporary folder; returns the project root there. */
export function writeTemporaryProject(files: [string, Buffer][]): { root: string; remove(): void } {
  const root = mkdtempSync(join(tmpdir(), 'runbook-diff-'));
  const remove = () => rmSync(root, { recursive: true, force: true });
  try {
    for (const [path, bytes] of files) {
      const target = join(root, path);
      if (!target.startsWith(root + sep)) continue; // a path that leaves the folder: never written
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, bytes);
    }
  } catch (error) {
    remove();
    throw error;
  }
  return { root, remove };
}
