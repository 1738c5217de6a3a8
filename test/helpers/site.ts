// A copy of this site with other content, built with the real `astro build`.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const REPO = process.cwd();

/**
 * The copy lives inside the repository (in the git-ignored .cache/) so that Node and Vite find the
 * repository's node_modules by walking up; a symlinked node_modules confuses Vite's module ids.
 */
export function makeSite(files: Record<string, string>): string {
  mkdirSync(join(REPO, '.cache', 'site-tests'), { recursive: true });
  const root = mkdtempSync(join(REPO, '.cache', 'site-tests', 'site-'));
  for (const file of ['astro.config.mjs', 'ec.config.mjs', 'package.json', 'tsconfig.json', 'runbook.config.yaml']) cpSync(join(REPO, file), join(root, file));
  // The site's code, without its content: the test supplies runbooks and services.
  cpSync(join(REPO, 'src'), join(root, 'src'), {
    recursive: true,
    filter: (source) => !source.startsWith(join(REPO, 'src/content/docs/runbooks')) && !source.startsWith(join(REPO, 'src/content/services')),
  });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

export function buildSite(root: string): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [join(REPO, 'node_modules/astro/bin/astro.mjs'), 'build'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1' },
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}
