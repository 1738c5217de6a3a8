// The cross-view table (test/fixtures/cross-view-table.ts) through the model, lint and the runner: every row's
// context and risk as the core finds them, the linter's reports (placeholders/context exactly on the refused rows,
// risk/declared with the row's risk), `runbook run --dry-run` (a refusal naming block and placeholder before
// anything runs, or the filled command), and real runs with fake CLIs on PATH that record their argv: each value,
// hostile ones included, reaches the program as exactly its own word or literal, or is refused, and no marker file
// ever appears. The page view of the same table is test/e2e/cross-view.spec.ts.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRunbook, type RunEnvironment } from '../../src/cli/commands/run.ts';
import { run } from '../../src/cli/main.ts';
import { contextName, describeContext } from '../../src/lib/core/context.ts';
import { runLint } from '../../src/lib/lint/run.ts';
import { loadProject } from '../../src/lib/project.ts';
import {
  ENV,
  FAKE_CLI,
  FAKE_PROGRAMS,
  hostileValues,
  parseInvocation,
  ROWS,
  rowAccepts,
  rowLines,
  sortInvocations,
  tableRunbook,
  VARIABLES,
  variableAccepts,
  type Invocation,
  type Row,
  type VariableName,
} from '../fixtures/cross-view-table.ts';
import { makeProject } from '../helpers/project.ts';

const RUNBOOK = 'tickets-xview';
let root: string;
let bin: string;
let marker: string;
const scratch = mkdtempSync(join(tmpdir(), 'runbook-xview-'));

beforeAll(() => {
  root = makeProject({ runbooks: { 'tickets/xview.mdx': tableRunbook() } });
  bin = join(scratch, 'bin');
  mkdirSync(bin);
  for (const name of FAKE_PROGRAMS) {
    writeFileSync(join(bin, name), FAKE_CLI);
    chmodSync(join(bin, name), 0o755);
  }
  marker = join(scratch, 'marker');
});
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
  if (root) rmSync(root, { recursive: true, force: true });
});

const blockId = (row: Row) => `${RUNBOOK}/${row.id}`;
const plain = (name: VariableName) => VARIABLES[name].example;
const plainSets = (except?: VariableName) =>
  (Object.keys(VARIABLES) as VariableName[]).filter((name) => name !== except).map((name) => `${name}=${plain(name)}`);

async function cli(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), cwd: root });
  return { code, stdout, stderr };
}

/** Problems a refused dry run lists, as `<name> in <block>`. */
const refusals = (stderr: string) => [...stderr.matchAll(/^ {2}- <(\w+)> in (\S+?)(?: \(line \d+\))?[: ]/gm)].map((match) => `<${match[1]}> in ${match[2]}`);

/** A real run of some rows with fake CLIs on PATH: what each program received. */
async function realRun(rows: Row[], sets: string[]): Promise<{ invocations: Invocation[]; exitCode: number; output: string }> {
  const log = mkdtempSync(join(scratch, 'log-'));
  let output = '';
  const environment: RunEnvironment = {
    stdout: (text) => (output += text),
    stderr: (text) => (output += text),
    env: { PATH: `${bin}:${process.env.PATH}`, XVIEW_LOG: log, HOME: scratch, ...ENV },
    isTTY: false,
    prompt: async () => '',
  };
  const outcome = await runRunbook(
    RUNBOOK,
    { cwd: root, step: rows.map((row) => row.id), set: sets, yes: true, allowDestructive: true, keepGoing: true },
    environment,
  );
  const invocations = readdirSync(log).map((file) => parseInvocation(readFileSync(join(log, file), 'utf8')));
  rmSync(log, { recursive: true });
  return { invocations, exitCode: outcome.dryRun ? 0 : outcome.exitCode, output };
}

describe('the cross-view table', () => {
  it('has at least 40 commands, and rows of every context kind', () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(40);
    const kinds = new Set(ROWS.flatMap((row) => row.context.split(/[ >]/)));
    for (const kind of [
      'shell-word',
      'shell-double',
      'shell-single',
      'shell-ansi',
      'heredoc',
      'comment',
      'sql-string',
      'sql-identifier',
      'sql-value',
      'promql-string',
      'promql-label-value',
      'url-query',
      'url-path',
      'json-string',
      'json-value',
      'awk-string',
      'token',
      'refused',
    ]) {
      expect(kinds, kind).toContain(kind);
    }
    expect(new Set(ROWS.map((row) => row.id)).size).toBe(ROWS.length);
  });
});

describe('the model: contexts and risk, as stored for the registry and the page', () => {
  it.each(ROWS.map((row) => [row.id, row] as const))('%s', async (_id, row) => {
    const project = await loadProject({ root });
    const runbook = project.runbooks.find((candidate) => candidate.id === RUNBOOK)!;
    const block = runbook.blocks.find((candidate) => candidate.id === blockId(row))!;
    expect(block, `block ${blockId(row)}`).toBeDefined();
    expect(block.placeholders.map((site) => contextName(site.context)).join(' '), describeContextOf(block.placeholders)).toBe(row.context);
    expect(block.placeholders.every((site) => site.name === row.variable)).toBe(true);
    expect(block.analysis.risk.risk).toBe(row.risk);
    if (row.refused) for (const site of block.placeholders) expect(site.context.refused?.reason).toMatch(row.refused);
  });
});

const describeContextOf = (sites: { context: Parameters<typeof describeContext>[0] }[]) => sites.map((site) => describeContext(site.context)).join(' | ');

