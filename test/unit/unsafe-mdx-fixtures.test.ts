// One fixture runbook per construct mdx/safety refuses (test/fixtures/unsafe-mdx): `runbook lint`
// exits 1 and names the construct at its line and column. The site build refuses the same
// constructs before any of them runs (test/unit/content-safety-build.test.ts).
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';

const DIR = 'test/fixtures/unsafe-mdx';

/** Fixture → where the construct is (every fixture puts it on line 13, after the frontmatter and a comment) and what lint says. */
const EXPECTED: Record<string, { line: number; column: number; message: RegExp }> = {
  'attribute-expression': {
    line: 15,
    column: 8,
    message: /^Attribute expression title=\{process\.getBuiltinModule\('child_process…\} on <Aside>: MDX runs it when the site is built$/,
  },
  'spread-attribute': { line: 15, column: 8, message: /^Spread attribute \{\.\.\.\{ title: process\.getBuiltinModule\('o…\} on <Aside>: MDX runs it/ },
  'body-expression': { line: 13, column: 12, message: /^JavaScript expression \{process\.getBuiltinModule\('fs'\)\.readFile…\}: MDX runs it/ },
  export: { line: 13, column: 1, message: /^Not allowed in a page: `export const token = process\.env\.GITHUB_TOKEN;`/ },
  import: { line: 13, column: 1, message: /^Not allowed in a page: `import Chart from '\.\.\/\.\.\/components\/Chart\.astro';`/ },
  'unknown-component': { line: 13, column: 1, message: /^Component <Icon> is not on the allowlist/ },
  script: { line: 13, column: 1, message: /^<script> element in a page/ },
  style: { line: 13, column: 1, message: /^<style> element in a page/ },
  iframe: { line: 13, column: 1, message: /^<iframe> element in a page/ },
  object: { line: 13, column: 1, message: /^<object> element in a page/ },
  embed: { line: 13, column: 1, message: /^<embed> element in a page/ },
  'event-handler': { line: 13, column: 44, message: /^Event handler attribute onerror on <img>/ },
  directive: { line: 13, column: 6, message: /^Directive set:html on <div>/ },
  'javascript-link': { line: 13, column: 5, message: /^javascript: URL in a link \(javascript:alert\(document\.cookie\)\)/ },
  'obfuscated-link': { line: 13, column: 5, message: /^javascript: URL in a link \(JAVA script:alert/ },
  'vbscript-definition': { line: 15, column: 1, message: /^vbscript: URL in a link definition \(vbscript:msgbox\(1\)\)/ },
  'data-image': { line: 13, column: 1, message: /^data: URL in an image \(data:image\/svg\+xml;base64,/ },
  'href-attribute': { line: 13, column: 4, message: /^javascript: URL in href on <a> \(javascript:alert\(1\)\)/ },
};

describe('runbook lint on one fixture per refused MDX construct', () => {
  it('has a fixture for each expectation and an expectation for each fixture', () => {
    const fixtures = readdirSync(DIR)
      .filter((name) => name.endsWith('.mdx'))
      .map((name) => name.replace(/\.mdx$/, ''));
    expect(fixtures.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))('%s: exit 1 at its line', async (name, expected) => {
    const { code, stdout } = await runCli([
      'lint',
      `${DIR}/${name}.mdx`,
      '--content',
      DIR,
      '--services',
      `${DIR}/services`,
      '--format',
      'json',
      '--no-cache',
      '--now',
      '2026-11-24',
    ]);
    expect(code).toBe(1);
    const problems = (JSON.parse(stdout) as { rule: string; line: number; column: number; message: string; file: string }[]).filter(
      (problem) => problem.rule === 'mdx/safety',
    );
    expect(problems[0]).toMatchObject({
      file: `${DIR}/${name}.mdx`,
      line: expected.line,
      column: expected.column,
      message: expect.stringMatching(expected.message),
    });
  });
});
