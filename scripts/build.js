#!/usr/bin/env -S node --
// `npm run build`: `astro build` with a V8 heap limit sized to the content.
//
// Why: left alone, V8 grows the heap far beyond what the build keeps alive (it collects lazily
// while memory is free), and the native memory of the Markdown parser and the bundler comes on top.
// Measured at 2,000 runbooks: no limit peaks at 2.5–2.6 GiB; a limit of ~1.5 GiB peaks at 2.3 GiB
// and builds no slower (bench/results). The limit grows with the number of content files, so a
// larger site gets more room; if the build still runs out of heap it is retried once with twice
// the room, with a note, rather than failing.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/lib/config.ts';
import { listContentFiles } from '../src/lib/project.ts';

const ASTRO = fileURLToPath(new URL('../node_modules/astro/bin/astro.mjs', import.meta.url));

/** Number of content files of a project: its pages and its service files, as the site loads them. */
function contentFiles(root) {
  const { config } = loadConfig(root);
  return listContentFiles(root, config.docsDir).length + listContentFiles(root, config.servicesDir, ['.yaml', '.yml']).length;
}

/** The heap limit in MB for a build of `files` content files: 512 MB plus 0.5 MB per file, at least 1 GB. */
function heapLimitMb(files) {
  return Math.max(1024, Math.round(512 + 0.5 * files));
}

/** Node arguments that build the project at `root` (used by this script and by the benchmark). */
export function buildArgs(root, limitMb = heapLimitMb(contentFiles(root))) {
  return [`--max-old-space-size=${limitMb}`, ASTRO, 'build'];
}

function runBuild(args) {
  const result = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (result.error) {
    process.stderr.write(`build: could not start astro: ${result.error.message}\n`);
    return 1;
  }
  // V8 aborts (SIGABRT, or exit code 134 through a shell) when the heap limit is reached.
  if (result.signal === 'SIGABRT' || result.status === 134) return 'out-of-memory';
  return result.status ?? 1;
}

function main() {
  const root = process.cwd();
  const userLimit = /--max-old-space-size=(\d+)/.exec(process.env.NODE_OPTIONS ?? '')?.[1];
  const extra = process.argv.slice(2);
  // A limit the user set in NODE_OPTIONS wins.
  if (userLimit) {
    const status = runBuild([ASTRO, 'build', ...extra]);
    return status === 'out-of-memory' ? 1 : status;
  }
  const limit = heapLimitMb(contentFiles(root));
  const first = runBuild([...buildArgs(root, limit), ...extra]);
  if (first !== 'out-of-memory') return first;
  process.stderr.write(
    `\nbuild: the build ran out of its ${limit} MB heap; building again with ${limit * 2} MB (set NODE_OPTIONS=--max-old-space-size=<MB> to choose).\n\n`,
  );
  const second = runBuild([...buildArgs(root, limit * 2), ...extra]);
  return second === 'out-of-memory' ? 1 : second;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exitCode = main();
