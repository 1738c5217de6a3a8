// "This alert has no runbook yet; did you mean ...": the alert names and runbooks closest to an
// unknown alert name, for the site's 404 page (in the browser, so small and without imports).
// Case-insensitive and typo-tolerant: names are compared whole with the optimal string alignment
// distance (Damerau-Levenshtein where a transposition counts as one edit), and word by word, so
// "PodCrashLoop", "podcrashlooping" and "PodCrashLopoing" all find PodCrashLooping, and
// "HighErrorRate" finds the runbooks about high error rates.

/** Edits (insert, delete, substitute, swap two neighbours) to turn `a` into `b`. */
export function osaDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      rows[i][j] = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) rows[i][j] = Math.min(rows[i][j], rows[i - 2][j - 2] + 1);
    }
  }
  return rows[a.length][b.length];
}

/** The words of a name: camelCase, digits and punctuation split ("KubePodCrashLooping" → kube pod crash looping). */
export function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

const compact = (name: string) => words(name).join('');

/** How alike two whole names are, 0 to 1 (1: equal ignoring case and punctuation). */
export function nameSimilarity(a: string, b: string): number {
  const x = compact(a);
  const y = compact(b);
  if (!x || !y) return 0;
  return 1 - osaDistance(x, y) / Math.max(x.length, y.length);
}

/** A word of the query found among `candidates`: exactly, as a prefix of 4+ letters, or with one typo in 5+ letters. */
function wordMatches(word: string, candidates: string[]): boolean {
  return candidates.some(
    (candidate) =>
      candidate === word ||
      (word.length >= 4 && candidate.startsWith(word)) ||
      (candidate.length >= 4 && word.startsWith(candidate)) ||
      (word.length >= 5 && candidate.length >= 5 && osaDistance(word, candidate) <= 1),
  );
}

/** Share of the query's words found in `text`'s words, 0 to 1 (short words like "p1" count only exactly). */
export function wordOverlap(query: string, text: string): number {
  const wanted = [...new Set(words(query))];
  if (!wanted.length) return 0;
  const have = [...new Set(words(text))];
  return wanted.filter((word) => wordMatches(word, have)).length / wanted.length;
}

export interface Scored<T> {
  item: T;
  score: number;
}

/** Up to `limit` items whose name (by `nameOf`) is close to `query`, closest first. */
export function closestNames<T>(query: string, items: T[], nameOf: (item: T) => string, limit = 5): Scored<T>[] {
  return items
    .map((item) => {
      const name = nameOf(item);
      const whole = nameSimilarity(query, name);
      const contained = compact(name).includes(compact(query)) || compact(query).includes(compact(name));
      return { item, score: Math.max(whole, contained ? 0.75 : 0, wordOverlap(query, name) * 0.9) };
    })
    .filter((entry) => entry.score >= 0.6)
    .sort((a, b) => b.score - a.score || nameOf(a.item).localeCompare(nameOf(b.item)))
    .slice(0, limit);
}

/** Up to `limit` items whose text (title, id, aliases, alerts) shares the query's words, best first. */
export function closestTexts<T>(query: string, items: T[], textOf: (item: T) => string, limit = 5): Scored<T>[] {
  return items
    .map((item) => ({ item, score: wordOverlap(query, textOf(item)) }))
    .filter((entry) => entry.score >= 0.5)
    .sort((a, b) => b.score - a.score || textOf(a.item).localeCompare(textOf(b.item)))
    .slice(0, limit);
}
