// Why a value is refused, in words a reader can act on: the runner's test (valueProblem) says
// whether it is acceptable; this says what is wrong with it and what is expected. Pure and small:
// the variables form on every runbook page loads it.
import type { Variable } from '../schema/runbook.ts';
import { valueProblem } from './core/variables.ts';

export interface ValueRules {
  pattern?: string;
  type?: Variable['type'];
  example?: string;
}

const show = (char: string) => (char === ' ' ? 'a space' : /\s/.test(char) ? 'a line break or tab' : `"${char}"`);
const list = (items: string[]) => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

/** Characters of `value` that the pattern accepts nowhere, judging by the example (each tried in each place of it). */
function refusedCharacters(test: (text: string) => boolean, example: string, value: string): string[] {
  if (!test(example)) return [];
  return [...new Set(value)].filter((char) => {
    for (let i = 0; i <= example.length; i++) {
      if (test(example.slice(0, i) + char + example.slice(i + 1)) || test(example.slice(0, i) + char + example.slice(i))) return false;
    }
    return true;
  });
}

/** What is wrong with the pattern-breaking `value`, as the start of a sentence ("has a space at the end"). */
function patternHint(pattern: string, example: string | undefined, value: string): string {
  const test = (text: string) => new RegExp(`^(?:${pattern})$`, 'u').test(text);
  if (value.trim() !== value && test(value.trim())) return 'has a space at its start or end';
  if (value.toLowerCase() !== value && test(value.toLowerCase())) return 'has capital letters where lowercase ones are expected';
  const refused = example ? refusedCharacters(test, example, value) : [];
  if (refused.length) return `contains ${list(refused.slice(0, 5).map(show))}, which the expected form does not allow`;
  return 'does not have the expected form';
}

/**
 * Why `value` is not acceptable, with what is expected ("Not valid: contains a space and "!", which the
 * expected form does not allow. Expected: like backend-7d9f8c6b5-x2k4q (pattern ^[a-z0-9-]+$)."), or
 * undefined when it is acceptable.
 */
export function explainValue(rules: ValueRules, value: string): string | undefined {
  const problem = valueProblem(rules, value);
  if (!problem) return undefined;
  const like = rules.example ? `like ${rules.example}` : '';
  // A value of the wrong type ("3 pods" for an integer) is told so first: that is the mistake to fix.
  const typeProblem = rules.type && rules.type !== 'string' ? valueProblem({ type: rules.type }, value) : undefined;
  if (!typeProblem && rules.pattern && !new RegExp(`^(?:${rules.pattern})$`, 'u').test(value) && !value.includes('\0')) {
    return `Not valid: it ${patternHint(rules.pattern, rules.example, value)}. Expected: ${like ? `${like} (pattern ${rules.pattern})` : `the pattern ${rules.pattern}`}.`;
  }
  switch (rules.type) {
    case 'integer':
      return `Not a whole number: write digits only${like ? `, ${like}` : ', such as 3'} (no units, no decimal point).`;
    case 'number':
      return `Not a number: write it${like ? ` ${like}` : ' such as 0.5 or 12'} (no units).`;
    case 'boolean':
      return 'Not valid: write true or false.';
    default:
      return `Not valid: it ${problem}.`;
  }
}
