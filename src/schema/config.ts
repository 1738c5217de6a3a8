// runbook.config.yaml: project settings shared by the site, the linter and the CLI.
import { z } from 'zod';
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
      .record(
        z.string(),
        z.union([
          z.enum(RULE_SEVERITIES, { error: `Expected one of ${RULE_SEVERITIES.join(', ')}` }),
          closedObject({
            severity: z.enum(RULE_SEVERITIES).optional().describe('error, warn or off.'),
            options: z.record(z.string(), z.unknown()).optional().describe("The rule's options (see its page)."),
          }),
        ]),
      )
      .default({})
      .describe('Per rule id: a severity (error, warn or off), or `{ severity, options }`.'),
  })
    .prefault({})
    .describe('Linter settings.'),
});

export type Config = z.output<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;
