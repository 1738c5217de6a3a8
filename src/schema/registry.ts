// The runbook registry: one JSON document of every runbook, step and command, for tooling.
// Versioned: a breaking change of this shape bumps `registryVersion`.
import { z } from 'zod';
import { RISKS } from './risk.ts';
import { SEVERITIES, VARIABLE_TYPES } from './runbook.ts';

export const REGISTRY_VERSION = 2;

const start = z.literal(true).optional().describe('The value begins the shell word: a leading `-` would make it an option, so it is refused.');

/** One layer of syntax around a placeholder (src/lib/core/context.ts), outermost first. */
export const layerSchema = z.discriminatedUnion('kind', [
  z
    .object({ kind: z.literal('shell-word'), start })
    .strict()
    .describe('An unquoted part of a shell word.'),
  z
    .object({ kind: z.literal('shell-double'), start })
    .strict()
    .describe('Inside a shell "..." string.'),
  z
    .object({ kind: z.literal('shell-single'), start })
    .strict()
    .describe("Inside a shell '...' string."),
  z
    .object({ kind: z.literal('shell-ansi'), start })
    .strict()
    .describe("Inside a shell $'...' string."),
  z
    .object({ kind: z.literal('heredoc'), expands: z.boolean().describe('The delimiter is unquoted: $, ` and \\ are special.') })
    .strict()
    .describe('The body of a heredoc.'),
  z
    .object({ kind: z.literal('comment'), block: z.literal(true).optional() })
    .strict()
    .describe('A comment.'),
  z
    .object({ kind: z.literal('sql-string'), escapes: z.boolean().describe("E'...' (or MySQL): a backslash escapes.") })
    .strict()
    .describe("A SQL '...' literal."),
  z
    .object({ kind: z.literal('sql-identifier'), quoted: z.boolean().describe('Already inside "...".') })
    .strict()
    .describe('A SQL identifier (becomes "...").'),
  z
    .object({ kind: z.literal('sql-value') })
    .strict()
    .describe("A bare SQL value (becomes a '...' literal, or a bare number for numeric variables)."),
  z
    .object({ kind: z.literal('promql-string'), quote: z.enum(['"', "'", '`']) })
    .strict()
    .describe('A PromQL string literal.'),
  z
    .object({ kind: z.literal('promql-label-value') })
    .strict()
    .describe('A bare PromQL label value (becomes "...").'),
  z
    .object({ kind: z.literal('url-query') })
    .strict()
    .describe('The query string of a URL (percent-encoded).'),
  z
    .object({ kind: z.literal('url-path') })
    .strict()
    .describe('The path of a URL (percent-encoded).'),
  z
    .object({ kind: z.literal('awk-string') })
    .strict()
    .describe('The value of an awk variable assignment (awk -v name=value): backslashes doubled, as awk reads escapes in it.'),
  z
    .object({ kind: z.literal('json-string') })
    .strict()
    .describe('A JSON string literal.'),
  z
    .object({ kind: z.literal('json-value') })
    .strict()
    .describe('A bare JSON value (a number for numeric variables, else a string).'),
  z
    .object({
      kind: z.literal('token'),
      accepts: z.enum(['integer', 'number', 'duration', 'name', 'word', 'sql-name', 'hex']),
      where: z.string().describe('Why only a plain value fits here, e.g. "an arithmetic expression".'),
    })
    .strict()
    .describe('Only a plain value of this class can go here.'),
]);

export const placeholderContextSchema = z
  .object({
    layers: z.array(layerSchema).describe('The syntax around the placeholder, outermost first: quote the value for the innermost layer first.'),
    refused: z
      .object({ reason: z.string(), fix: z.string() })
      .strict()
      .optional()
      .describe(
        'Set when the text is parsed again by another program (arithmetic, `sh -c`, `ssh`, an awk program, text piped into psql): no value may be filled in; the fix says how to write the command instead.',
      ),
  })
  .strict();

export const registryPlaceholderSchema = z
  .object({
    name: z.string(),
    start: z.number().int().min(0).describe('Offset of `<name>` in the command `text`.'),
    end: z.number().int().min(0),
    context: placeholderContextSchema,
  })
  .strict();

const durationSchema = z
  .object({
    text: z.string().describe('As written in the runbook.'),
    min: z.number().describe('Lower bound, minutes.'),
    max: z.number().describe('Upper bound, minutes.'),
  })
  .strict();

const sourceSchema = z
  .object({
    file: z.string().describe('Path of the MDX file, relative to the project root.'),
    line: z.number().int().min(1),
    endLine: z.number().int().min(1),
  })
  .strict();

