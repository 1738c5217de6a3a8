// ESLint-like output for people: grouped by file, with a code frame and a link to the rule's page.
// Everything quoted from a file is printed with its control characters escaped (\x1b), so that
// only this formatter's own colours reach the terminal.
import type { Problem } from '../../problem.ts';
import { escapeControlCharacters as safe } from '../../text/control-characters.ts';

export interface PrettyOptions {
  /** Text of each file, for code frames. */
  sources: Map<string, string>;
  /** Turns a rule id into a docs URL. */
  docsUrl: (rule: string) => string;
  color?: boolean;
}

const paint = (on: boolean, code: string, text: string) => (on ? `\u001b[${code}m${text}\u001b[0m` : text);

function codeFrame(source: string, problem: Problem, color: boolean): string[] {
  const lines = source.split('\n');
  const first = Math.max(1, problem.line - 1);
  const last = Math.min(lines.length, problem.line + 1);
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const raw = (lines[n - 1] ?? '').replace(/\r$/, '').replace(/\t/g, ' ');
    const marker = n === problem.line ? paint(color, '31;1', '>') : ' ';
    out.push(`    ${marker} ${String(n).padStart(width)} | ${safe(raw)}`);
    if (n === problem.line) {
      // Columns count characters of the file; an escaped character is printed wider.
      const start = Math.min(problem.column - 1, raw.length);
      const end = problem.endLine === problem.line ? Math.max(problem.endColumn - 1, start + 1) : raw.length;
      const before = safe(raw.slice(0, start)).length;
      const carets = '^'.repeat(Math.max(1, safe(raw.slice(start, Math.min(end, raw.length))).length));
      out.push(`      ${' '.repeat(width)} | ${' '.repeat(before)}${paint(color, '31;1', carets)}`);
    }
  }
  return out;
}

export function formatPretty(problems: Problem[], { sources, docsUrl, color = false }: PrettyOptions): string {
  if (!problems.length) return '';
  const out: string[] = [];
  const byFile = new Map<string, Problem[]>();
  for (const problem of problems) byFile.set(problem.file, [...(byFile.get(problem.file) ?? []), problem]);
  for (const [file, fileProblems] of byFile) {
    out.push('', paint(color, '4', safe(file)));
    for (const problem of fileProblems) {
      const severity = problem.severity === 'error' ? paint(color, '31', 'error') : paint(color, '33', 'warn ');
      out.push(`  ${`${problem.line}:${problem.column}`.padEnd(8)} ${severity}  ${safe(problem.message)}  ${paint(color, '2', problem.rule)}`);
      if (problem.hint) out.push(`    ${paint(color, '36', 'hint:')} ${safe(problem.hint).replace(/\n/g, '\n          ')}`);
      for (const related of problem.related ?? [])
        out.push(`    ${paint(color, '2', safe(`${related.message}: ${related.file}:${related.line}:${related.column}`))}`);
      const source = sources.get(file);
      if (source !== undefined) out.push(...codeFrame(source, problem, color));
      out.push(`    ${paint(color, '2', `docs: ${docsUrl(problem.rule)}`)}`);
    }
  }
  const errors = problems.filter((problem) => problem.severity === 'error').length;
  const warnings = problems.length - errors;
  const fixable = problems.filter((problem) => problem.fix).length;
  out.push(
    '',
    paint(
      color,
      errors ? '31;1' : '33;1',
      `✖ ${problems.length} problem${problems.length === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'})`,
    ),
  );
  if (fixable) out.push(`  ${fixable} problem${fixable === 1 ? '' : 's'} can be fixed with the --fix option.`);
  return `${out.join('\n')}\n`;
}
