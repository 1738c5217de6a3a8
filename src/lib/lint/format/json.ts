// Machine-readable output: an array of problems.
import type { Problem } from '../../problem.ts';

export function formatJson(problems: Problem[]): string {
  const rows = problems.map(({ file, line, column, endLine, endColumn, rule, severity, message, hint, fix }) => ({
    file,
    line,
    column,
    endLine,
    endColumn,
    rule,
    severity,
    message,
    ...(hint ? { hint } : {}),
    ...(fix ? { fix } : {}),
  }));
  return `${JSON.stringify(rows, null, 2)}\n`;
}