export const registryCommandSchema = z
  .object({
    id: z.string().describe('Stable command id: `<runbook-id>/<step-id>[-n]` or the fence `id`.'),
    runbook: z.string().describe('Id of the runbook.'),
    step: z.string().nullable().describe('Id of the step, or null for a block directly under a section.'),
    section: z.string().nullable().describe('Canonical section name (investigation, resolution, ...).'),
    kind: z.enum(['command', 'console']).describe('`console`: only the prompt lines of the block are the command.'),
    lang: z.string().describe('Language as written on the fence.'),
    language: z.enum(['shell', 'sql', 'promql']).describe('What runs it: a shell, psql, or a Prometheus query.'),
    text: z.string().describe('The command as written, placeholders unfilled.'),
    risk: z.enum(RISKS).describe('The declared risk, raised to what the commands do (and to `change` for a program only known at run time).'),
    longRunning: z.boolean().describe('Does not end by itself; run under a timeout.'),
    interactive: z.boolean().describe('Needs a terminal; not run unattended.'),
    target: z.string().optional().describe('Where a non-shell block runs, when not the default.'),
    timeout: z.number().int().optional().describe('Timeout in seconds from the fence.'),
    placeholders: z.array(registryPlaceholderSchema).describe('Every placeholder occurrence in `text`, in order, with the context the core found for it.'),
    env: z.array(z.string()).describe('Environment variables used, in order of first use.'),
    source: sourceSchema,
  })
  .strict();

export const registryStepSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    section: z.string(),
    line: z.number().int().min(1),
  })
  .strict();

export const registryAlternativesSchema = z
  .object({
    id: z.string().describe('Id of the choice: `resolution`, then `resolution-2`, ... in document order (`runbook run --option <id>:<option>`).'),
    section: z.string().describe('Canonical section it is in (`resolution`, also for a Mitigation section).'),
    line: z.number().int().min(1).describe('Line of its first option heading.'),
    endLine: z.number().int().min(1).describe('Last line of its last option.'),
    options: z
      .array(
        z
          .object({
            id: z.string().describe('Slug of the title, unique in the choice.'),
            label: z.string().describe('The letter or number it is chosen by (`B` of `### Option B: …`; given in order when the heading has none).'),
            title: z.string().describe('What the option does: its heading without the `Option B:` marker, or the name its steps share.'),
            steps: z.array(z.string()).describe('Ids of its steps, in order: one option may span several steps.'),
            line: z.number().int().min(1),
            endLine: z.number().int().min(1),
          })
          .strict(),
      )
      .min(2),
  })
  .strict()
  .describe('Steps that are alternatives (`### Option A: …`, `### If …`): one option is taken, never all of them in a row.');

const variableSchema = z
  .object({
    description: z.string(),
    example: z.string(),
    pattern: z.string().optional(),
    type: z.enum(VARIABLE_TYPES),
    secret: z.boolean(),
    default: z.string().optional(),
    fromLabel: z.string().optional(),
  })
  .strict();

export const registryRunbookSchema = z
  .object({
    id: z.string(),
    aliases: z.array(z.string()),
    title: z.string(),
    description: z.string().optional(),
    service: z.string(),
    owner: z.string().optional().describe("The runbook's owner, or its service's."),
    severity: z.enum(SEVERITIES),
    alerts: z.array(z.object({ name: z.string(), expr: z.string().optional(), for: durationSchema.optional(), threshold: z.string().optional() }).strict()),
    responseTime: durationSchema.optional(),
    timeToResolve: durationSchema.optional(),
    lastReviewed: z.string().optional().describe('YYYY-MM-DD; missing when never reviewed.'),
    reviewEvery: durationSchema,
    reviewDue: z.string().optional().describe('YYYY-MM-DD the next review is due.'),
    stale: z.boolean().describe('Review overdue (or never reviewed) on the date the registry was built for.'),
    url: z.string().describe('Path of the page on the site.'),
    source: sourceSchema,
    variables: z.record(z.string(), variableSchema),
    env: z.record(z.string(), z.string()),
    related: z.array(z.string()),
    tags: z.array(z.string()),
    steps: z.array(registryStepSchema),
    alternatives: z
      .array(registryAlternativesSchema)
      .describe('Choices between steps: a tool runs one option of each (the runner asks which), then the steps after them.'),
    commands: z.array(registryCommandSchema),
  })
  .strict();

export const registrySchema = z
  .object({
    $schema: z.string().optional(),
    registryVersion: z.literal(REGISTRY_VERSION),
    /** Only when asked for (`--timestamp`): a registry is otherwise byte-identical for the same sources. */
    generatedAt: z.string().optional(),
    /** The date staleness was computed for. */
    date: z.string(),
    services: z.array(
      z
        .object({
          id: z.string(),
          name: z.string(),
          owner: z.string(),
          description: z.string().optional(),
          escalation: z.array(z.object({ who: z.string(), when: z.string(), contact: z.string() }).strict()),
        })
        .strict(),
    ),
    alerts: z.array(z.object({ name: z.string(), runbook: z.string(), severity: z.enum(SEVERITIES), service: z.string() }).strict()),
    runbooks: z.array(registryRunbookSchema),
  })
  .strict();

export type Registry = z.infer<typeof registrySchema>;
export type RegistryRunbook = z.infer<typeof registryRunbookSchema>;
export type RegistryCommand = z.infer<typeof registryCommandSchema>;
