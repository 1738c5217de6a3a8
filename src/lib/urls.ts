// Where a page lives on the site, from where its file lives (Starlight's routing: folders become
// path segments, the extension and `index` are dropped, segments are slugged). One exception: a
// service's overview (`services/<id>/overview.mdx`, as `runbook import` writes it) is the
// service's own page, /services/<id>/, so that a service has one overview and not two.
import { slug } from 'github-slugger';

const SERVICE_OVERVIEW = /^services\/([^/]+)\/(?:overview|index)\.mdx?$/;

/** The service id whose overview page `relativeFile` (relative to the docs folder) is, if it is one. */
export function serviceOverviewOf(relativeFile: string): string | undefined {
  return SERVICE_OVERVIEW.exec(relativeFile)?.[1];
}

/** The route id of a docs file (relative to the docs folder): the page's path without its slashes. */
export function docsEntryId(relativeFile: string): string {
  const service = serviceOverviewOf(relativeFile);
  if (service !== undefined) return `services/${slug(service)}`;
  return relativeFile
    .replace(/\.[^./]+$/, '')
    .split('/')
    .map((segment) => slug(segment))
    .join('/')
    .replace(/\/index$/, '');
}

export function pageUrl(file: string, docsDir: string): string {
  const prefix = `${docsDir.replace(/\/$/, '')}/`;
  const relative = file.startsWith(prefix) ? file.slice(prefix.length) : file;
  const id = docsEntryId(relative);
  return id === 'index' || id === '' ? '/' : `/${id}/`;
}
