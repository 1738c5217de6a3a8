// Metadata as source documents write it, mapped to frontmatter values: severity labels, durations in
// words, "Last Updated" dates, alert names and thresholds, heading ids.
import { parseDuration } from '../../schema/duration.ts';
import { ALERT_NAME, type Severity } from '../../schema/runbook.ts';
import { slugify } from '../model/slug.ts';

/** critical/P0, high/P1, medium/P2/warning, low/P3 (FORMAT.md); undefined when the label says none of these. */
export function mapSeverity(label: string): Severity | undefined {
  const text = label.toLowerCase().replace(/[*_`]/g, '').trim();
  const priority = /\b(?:p|sev-?|s)([0-4])\b/.exec(text);
  if (priority) return (['critical', 'high', 'medium', 'low', 'low'] as const)[Number(priority[1])];
  if (/\b(critical|blocker|emergency|urgent)\b/.test(text)) return 'critical';
  if (/\b(high|major|error)\b/.test(text)) return 'high';
  if (/\b(medium|moderate|warning|warn|minor)\b/.test(text)) return 'medium';
  if (/\b(low|info|informational|trivial)\b/.test(text)) return 'low';
  return undefined;
}

const UNIT: Record<string, string> = {
  s: 's',
  sec: 's',
  secs: 's',
  second: 's',
  seconds: 's',
  m: 'm',
  min: 'm',
  mins: 'm',
  minute: 'm',
  minutes: 'm',
  h: 'h',
  hr: 'h',
  hrs: 'h',
  hour: 'h',
  hours: 'h',
  d: 'd',
  day: 'd',
  days: 'd',
  w: 'w',
  week: 'w',
  weeks: 'w',
};

export interface DurationText {
  /** The duration in our notation (`5m`, `15-30m`, `1-4h`). */
  value: string;
  /** Set when the source said something the notation cannot (`< 5 minutes` → `0-5m`). */
  note?: string;
}

/**
 * "5 minutes" → 5m, "15-30 minutes" → 15-30m, "1-4 hours" → 1-4h, "30 min - 1 hour" → 30-60m,
 * "< 5 minutes" → 0-5m. Undefined when the text is not a duration.
 */
export function mapDuration(input: string): DurationText | undefined {
  const text = input
    .replace(/[*_`]/g, '')
    .replace(/[–—]/g, '-')
    .replace(/\bto\b/g, '-')
    .trim()
    .toLowerCase();
  const upTo = /^(?:<|<=|≤|under|within|up -|less than)\s*(\d+(?:\.\d+)?)\s*([a-z]+)\.?$/.exec(text);
  if (upTo && UNIT[upTo[2]]) return { value: `0-${upTo[1]}${UNIT[upTo[2]]}`, note: `"${input.trim()}" written as 0-${upTo[1]}${UNIT[upTo[2]]}` };
  const range = /^(\d+(?:\.\d+)?)\s*([a-z]*)\s*-\s*(\d+(?:\.\d+)?)\s*([a-z]+)\.?$/.exec(text);
  if (range) {
    const [, low, lowUnitText, high, highUnitText] = range;
    const highUnit = UNIT[highUnitText];
    const lowUnit = lowUnitText ? UNIT[lowUnitText] : highUnit;
    if (!highUnit || !lowUnit) return undefined;
    const value = lowUnit === highUnit ? `${low}-${high}${highUnit}` : `${toMinutes(low, lowUnit)}-${toMinutes(high, highUnit)}m`;
    return parseDuration(value) ? { value } : undefined;
  }
  const single = /^(\d+(?:\.\d+)?)\s*([a-z]+)\.?$/.exec(text);
  if (single && UNIT[single[2]]) {
    const value = `${single[1]}${UNIT[single[2]]}`;
    return parseDuration(value) ? { value } : undefined;
  }
  return undefined;
}

function toMinutes(amount: string, unit: string): number {
  const factor = { s: 1 / 60, m: 1, h: 60, d: 1440, w: 10080 }[unit] ?? 1;
  return Math.round(Number(amount) * factor * 1000) / 1000;
}

