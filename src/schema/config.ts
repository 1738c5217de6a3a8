// runbook.config.yaml: project settings shared by the site, the linter and the CLI.
import { z } from 'astro/zod';
import { closedObject, duration, isoDate } from './shared.ts';

export const RULE_SEVERITIES = ['error', 'warn', 'off'] as const;

export const configSchema = closedObject({
  contentDir: z.string().default('src/content/docs/runbooks').describe('Folder of the runbooks (one MDX file each).'),
  servicesDir: z.string().default('src/content/services').describe('Folder of the service files (one YAML file each).'),
  docsDir: z.string().default('src/content/docs').describe('Root of all docs pages, for checking internal links.'),
  reviewEvery: duration.prefault('180d').describe('How often a runbook must be reviewed unless it sets its own `reviewEvery`.'),
  dueSoonDays: z.number().int().min(0).default(14).describe('A review due within this many days is a warning.'),
  now: isoDate.optional().describe('Fixes "today" for staleness (tests and reproducible builds).'),
  site: z.url().optional().describe('Public URL of the site, used in alert links.'),
  lint: closedObject({
    rules: z
      .record(z.string(), z.enum(RULE_SEVERITIES, { error: `Expected one of ${RULE_SEVERITIES.join(', ')}` }))
      .default({})
      .describe('Severity per rule id: error, warn or off.'),
  })
    .prefault({})
    .describe('Linter settings.'),
});

export type Config = z.output<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;
