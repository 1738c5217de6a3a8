// What `runbook import` could not decide: each field listed in `runbook.todo`, and each
// "TODO (import)" note it left in the body, until a person has looked at it.
import { LineIndex } from '../../problem.ts';
import type { TodoField } from '../../../schema/runbook.ts';
import type { Runbook } from '../../model/types.ts';
import { defineRule, type RuleContext } from '../types.ts';
import { exampleRunbook } from './example.ts';

/** What a provisional value of each field means, and what settles it. */
const WHY: Record<TodoField, string> = {
  service: 'the service was guessed from a folder name; confirm it or move the runbook',
  severity: 'the severity is a stand-in (the source gave none, or several); set critical, high, medium or low',
  owner: "the owning team is the service's placeholder; name the team that keeps this runbook current",
  escalation: "the service's escalation contacts are placeholders; fill in its service file",
  alerts: 'the source names an alert only in prose; add the name the alerting system sends',
  description: 'the description is a stand-in; say when to use this runbook',
  lastReviewed: 'the source gives no review date; check every command, then set runbook.lastReviewed to the date of that review',
  variables: 'some variables have a stand-in example (TODO); write a realistic value for each and check its description',
};

/** A body line the importer left: `> **TODO (import):** ...`. */
const TODO_LINE = /^> \*\*TODO \(import\):\*\* ?(.*)$/gm;

export const importTodo = defineRule({
  meta: {
    id: 'import/todo',
    category: 'content',
    severity: 'warn',
    description: 'A value `runbook import` set provisionally (a field in `runbook.todo`, a TODO note) still waits for review.',
    docs: '`runbook import` never invents a value silently: where the source does not say (no severity, no owning team, placeholder escalation contacts, a service guessed from a folder name), it writes a provisional value and lists the field in `runbook.todo`, and the page shows a review banner. This rule warns once per listed field and once per `TODO (import)` note left in the body. Check the value, correct it, then remove the field from `todo` (or the note from the body): that is the review.',
    examples: {
      bad: exampleRunbook({ runbook: 'todo: [severity]' }),
      good: exampleRunbook(),
    },
    messages: {
      field: 'runbook.{field} is provisional (set by runbook import): {why}',
      note: 'TODO left by runbook import: {note}',
    },
  },
  create(context) {
    return { runbook: (runbook) => check(runbook, context) };
  },
});

function check(runbook: Runbook, context: RuleContext): void {
  if (!runbook.meta) return;
  runbook.meta.todo.forEach((field, index) => {
    context.report({
      messageId: 'field',
      data: { field, why: WHY[field] },
      span: context.frontmatterSpan(['runbook', 'todo', index]),
      hint: `Check it, then remove "${field}" from runbook.todo.`,
    });
  });
  let lines: LineIndex | undefined;
  for (const match of runbook.source.matchAll(TODO_LINE)) {
    lines ??= new LineIndex(runbook.source);
    const note = match[1].replace(/\*\*|`/g, '').trim();
    context.report({
      messageId: 'note',
      data: { note: note.length > 160 ? `${note.slice(0, 157)}...` : note },
      span: lines.span(match.index, match.index + match[0].length),
      hint: 'Do what it says, then delete the note.',
    });
  }
}
