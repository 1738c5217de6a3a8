// Rules whose problems the model finds while parsing (schema, YAML, MDX syntax, fence attributes,
// duplicate ids, cross-file references): the rule re-reports them so that severity, suppression
// and docs work the same as for every other rule.
import type { Runbook } from '../../model/types.ts';
import type { RuleContext, RuleMeta } from '../types.ts';
import { defineRule } from '../types.ts';

export function modelRule(meta: RuleMeta, modelRuleId = meta.id) {
  return defineRule({
    meta,
    check(runbook: Runbook, context: RuleContext) {
      const own = runbook.problems.filter((problem) => problem.rule === modelRuleId);
      const projectLevel = context.project.problems.filter((problem) => problem.file === runbook.file && problem.rule === modelRuleId);
      for (const problem of [...own, ...projectLevel]) {
        context.report({
          span: {
            start: { line: problem.line, column: problem.column, offset: 0 },
            end: { line: problem.endLine, column: problem.endColumn, offset: 0 },
          },
          message: problem.message,
          ...(problem.hint ? { hint: problem.hint } : {}),
          ...(problem.related ? { related: problem.related } : {}),
        });
      }
    },
  });
}
