// Queries that can never return anything, or that Prometheus refuses: label matchers that contradict each
// other, regexes and strings Prometheus cannot read, and comparisons no value passes. An empty result reads
// as "all is well" during an incident, and an alert with such an expression never fires.
import { matcherConflict, promqlRegex } from '../../core/promql/matchers.ts';
import { COMPARISON_OPS, promqlNodes, promqlStringProblem, unparen } from '../../core/promql/tree.ts';
import { comparisonFilter, filteredOperand, intersect, isEmpty, valueBounds } from '../../core/promql/values.ts';
import { excerpt, promqlQueryVisitors } from '../promql-queries.ts';
import { defineRule } from '../types.ts';
import { exampleRunbook } from './example.ts';

const PROMETHEUS_ENV = 'env:\n  PROMETHEUS_URL: Base URL of the production Prometheus';
const BODY = (query: string) => `## Symptoms\n\nErrors rise.\n\n## Investigation\n\n### Count the errors of the API\n\n\`\`\`promql\n${query}\n\`\`\`\n`;

export const promqlImpossible = defineRule({
  meta: {
    id: 'promql/impossible',
    category: 'commands',
    severity: 'error',
    description: 'Label matchers and comparisons that can never match, and regexes or strings Prometheus refuses.',
    docs: [
      'A query that can never return anything looks exactly like a query that found nothing wrong: the reader moves on, and an alert with such an expression never fires. The rule proves it where it is cheap to:',
      '- **Matchers of one label that exclude each other** in one selector: `{job="api", job="db"}`, `{env=""}` (no `env` label) with `env!=""` or `env=~".+"`, `{code="200", code=~"5.."}`, `{code=~"500|502", code=~"404"}`, a metric name and a `__name__` matcher that disagree.',
      '- **Regexes Prometheus refuses** (`=~`/`!~` values are RE2 regular expressions, checked here with a port of RE2): lookarounds `(?=...)`, `(?!...)`, backreferences `\\1`, unbalanced parentheses. Prometheus rejects the whole query.',
      '- **Strings Prometheus refuses**: in double or single quotes, `\\.` or `\\d` is not an escape sequence (write `\\\\.`, or use backticks: `` `a\\.b` ``).',
      '- **Comparisons no value passes**: `count(x) == 0` and `count(x) < 1` (count() of no series returns no result, not 0: use `absent()`), `rate(x[5m]) < 0`, `absent(x) > 1`, and filters of one expression that exclude each other, `x > 1 and x < 0`. Signs are carried through `+ - * /` and `sum`/`avg`/`min`/`max` where they can be proven: one bucket of a histogram minus its count (`x_bucket{le="1"} - x_count`, the same series and rate) is never positive, so `(...) / sum(rate(x_count[5m])) > 0.01` never holds (the subtraction is the wrong way round).',
      'Matchers filled in by a placeholder or a shell variable are not checked.',
    ].join('\n'),
    examples: {
      bad: exampleRunbook({ runbook: PROMETHEUS_ENV, body: BODY('sum(rate(http_requests_total{service="tickets", code=~"5..", code="200"}[5m]))') }),
      good: exampleRunbook({ runbook: PROMETHEUS_ENV, body: BODY('sum(rate(http_requests_total{service="tickets", code=~"5.."}[5m]))') }),
    },
    messages: {
      conflict: '`{selector}` can never match: {why}{where}',
      regex: 'Prometheus refuses the regex {value} of `{label}`: {error}{where}',
      string: 'Prometheus refuses the string {literal}: {error}{where}',
      never: '`{comparison}` is never true: {why}{where}',
      exclusive: '`{expression}` can never match: both sides filter `{operand}`, to values that exclude each other{where}',
    },
  },
  create(context) {
    return promqlQueryVisitors(context, (query) => {
      for (const node of promqlNodes(query.tree)) {
        if (node.kind === 'string' && node.value === undefined && query.known(node)) {
          const error = promqlStringProblem(query.text.slice(node.from, node.to));
          if (error)
            context.report({
              messageId: 'string',
              data: { literal: excerpt(query, node, 40), error, where: query.where },
              span: query.span(node),
              hint: 'In double quotes write a backslash twice (`"a\\\\.b"`), or use backticks, where backslashes stay as they are (`` `a\\.b` ``).',
            });
        }
        if (node.kind === 'selector') {
          for (const matcher of node.matchers) {
            if (!query.known(matcher.valueRange)) continue;
            if (matcher.value === undefined) {
              const error = promqlStringProblem(query.text.slice(matcher.valueRange.from, matcher.valueRange.to));
              if (error)
                context.report({
                  messageId: 'string',
                  data: { literal: excerpt(query, matcher.valueRange, 40), error, where: query.where },
                  span: query.span(matcher.valueRange),
                  hint: 'In double quotes write a backslash twice (`"a\\\\.b"`), or use backticks, where backslashes stay as they are (`` `a\\.b` ``).',
                });
              continue;
            }
            if (matcher.op !== '=~' && matcher.op !== '!~') continue;
            const regex = promqlRegex(matcher.value);
            if (!regex.ok) {
              const lookaround = /lookahead|lookbehind|\(\?[=!<]|Perl syntax/.test(regex.error);
              context.report({
                messageId: 'regex',
                data: { value: excerpt(query, matcher.valueRange, 40), label: matcher.label, error: regex.error, where: query.where },
                span: query.span(matcher.valueRange),
                hint: lookaround
                  ? 'RE2 has no lookarounds or backreferences: exclude values with a second matcher (`label!~"..."`).'
                  : 'Prometheus reads the value as an RE2 regular expression, anchored at both ends.',
              });
            }
          }
          const conflict = matcherConflict(node, (matcher) => query.known(matcher));
          if (conflict)
            context.report({
              messageId: 'conflict',
              data: { selector: excerpt(query, node), why: conflict.why, where: query.where },
              span: query.span(conflict.second),
              hint: `Remove one of the two matchers; to select either value, use one regex: \`${conflict.label}=~"a|b"\`.`,
            });
        }
        if (node.kind !== 'binary' || !query.known(node)) continue;
        if (COMPARISON_OPS.has(node.op)) {
          const filter = comparisonFilter(node.op, node.lhs, node.rhs);
          if (!filter) continue;
          const bounds = valueBounds(filter.operand);
          if (!bounds.why || !isEmpty(intersect(bounds, filter.bounds))) continue;
          const operand = unparen(filter.operand);
          const counted = (operand.kind === 'aggregate' && operand.op === 'count') || (operand.kind === 'call' && operand.name === 'count_over_time');
          context.report({
            messageId: 'never',
            data: { comparison: excerpt(query, node), why: bounds.why, where: query.where },
            span: query.span(node.opRange),
            ...(counted ? { hint: 'To find series that are missing, use absent(metric{...}) or absent_over_time(metric{...}[5m]).' } : {}),
          });
        } else if (node.op === 'and' && !node.matching) {
          const [left, right] = [filteredOperand(node.lhs), filteredOperand(node.rhs)];
          if (left.shape !== right.shape || left.operand === unparen(node.lhs) || right.operand === unparen(node.rhs)) continue;
          const both = intersect(valueBounds(node.lhs), valueBounds(node.rhs));
          if (!isEmpty(both) || isEmpty(valueBounds(node.lhs)) || isEmpty(valueBounds(node.rhs))) continue;
          context.report({
            messageId: 'exclusive',
            data: { expression: excerpt(query, node), operand: excerpt(query, left.operand), where: query.where },
            span: query.span(node.opRange),
          });
        }
      }
    });
  },
});
