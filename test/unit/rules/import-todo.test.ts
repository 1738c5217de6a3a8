// import/todo: one warning per provisional field in runbook.todo, and per TODO note the importer left.
import { exampleRunbook } from '../../../src/lib/lint/rules/example.ts';
import { importTodo } from '../../../src/lib/lint/rules/import-todo.ts';
import { ruleTester } from '../../helpers/rule-tester.ts';

// exampleRunbook(): the extra runbook lines start at line 8; the body two lines after the closing `---`.
ruleTester(importTodo, {
  valid: [
    { name: 'nothing provisional', code: exampleRunbook() },
    { name: 'an empty todo list (every field reviewed)', code: exampleRunbook({ runbook: 'todo: []' }) },
    {
      name: 'the word TODO in prose is not an importer note',
      code: exampleRunbook({ body: '## Symptoms\n\nTODO: check the graphs.\n\n## Investigation\n\n### Check\n\n```bash\nkubectl get pods\n```\n' }),
    },
  ],
  invalid: [
    {
      name: 'each provisional field',
      code: exampleRunbook({ runbook: 'todo: [severity, owner]' }),
      errors: [
        {
          message: /^runbook\.severity is provisional \(set by runbook import\): the severity is a stand-in/,
          line: 8,
          column: 10,
          endColumn: 18,
          severity: 'warn',
        },
        {
          message: /^runbook\.owner is provisional \(set by runbook import\): the owning team is the service's placeholder/,
          line: 8,
          column: 20,
          endColumn: 25,
          severity: 'warn',
        },
      ],
    },
    {
      name: 'a block list',
      code: exampleRunbook({ runbook: 'todo:\n  - escalation' }),
      errors: [{ message: /^runbook\.escalation is provisional .*escalation contacts are placeholders/, line: 9, column: 7 }],
    },
    {
      name: 'a TODO note in the body',
      code: exampleRunbook({
        body: '> **TODO (import):** the source has no symptoms: say when to use this runbook.\n\n## Symptoms\n\nSlow.\n\n## Investigation\n\n### Check\n\n```bash\nkubectl get pods\n```\n',
      }),
      errors: [
        { message: 'TODO left by runbook import: the source has no symptoms: say when to use this runbook.', line: 10, column: 1, endLine: 10, endColumn: 79 },
      ],
    },
  ],
});
