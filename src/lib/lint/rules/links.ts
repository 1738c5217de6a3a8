// Internal links must lead somewhere.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { listContentFiles } from '../../project.ts';
import { pageUrl } from '../../urls.ts';
import { closest } from '../../suggest.ts';
import { defineRule } from '../types.ts';
import { exampleRunbook } from './example.ts';

/** Pages the site generates itself (src/pages), besides the docs pages. */
const GENERATED = [/^\/$/, /^\/runbooks\/$/, /^\/alerts\/([^/]+\/)?$/, /^\/services\/[^/]+\/$/, /^\/reference\/(frontmatter|performance|lint-rules|registry)\/([^/]+\/)?$/, /^\/registry\.json$/, /^\/schema\/[a-z]+\.json$/];

let knownPages: { root: string; docsDir: string; urls: Set<string> } | undefined;

function pages(root: string, docsDir: string): Set<string> {
  if (knownPages?.root !== root || knownPages.docsDir !== docsDir) {
    knownPages = { root, docsDir, urls: new Set(listContentFiles(root, docsDir).map((file) => pageUrl(file, docsDir))) };
  }
  return knownPages.urls;
}

export const linksResolve = defineRule({
  meta: {
    id: 'links/resolve',
    category: 'links',
    severity: 'error',
    description: 'Internal links must point at an existing page.',
    docs: 'A link such as `/runbooks/tickets/deployment-rollback/` must lead to a page of this site, and a relative `./other.md` link from an imported document usually does not. At 3 a.m. a dead link in "if this fails, see ..." costs minutes. External links are not checked (no network in CI).',
    examples: {
      bad: exampleRunbook({ body: '## Symptoms\n\nSlow.\n\n## Resolution\n\nSee [Rollback](/runbooks/tickets/no-such-page/) and [SLOs](./slos.md).\n' }),
      good: exampleRunbook({ body: '## Symptoms\n\nSlow.\n\n## Resolution\n\nSee [the catalog](/runbooks/) and [the frontmatter reference](/reference/frontmatter/).\n' }),
    },
    messages: {
      anchor: 'Link to "#{hash}": no heading on this page has that anchor',
      page: 'Link to "{url}" leads to no page of this site',
    },
  },
  create(context) {
    return {
      runbook(runbook) {
        const docsDir = context.config.docsDir;
        const urls = pages(context.project.root, docsDir);
        const here = pageUrl(runbook.file, docsDir);
        for (const link of runbook.links) {
          const url = link.url.trim();
          if (!url || /^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) continue; // external, mailto:, ...
          const [path, hash] = url.split('#');
          if (!path) {
            if (hash && !runbook.sections.some((s) => s.slug === hash) && !runbook.steps.some((s) => s.id === hash)) context.report({ messageId: 'anchor', data: { hash }, span: link.span });
            continue;
          }
          const absolute = new URL(path, `https://site${here}`).pathname;
          const normalised = absolute.endsWith('/') || /\.[a-z]+$/.test(absolute) ? absolute : `${absolute}/`;
          if (urls.has(normalised) || GENERATED.some((pattern) => pattern.test(normalised))) continue;
          if (existsSync(join(context.project.root, 'public', absolute))) continue;
          const suggestions = closest(normalised, urls, 2);
          context.report({
            messageId: 'page',
            data: { url },
            span: link.span,
            hint: suggestions.length ? `Did you mean ${suggestions.join(' or ')}?` : 'Link to a page path such as /runbooks/<service>/<slug>/.',
          });
        }
      },
    };
  },
});
