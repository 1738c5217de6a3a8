// The layers of the project, one way (FORMAT and the developers' guide): schema ← core ← views ← cli, site.
// `npm test` runs this check (npm run check:layers).
/** Paths of each layer. */
const SCHEMA = '^src/schema/';
// The analysis core: MDX → model, the readers of shell, SQL and PromQL, contexts, quoting, risk; and the pure
// helpers the model stands on (positions, frontmatter, YAML, text checks, reading content files, config).
const CORE =
  '^src/lib/(core|model|text)/|^src/lib/(problem|frontmatter|yaml-data|source-file|content-files|suggest|staleness|config|urls|markdown|format-problems|json-schema|schema-docs|value-hint|yaml-edit|alert-choice)\\.ts$';
// The project (every file of a content folder) and what is built on the model: lint, runner, registry, import, caches.
const VIEWS = '^src/lib/(lint|runner|import|cache|alerts|diff)/|^src/lib/(project|resolve|registry|views|sidebar|rule-docs|site-paths)\\.ts$';
const CLI = '^src/cli/';
const SITE = '^src/(pages|components|client|expressive-code|markdown|search|grammars|styles)/|^src/(integration|route-data|content\\.config)\\.ts$';

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'No import cycles: a layer and each of its modules point one way.', from: {}, to: { circular: true } },
    {
      name: 'schema-is-the-bottom',
      severity: 'error',
      comment: 'The zod schemas depend on nothing of the project.',
      from: { path: SCHEMA },
      to: { path: '^src/', pathNot: SCHEMA },
    },
    {
      name: 'core-below-views',
      severity: 'error',
      comment: 'The core reads and knows; views (lint, runner, registry, import), the CLI and the site ask it.',
      from: { path: CORE },
      to: { path: `${VIEWS}|${CLI}|${SITE}` },
    },
    { name: 'views-below-cli-and-site', severity: 'error', from: { path: VIEWS }, to: { path: `${CLI}|${SITE}` } },
    { name: 'cli-not-site', severity: 'error', from: { path: CLI }, to: { path: SITE } },
    { name: 'site-not-cli', severity: 'error', from: { path: SITE }, to: { path: CLI } },
    {
      name: 'no-astro-outside-the-site',
      severity: 'error',
      comment: 'The CLI, lint and the core validate with the pure schema: they never load Astro or Starlight.',
      from: { path: `${SCHEMA}|${CORE}|${VIEWS}|${CLI}` },
      to: { path: '(^|/)node_modules/(astro|@astrojs)/' },
    },
    {
      name: 'no-rule-imports-another-rule',
      severity: 'error',
      comment: 'A lint rule is one module; shared facts come from the core, shared helpers from non-rule modules.',
      from: { path: '^src/lib/lint/rules/[^/]+\\.ts$', pathNot: '^src/lib/lint/rules/index\\.ts$' },
      to: { path: '^src/lib/lint/rules/[^/]+\\.ts$', pathNot: '^src/lib/lint/rules/(example|model-problems)\\.ts$' },
    },
    {
      name: 'page-scripts-stay-small',
      severity: 'error',
      comment: 'Scripts shipped to the browser: no Node built-ins, no zod, no parser.',
      from: { path: '^src/client/' },
      to: { path: '^node:|(^|/)node_modules/(zod|libpg-query|@prometheus-io|@runbooks/shell-parser)/|^tools/|^src/lib/core/(block|shell|sql|promql|risk)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^src/content/|\\.astro$' },
  },
};
