import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { docsLoader, i18nLoader } from '@astrojs/starlight/loaders';
import { i18nSchema } from '@astrojs/starlight/schema';
import { frontmatterSchema } from './schema/runbook.ts';
import { serviceSchema } from './schema/service.ts';
import { docsEntryId } from './lib/urls.ts';

export const collections = {
  // Page paths follow src/lib/urls.ts (a service's overview.mdx is the service's page), so the
  // links the linter checks and the pages Starlight builds agree.
  docs: defineCollection({ loader: docsLoader({ generateId: ({ entry, data }) => (data.slug ? String(data.slug) : docsEntryId(entry)) }), schema: frontmatterSchema }),
  i18n: defineCollection({ loader: i18nLoader(), schema: i18nSchema() }),
  services: defineCollection({
    loader: glob({ pattern: '*.{yaml,yml}', base: './src/content/services' }),
    schema: serviceSchema,
  }),
};
