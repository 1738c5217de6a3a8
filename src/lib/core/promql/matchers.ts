// Label matchers read as Prometheus reads them: `=~`/`!~` values are RE2 regular expressions (Go's regexp,
// here through re2js, a port of RE2), anchored at both ends, with `.` matching newlines. From them: the
// regexes Prometheus refuses, and the selectors whose matchers contradict each other so that no series can
// ever match (`{job="a", job="b"}`, `{env=""}` with `{env=~".+"}`).
import { RE2JS } from 're2js';
import type { PromqlMatcher, PromqlSelector } from './tree.ts';

export type CompiledRegex = { ok: true; matches(value: string): boolean } | { ok: false; error: string };

const compiled = new Map<string, CompiledRegex>();

/** A matcher's regex as Prometheus compiles it, or why Prometheus refuses it. */
export function promqlRegex(pattern: string): CompiledRegex {
  const cached = compiled.get(pattern);
  if (cached) return cached;
  let result: CompiledRegex;
  try {
    RE2JS.compile(pattern); // errors name the pattern as written
    const anchored = RE2JS.compile(`^(?s:${pattern})$`);
    result = { ok: true, matches: (value) => anchored.matches(value) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    result = { ok: false, error: message.replace(/^error parsing regexp: /, '') };
  }
  if (compiled.size > 5000) compiled.clear();
  compiled.set(pattern, result);
  return result;
}

/** Whether a matcher accepts `value` (an absent label is the empty value); undefined when its regex does not compile. */
export function matcherAccepts(matcher: Pick<PromqlMatcher, 'op' | 'value'>, value: string): boolean | undefined {
  if (matcher.value === undefined) return undefined;
  if (matcher.op === '=') return value === matcher.value;
  if (matcher.op === '!=') return value !== matcher.value;
  const regex = promqlRegex(matcher.value);
  if (!regex.ok) return undefined;
  return matcher.op === '=~' ? regex.matches(value) : !regex.matches(value);
}

/** The finite set of values a regex matches when it is an alternation of plain words (`a|b|c`), else undefined. */
function literalAlternatives(pattern: string): string[] | undefined {
  const body = /^\((?:\?:)?([^()]*)\)$/.exec(pattern)?.[1] ?? pattern;
  const words = body.split('|');
  // Letters, digits and a few punctuation marks that are not regex syntax (or are escaped: `\.`).
  if (!words.every((word) => /^(?:[A-Za-z0-9_\-/: ]|\\[.\-/])*$/.test(word))) return undefined;
  return words.map((word) => word.replace(/\\(.)/g, '$1'));
}

export interface MatcherConflict {
  label: string;
  /** The two matchers that cannot both hold (the second is the one reported). */
  first: PromqlMatcher;
  second: PromqlMatcher;
  /** Why, in words: `job cannot be both "a" and "b"`. */
  why: string;
}

const shown = (matcher: PromqlMatcher) => `${matcher.label}${matcher.op}${JSON.stringify(matcher.value)}`;

/**
 * The first pair of matchers of one label that no value satisfies together, or undefined. `known(matcher)`
 * says whether a matcher's value is decided by the text (not by a placeholder or a shell variable).
 */
export function matcherConflict(selector: PromqlSelector, known: (matcher: PromqlMatcher) => boolean = () => true): MatcherConflict | undefined {
  const matchers = selector.matchers.filter((matcher) => matcher.value !== undefined && known(matcher));
  // The metric name written before the braces is a `__name__` matcher too.
  if (selector.metricRange && !selector.matchers.some((matcher) => matcher.from === selector.metricRange?.from) && selector.metric !== undefined) {
    matchers.unshift({
      label: '__name__',
      op: '=',
      value: selector.metric,
      from: selector.metricRange.from,
      to: selector.metricRange.to,
      valueRange: selector.metricRange,
    });
  }
  for (let j = 1; j < matchers.length; j++) {
    for (let i = 0; i < j; i++) {
      const [a, b] = [matchers[i], matchers[j]];
      if (a.label !== b.label) continue;
      // An equality reads best first: `x=~"5.."` excludes the value "200" that `x="200"` requires.
      const why = b.op === '=' && a.op !== '=' ? (conflictOf(b, a) ?? conflictOf(a, b)) : (conflictOf(a, b) ?? conflictOf(b, a));
      if (why) return { label: a.label, first: a, second: b, why };
    }
  }
  return undefined;
}

/** Why `a` and `b` (of one label) exclude each other, looking from `a`'s side; undefined when they may not. */
function conflictOf(a: PromqlMatcher, b: PromqlMatcher): string | undefined {
  const label = a.label === '__name__' ? 'the metric name' : `\`${a.label}\``;
  const value = a.value as string;
  if (a.op === '=') {
    const accepted = matcherAccepts(b, value);
    if (accepted !== false) return undefined;
    if (b.op === '=') return `${label} cannot be both ${JSON.stringify(value)} and ${JSON.stringify(b.value)}`;
    if (value === '') return `\`${shown(a)}\` selects series without ${label}, and \`${shown(b)}\` requires ${b.op === '!=' ? 'it' : 'a value'}`;
    return `\`${shown(b)}\` excludes the value ${JSON.stringify(value)} that \`${shown(a)}\` requires`;
  }
  if (a.op === '=~' && b.op === '!~' && a.value === b.value) return `\`${shown(a)}\` and \`${shown(b)}\` contradict each other`;
  if (a.op === '=~') {
    // A regex of a few words: every word must be refused by the other matcher.
    const words = literalAlternatives(value);
    if (!words || !promqlRegex(value).ok) return undefined;
    if (words.every((word) => matcherAccepts(b, word) === false)) return `no value of ${label} matches both \`${shown(a)}\` and \`${shown(b)}\``;
  }
  return undefined;
}
