// Alternatives: which headings are options, how options of several steps and choices are grouped, and what the
// model and the registry say about them (ids, letters, titles, step ids, lines).
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { findAlternatives, readOptionHeading } from '../../src/lib/model/alternatives.ts';
import { parseRunbookLoaded } from '../../src/lib/model/parse.ts';
import { lintProject } from '../../src/lib/lint/engine.ts';
import { RULES } from '../../src/lib/lint/rules/index.ts';
import { registryJsonSchema } from '../../src/lib/json-schema.ts';
import { loadProject } from '../../src/lib/project.ts';
import { buildRegistry, serializeRegistry } from '../../src/lib/registry.ts';
import { makeProject, runbookSource } from '../helpers/project.ts';

describe('readOptionHeading', () => {
  it.each([
    ['Option A: roll back the recent deployment', { label: 'A', text: 'roll back the recent deployment' }],
    ['option b — restart the tasks', { label: 'B', text: 'restart the tasks' }],
    ['Option B kubectl rollback', { label: 'B', text: 'kubectl rollback' }],
    ['Option 2: roll back the deployment', { label: '2', text: 'roll back the deployment' }],
    ['Option 12. Last resort', { label: '12', text: 'Last resort' }],
    ['Option C', { label: 'C', text: 'Option C' }],
    ['Option A, traffic spike: note the current limit', { label: 'A', name: 'traffic spike', text: 'traffic spike: note the current limit' }],
    ['Option A, traffic spike', { label: 'A', name: 'traffic spike', text: 'traffic spike' }],
    ['If the cause is a bad deploy: roll back', { name: 'If the cause is a bad deploy', text: 'If the cause is a bad deploy: roll back' }],
    ['If Redis does not answer', { text: 'If Redis does not answer' }],
    ['if OOMKilled: raise the memory limit', { name: 'if OOMKilled', text: 'if OOMKilled: raise the memory limit' }],
    // The explicit marker, for any other wording.
    ['Option: 500 Internal Server Error, roll back a recent deploy', { text: '500 Internal Server Error, roll back a recent deploy' }],
    ['Option — Database: add the missing index', { text: 'Database: add the missing index' }],
    ['Option, cache: flush it', { name: 'cache', text: 'cache: flush it' }],
  ])('%s is an option', (heading, expected) => {
    expect(readOptionHeading(heading)).toEqual(expected);
  });

  it.each([
    'Scale up',
    'Or restart the pods',
    'Options for scaling',
    'Option to scale manually',
    'Optional: raise the limit',
    'Option-based routing: check the flags',
    'Optionally restart',
    'Option:',
    'Verify (if configured)',
    'Iffy cache: flush it',
    'OOMKilled: raise the memory limit',
    'Immediate: terminate a long-running query',
  ])('%s is an ordinary step', (heading) => {
    expect(readOptionHeading(heading)).toBeUndefined();
  });
});

const h = (depth: number, text: string) => ({ depth, text });
const groupsOf = (headings: { depth: number; text: string }[]) =>
  findAlternatives(headings).groups.map((group) => ({
    id: group.id,
    options: group.options.map((option) => `${option.label}=${option.title}[${option.headings.join(',')}]`),
  }));

