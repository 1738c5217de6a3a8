import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { docsLoader, i18nLoader } from '@astrojs/starlight/loaders';
import { i18nSchema } from '@astrojs/starlight/schema';
import { frontmatterSchema } from './schema/runbook.ts';
import { serviceSchema } from './schema/service.ts';

export const collections = {
  docs: defineCollection({ loader: docsLoader(), schema: frontmatterSchema }),
  i18n: defineCollection({ loader: i18nLoader(), schema: i18nSchema() }),
  services: defineCollection({
    loader: glob({ pattern: '*.{yaml,yml}', base: './src/content/services' }),
    schema: serviceSchema,
  }),
};
