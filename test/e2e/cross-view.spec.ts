// The cross-view table (test/fixtures/cross-view-table.ts) on the page: a test-only site built from the table's
// runbook (never shipped), the form filled with the same values as the runner gets in test/unit/cross-view.test.ts.
// Each block must store the context and risk the core found, a refused block's copy button is off and says why,
// and what the copy button copies, run by bash with the same fake CLIs on PATH, hands each program exactly the
// value in its own word or literal (SQL and PromQL blocks copy exactly the query the runner sends) — or the value
// is refused and the block keeps its placeholder. No marker file ever appears.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import {
  ENV,
  FAKE_CLI,
  FAKE_PROGRAMS,
  hostileValues,
  parseInvocation,
  ROWS,
  rowAccepts,
  sortInvocations,
  tableRunbook,
  VARIABLES,
  variableAccepts,
  type Row,
  type VariableName,
} from '../fixtures/cross-view-table.ts';
import { SERVICE_YAML } from '../helpers/project.ts';
import { buildSite, makeSite } from '../helpers/site.ts';

const PORT = Number(process.env.E2E_PORT ?? 4322) + 11;
const PAGE = `http://127.0.0.1:${PORT}/runbooks/tickets/xview/`;

let site: string;
let server: ChildProcess | undefined;
const scratch = mkdtempSync(join(tmpdir(), 'runbook-xview-page-'));
const bin = join(scratch, 'bin');
const marker = join(scratch, 'marker');

test.describe.configure({ mode: 'serial' });
test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test.beforeAll(async () => {
  test.setTimeout(600_000);
  site = makeSite({ 'src/content/services/tickets.yaml': SERVICE_YAML, 'src/content/docs/runbooks/tickets/xview.mdx': tableRunbook() });
  const built = buildSite(site);
  expect(built.status, built.output).toBe(0);
  server = spawn(process.execPath, [join(process.cwd(), 'test/e2e/static-server.ts')], {
    cwd: site,
    env: { ...process.env, PORT: String(PORT) },
    stdio: 'ignore',
  });
  await expect.poll(async () => (await fetch(PAGE).catch(() => undefined))?.status, { timeout: 30_000 }).toBe(200);
  mkdirSync(bin);
  for (const name of FAKE_PROGRAMS) {
    writeFileSync(join(bin, name), FAKE_CLI);
    chmodSync(join(bin, name), 0o755);
  }
});

test.afterAll(() => {
  server?.kill();
  rmSync(scratch, { recursive: true, force: true });
  if (site) rmSync(site, { recursive: true, force: true });
});

interface Shown {
  /** What the copy button copies. */
  code: string;
  risk: string;
  contexts: string[];
  disabled: boolean;
  title: string;
  /** Variables of placeholders filled, and refused with the reason. */
  filled: string[];
  errors: { name: string; title: string }[];
}

/** Every command block of the page, in order: one per row. */
function readBlocks(page: Page): Promise<Shown[]> {
  return page.locator('figure[data-rb-kind]').evaluateAll((figures) =>
    figures.map((figure) => {
      const element = figure as HTMLElement;
      const button = element.querySelector<HTMLButtonElement>('.copy button');
      const sites = JSON.parse(element.dataset.rbSites ?? '[]') as { context: { layers: { kind: string }[]; refused?: unknown } }[];
      return {
        code: (button?.dataset.code ?? '').replace(/\u007f/g, '\n'),
        risk: element.dataset.rbRisk ?? '',
        contexts: sites.map((site) => (site.context.refused ? 'refused' : site.context.layers.map((layer) => layer.kind).join('>'))),
        disabled: Boolean(button?.disabled),
        title: button?.title ?? '',
        filled: [...element.querySelectorAll<HTMLElement>('.rb-var.rb-filled[data-part="0"]')].map((part) => part.dataset.var ?? ''),
        errors: [...element.querySelectorAll<HTMLElement>('.rb-var.rb-var-error[data-part="0"]')].map((part) => ({
          name: part.dataset.var ?? '',
          title: part.title,
        })),
      };
    }),
  );
}

/** Types a value into the form and waits until every block shows it (filled, or refused with its reason). */
async function fill(page: Page, name: VariableName, value: string): Promise<void> {
  const input = page.getByLabel(new RegExp(`<${name}>`));
  // First back to empty, so that what follows is certainly the new value's state.
  await input.fill('');
  await page.waitForFunction((variable) => document.querySelectorAll(`.rb-var[data-var="${variable}"]:is(.rb-filled, .rb-var-error)`).length === 0, name);
  await input.fill(value);
  if (!variableAccepts(name, value)) {
    await expect(input).toHaveAttribute('aria-invalid', 'true');
    return;
  }
  await page.waitForFunction(
    (variable) => [...document.querySelectorAll(`.rb-var[data-var="${variable}"]`)].every((part) => part.matches('.rb-filled, .rb-var-error')),
    name,
  );
}

