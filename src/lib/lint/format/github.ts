// GitHub Actions workflow commands: annotations on the pull request's files.
import type { Problem } from '../../problem.ts';

const escapeData = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (text: string) => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function formatGithub(problems: Problem[]): string {
  return problems
    .map((problem) => {
      const command = problem.severity === 'error' ? 'error' : 'warning';
      const properties = [
        `file=${escapeProperty(problem.file)}`,
        `line=${problem.line}`,
        `col=${problem.column}`,
        `endLine=${problem.endLine}`,
        `endColumn=${problem.endColumn}`,
        `title=${escapeProperty(problem.rule)}`,
      ].join(',');
      return `::${command} ${properties}::${escapeData(problem.hint ? `${problem.message}\n${problem.hint}` : problem.message)}\n`;
    })
    .join('');
}
