// Positioned problems: what every part of the project reports instead of throwing.

/** A 1-based line and column, and the 0-based offset into the file. */
export interface Point {
  line: number;
  column: number;
  offset: number;
}

/** A range in one file. */
export interface Span {
  start: Point;
  end: Point;
}

export type ProblemSeverity = 'error' | 'warn';

/** A safe, mechanical edit: replace `range` (offsets into the file) with `text`. */
export interface Fix {
  range: [number, number];
  text: string;
}

export interface Problem {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Rule id (`shell/syntax`), or the model's own check (`mdx/syntax`, `schema/frontmatter`, ...). */
  rule: string;
  severity: ProblemSeverity;
  message: string;
  /** How to fix it, in words, when the message alone does not say. */
  hint?: string;
  fix?: Fix;
  /** Another place that matters, e.g. the first definition of a duplicate id. */
  related?: { file: string; line: number; column: number; message: string }[];
}

export interface ProblemInit {
  rule: string;
  severity?: ProblemSeverity;
  message: string;
  hint?: string;
  fix?: Fix;
  related?: Problem['related'];
}

export function problemAt(file: string, span: Span, init: ProblemInit): Problem {
  return {
    file,
    line: span.start.line,
    column: span.start.column,
    endLine: span.end.line,
    endColumn: span.end.column,
    severity: init.severity ?? 'error',
    rule: init.rule,
    message: init.message,
    ...(init.hint ? { hint: init.hint } : {}),
    ...(init.fix ? { fix: init.fix } : {}),
    ...(init.related ? { related: init.related } : {}),
  };
}

/** Line starts of a text, to turn offsets into line/column points. */
export class LineIndex {
  readonly text: string;
  readonly starts: number[];
  constructor(text: string) {
    this.text = text;
    this.starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }
  point(offset: number): Point {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: clamped - this.starts[low] + 1, offset: clamped };
  }
  span(start: number, end: number): Span {
    return { start: this.point(start), end: this.point(end) };
  }
  /** Offset of a 1-based line and column. */
  offset(line: number, column: number): number {
    const start = this.starts[Math.max(0, Math.min(line - 1, this.starts.length - 1))];
    return Math.min(start + column - 1, this.text.length);
  }
  get lineCount(): number {
    return this.starts.length;
  }
}

export function compareProblems(a: Problem, b: Problem): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule);
}
