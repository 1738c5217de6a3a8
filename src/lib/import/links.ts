// Links and images of a source: a relative link to another imported file leads to its new page, an
// image next to the source is copied into the site (public/imported/<service>/), and what cannot be
// resolved is reported.
import { statSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import type { Analysed } from './analyse.ts';
import { kebabSlug } from './names.ts';
import type { BatchFile } from './types.ts';

const toPosix = (path: string) => path.split(sep).join('/');

export interface LinkContext {
  /** Output URL by absolute source path. */
  urls: Map<string, string>;
  /** Images by absolute path: the copy's path and URL. */
  images: Map<string, { file: BatchFile; url: string }>;
  /** URL of the folder of a service's copied images. */
  imageUrl: (service: string) => string;
}

/** Link and image rewriting for one source: relative links to imported files lead to their pages; images are copied. */
export function linkHooks(item: Analysed, links: LinkContext) {
  const { ref } = item.source;
  const dir = dirname(ref.path);
  const split = (url: string) => {
    const hash = url.indexOf('#');
    const query = url.indexOf('?');
    const cut = [hash, query].filter((at) => at >= 0).sort((a, b) => a - b)[0] ?? url.length;
    return { path: url.slice(0, cut), rest: hash >= 0 ? url.slice(hash) : '' };
  };
  const decode = (path: string) => {
    try {
      return decodeURIComponent(path);
    } catch {
      return path;
    }
  };
  /** The imported source a relative path names: as written, with `.md`, or a folder's README/index. */
  const target = (base: string, path: string): string | undefined => {
    const absolute = resolve(base, decode(path));
    const candidates = [absolute, `${absolute}.md`, join(absolute, 'README.md'), join(absolute, '_index.md'), join(absolute, 'index.md')];
    return candidates.find((candidate) => links.urls.has(candidate));
  };
  const isRelative = (url: string) => url && !url.startsWith('#') && !url.startsWith('/') && !/^[a-z][a-z0-9+.-]*:/i.test(url);

  const rewriteUrl = (url: string, line: number): string | undefined => {
    if (!isRelative(url)) return undefined;
    const { path, rest } = split(url);
    if (!path) return undefined;
    // Relative to the file, else (GitLab writes `docs/x/y.md`) to a folder above it.
    let found = target(dir, path);
    for (let base = dirname(dir), n = 0; !found && n < 4 && dirname(base) !== base; base = dirname(base), n++) found = target(base, path);
    if (found) return `${links.urls.get(found)}${rest}`;
    if (/\.(png|jpe?g|gif|svg|webp)$/i.test(path)) return rewriteImage(url, line) ?? undefined;
    item.say('todo', `a link to "${url}" leads to a file that was not imported; it will not resolve on the site`, { line });
    return undefined;
  };

  const rewriteImage = (url: string, line: number): string | null | undefined => {
    if (!isRelative(url)) return undefined;
    const { path } = split(url);
    const absolute = resolve(dir, decode(path));
    let size = -1;
    try {
      size = statSync(absolute).isFile() ? statSync(absolute).size : -1;
    } catch {
      // missing
    }
    if (size < 0) {
      item.say('todo', `the image "${url}" is not in the source folder; left out (its place says so)`, { line });
      return null;
    }
    let copy = links.images.get(absolute);
    if (!copy) {
      const service = item.service.id;
      // Its path below the walked folder, without the service's own folder (`redis/img/x.png` → `<service>/img/x.png`).
      const inside = toPosix(relative(ref.root, absolute));
      const parts = (inside.startsWith('..') ? basename(absolute) : inside).split('/');
      if (parts.length > 1 && kebabSlug(parts[0], '', 40) === service) parts.shift();
      const name = parts.map((part) => kebabSlug(basename(part, extname(part)), 'image', 60) + extname(part).toLowerCase()).join('/');
      const file: BatchFile = { kind: 'image', service, path: `${service}/${name.replace(/\.(?=[^/]*\/)/g, '')}`, content: '', copyFrom: absolute, todo: [] };
      copy = { file, url: `${links.imageUrl(service)}${file.path.slice(service.length + 1)}` };
      links.images.set(absolute, copy);
    }
    // Each source that shows the image carries the copy (the writer writes one file once).
    if (!item.outcome.files.includes(copy.file)) item.outcome.files.push(copy.file);
    return copy.url;
  };
  return { rewriteUrl, rewriteImage };
}
