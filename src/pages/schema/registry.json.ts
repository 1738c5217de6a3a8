// JSON Schema of the registry, generated from the zod schema.
import { registryJsonSchema } from '../../lib/json-schema.ts';

export function GET() {
  return new Response(`${JSON.stringify(registryJsonSchema(), null, 2)}\n`, { headers: { 'Content-Type': 'application/json' } });
}
