// @ts-check
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import { runbooks } from './src/integration.ts';
import { loadConfig } from './src/lib/config.ts';
import { loadServices } from './src/lib/project.ts';
import { sidebarConfig } from './src/lib/sidebar.ts';

const root = process.cwd();
const { config } = loadConfig(root);
const services = loadServices(root, config.servicesDir).flatMap((service) => (service.data ? [service.data] : []));

export default defineConfig({
  site: config.site ?? 'http://localhost:4321',
  vite: {
    // The shell parser is a linked local package (WebAssembly next to its module): load it from node_modules
    // at build time instead of bundling it away from its files.
    // (Astro renders in more than one server environment, `ssr` and `prerender`: say it for every one.)
    resolve: {
      external: ['@runbooks/shell-parser'],
      // Starlight's search loads the Pagefind UI on every page view; ours loads it when search opens.
      alias: [{ find: /^@pagefind\/default-ui$/, replacement: fileURLToPath(new URL('./src/search/lazy-pagefind-ui.ts', import.meta.url)) }],
    },
    build: {
      rollupOptions: {
        // Astro's own MDX output carries this directive; the bundler's note about it is noise, once per page.
        onwarn(warning, warn) {
          if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.message.includes('astro:head-inject')) return;
          warn(warning);
        },
      },
    },
  },
  integrations: [
    runbooks(),
    starlight({
      title: 'Runbooks',
      description: 'Operational runbooks: find the right one from an alert, fill in the values once, copy commands that run.',
      sidebar: sidebarConfig(services, (directory) => existsSync(join(root, config.docsDir, directory))),
      components: {
        PageTitle: './src/components/PageTitle.astro',
        MarkdownContent: './src/components/MarkdownContent.astro',
      },
      routeMiddleware: './src/route-data.ts',
      customCss: ['./src/styles/runbooks.css'],
      lastUpdated: false,
      // Our own 404 page (src/content/docs/404.md) points lost readers at the catalog and search.
      disable404Route: true,
      pagination: false,
    }),
  ],
});
