// How a search query and an alias are compared: case, surrounding and repeated spaces do not count.
export const searchKey = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase();

/** The term Pagefind searches: the runbook id when the query is exactly one of its aliases. */
export function aliasTerm(aliases: Record<string, string>, term: string): string {
  return Object.hasOwn(aliases, searchKey(term)) ? aliases[searchKey(term)] : term;
}
