// Rules over a runbook's structure and review state.
import { SECTION_NAMES } from '../../model/types.ts';
import { stalenessOf } from '../../project.ts';
import { defineRule } from '../types.ts';
import { exampleRunbook } from './example.ts';

export const schemaSections = defineRule({
  meta: {
    id: 'schema/sections',
    category: 'content',
    severity: 'error',
    description: 'A runbook needs a Symptoms section and an Investigation or Resolution section, in the standard order.',
    docs: 'The on-call reader looks for the same sections in every runbook: Symptoms (or Meaning), Impact, Investigation (or Diagnosis), Resolution (or Mitigation), Verification, Prevention, Escalation, Post-incident. Symptoms and at least one of Investigation and Resolution are required; known sections out of order are a warning-level hint in the message.',
    examples: {
      bad: exampleRunbook({ body: '## Resolution\n\n### Restart\n\n```bash risk="change"\nkubectl -n shop rollout restart deployment/api\n```\n' }),
      good: exampleRunbook({ body: '## Symptoms\n\nSlow.\n\n## Resolution\n\n### Restart\n\n```bash risk="change"\nkubectl -n shop rollout restart deployment/api\n```\n' }),
    },
    messages: {
      noSymptoms: 'Missing section "## Symptoms" (or "## Meaning"): say what the alert means and what users see',
      noSteps: 'Missing section "## Investigation" or "## Resolution": a runbook needs steps',
      order: 'Section "{heading}" is out of order; the order is {order}',
    },
  },
  create(context) {
    return {
      runbook(runbook) {
        if (!runbook.meta) return;
        const names = runbook.sections.map((section) => section.name);
        const top = context.frontmatterSpan(['title'], 'key');
        if (!names.includes('symptoms')) context.report({ messageId: 'noSymptoms', span: top });
        if (!names.includes('investigation') && !names.includes('resolution')) context.report({ messageId: 'noSteps', span: top });
        let last = -1;
        for (const section of runbook.sections) {
          if (!section.name) continue;
          const rank = SECTION_NAMES.indexOf(section.name);
          if (rank < last) context.report({ messageId: 'order', data: { heading: section.heading, order: SECTION_NAMES.join(', ') }, span: section.span, severity: 'warn' });
          last = Math.max(last, rank);
        }
      },
    };
  },
});

export const reviewStale = defineRule({
  meta: {
    id: 'review/stale',
    category: 'content',
    severity: 'error',
    description: 'A runbook must have been reviewed within its review interval (`reviewEvery`).',
    docs: 'Commands rot: flags change, hosts move, tables get renamed. A runbook whose `lastReviewed` is older than its `reviewEvery` (default in `runbook.config.yaml`) is an error; one due within `dueSoonDays` (14) is a warning. A runbook without `lastReviewed` was never reviewed (an error, unless `runbook import` listed `lastReviewed` in `runbook.todo`: then `import/todo` warns). "Today" can be fixed with `--now` or `now:` in the config, so CI results are reproducible.',
    examples: {
      bad: exampleRunbook({ runbook: 'reviewEvery: 1d' }).replace('lastReviewed: 2026-11-01', 'lastReviewed: 2020-01-01'),
      good: exampleRunbook({ runbook: 'reviewEvery: 36500d' }),
    },
    messages: {
      never: 'This runbook has never been reviewed (no lastReviewed)',
      overdue: 'Review overdue: last reviewed {lastReviewed}, due {dueOn} ({days} days ago)',
      dueSoon: 'Review due on {dueOn} (in {days} days)',
    },
  },
  create(context) {
    return {
      runbook(runbook) {
        if (!runbook.meta) return;
        const review = stalenessOf(context.project, runbook);
        const reviewed = runbook.meta.lastReviewed;
        const span = context.frontmatterSpan(reviewed ? ['runbook', 'lastReviewed'] : ['runbook', 'id'], reviewed ? 'value' : 'key');
        // An imported runbook waiting for its first review says so once, as import/todo.
        if (!reviewed && runbook.meta.todo.includes('lastReviewed')) return;
        if (!reviewed) context.report({ messageId: 'never', span, hint: 'Check every command, then set runbook.lastReviewed to the date of the review.' });
        else if (review.stale) context.report({ messageId: 'overdue', data: { lastReviewed: reviewed, dueOn: review.dueOn!, days: -review.daysLeft! }, span, hint: 'Check every command, then set lastReviewed to today.' });
        else if (review.dueSoon) context.report({ messageId: 'dueSoon', data: { dueOn: review.dueOn!, days: review.daysLeft! }, span, severity: 'warn', hint: 'Schedule a review.' });
      },
    };
  },
});
