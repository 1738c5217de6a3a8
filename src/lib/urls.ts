// Where a page lives on the site, from where its file lives (Starlight's routing: folders become
// path segments, the extension and `index` are dropped, segments are slugged).
import { slug } from 'github-slugger';

export function pageUrl(file: string, docsDir: string): string {
  const prefix = `${docsDir.replace(/\/$/, '')}/`;
  const relative = file.startsWith(prefix) ? file.slice(prefix.length) : file;
  const segments = relative
    .replace(/\.mdx?$/, '')
    .split('/')
    .map((segment) => slug(segment));
  if (segments[segments.length - 1] === 'index') segments.pop();
  return `/${segments.join('/')}${segments.length ? '/' : ''}`;
}
