// A RuleTester in the style of ESLint's: tables of valid and invalid cases for one rule, each
// linted in a real temporary project (the `tickets` service exists), asserting messages,
// positions and fixed output.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintProject } from '../../src/lib/lint/engine.ts';
import { applyFixes } from '../../src/lib/lint/fix.ts';
import type { Rule } from '../../src/lib/lint/types.ts';
import { loadProject } from '../../src/lib/project.ts';
import type { Problem } from '../../src/lib/problem.ts';
import { makeProject } from './project.ts';

export interface ValidCase {
  name: string;
  /** The whole runbook file. */
  code: string;
  /** Other runbooks of the project, by path under runbooks/. */
  others?: Record<string, string>;
  now?: string;
}

export interface ExpectedProblem {
  message: string | RegExp;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  severity?: 'error' | 'warn';
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedProblem[];
  /** The file after `--fix`, when the rule fixes. */
  output?: string;
}

const FILE = 'tickets/case.mdx';
const PATH = `src/content/docs/runbooks/${FILE}`;

export async function lintOne(rule: Rule, testCase: ValidCase): Promise<{ problems: Problem[]; source: string }> {
  const root = makeProject({ runbooks: { [FILE]: testCase.code, ...testCase.others } });
  const project = await loadProject({ root, config: { now: testCase.now ?? '2026-11-24' } });
  const { problems } = await lintProject(project, { rules: [rule], files: [PATH] });
  return { problems: problems.filter((problem) => problem.file === PATH), source: readFileSync(join(root, PATH), 'utf8') };
}

export function ruleTester(rule: Rule, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  describe(rule.meta.id, () => {
    describe('valid', () => {
      it.each(cases.valid.map((c) => [c.name, c] as const))('%s', async (_name, testCase) => {
        const { problems } = await lintOne(rule, testCase);
        expect(problems.map((p) => `${p.line}:${p.column} ${p.message}`)).toEqual([]);
      });
    });
    describe('invalid', () => {
      it.each(cases.invalid.map((c) => [c.name, c] as const))('%s', async (_name, testCase) => {
        const { problems, source } = await lintOne(rule, testCase);
        // Compare only the fields each expected problem states, all problems at once (readable diffs).
        const actual = problems.map((problem, index) => {
          const expected = testCase.errors[index] ?? { message: '', line: 0, column: 0 };
          return {
            rule: problem.rule,
            message: problem.message,
            line: problem.line,
            column: problem.column,
            ...(expected.endLine !== undefined ? { endLine: problem.endLine } : {}),
            ...(expected.endColumn !== undefined ? { endColumn: problem.endColumn } : {}),
            ...(expected.severity !== undefined ? { severity: problem.severity } : {}),
          };
        });
        expect(actual).toEqual(
          testCase.errors.map((expected) => ({
            rule: rule.meta.id,
            ...expected,
            message: typeof expected.message === 'string' ? expected.message : expect.stringMatching(expected.message),
          })),
        );
        if (testCase.output !== undefined) expect(applyFixes(source, problems).output).toBe(testCase.output);
      });
    });
  });
}
