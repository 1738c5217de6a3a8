// Small zod building blocks shared by the runbook, service, config and registry schemas.
import { z } from 'zod';
import { DURATION_HINT, parseDuration } from './duration.ts';

/**
 * A strict object whose "unknown key" error names the keys that are allowed, so an author
 * who typed `severty:` learns the right spelling from the message alone.
 */
export function closedObject<Shape extends z.core.$ZodLooseShape>(shape: Shape) {
  const allowed = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code !== 'unrecognized_keys') return undefined;
      const keys = issue.keys.map((key) => `"${key}"`).join(', ');
      return `Unknown key ${keys}; allowed keys: ${allowed}`;
    },
  });
}

export const KEBAB_CASE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A stable kebab-case id (runbooks, services). */
export const kebabId = z.string().regex(KEBAB_CASE, 'Expected a kebab-case id such as "tickets-latency-breach" (lowercase letters, digits, single hyphens)');

/** A duration as written by teams, parsed to minutes. */
export const duration = z.string({ error: `Expected ${DURATION_HINT}` }).transform((text, ctx) => {
  const parsed = parseDuration(text);
  if (!parsed) {
    ctx.issues.push({ code: 'custom', input: text, message: `Invalid duration "${text}": expected ${DURATION_HINT}` });
    return z.NEVER;
  }
  return parsed;
});

/**
 * A calendar date. YAML dates arrive as `Date` objects in Astro and as strings from the `yaml`
 * package; both become an ISO `YYYY-MM-DD` string so every view sees the same value.
 */
export const isoDate = z
  .union([z.iso.date({ error: 'Expected a date written as YYYY-MM-DD' }), z.date()])
  .transform((value) => (typeof value === 'string' ? value : value.toISOString().slice(0, 10)));

/**
 * Text that YAML may have read as a number, boolean or (in Astro, whose YAML reader makes dates of
 * timestamps) a date: `example: 5`, `example: 2026-02-22T10:00:00Z`. Kept as text.
 */
export const text = z
  .union([z.string(), z.number(), z.boolean(), z.date()], { error: 'Expected text' })
  .transform((value) => (value instanceof Date ? value.toISOString().replace('.000Z', 'Z') : String(value)));
