// Values for placeholders: the one check of a value against its variable (pattern, type) and against what no
// command may receive (control characters, line breaks, bidi controls). Pure and zod-free: the runner, the
// linter (examples and defaults) and the page's form all call this module.
import type { ValueType } from './quote.ts';

export interface VariableRule {
  pattern?: string;
  type?: ValueType;
}

const INTEGER = /^-?[0-9]+$/;
const NUMBER = /^-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;

/** Characters no value may hold: C0 controls (tab and line breaks included), DEL, C1 controls, bidi controls. */
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

/** How a forbidden character is shown in a message: `\n`, `\x1b`, `\u202e`. */
export function showCharacter(char: string): string {
  const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\0': 'NUL' };
  if (named[char]) return named[char];
  const code = char.codePointAt(0)!;
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Why `value` is not acceptable for `variable`, or undefined when it is. The message completes "The value ...". */
export function valueProblem(variable: VariableRule, value: string): string | undefined {
  const forbidden = FORBIDDEN.exec(value);
  if (forbidden) {
    const char = forbidden[0];
    return char === '\n' || char === '\r'
      ? 'contains a line break, which no placeholder accepts (it would start a new command)'
      : `contains the control character ${showCharacter(char)}, which no placeholder accepts`;
  }
  if (variable.pattern) {
    let pattern: RegExp;
    try {
      pattern = new RegExp(`^(?:${variable.pattern})$`, 'u');
    } catch {
      return `cannot be checked: the variable's pattern ${variable.pattern} is not a valid regular expression`;
    }
    if (!pattern.test(value)) return `does not match the pattern ${variable.pattern}`;
  }
  switch (variable.type) {
    case 'integer':
      return INTEGER.test(value) ? undefined : 'is not an integer';
    case 'number':
      return NUMBER.test(value) ? undefined : 'is not a number like 42, -1.5 or 2e3';
    case 'boolean':
      return value === 'true' || value === 'false' ? undefined : 'is not a boolean (true or false)';
    default:
      return undefined;
  }
}
