// Rules whose problems the model finds while parsing (schema, YAML, MDX syntax, fence attributes,
// duplicate ids, cross-file references): the rule re-reports them so that severity, suppression
// and docs work the same as for every other rule.
import { defineRule, type RuleMeta } from '../types.ts';

export function modelRule(meta: Omit<RuleMeta, 'messages'>, modelRuleId = meta.id) {
  return defineRule({
    meta: { ...meta, messages: { problem: '{message}' } },
    create(context) {
      return {
        runbook(runbook) {
          const own = runbook.problems.filter((problem) => problem.rule === modelRuleId);
          const projectLevel = context.project.problems.filter((problem) => problem.file === runbook.file && problem.rule === modelRuleId);
          for (const problem of [...own, ...projectLevel]) {
            context.report({
              messageId: 'problem',
              data: { message: problem.message },
              span: {
                start: { line: problem.line, column: problem.column, offset: 0 },
                end: { line: problem.endLine, column: problem.endColumn, offset: 0 },
              },
              ...(problem.hint ? { hint: problem.hint } : {}),
              ...(problem.related ? { related: problem.related } : {}),
            });
          }
        },
      };
    },
  });
}
