// The examples on each rule's docs page are linted: the bad one must break the rule, the good
// one must not, so the docs cannot lie. Also: every rule's meta is complete.
import { describe, expect, it } from 'vitest';
import { lintProject } from '../../src/lib/lint/engine.ts';
import { RULES } from '../../src/lib/lint/rules/index.ts';
import type { Rule } from '../../src/lib/lint/types.ts';
import { loadProject } from '../../src/lib/project.ts';
import { makeProject, SERVICE_YAML } from '../helpers/project.ts';

async function problemsOf(rule: Rule, example: string, onlyThisRule = true) {
  const service = rule.meta.examples.kind === 'service';
  const root = makeProject({
    runbooks: service ? {} : { 'tickets/example.mdx': example },
    services: { tickets: service ? example : SERVICE_YAML },
  });
  const project = await loadProject({ root, config: { now: '2026-11-24' } });
  const { problems } = await lintProject(project, { rules: RULES });
  return problems.filter((problem) => !onlyThisRule || problem.rule === rule.meta.id);
}

describe('rule docs', () => {
  it('has unique ids of the form group/name', () => {
    const ids = RULES.map((rule) => rule.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z]+\/[a-z-]+$/);
  });

  describe.each(RULES.map((rule) => [rule.meta.id, rule] as const))('%s', (_id, rule) => {
    it('has a description and docs', () => {
      expect(rule.meta.description.length).toBeGreaterThan(20);
      expect(rule.meta.docs.length).toBeGreaterThan(40);
    });
    it('its bad example breaks the rule', async () => {
      expect((await problemsOf(rule, rule.meta.examples.bad)).length).toBeGreaterThan(0);
    });
    it('its good example passes every rule', async () => {
      expect((await problemsOf(rule, rule.meta.examples.good, false)).map((p) => `${p.rule}: ${p.message}`)).toEqual([]);
    });
  });
});
