import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { docsLoader, i18nLoader } from '@astrojs/starlight/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';
import { z } from 'zod';
import { pageExtensions } from './schema/runbook.ts';
import { closedObject } from './schema/shared.ts';
import { serviceSchema } from './schema/service.ts';
import { docsEntryId } from './lib/urls.ts';

/** Starlight's docs schema extended with the project's blocks (src/schema/runbook.ts); unknown top-level keys are errors. */
function frontmatterSchema(context: Parameters<ReturnType<typeof docsSchema>>[0]) {
  return closedObject(docsSchema({ extend: z.object(pageExtensions) })(context).shape);
}

export const collections = {
  // Page paths follow src/lib/urls.ts (a service's overview.mdx is the service's page), so the
  // links the linter checks and the pages Starlight builds agree.
  docs: defineCollection({
    loader: docsLoader({ generateId: ({ entry, data }) => (data.slug ? String(data.slug) : docsEntryId(entry)) }),
    schema: frontmatterSchema,
  }),
  i18n: defineCollection({ loader: i18nLoader(), schema: i18nSchema() }),
  services: defineCollection({
    loader: glob({ pattern: '*.{yaml,yml}', base: './src/content/services' }),
    schema: serviceSchema,
  }),
};
