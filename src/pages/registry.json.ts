// The runbook registry, built from the same model as every page (no second parser).
import { buildRegistry, serializeRegistry } from '../lib/registry.ts';
import { siteProject } from '../lib/views.ts';

export async function GET() {
  return new Response(serializeRegistry(buildRegistry(await siteProject())), { headers: { 'Content-Type': 'application/json' } });
}
