// Applies the safe fixes of problems to a file's text: non-overlapping, last first.
import type { Problem } from '../problem.ts';

export function applyFixes(source: string, problems: Problem[]): { output: string; applied: number } {
  const fixes = problems.flatMap((problem) => (problem.fix ? [problem.fix] : [])).sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  const chosen: typeof fixes = [];
  let end = -1;
  for (const fix of fixes) {
    if (fix.range[0] < end) continue; // overlaps the previous fix: leave it for the next run
    chosen.push(fix);
    end = Math.max(fix.range[1], fix.range[0] + 1);
  }
  let output = source;
  for (const fix of chosen.reverse()) output = output.slice(0, fix.range[0]) + fix.text + output.slice(fix.range[1]);
  return { output, applied: chosen.length };
}