describe('findAlternatives', () => {
  it('groups consecutive option headings of a Resolution (or Mitigation) section; a step that is no option ends the group', () => {
    const headings = [
      h(2, 'Investigation'),
      h(3, 'Option A: not here'),
      h(3, 'Option B: nor here'),
      h(2, 'Mitigation'),
      h(3, 'Declare the incident'),
      h(3, 'Option 1: restart'),
      h(3, 'Option 2: roll back'),
      h(3, 'Option 3: scale up'),
      h(3, 'Wait for the rollout'),
      h(2, 'Verification'),
    ];
    expect(groupsOf(headings)).toEqual([{ id: 'resolution', options: ['1=restart[5]', '2=roll back[6]', '3=scale up[7]'] }]);
  });

  it('an option spans the consecutive steps with its letter, named after what they share', () => {
    const headings = [
      h(2, 'Resolution'),
      h(3, 'Option A, traffic spike: note the limit'),
      h(3, 'Option A, traffic spike: raise it'),
      h(4, 'A detail'),
      h(3, 'Option B, attack: block the range'),
      h(3, 'Option B, attack: check the block'),
    ];
    expect(groupsOf(headings)).toEqual([{ id: 'resolution', options: ['A=traffic spike[1,2]', 'B=attack[4,5]'] }]);
    expect(findAlternatives(headings).issues).toEqual([]);
  });

  it('"If …" headings with the same condition are one option; others get letters in order', () => {
    const headings = [
      h(2, 'Resolution'),
      h(3, 'If a bad deploy: find the release'),
      h(3, 'If a bad deploy: roll back'),
      h(3, 'If the database is down: start it'),
      h(3, 'Option: anything else, escalate'),
    ];
    expect(groupsOf(headings)).toEqual([
      { id: 'resolution', options: ['A=If a bad deploy[1,2]', 'B=If the database is down: start it[3]', 'C=anything else, escalate[4]'] },
    ]);
  });

  it('unlabelled options take the letters the labelled ones leave free', () => {
    const headings = [h(2, 'Resolution'), h(3, 'If X: do x'), h(3, 'Option A: do a'), h(3, 'If Y: do y')];
    expect(groupsOf(headings)).toEqual([{ id: 'resolution', options: ['B=If X: do x[1]', 'A=do a[2]', 'C=If Y: do y[3]'] }]);
  });

  it('a letter seen before starts a second choice; so does a step between two groups', () => {
    const headings = [
      h(2, 'Resolution'),
      h(3, 'Option A: a'),
      h(3, 'Option B: b'),
      h(3, 'Option A: c'),
      h(3, 'Option B: d'),
      h(3, 'Shared'),
      h(3, 'If p: e'),
      h(3, 'If q: f'),
    ];
    expect(groupsOf(headings)).toEqual([
      { id: 'resolution', options: ['A=a[1]', 'B=b[2]'] },
      { id: 'resolution-2', options: ['A=c[3]', 'B=d[4]'] },
      { id: 'resolution-3', options: ['A=If p: e[6]', 'B=If q: f[7]'] },
    ]);
  });

  it('a single "If …" is a conditional step, not a choice; a lone "Option A" is a step and a warning', () => {
    const headings = [h(2, 'Resolution'), h(3, 'Restart'), h(3, 'If it stalls: roll back'), h(3, 'Check'), h(3, 'Option A: something')];
    const found = findAlternatives(headings);
    expect(found.groups).toEqual([]);
    expect(found.issues).toEqual([
      {
        heading: 4,
        message: '"Option A" has no other option next to it, so it is an ordinary step',
        hint: 'Put the other options right after it (a step that is no option ends the choice), or remove "Option" from the heading.',
      },
    ]);
  });

  it('two steps in a row headed with the same letter and no shared name are one option, and a warning (the duplicated "Option B")', () => {
    const headings = [h(2, 'Resolution'), h(3, 'Option A: roll back'), h(3, 'Option B: restart the tasks'), h(3, 'Option B: scale up the database')];
    expect(groupsOf(headings)).toEqual([{ id: 'resolution', options: ['A=roll back[1]', 'B=restart the tasks[2,3]'] }]);
    expect(findAlternatives(headings).issues.map((issue) => [issue.heading, issue.message])).toEqual([
      [3, 'Two steps in a row are headed "Option B": read as one option of two steps'],
    ]);
  });

  it('one option named two ways is a warning', () => {
    const headings = [h(2, 'Resolution'), h(3, 'Option A, spike: x'), h(3, 'Option A, attack: y'), h(3, 'Option B: z')];
    expect(findAlternatives(headings).issues.map((issue) => [issue.heading, issue.message])).toEqual([
      [2, '"Option A" is named "spike" above and "attack" here'],
    ]);
  });

  it('option ids are slugs of the titles, unique in their choice', () => {
    const [group] = findAlternatives([h(2, 'Resolution'), h(3, 'Option A: Roll back'), h(3, 'Option B: roll back')]).groups;
    expect(group.options.map((option) => option.id)).toEqual(['roll-back', 'roll-back-2']);
  });
});

const BODY = `## Symptoms

Slow.

## Resolution

### Option A: restart the pods

\`\`\`bash risk="change"
kubectl rollout restart deploy/api
\`\`\`

### Option B, scale out: check the autoscaler

\`\`\`bash
kubectl get hpa api
\`\`\`

### Option B, scale out: scale the deployment

\`\`\`bash risk="change"
kubectl scale deploy/api --replicas=6
\`\`\`

### Wait for the rollout

\`\`\`bash
kubectl rollout status deploy/api
\`\`\`
`;

