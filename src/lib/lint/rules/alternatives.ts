// steps/alternatives: what looks like a mistake in a choice between options (the model finds it while reading the
// headings, src/lib/model/alternatives.ts): a lone "Option A", one letter heading two different steps.
import { defineRule } from '../types.ts';
import { exampleRunbook } from './example.ts';

const RESOLUTION = (options: string) => `## Symptoms\n\nThe API returns errors.\n\n## Resolution\n\n${options}`;
const step = (heading: string, command: string) => `### ${heading}\n\n\`\`\`bash risk="change"\n${command}\n\`\`\`\n\n`;

export const stepsAlternatives = defineRule({
  meta: {
    id: 'steps/alternatives',
    category: 'content',
    severity: 'warn',
    description: 'Options of a choice (`### Option A: …`, `### If …`) must come in groups of two or more, each letter heading one option.',
    docs:
      'Steps of a Resolution section headed `### Option A: …`, `### If … : …` or with the marker `### Option: …` are alternatives: the page shows them as a choice and `runbook run` takes one of them, never all in a row. ' +
      'Consecutive headings with the same letter (`### Option A, traffic spike: …`) are the steps of one option, and a step that is no option ends the choice. ' +
      'A lone `Option A` (its other options separated from it by an ordinary step) is read as an ordinary step, and two steps in a row headed `Option B` without a shared name are read as one option of two steps, which is most often a second option given the same letter by mistake.',
    examples: {
      bad: exampleRunbook({
        body: RESOLUTION(
          step('Option A: roll back', 'kubectl -n shop rollout undo deployment/api') +
            step('Option B: restart the pods', 'kubectl -n shop rollout restart deployment/api') +
            step('Option B: scale up', 'kubectl -n shop scale deployment/api --replicas=6'),
        ),
      }),
      good: exampleRunbook({
        body: RESOLUTION(
          step('Option A: roll back', 'kubectl -n shop rollout undo deployment/api') +
            step('Option B: restart the pods', 'kubectl -n shop rollout restart deployment/api') +
            step('Option C: scale up', 'kubectl -n shop scale deployment/api --replicas=6'),
        ),
      }),
    },
    messages: { issue: '{message}' },
  },
  create(context) {
    return {
      runbook(runbook) {
        for (const issue of runbook.alternativeIssues)
          context.report({ messageId: 'issue', data: { message: issue.message }, span: issue.span, hint: issue.hint });
      },
    };
  },
});
