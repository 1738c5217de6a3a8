// The frontmatter a source file brings (YAML `---` or Hugo's TOML `+++`), read and mapped to ours:
// Hugo, Jekyll, MkDocs, Docusaurus and GOV.UK tech-docs-template fields. What has a meaning here
// (title, description, tags, review dates, owner, severity, alerts) is kept; the rest is reported.
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import type { Severity } from '../../schema/runbook.ts';
import { mapAlert, mapDate, mapSeverity } from './metadata.ts';

export interface SourceFrontmatter {
  /** The source with its frontmatter lines blanked: every line number is still the file's. */
  body: string;
  data: Record<string, unknown>;
  format?: 'YAML' | 'TOML';
  /** The frontmatter could not be read: its line and why (the text is imported without it). */
  error?: { line: number; message: string };
}

const YAML_BLOCK = /^---[ \t]*\n([\s\S]*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|$)/;
const TOML_BLOCK = /^\+\+\+[ \t]*\n([\s\S]*?\n)?\+\+\+[ \t]*(?:\n|$)/;

const blank = (text: string) => text.replace(/[^\n]/g, '');

/** Splits off the frontmatter of `text` (line ends already `\n`). */
export function splitSourceFrontmatter(text: string): SourceFrontmatter {
  const yaml = YAML_BLOCK.exec(text);
  const toml = yaml ? null : TOML_BLOCK.exec(text);
  const match = yaml ?? toml;
  if (!match) return { body: text, data: {} };
  const body = blank(match[0]) + text.slice(match[0].length);
  const format = yaml ? 'YAML' : 'TOML';
  const inner = match[1] ?? '';
  try {
    // Alias limits: a frontmatter of a few lines never needs more, and a bomb of aliases is refused quickly.
    const parsed: unknown = yaml ? parseYaml(inner, { maxAliasCount: 50, uniqueKeys: false }) : parseToml(inner);
    if (parsed === null || parsed === undefined) return { body, data: {}, format };
    if (typeof parsed !== 'object' || Array.isArray(parsed))
      return { body, data: {}, format, error: { line: 2, message: `the ${format} frontmatter is not a map of keys` } };
    return { body, data: parsed as Record<string, unknown>, format };
  } catch (error) {
    const message = (error as Error).message.split('\n')[0];
    const line = (error as { linePos?: { line: number }[] }).linePos?.[0]?.line ?? (error as { line?: number }).line ?? 0;
    return { body, data: {}, format, error: { line: line + 1, message } };
  }
}

/** What our frontmatter takes from the source's. */
export interface MappedFrontmatter {
  title?: string;
  description?: string;
  tags: string[];
  lastReviewed?: string;
  reviewEvery?: string;
  owner?: string;
  severity?: Severity;
  /** The severity as the source wrote it. */
  severityText?: string;
  alerts: string[];
  service?: string;
  /** The generator the keys belong to (for the report). */
  dialect?: string;
  /** Each key read, with what it became (`title → title`), and each key left out. */
  mapped: string[];
  left: string[];
}

/** Keys that name their generator; the first dialect with a key present names the frontmatter. */
const DIALECTS: [string, string[]][] = [
  ['GOV.UK tech-docs', ['last_reviewed_on', 'review_in', 'owner_slack', 'source_url', 'hide_in_navigation', 'old_paths']],
  ['Docusaurus', ['sidebar_position', 'sidebar_label', 'sidebar_class_name', 'hide_table_of_contents', 'last_update', 'pagination_label', 'keywords', 'slug']],
  ['MkDocs', ['hide', 'template', 'search', 'status', 'icon', 'subtitle']],
  ['Jekyll', ['layout', 'permalink', 'categories', 'nav_order', 'parent', 'grand_parent', 'has_children', 'last_modified_at', 'nav_exclude']],
  [
    'Hugo',
    [
      'weight',
      'draft',
      'lastmod',
      'bookHidden',
      'bookCollapseSection',
      'bookFlatSection',
      'bookToc',
      'aliases',
      'menu',
      'summary',
      'linkTitle',
      'type',
      'url',
      'expiryDate',
      'publishDate',
    ],
  ],
];

