// Legacy ids (aliases: "RB-007", "Playbook 3") → runbook id, for search: a query that is exactly an
// alias is searched as the runbook's id, which puts that runbook first (src/search/lazy-pagefind-ui.ts).
// Words such as "Playbook 1" or "1. High Error Rate" alone do not rank it first among its siblings.
import { catalog, siteProject } from '../lib/views.ts';
import { searchKey } from '../search/aliases.ts';

export async function GET() {
  const aliases: Record<string, string> = {};
  for (const card of catalog(await siteProject())) for (const alias of card.aliases) aliases[searchKey(alias)] = card.id;
  return new Response(JSON.stringify(aliases), { headers: { 'Content-Type': 'application/json' } });
}
