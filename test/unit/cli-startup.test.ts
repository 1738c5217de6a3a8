// Start-up of the `runbook` CLI, by what it loads (not by the clock): `--version` and `--help` load no command
// module, and `list` and `show` of an unchanged project load no parser, no schema library and no model.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { makeProject, runbookSource } from '../helpers/project.ts';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(REPO, 'scripts/runbook.js');

/** Records every module Node loads (a synchronous module hook) and prints the list when the process ends. */
const RECORDER = `
import { registerHooks } from 'node:module';
const loaded = [];
registerHooks({ load(url, context, nextLoad) { loaded.push(url); return nextLoad(url, context); } });
process.on('exit', () => process.stderr.write('\\n@@loaded ' + JSON.stringify(loaded) + '\\n'));
`;

/** The modules a real `runbook` process loads, relative to the repository (dependencies as node_modules/<name>). */
function modulesLoaded(args: string[], cwd = REPO): { code: number | null; stdout: string; modules: string[] } {
  const result = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(RECORDER)}`, '--', CLI, ...args], {
    cwd,
    encoding: 'utf8',
  });
  const line = /@@loaded (.*)/.exec(result.stderr)?.[1];
  if (!line) throw new Error(`no module list: ${result.stderr}`);
  const modules = (JSON.parse(line) as string[])
    .filter((url) => url.startsWith('file://'))
    .map((url) => fileURLToPath(url).slice(REPO.length))
    .map((path) => path.replace(/^node_modules\/((?:@[^/]+\/)?[^/]+)\/.*$/, 'node_modules/$1'));
  return { code: result.status, stdout: result.stdout, modules: [...new Set(modules)] };
}

/** What only reading or parsing content needs: never at start-up of an unchanged project. */
const HEAVY = [
  'node_modules/zod',
  'node_modules/astro',
  'node_modules/satteri',
  'node_modules/@expressive-code/core',
  'node_modules/yaml',
  'node_modules/sh-syntax',
  'src/lib/model/parse.ts',
  'src/lib/project.ts',
  'src/lib/registry.ts',
  'src/schema/runbook.ts',
];

describe('start-up: what the CLI loads', () => {
  it('--version prints the version and loads no command module', () => {
    const { code, stdout, modules } = modulesLoaded(['--version']);
    expect(code).toBe(0);
    expect(stdout).toBe(`${JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).version}\n`);
    expect(modules.filter((path) => path.startsWith('src/cli/commands/'))).toEqual([]);
    expect(modules.filter((path) => HEAVY.includes(path))).toEqual([]);
  });

  it('--help, help and a mistyped command list every command and load no command module', () => {
    for (const args of [['--help'], ['help'], ['lsit']]) {
      const { modules, stdout } = modulesLoaded(args);
      expect(
        modules.filter((path) => path.startsWith('src/cli/commands/')),
        args.join(' '),
      ).toEqual([]);
      if (args[0] !== 'lsit') expect(stdout).toContain('run [options] <runbook>');
    }
  });

  it('help <command> loads that command only', () => {
    const { modules, stdout } = modulesLoaded(['help', 'run']);
    expect(stdout).toContain('Usage: runbook run [options] <runbook>');
    expect(modules.filter((path) => path.startsWith('src/cli/commands/'))).toEqual(['src/cli/commands/run.ts']);
  });

  it('list and show of an unchanged project load no parser, no schema and no model; a changed file does', () => {
    const root = makeProject({ runbooks: { 'tickets/a.mdx': runbookSource({ id: 'tickets-a' }), 'tickets/b.mdx': runbookSource({ id: 'tickets-b' }) } });
    // The first list computes and caches what it needs of every runbook; the first show of a runbook, its whole entry.
    const cold = modulesLoaded(['list'], root);
    expect(cold.code).toBe(0);
    expect(cold.modules).toContain('src/lib/model/parse.ts');
    for (const id of ['tickets-a', 'tickets-b']) expect(modulesLoaded(['show', id], root).modules).toContain('src/lib/model/parse.ts');
    for (const args of [['list'], ['list', '--stale'], ['show', 'tickets-a'], ['show', 'tickets-b']]) {
      const warm = modulesLoaded(args, root);
      expect(warm.code, args.join(' ')).toBe(0);
      expect(
        warm.modules.filter((path) => HEAVY.includes(path)),
        args.join(' '),
      ).toEqual([]);
    }
    const file = join(root, 'src/content/docs/runbooks/tickets/b.mdx');
    writeFileSync(file, readFileSync(file, 'utf8').replace('Sample runbook', 'Changed runbook'));
    const changed = modulesLoaded(['list', '--json'], root);
    expect(changed.stdout).toContain('"title": "Changed runbook"');
    expect(changed.modules).toContain('src/lib/model/parse.ts');
  });
});