describe('the model and the registry', () => {
  it('the model lists each choice with option ids, letters, titles, step ids and spans', () => {
    const runbook = parseRunbookLoaded('choice.mdx', runbookSource({ id: 'tickets-choice', body: BODY }));
    expect(runbook.alternatives).toEqual([
      {
        id: 'resolution',
        section: 'resolution',
        span: { start: { line: 16, column: 1, offset: expect.any(Number) }, end: { line: 32, column: 4, offset: expect.any(Number) } },
        options: [
          {
            id: 'restart-the-pods',
            label: 'A',
            title: 'restart the pods',
            steps: ['option-a-restart-the-pods'],
            span: { start: expect.objectContaining({ line: 16, column: 1 }), end: expect.objectContaining({ line: 20, column: 4 }) },
          },
          {
            id: 'scale-out',
            label: 'B',
            title: 'scale out',
            steps: ['option-b-scale-out-check-the-autoscaler', 'option-b-scale-out-scale-the-deployment'],
            span: { start: expect.objectContaining({ line: 22, column: 1 }), end: expect.objectContaining({ line: 32, column: 4 }) },
          },
        ],
      },
    ]);
    expect(runbook.problems).toEqual([]);
  });

  it('what looks like a mistake is kept apart from parse problems, at the heading; lint reports it (steps/alternatives)', async () => {
    const source = runbookSource({ id: 'tickets-lone', body: '## Symptoms\n\nSlow.\n\n## Resolution\n\n### Restart\n\nx\n\n### Option A: roll back\n\ny\n' });
    const runbook = parseRunbookLoaded('lone.mdx', source);
    expect(runbook.alternatives).toEqual([]);
    expect(runbook.problems).toEqual([]);
    expect(
      runbook.alternativeIssues.map((issue) => [issue.span.start.line, issue.span.start.column, issue.span.end.line, issue.span.end.column, issue.message]),
    ).toEqual([[20, 1, 20, 24, '"Option A" has no other option next to it, so it is an ordinary step']]);
    const root = makeProject({ runbooks: { 'tickets/lone.mdx': source } });
    const { problems } = await lintProject(await loadProject({ root, config: { now: '2026-11-24' } }), { rules: RULES });
    expect(problems.filter((problem) => problem.rule === 'steps/alternatives')).toEqual([
      expect.objectContaining({
        severity: 'warn',
        line: 20,
        column: 1,
        endLine: 20,
        endColumn: 24,
        message: '"Option A" has no other option next to it, so it is an ordinary step',
      }),
    ]);
  });

  it('the registry lists the choice, and validates against its JSON Schema', async () => {
    const root = makeProject({ runbooks: { 'tickets/choice.mdx': runbookSource({ id: 'tickets-choice', body: BODY }) } });
    const registry = buildRegistry(await loadProject({ root, config: { now: '2026-11-24' } }));
    expect(registry.runbooks[0].alternatives).toEqual([
      {
        id: 'resolution',
        section: 'resolution',
        line: 16,
        endLine: 32,
        options: [
          { id: 'restart-the-pods', label: 'A', title: 'restart the pods', steps: ['option-a-restart-the-pods'], line: 16, endLine: 20 },
          {
            id: 'scale-out',
            label: 'B',
            title: 'scale out',
            steps: ['option-b-scale-out-check-the-autoscaler', 'option-b-scale-out-scale-the-deployment'],
            line: 22,
            endLine: 32,
          },
        ],
      },
    ]);
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(registryJsonSchema());
    expect(validate(JSON.parse(serializeRegistry(registry))), JSON.stringify(validate.errors)).toBe(true);
  });

  it('every option of the shipped content is found; petforce high-error-rate has options A to D', async () => {
    const project = await loadProject();
    const byId = new Map(project.runbooks.map((runbook) => [runbook.id, runbook]));
    expect(byId.get('petforce-high-error-rate')!.alternatives.map((group) => group.options.map((option) => option.label).join(''))).toEqual(['ABCD']);
    expect(byId.get('petforce-rate-limit-violations')!.alternatives[0].options.map((option) => [option.label, option.title, option.steps.length])).toEqual([
      ['A', 'traffic spike', 3],
      ['B', 'attack or abuse', 4],
    ]);
    // "Wait for the rollout to finish" follows the three options: it runs after whichever was taken.
    expect(byId.get('architect-api-api-completely-down')!.alternatives[0].options.map((option) => option.steps)).toEqual([
      ['option-1-restart-the-pods'],
      ['option-2-roll-back-the-deployment'],
      ['option-3-scale-up'],
    ]);
    expect(project.runbooks.flatMap((runbook) => runbook.alternativeIssues)).toEqual([]);
  });
});
