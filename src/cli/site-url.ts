// --site-url: the site's address, for links to its pages (alerts check, diff); else `site:` of runbook.config.yaml.
import { loadConfig } from '../lib/config.ts';
import { UsageError } from './errors.ts';

/** The site's address: --site-url, else `site:` of runbook.config.yaml; undefined when neither is set. */
export function siteUrlOption(cwd: string, flag: string | undefined): string | undefined {
  if (flag !== undefined) {
    let url: URL;
    try {
      url = new URL(flag);
    } catch {
      throw new UsageError(`--site-url: expected the site's address such as https://runbooks.example.com, got "${flag}"`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UsageError(`--site-url: expected an http or https address, got "${flag}"`);
    if (url.search || url.hash) throw new UsageError(`--site-url: expected the site's address without a query or fragment, got "${flag}"`);
    return url.href.replace(/\/+$/, '');
  }
  const site = loadConfig(cwd).config.site;
  return site ? site.replace(/\/+$/, '') : undefined;
}
