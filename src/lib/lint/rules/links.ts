// Internal links must lead somewhere: a page, an alert that a runbook declares, a runbook id or alias.
import { sitePaths } from '../../site-paths.ts';
import { pageUrl } from '../../urls.ts';
import { defineRule } from '../types.ts';
import { exampleRunbook } from './example.ts';

export const linksResolve = defineRule({
  meta: {
    id: 'links/resolve',
    category: 'links',
    severity: 'error',
    description: 'Internal links must point at an existing page.',
    docs: 'A link such as `/runbooks/tickets/deployment-rollback/` must lead to a page of this site, and a relative `./other.md` link from an imported document usually does not. At 3 a.m. a dead link in "if this fails, see ..." costs minutes. A link to `/alerts/<AlertName>/` needs a runbook that declares the alert (names in paths are case-sensitive), and a permanent link `/r/<id>/` a runbook with that id or alias. External links are not checked (no network in CI).',
    examples: {
      bad: exampleRunbook({ body: '## Symptoms\n\nSlow.\n\n## Resolution\n\nSee [Rollback](/runbooks/tickets/no-such-page/) and [SLOs](./slos.md).\n' }),
      good: exampleRunbook({ body: '## Symptoms\n\nSlow.\n\n## Resolution\n\nSee [the catalog](/runbooks/) and [the frontmatter reference](/reference/frontmatter/).\n' }),
    },
    messages: {
      anchor: 'Link to "#{hash}": no heading on this page has that anchor',
      page: 'Link to "{url}" leads to no page of this site',
      alert: 'Link to "{url}": no runbook declares the alert "{name}"',
      ref: 'Link to "{url}": no runbook has the id or alias "{name}"',
    },
  },
  create(context) {
    return {
      runbook(runbook) {
        const paths = sitePaths(context.project);
        const here = pageUrl(runbook.file, context.config.docsDir);
        for (const link of runbook.links) {
          const url = link.url.trim();
          if (!url || /^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) continue; // external, mailto:, ...
          const [path, hash] = url.split('#');
          if (!path) {
            if (hash && !runbook.sections.some((s) => s.slug === hash) && !runbook.steps.some((s) => s.id === hash)) context.report({ messageId: 'anchor', data: { hash }, span: link.span });
            continue;
          }
          const found = paths.check(new URL(path.split('?')[0], `https://site${here}`).pathname);
          if (found.found) continue;
          const hint = found.exact
            ? `Paths are case-sensitive: write ${found.kind === 'alert' ? '/alerts' : '/r'}/${found.exact}/.`
            : found.suggestions.length
              ? `Did you mean ${found.suggestions.map((suggestion) => (found.kind === 'page' ? suggestion : `${found.kind === 'alert' ? '/alerts' : '/r'}/${suggestion}/`)).join(' or ')}?`
              : found.kind === 'alert'
                ? 'Declare the alert in the alerts list of the runbook that answers it, or link to the runbook itself.'
                : found.kind === 'ref'
                  ? 'Link to /r/<runbook id>/ of an existing runbook (see runbook list).'
                  : 'Link to a page path such as /runbooks/<service>/<slug>/.';
          context.report({ messageId: found.kind, data: { url, name: found.name ?? '' }, span: link.span, hint });
        }
      },
    };
  },
});