/** A "for 15 minutes" clause of a threshold, as a duration (`15m`). */
export function forClause(threshold: string): string | undefined {
  const match = /\bfor\s+(?:at least\s+)?(\d+(?:\.\d+)?\s*[a-z]+)\b/i.exec(threshold);
  return match ? mapDuration(match[1])?.value : undefined;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const monthIndex = (name: string) => MONTHS.findIndex((month) => month.startsWith(name.toLowerCase().slice(0, 3)));

export type DateText = { date: string } | { monthOnly: string } | undefined;

/**
 * "2026-02-02", "February 22, 2026", "22 February 2026", "22 Feb 2026" → `{ date: 'YYYY-MM-DD' }`;
 * "November 2025" → `{ monthOnly }` (a month is not a review date).
 */
export function mapDate(input: string): DateText {
  const text = input.replace(/[*_`]/g, '').trim();
  const pad = (n: number) => String(n).padStart(2, '0');
  const valid = (y: number, m: number, d: number) => {
    const date = new Date(Date.UTC(y, m - 1, d));
    return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? { date: `${y}-${pad(m)}-${pad(d)}` } : undefined;
  };
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})\b/.exec(text);
  if (match) return valid(Number(match[1]), Number(match[2]), Number(match[3]));
  match = /^([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b/.exec(text);
  if (match && monthIndex(match[1]) >= 0) return valid(Number(match[3]), monthIndex(match[1]) + 1, Number(match[2]));
  match = /^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4})\b/.exec(text);
  if (match && monthIndex(match[2]) >= 0) return valid(Number(match[3]), monthIndex(match[2]) + 1, Number(match[1]));
  match = /^([A-Za-z]+)\.?,?\s+(\d{4})\b/.exec(text);
  if (match && monthIndex(match[1]) >= 0) return { monthOnly: text };
  match = /^(\d{4})-(\d{1,2})$/.exec(text);
  if (match) return { monthOnly: text };
  return undefined;
}

export interface AlertText {
  /** A name the alerting system would send (`LatencyP95Breaching`). */
  name?: string;
  /** What the source says when it is not a name (`error_rate > 5%`, `Response Time P99 critical`). */
  condition?: string;
}

/** An alert as written: `` `LatencyP95Breaching` `` is a name; `` `error_rate > 5%` `` or prose is a condition. */
export function mapAlert(input: string): AlertText {
  const text = input
    .trim()
    .replace(/^[`"'“]+|[`"'”]+$/g, '')
    .trim();
  if (ALERT_NAME.test(text) && /[A-Za-z]/.test(text)) return { name: text };
  return { condition: text };
}

/** Source ids and titles of runbook headings: `RB-001: ...`, `Playbook 1: ...`, `P1: ...`, `1. ...`. */
export type HeadingStyle = 'rb' | 'playbook' | 'priority' | 'numbered' | 'plain';

export interface RunbookHeading {
  style: HeadingStyle;
  title: string;
  /** The source's own id, kept as an alias (`RB-001`, `Playbook 1`, `P1`, `1. Latency Breach`). */
  alias?: string;
  /** A priority written in the heading (`P1`). */
  priority?: string;
}

const withoutParentheses = (text: string) =>
  text
    .replace(/\s*\([^)]*\)\s*/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

export function parseRunbookHeading(heading: string): RunbookHeading {
  let match = /^((?:P|SEV-?)\d)\s*[:.–—-]\s*(.+)$/i.exec(heading);
  if (match) return { style: 'priority', title: match[2].trim(), alias: match[1].toUpperCase(), priority: match[1].toUpperCase() };
  match = /^([A-Z][A-Z0-9]{0,5}-\d+)\s*[:.–—]\s*(.+)$/.exec(heading) ?? /^([A-Z][A-Z0-9]{0,5}-\d+)\s+-\s+(.+)$/.exec(heading);
  if (match) return { style: 'rb', title: match[2].trim(), alias: match[1] };
  match = /^((?:playbook|runbook|procedure|scenario)\s+#?\d+)\s*[:.–—-]\s*(.+)$/i.exec(heading);
  if (match) return { style: 'playbook', title: match[2].trim(), alias: match[1].replace(/\s+#?/, ' ').replace(/^\w/, (c) => c.toUpperCase()) };
  match = /^(\d+)[.)]\s+(.+)$/.exec(heading);
  if (match) return { style: 'numbered', title: match[2].trim(), alias: `${match[1]}. ${withoutParentheses(match[2])}` };
  return { style: 'plain', title: heading.trim() };
}

/** A kebab-case slug of a title, without its parenthesised details: "Latency Breach (p95 > 800ms)" → latency-breach. */
export function titleSlug(title: string): string {
  const camel = /^[A-Z][A-Za-z0-9]+$/.test(title) ? title.replace(/([a-z0-9])([A-Z])/g, '$1 $2') : title;
  const slug = slugify(withoutParentheses(camel).replace(/[^\p{L}\p{N}\s-]/gu, ' '))
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  return slug || 'runbook';
}
