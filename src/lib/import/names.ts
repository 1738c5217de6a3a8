// File names and ids of imported files: ASCII kebab-case (titles in other scripts transliterated),
// short enough for every file system, the same on every run, and unique.
import { createHash } from 'node:crypto';
import { serviceOverviewOf } from '../urls.ts';

/** Longest slug of a file name (the name is the slug plus `.mdx`; an id is the service, `-` and the slug). */
export const MAX_SLUG = 80;
/** Longest runbook id and file name. */
export const MAX_NAME = 100;

// Letters that NFKD does not take apart into a base letter and marks.
const LETTERS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  ŋ: 'ng',
  ħ: 'h',
  ŧ: 't',
  // Greek
  α: 'a',
  β: 'b',
  γ: 'g',
  δ: 'd',
  ε: 'e',
  ζ: 'z',
  η: 'i',
  θ: 'th',
  ι: 'i',
  κ: 'k',
  λ: 'l',
  μ: 'm',
  ν: 'n',
  ξ: 'x',
  ο: 'o',
  π: 'p',
  ρ: 'r',
  σ: 's',
  ς: 's',
  τ: 't',
  υ: 'y',
  φ: 'f',
  χ: 'ch',
  ψ: 'ps',
  ω: 'o',
  // Cyrillic
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
  є: 'ye',
  і: 'i',
  ї: 'yi',
  ґ: 'g',
};

/** ASCII for Latin, Greek and Cyrillic text (`Überprüfung` → `Uberprufung`); other scripts are left as they are. */
export function transliterate(text: string): string {
  return [...text.normalize('NFKD').replace(/\p{M}/gu, '')]
    .map((char) => {
      const lower = char.toLowerCase();
      const mapped = LETTERS[lower];
      if (mapped === undefined) return char;
      return char !== lower && mapped ? mapped[0].toUpperCase() + mapped.slice(1) : mapped;
    })
    .join('');
}

export const shortHash = (text: string, length = 6) => createHash('sha256').update(text).digest('hex').slice(0, length);

/** Words of an identifier: `KubeAPIDown` → `Kube API Down`, `etcdNoLeader` → `etcd No Leader`, `pg_repack` → `pg repack`. */
export function splitIdentifier(text: string): string {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/[_.]+/g, ' ');
}

/** Cuts a slug at a word boundary to at most `max` characters; a cut slug ends with a hash of the whole, so two long names stay apart. */
export function limitSlug(slug: string, max = MAX_SLUG): string {
  if (slug.length <= max) return slug;
  const keep = slug.slice(0, max - 7).replace(/-[^-]*$/, '') || slug.slice(0, max - 7);
  return `${keep}-${shortHash(slug)}`;
}

/**
 * A kebab-case slug of any text: transliterated, lowercase ASCII letters and digits, at most `max`
 * characters; `fallback` when nothing is left (a title in a script we cannot transliterate).
 */
export function kebabSlug(text: string, fallback: string, max = MAX_SLUG): string {
  const slug = transliterate(text)
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return limitSlug(slug || fallback, max);
}

/** Gives every wanted name a unique one: names wanted more than once get their `qualifier`, then a number, in the given order. */
export function uniqueNames<T>(
  items: T[],
  wanted: (item: T) => string,
  qualifier: (item: T) => string | undefined,
  taken: Set<string> = new Set(),
): Map<T, string> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(wanted(item), (counts.get(wanted(item)) ?? 0) + 1);
  const names = new Map<T, string>();
  for (const item of items) {
    const base = wanted(item);
    const qualified = (counts.get(base) ?? 0) > 1 || taken.has(base) ? qualifier(item) : undefined;
    let name = qualified ? limitSlug(`${qualified}-${base}`) : base;
    for (let n = 2; taken.has(name); n++) name = limitSlug(`${qualified ? `${qualified}-` : ''}${base}-${n}`);
    taken.add(name);
    names.set(item, name);
  }
  return names;
}

/** The URL of a service page named `name` under `base` (`/services/<id>/`): the overview is the service's own page (src/lib/urls.ts). */
export function servicePageUrl(base: string, name: string): string {
  return serviceOverviewOf(`services/service/${name}.mdx`) !== undefined ? base : `${base}${name}/`;
}
