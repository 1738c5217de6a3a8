// The runbook registry: one JSON document of every runbook, step and command, for tooling.
// Versioned: a breaking change of this shape bumps `registryVersion`.
import { z } from 'astro/zod';
import { SEVERITIES, VARIABLE_TYPES } from './runbook.ts';

export const REGISTRY_VERSION = 1;

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
    risk: z.enum(['read', 'change', 'destructive']),
    longRunning: z.boolean().describe('Does not end by itself; run under a timeout.'),
    interactive: z.boolean().describe('Needs a terminal; not run unattended.'),
    target: z.string().optional().describe('Where a non-shell block runs, when not the default.'),
    timeout: z.number().int().optional().describe('Timeout in seconds from the fence.'),
    placeholders: z.array(z.string()).describe('Placeholder names used, in order of first use.'),
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
    alerts: z.array(
      z
        .object({ name: z.string(), expr: z.string().optional(), for: durationSchema.optional(), threshold: z.string().optional() })
        .strict(),
    ),
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
