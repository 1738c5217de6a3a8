// Problems as text: one line each, `file:line:column  message  [rule]`.
import type { Problem } from './problem.ts';

export function formatProblemLine(problem: Problem): string {
  const hint = problem.hint ? ` (${problem.hint})` : '';
  return `${problem.file}:${problem.line}:${problem.column}  ${problem.severity}  ${problem.message}${hint}  [${problem.rule}]`;
}

export function formatProblemList(problems: Problem[]): string {
  return problems.map(formatProblemLine).join('\n');
}
