// "Did you mean ...?": the closest candidates to a misspelt name.

export function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0];
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j];
      previous[j] = Math.min(previous[j] + 1, previous[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length];
}

/** Up to `limit` candidates close to `word` (case-insensitive; substring matches first). */
export function closest(word: string, candidates: Iterable<string>, limit = 3): string[] {
  const needle = word.toLowerCase();
  const scored: { candidate: string; score: number }[] = [];
  for (const candidate of new Set(candidates)) {
    const hay = candidate.toLowerCase();
    const contains = hay.includes(needle) || needle.includes(hay);
    const threshold = (other: string) => Math.max(2, Math.floor(Math.max(needle.length, other.length) / 3));
    const whole = editDistance(needle, hay);
    // "latncy" should find "tickets-latency-breach": compare with each word of the candidate too.
    const words = hay.split(/[^a-z0-9]+/).filter((word) => word.length > 2);
    const bestWord = Math.min(...words.map((word) => (editDistance(needle, word) <= threshold(word) ? editDistance(needle, word) + 0.5 : Infinity)));
    const distance = Math.min(whole <= threshold(hay) ? whole : Infinity, bestWord);
    if (contains || distance !== Infinity) scored.push({ candidate, score: contains ? whole / 100 : distance });
  }
  return scored
    .sort((a, b) => a.score - b.score || a.candidate.localeCompare(b.candidate))
    .slice(0, limit)
    .map((entry) => entry.candidate);
}

export function didYouMean(word: string, candidates: Iterable<string>): string {
  const matches = closest(word, candidates);
  return matches.length ? `; did you mean ${matches.map((m) => `"${m}"`).join(' or ')}?` : '';
}