const str = (value: unknown): string | undefined => {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  // smol-toml dates print as their TOML text.
  if (value && typeof value === 'object' && typeof (value as { toISOString?: unknown }).toISOString === 'function') return String(value);
  return undefined;
};

const list = (value: unknown): string[] => {
  if (Array.isArray(value)) return value.map(str).filter((item): item is string => Boolean(item));
  const text = str(value);
  return text
    ? text
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean)
    : [];
};

/** "6 months", "1 year", "3 weeks", "90 days" → a duration in days or weeks (`180d`). */
export function mapReviewInterval(text: string): string | undefined {
  const match = /^(\d+)\s*(day|week|month|year)s?$/i.exec(text.trim());
  if (!match) return undefined;
  const count = Number(match[1]);
  const unit = match[2].toLowerCase();
  if (unit === 'week') return `${count}w`;
  return `${count * ({ day: 1, month: 30, year: 365 } as Record<string, number>)[unit]}d`;
}

/** Maps the source's keys to ours; unknown keys are left out and listed. */
export function mapSourceFrontmatter(data: Record<string, unknown>, format?: string): MappedFrontmatter {
  const keys = Object.keys(data);
  const dialect =
    DIALECTS.find(([, names]) => names.some((name) => keys.includes(name)))?.[0] ?? (format === 'TOML' ? 'Hugo' : keys.length ? format : undefined);
  const result: MappedFrontmatter = { tags: [], alerts: [], mapped: [], left: [], ...(dialect ? { dialect } : {}) };
  const took = (key: string, what: string) => result.mapped.push(`${key} → ${what}`);
  for (const key of keys) {
    const value = data[key];
    const text = str(value);
    switch (key) {
      case 'title':
        if (text) {
          result.title = text;
          took(key, 'title');
          continue;
        }
        break;
      case 'sidebar_label':
      case 'linkTitle':
        // Only a stand-in for a missing title.
        if (text && !str(data.title)) {
          result.title = text;
          took(key, 'title');
          continue;
        }
        break;
      case 'description':
      case 'summary':
      case 'excerpt':
        if (text && !result.description) {
          result.description = text.replace(/\s+/g, ' ');
          took(key, 'description');
          continue;
        }
        break;
      case 'tags':
      case 'categories':
      case 'keywords': {
        const words = list(value);
        if (words.length) {
          result.tags.push(...words.filter((word) => !result.tags.includes(word)));
          took(key, 'tags');
          continue;
        }
        break;
      }
      case 'last_reviewed_on':
      case 'last_reviewed':
      case 'lastReviewed':
      case 'reviewed_on':
      case 'review_date': {
        const date = text ? mapDate(text) : undefined;
        if (date && 'date' in date) {
          result.lastReviewed = date.date;
          took(key, `lastReviewed ${date.date}`);
          continue;
        }
        break;
      }
      case 'review_in':
      case 'reviewEvery': {
        const every = text ? (mapReviewInterval(text) ?? (/^\d+[dw]$/.test(text) ? text : undefined)) : undefined;
        if (every) {
          result.reviewEvery = every;
          took(key, `reviewEvery ${every}`);
          continue;
        }
        break;
      }
      case 'owner':
      case 'owner_slack':
      case 'team':
      case 'owners':
      case 'maintainer':
      case 'maintainers': {
        const owner = list(value).join(', ');
        if (owner && !result.owner) {
          result.owner = owner;
          took(key, `owner ${owner}`);
          continue;
        }
        break;
      }
      case 'severity':
      case 'priority': {
        const severity = text ? mapSeverity(text) : undefined;
        if (severity) {
          result.severity = severity;
          result.severityText = text;
          took(key, `severity ${severity}`);
          continue;
        }
        break;
      }
      case 'alert':
      case 'alerts':
      case 'alertname': {
        const names = list(value).flatMap((item) => mapAlert(item).name ?? []);
        if (names.length) {
          result.alerts.push(...names);
          took(key, 'alerts');
          continue;
        }
        break;
      }
      case 'service':
      case 'component':
        if (text && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(text)) {
          result.service = text;
          took(key, 'service');
          continue;
        }
        break;
    }
    result.left.push(key);
  }
  return result;
}