describe('lint', () => {
  it('reports placeholders/context exactly on the refused rows, and risk/declared with the row risk', async () => {
    const { problems } = await runLint({ root, cache: false });
    const lines = rowLines();
    const rowAt = (line: number) => ROWS.find((row) => lines.get(row.id)!.first <= line && line <= lines.get(row.id)!.last)?.id ?? `line ${line}`;
    const byRule = (rule: string) => problems.filter((problem) => problem.rule === rule);

    const context = byRule('placeholders/context');
    expect([...new Set(context.map((problem) => rowAt(problem.line)))].sort()).toEqual(ROWS.filter((row) => row.refused || row.lint).map((row) => row.id));
    for (const problem of context) {
      const row = ROWS.find((candidate) => candidate.id === rowAt(problem.line))!;
      expect(problem.message).toMatch(row.refused ?? row.lint!);
      expect(problem.severity).toBe('error');
    }

    const risk = byRule('risk/declared');
    expect(risk.map((problem) => `${rowAt(problem.line)} ${/risk="(\w+)"/.exec(problem.message)?.[1]}`)).toEqual(
      ROWS.filter((row) => row.risk !== 'read').map((row) => `${row.id} ${row.risk}`),
    );

    // Nothing else is an error: the table is a valid runbook but for what it is about.
    expect(
      problems
        .filter((problem) => problem.severity === 'error' && problem.rule !== 'placeholders/context' && problem.rule !== 'risk/declared')
        .map((problem) => `${problem.rule} ${rowAt(problem.line)}: ${problem.message}`),
    ).toEqual([]);
  });
});

describe('runbook run --dry-run', () => {
  it('refuses every refused row before running anything, naming the block and the placeholder, even without values', async () => {
    const result = await cli(['run', RUNBOOK, '--dry-run']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^runbook: Cannot run tickets-xview, nothing was run:/);
    const expected = ROWS.filter((row) => row.refused).flatMap((row) => row.context.split(' ').map(() => `<${row.variable}> in ${blockId(row)}`));
    expect(refusals(result.stderr)).toEqual(expected);
    for (const row of ROWS.filter((candidate) => candidate.refused)) {
      const line = result.stderr.split('\n').find((text) => text.includes(`in ${blockId(row)} `))!;
      expect(line).toMatch(row.refused!);
      expect(line).toMatch(/cannot be filled in: .+\. .+/); // the reason, then the fix
    }
  });

  it('shows the filled command of every other row, with the risk the core inferred', async () => {
    const rows = ROWS.filter((row) => !row.refused && rowAccepts(row, plain(row.variable)));
    const result = await cli(['run', RUNBOOK, '--dry-run', ...rows.flatMap((row) => ['--step', row.id]), ...plainSets().flatMap((set) => ['--set', set])]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const shown = result.stdout.split(/^# \[\d+\/\d+\] /m).slice(1);
    expect(shown).toHaveLength(rows.length);
    rows.forEach((row, index) => {
      const [header, ...body] = shown[index].split('\n');
      expect(header).toMatch(new RegExp(`^${blockId(row)} {2}\\(${row.risk}[,)]`));
      const filled = row.code.replaceAll(`<${row.variable}>`, plain(row.variable));
      const text = body.join('\n');
      // Every value here is a plain word: it stays as it is, but where the syntax around it wants a literal or a name.
      if (!/sql-value|sql-identifier|promql-label-value/.test(row.context) || row.variable === 'n')
        expect(text, row.id).toContain(row.lang === 'promql' ? 'query=' : filled.split('\n')[0]);
      expect(text, row.id).not.toContain(`<${row.variable}>`);
    });
  });
});

describe('real runs with fake CLIs on PATH', () => {
  const cases: [VariableName, 'plain' | number][] = (['v', 'n', 'w'] as VariableName[]).flatMap((name) => [
    [name, 'plain'] as [VariableName, 'plain'],
    ...hostileValues('M')[name].map((_, index) => [name, index] as [VariableName, number]),
  ]);

  it.each(cases)('%s = value %s: each program receives exactly the value in its own word or literal, or the run refuses it; no marker', async (name, which) => {
    const value = which === 'plain' ? plain(name) : hostileValues(marker)[name][which];
    const rows = ROWS.filter((row) => row.variable === name);
    const accepted = rows.filter((row) => rowAccepts(row, value));
    const refused = rows.filter((row) => !rowAccepts(row, value));
    const sets = [...plainSets(name), `${name}=${value}`];

    // Refused: the dry run of those rows names each of them (or the value, when the variable refuses it), and nothing runs.
    if (refused.length) {
      const result = await cli(['run', RUNBOOK, '--dry-run', ...refused.flatMap((row) => ['--step', row.id]), ...sets.flatMap((set) => ['--set', set])]);
      expect(result.code, result.stderr).toBe(2);
      if (variableAccepts(name, value)) expect(new Set(refusals(result.stderr))).toEqual(new Set(refused.map((row) => `<${name}> in ${blockId(row)}`)));
      else expect(result.stderr).toContain(`--set ${name}: the value ${JSON.stringify(value)} `);
      const real = await realRun(refused, sets).catch((error: Error) => error);
      expect(real).toBeInstanceOf(Error);
      expect((real as Error).message).toMatch(/^Cannot run tickets-xview, nothing was run/);
    }
    // Accepted: a real run, and what the fake CLIs received.
    if (accepted.length) {
      const { invocations, output } = await realRun(accepted, sets);
      expect(sortInvocations(invocations), output).toEqual(sortInvocations(accepted.flatMap((row) => row.runs!(value))));
    }
    expect(existsSync(marker), 'the marker file').toBe(false);
  });
});
