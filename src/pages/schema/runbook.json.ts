// JSON Schema of runbook frontmatter, generated from the zod schema.
import { frontmatterJsonSchema } from '../../lib/json-schema.ts';

export function GET() {
  return new Response(`${JSON.stringify(frontmatterJsonSchema(), null, 2)}\n`, { headers: { 'Content-Type': 'application/json' } });
}
