// The frontmatter of a runbook: the `runbook` block (FORMAT.md) and the page fields. Pure zod: the model, lint
// and the CLI validate with it and never load Astro or Starlight; the site's content config (src/content.config.ts)
// extends Starlight's own docs schema with the same blocks.
import { z } from 'zod';
import { closedObject, duration, isoDate, kebabId, text } from './shared.ts';
import { SEVERITIES } from './severity.ts';

export { SEVERITIES, severityRank, type Severity } from './severity.ts';

export const VARIABLE_TYPES = ['string', 'integer', 'number', 'boolean'] as const;

/** `<name>` placeholders: a letter, then letters, digits, `_` or `-`. */
export const PLACEHOLDER_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;
/** Environment variable names as shells write them. */
export const ENV_NAME = /^[A-Z_][A-Z0-9_]*$/;
/** Alert names become URL segments (/alerts/<name>/): no spaces or slashes. */
export const ALERT_NAME = /^[A-Za-z][A-Za-z0-9_.:-]*$/;

export const alertSchema = closedObject({
  name: z
    .string()
    .regex(ALERT_NAME, 'Expected an alert name such as "LatencyP95Breaching" (letters, digits, _ . : -; no spaces)')
    .describe('Alert name as the alerting system sends it (Prometheus `alertname`). Belongs to exactly one runbook.'),
  expr: z.string().min(1).optional().describe('The alert rule expression (PromQL), for reference.'),
  for: duration.optional().describe('How long the condition must hold before the alert fires (`5m`).'),
  threshold: z.string().min(1).optional().describe('The threshold in words (`p95 > 800ms for 15 minutes`).'),
});

const regexSource = z.string().refine(
  (source) => {
    try {
      new RegExp(source, 'u');
      return true;
    } catch {
      return false;
    }
  },
  { message: 'Invalid regular expression in "pattern"' },
);

export const variableSchema = closedObject({
  description: z.string().min(1).describe('What the value is, shown as the form field description.'),
  example: text.describe('A realistic example value, shown as placeholder text; also used by `runbook verify`.'),
  pattern: regexSource.optional().describe('A regular expression (JavaScript syntax) the whole value must match.'),
  type: z
    .enum(VARIABLE_TYPES, { error: `Expected one of ${VARIABLE_TYPES.join(', ')}` })
    .default('string')
    .describe('The kind of value: string, integer, number or boolean.'),
  secret: z.boolean().default(false).describe('A secret value is never put in a URL, a transcript or a log.'),
  default: text.optional().describe('A value used when none is given.'),
  fromLabel: z.string().min(1).optional().describe('An alert label that fills this variable (e.g. `pod`).'),
}).superRefine((variable, ctx) => {
  // A default is published (page, registry); a secret one would not be secret.
  if (variable.secret && variable.default !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['default'],
      message: 'A secret variable cannot have a default: it would be published on the page and in the registry',
    });
  }
});

/**
 * Fields of a runbook whose value `runbook import` could not infer and set provisionally (`owner` and
 * `escalation` are the service's, when the importer created the service file with placeholders).
 */
export const TODO_FIELDS = ['service', 'severity', 'owner', 'escalation', 'alerts', 'description', 'lastReviewed', 'variables'] as const;
export type TodoField = (typeof TODO_FIELDS)[number];

export const runbookBlockSchema = closedObject({
  id: kebabId.describe('Stable, unique, kebab-case id; never reused (e.g. `tickets-latency-breach`).'),
  aliases: z.array(z.string().min(1)).default([]).describe('Legacy ids from the source document (`RB-002`): searchable, unique.'),
  service: kebabId.describe('Id of an entry in the services collection (src/content/services).'),
  owner: z.string().min(1).optional().describe('Team that keeps the runbook current; defaults to the service owner.'),
  severity: z.enum(SEVERITIES, { error: `Expected one of ${SEVERITIES.join(', ')}` }).describe('critical, high, medium or low.'),
  alerts: z.array(alertSchema).default([]).describe('Alerts that lead to this runbook.'),
  responseTime: duration.optional().describe('How fast someone must respond (`5m`).'),
  timeToResolve: duration.optional().describe('Expected time to resolve (`15-30m`, `1-4h`).'),
  lastReviewed: isoDate.optional().describe('Date of the last real review (YYYY-MM-DD). Missing means never reviewed.'),
  reviewEvery: duration.optional().describe('Review interval (`90d`); defaults to `reviewEvery` in runbook.config.'),
  variables: z
    .record(z.string().regex(PLACEHOLDER_NAME, 'Expected a placeholder name such as "pod" or "pod-name"'), variableSchema)
    .default({})
    .describe('Placeholders (`<name>`) used in command blocks.'),
  env: z
    .record(z.string().regex(ENV_NAME, 'Expected an environment variable name such as "DATABASE_URL"'), z.string().min(1))
    .default({})
    .describe('Environment the commands expect (`$DATABASE_URL`), each with a description.'),
  related: z.array(kebabId).default([]).describe('Ids of related runbooks (must exist).'),
  tags: z.array(z.string().min(1)).default([]).describe('Free words for search and facets.'),
  todo: z
    .array(z.enum(TODO_FIELDS, { error: `Expected one of ${TODO_FIELDS.join(', ')}` }))
    .default([])
    .describe(
      'Fields whose value is provisional (set by `runbook import`): lint warns `import/todo` for each and the page shows a review banner; removing a field from the list is the review.',
    ),
});

/** Where an imported file came from, and the hash of what the importer wrote (a re-import replaces the file only while it still has that hash). */
export const importedFromSchema = closedObject({
  source: z.string().min(1).describe('The source file, as the import was given it (a path relative to where `runbook import` ran).'),
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'Expected the 64 hex digits of a SHA-256 hash')
    .describe('SHA-256 of the file as written, with this value left empty: a different hash means someone edited the file since.'),
});

export type RunbookBlockInput = z.input<typeof runbookBlockSchema>;
export type RunbookBlock = z.output<typeof runbookBlockSchema>;
export type Alert = z.output<typeof alertSchema>;
export type Variable = z.output<typeof variableSchema>;

/** The blocks this project adds to a docs page's frontmatter. */
export const pageExtensions = {
  runbook: runbookBlockSchema.optional().describe('The runbook block (pages under runbooks/).'),
  importedFrom: importedFromSchema.optional().describe('Set by `runbook import`: the source of the page and the hash of what was written.'),
};

/**
 * Starlight's own page fields: known here (an unknown key is an error) and checked in detail by Starlight's schema
 * when the site builds.
 */
const STARLIGHT_FIELDS = [
  'slug',
  'editUrl',
  'head',
  'tableOfContents',
  'template',
  'hero',
  'lastUpdated',
  'prev',
  'next',
  'sidebar',
  'banner',
  'pagefind',
  'draft',
] as const;

/** A docs page's frontmatter outside Astro: title and description, the project's blocks, Starlight's fields as given. */
export const plainFrontmatterSchema = closedObject({
  title: z.string().describe('Title of the page.'),
  description: z.string().optional().describe('One or two sentences: shown in search results and link previews.'),
  ...pageExtensions,
  ...Object.fromEntries(
    STARLIGHT_FIELDS.map((field) => [field, z.unknown().optional().describe(`Starlight's \`${field}\` (see Starlight's frontmatter reference).`)]),
  ),
});

export type Frontmatter = z.output<typeof plainFrontmatterSchema>;
