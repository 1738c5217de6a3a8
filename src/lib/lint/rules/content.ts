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
    description: 'An incident runbook needs a Symptoms section and an Investigation or Resolution section, in the standard order.',
    docs: 'The on-call reader looks for the same sections in every incident runbook: Symptoms (or Meaning), Impact, Investigation (or Diagnosis, Troubleshooting), Resolution (or Mitigation, Remediation), Verification, Prevention, Escalation, Post-incident. A runbook that answers alerts (`alerts`), or whose `##` sections are all the format\'s, is an incident runbook and must say what the alert means: Symptoms is required. A runbook that answers alerts or describes Symptoms must say what to do: an Investigation or Resolution section is required, unless its commands or `##` headings numbered as steps ("1. Check the logs") already do under headings of its own. A procedure or how-to runbook (no alerts, headings of its own: "Restoring a namespace", "Rotating the keys") is not asked for incident sections: FORMAT orders these sections "where present". Known sections out of order are a warning-level hint in the message.',
    examples: {
      bad: exampleRunbook({
        runbook: 'alerts:\n  - name: ApiLatencyHigh',
        body: '## Resolution\n\n### Restart\n\n```bash risk="change"\nkubectl -n shop rollout restart deployment/api\n```\n',
      }),
      good: exampleRunbook({
        runbook: 'alerts:\n  - name: ApiLatencyHigh',
        body: '## Symptoms\n\nSlow.\n\n## Resolution\n\n### Restart\n\n```bash risk="change"\nkubectl -n shop rollout restart deployment/api\n```\n',
      }),
    },
    messages: {
      noSymptoms: 'Missing section "## Symptoms" (or "## Meaning"): {why}; say what the alert means and what users see',
      noSteps: 'Missing section "## Investigation" or "## Resolution": {why}; a runbook needs steps',
      order: 'Section "{heading}" is out of order; the order is {order}',
    },
  },
  create(context) {
    return {
      runbook(runbook) {
        if (!runbook.meta) return;
        const names = runbook.sections.map((section) => section.name);
        const top = context.frontmatterSpan(['title'], 'key');
        const alerts = runbook.meta.alerts.length;
        const symptoms = names.includes('symptoms');
        const steps = names.includes('investigation') || names.includes('resolution');
        // Steps written as numbered `##` headings ("## 1. Check the logs") are steps, under another name.
        const numberedSteps = runbook.sections.some((section) => !section.name && NUMBERED_STEP.test(section.heading));
        // Code under headings of the runbook's own ("## Possible causes and actions") is something to do
        // (a fence without a language too: fences/language asks for the language).
        const commands = runbook.blocks.length > 0;
        // Laid out in the format's sections only: an incident runbook even without alerts (a procedure or a
        // how-to has headings of its own: "Restoring a namespace").
        const incidentLayout = runbook.sections.length > 0 && runbook.sections.every((section) => section.name);
        const answers = alerts ? `the runbook answers the alert${alerts > 1 ? 's' : ''} ${runbook.meta.alerts.map((alert) => alert.name).join(', ')}` : '';
        if (!symptoms && (alerts || incidentLayout))
          context.report({
            messageId: 'noSymptoms',
            data: { why: answers || 'the runbook is laid out in incident sections' },
            span: top,
            hint: 'Add "## Symptoms" first: what fires, what users see, and how to tell this case from others.',
          });
        if (!steps && !numberedSteps && !commands && (alerts || symptoms))
          context.report({
            messageId: 'noSteps',
            data: { why: answers ? `${answers} and has no code blocks` : 'the runbook describes Symptoms and has no code blocks' },
            span: top,
            hint: 'Add "## Investigation" with "###" steps (what to check, the commands) and "## Resolution" (what to do).',
          });
        let last = -1;
        for (const section of runbook.sections) {
          if (!section.name) continue;
          const rank = SECTION_NAMES.indexOf(section.name);
          if (rank < last)
            context.report({ messageId: 'order', data: { heading: section.heading, order: SECTION_NAMES.join(', ') }, span: section.span, severity: 'warn' });
          last = Math.max(last, rank);
        }
      },
    };
  },
});

/** A `##` heading that numbers a step: "1. Check the logs", "2) Restart", "Step 3: Drain". */
const NUMBERED_STEP = /^\s*(?:step\s*)?\d{1,2}\s*[.):-]\s*\S/i;

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
        else if (review.stale)
          context.report({
            messageId: 'overdue',
            data: { lastReviewed: reviewed, dueOn: review.dueOn!, days: -review.daysLeft! },
            span,
            hint: 'Check every command, then set lastReviewed to today.',
          });
        else if (review.dueSoon)
          context.report({ messageId: 'dueSoon', data: { dueOn: review.dueOn!, days: review.daysLeft! }, span, severity: 'warn', hint: 'Schedule a review.' });
      },
    };
  },
});
