// Internal links must lead somewhere: a page, an alert that a runbook declares, a runbook id or alias.
import { sitePaths } from '../../site-paths.ts';
import { slugify } from '../../model/slug.ts';
import type { Runbook } from '../../model/types.ts';
import { closest } from '../../suggest.ts';
import { pageUrl } from '../../urls.ts';
import { defineRule } from '../types.ts';
import { exampleRunbook } from './example.ts';

/**
 * The site's anchors of a runbook page: every heading's, the steps' ids and the title's (`_top`). The
 * title's slug is accepted too: a document's `# Title` became the page title, and an anchor that names
 * no element leaves the reader at the top of the page, where the title is.
 */
function hasAnchor(runbook: Runbook, hash: string): boolean {
  return (
    hash === '_top' ||
    hash === slugify(runbook.title) ||
    runbook.anchors.includes(hash) ||
    runbook.sections.some((section) => section.slug === hash) ||
    runbook.steps.some((step) => step.id === hash)
  );
}

/** `#Caf%C3%A9` is the anchor `Café`; a malformed escape is kept as written. */
function decodeAnchor(hash: string): string {
  try {
    return decodeURIComponent(hash);
  } catch {
    return hash;
  }
}

function hintFor(runbook: Runbook, hash: string): string {
  const [near] = closest(hash, runbook.anchors, 1);
  return near
    ? `Did you mean #${near}? Anchors are the headings' text in lower case, spaces as "-" (GitHub's rules).`
    : 'Link to the anchor of an existing heading: its text in lower case, spaces as "-", punctuation dropped (GitHub\'s rules).';
}

const pagesCache = new WeakMap<readonly Runbook[], Map<string, Runbook>>();
/** Runbooks by the URL of their page (runbooks only: a service's page adds the site's own sections to its overview). */
function runbookPages(runbooks: readonly Runbook[], docsDir: string): Map<string, Runbook> {
  let pages = pagesCache.get(runbooks);
  if (!pages) {
    pages = new Map(runbooks.filter((runbook) => runbook.meta).map((runbook) => [pageUrl(runbook.file, docsDir), runbook]));
    pagesCache.set(runbooks, pages);
  }
  return pages;
}

export const linksResolve = defineRule({
  meta: {
    id: 'links/resolve',
    category: 'links',
    severity: 'error',
    description: 'Internal links must point at an existing page.',
    docs: 'A link such as `/runbooks/tickets/deployment-rollback/` must lead to a page of this site, and a relative `./other.md` link from an imported document usually does not. At 3 a.m. a dead link in "if this fails, see ..." costs minutes. A `#anchor` must be the anchor of a heading of the page it leads to (any depth; the site\'s anchors follow GitHub\'s rules: lower case, spaces as `-`, punctuation dropped, a repeated heading `-1`); anchors of other runbook pages are checked too. A link to `/alerts/<AlertName>/` needs a runbook that declares the alert (names in paths are case-sensitive), and a permanent link `/r/<id>/` a runbook with that id or alias. External links are not checked (no network in CI).',
    examples: {
      bad: exampleRunbook({ body: '## Symptoms\n\nSlow.\n\n## Resolution\n\nSee [Rollback](/runbooks/tickets/no-such-page/) and [SLOs](./slos.md).\n' }),
      good: exampleRunbook({
        body: '## Symptoms\n\nSlow.\n\n## Resolution\n\nSee [the catalog](/runbooks/) and [the frontmatter reference](/reference/frontmatter/).\n',
      }),
    },
    messages: {
      anchor: 'Link to "#{hash}": no heading on this page has that anchor',
      pageAnchor: 'Link to "{url}": the page {path} has no heading with the anchor "#{hash}"',
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
        const pages = runbookPages(context.project.runbooks, context.config.docsDir);
        for (const link of runbook.links) {
          const url = link.url.trim();
          if (!url || /^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) continue; // external, mailto:, ...
          const [path, rawHash] = url.split('#');
          const hash = rawHash === undefined ? undefined : decodeAnchor(rawHash);
          if (!path) {
            if (hash && !hasAnchor(runbook, hash)) context.report({ messageId: 'anchor', data: { hash }, span: link.span, hint: hintFor(runbook, hash) });
            continue;
          }
          const pathname = new URL(path.split('?')[0], `https://site${here}`).pathname;
          const found = paths.check(pathname);
          if (found.found) {
            // A heading of another runbook page: its anchors are known (other pages' are not checked).
            const target = pages.get(pathname.endsWith('/') ? pathname : `${pathname}/`);
            if (hash && target && !hasAnchor(target, hash))
              context.report({ messageId: 'pageAnchor', data: { url, path: pathname, hash }, span: link.span, hint: hintFor(target, hash) });
            continue;
          }
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