/** Runs a copied shell command with the fake CLIs on PATH: what they received. */
function runCopied(text: string) {
  const log = mkdtempSync(join(scratch, 'log-'));
  const result = spawnSync('bash', ['--norc', '--noprofile', '-c', text], {
    cwd: scratch,
    env: { PATH: `${bin}:${process.env.PATH}`, XVIEW_LOG: log, HOME: scratch, ...ENV },
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 10_000,
  });
  const invocations = readdirSync(log).map((file) => parseInvocation(readFileSync(join(log, file), 'utf8')));
  rmSync(log, { recursive: true });
  return { invocations, stderr: result.stderr.toString() };
}

/** What the copy button of a row must copy for `value`, checked against what the runner's programs receive. */
function checkCopied(row: Row, shown: Shown, value: string): void {
  const expected = row.runs!(value);
  if (row.lang === 'sql') {
    expect(`${shown.code.trimEnd()}\n`, row.id).toBe(expected[0].stdin);
    return;
  }
  if (row.lang === 'promql') {
    expect(shown.code.trimEnd(), row.id).toBe(expected[0].argv.at(-1)!.slice('query='.length));
    return;
  }
  const { invocations, stderr } = runCopied(shown.code);
  expect(sortInvocations(invocations), `${row.id}: ${shown.code}\n${stderr}`).toEqual(sortInvocations(expected));
}

test('each block stores the context and risk the core found; a refused block has its copy button off, saying why', async ({ page }) => {
  await page.goto(PAGE);
  const blocks = await readBlocks(page);
  expect(blocks).toHaveLength(ROWS.length);
  ROWS.forEach((row, index) => {
    const shown = blocks[index];
    expect(shown.contexts.join(' '), row.id).toBe(row.context);
    expect(shown.risk, row.id).toBe(row.risk);
    expect(shown.disabled, row.id).toBe(Boolean(row.refused));
    if (row.refused) {
      expect(shown.title, row.id).toMatch(new RegExp(`^Copy is off: <${row.variable}> `));
      expect(shown.title, row.id).toMatch(row.refused);
    }
  });
});

test('the plain values fill every block; the copy button copies exactly that', async ({ page }) => {
  await page.goto(PAGE);
  for (const name of Object.keys(VARIABLES) as VariableName[]) await fill(page, name, VARIABLES[name].example);
  const blocks = await readBlocks(page);
  ROWS.forEach((row, index) => {
    const value = VARIABLES[row.variable].example;
    if (rowAccepts(row, value)) checkCopied(row, blocks[index], value);
    else expect(blocks[index].code, row.id).toContain(`<${row.variable}>`);
  });
  // The button copies what data-code says.
  const first = page.locator('figure[data-rb-kind]').first();
  await first.locator('.copy button').click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(blocks[0].code);
});

for (const name of Object.keys(VARIABLES) as VariableName[]) {
  test(`hostile values of <${name}>: each is copied as exactly its own word or literal, or refused with the reason; no marker`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto(PAGE);
    for (const other of Object.keys(VARIABLES) as VariableName[]) if (other !== name) await fill(page, other, VARIABLES[other].example);
    for (const value of [VARIABLES[name].example, ...hostileValues(marker)[name]]) {
      await fill(page, name, value);
      const blocks = await readBlocks(page);
      ROWS.forEach((row, index) => {
        if (row.variable !== name) return;
        const shown = blocks[index];
        if (rowAccepts(row, value)) {
          expect(shown.filled.length, `${row.id} with ${JSON.stringify(value)}`).toBe(row.context.split(' ').length);
          checkCopied(row, shown, value);
          return;
        }
        // Refused: the block keeps its placeholder; a value the variable takes is marked where it cannot go.
        expect(shown.code, `${row.id} with ${JSON.stringify(value)}`).toContain(`<${name}>`);
        if (variableAccepts(name, value)) {
          expect(shown.errors.length, `${row.id} with ${JSON.stringify(value)}`).toBeGreaterThan(0);
          for (const error of shown.errors) expect(error.title).toMatch(/^The value /);
        }
      });
      expect(existsSync(marker), `the marker file, after ${JSON.stringify(value)}`).toBe(false);
    }
  });
}
