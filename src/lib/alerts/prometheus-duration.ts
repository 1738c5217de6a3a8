// A Prometheus duration (`for: 1h30m`, `90s`, `2d`) as a runbook duration (`90m`, FORMAT: s, m, h, d, w).
import { parseDuration } from '../../schema/duration.ts';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000, y: 31_536_000_000 };

/** Milliseconds of a Prometheus duration (units ms, s, m, h, d, w, y, largest first), or undefined when it is not one. */
export function prometheusDurationMs(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '0') return 0;
  let total = 0;
  let rest = trimmed;
  let matched = false;
  while (rest) {
    const part = /^(\d+)(ms|s|m|h|d|w|y)/.exec(rest);
    if (!part) return undefined;
    total += Number(part[1]) * UNIT_MS[part[2]];
    rest = rest.slice(part[0].length);
    matched = true;
  }
  return matched ? total : undefined;
}

/** The runbook form of a Prometheus duration: as written when the runbook format reads it the same, else in the largest whole unit. */
export function runbookDuration(text: string): string | undefined {
  const ms = prometheusDurationMs(text);
  if (ms === undefined) return undefined;
  const asWritten = parseDuration(text.trim());
  if (asWritten && asWritten.min * 60_000 === ms && /^\d+[smhdw]$/.test(text.trim())) return text.trim();
  for (const [unit, size] of [
    ['w', 604_800_000],
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
  ] as const) {
    if (ms % size === 0 && ms >= size) return `${ms / size}${unit}`;
  }
  return `${Math.ceil(ms / 1000)}s`;
}
