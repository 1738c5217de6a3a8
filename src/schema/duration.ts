// Durations as teams write them ("5m", "15-30m", "1-4h", "180d", "2 hours") parsed to minutes.

export interface Duration {
  /** The duration as written in the source. */
  text: string;
  /** Lower bound in minutes. */
  min: number;
  /** Upper bound in minutes (equal to `min` for a single value). */
  max: number;
}

const UNIT_MINUTES: Record<string, number> = {
  s: 1 / 60,
  sec: 1 / 60,
  secs: 1 / 60,
  second: 1 / 60,
  seconds: 1 / 60,
  m: 1,
  min: 1,
  mins: 1,
  minute: 1,
  minutes: 1,
  h: 60,
  hr: 60,
  hrs: 60,
  hour: 60,
  hours: 60,
  d: 1440,
  day: 1440,
  days: 1440,
  w: 10080,
  week: 10080,
  weeks: 10080,
};

const DURATION = /^(\d+(?:\.\d+)?)\s*([a-z]*)\s*(?:(?:-|–|to)\s*(\d+(?:\.\d+)?)\s*([a-z]+))?$/i;

/** The longest timeout a command gets (24 h): longer is a mistake, and beyond what a timer can hold (2^31 ms). */
export const MAX_TIMEOUT_SECONDS = 24 * 60 * 60;

/** The units accepted in a duration, for error messages. */
export const DURATION_HINT = 'a duration like 5m, 15-30m, 1-4h or 180d (units: s, m, h, d, w)';

/** Parses a duration; returns undefined when the text is not one. */
export function parseDuration(input: string): Duration | undefined {
  const text = input.trim();
  const match = DURATION.exec(text);
  if (!match) return undefined;
  const [, lowText, lowUnitText, highText, highUnitText] = match;
  // "15-30m": the unit written once applies to both bounds.
  const highUnit = highUnitText?.toLowerCase();
  const lowUnit = (lowUnitText || highUnit || '').toLowerCase();
  const lowFactor = UNIT_MINUTES[lowUnit];
  if (lowFactor === undefined) return undefined;
  const min = round(Number(lowText) * lowFactor);
  if (highText === undefined) return { text, min, max: min };
  const highFactor = UNIT_MINUTES[highUnit ?? ''];
  if (highFactor === undefined) return undefined;
  const max = round(Number(highText) * highFactor);
  if (max < min) return undefined;
  return { text, min, max };
}

function round(minutes: number): number {
  return Math.round(minutes * 1000) / 1000;
}

/** Formats minutes for people: 90 → "1h 30m". */
export function formatMinutes(minutes: number): string {
  if (minutes < 1) return `${Math.round(minutes * 60)}s`;
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = Math.round(minutes % 60);
  return [days && `${days}d`, hours && `${hours}h`, mins && `${mins}m`].filter(Boolean).join(' ') || '0m';
}

/** Formats a parsed duration range for people: "15–30 min". */
export function formatDuration(duration: Duration): string {
  return duration.min === duration.max ? formatMinutes(duration.min) : `${formatMinutes(duration.min)}–${formatMinutes(duration.max)}`;
}
