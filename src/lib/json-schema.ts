// JSON Schemas generated from the zod schemas (the zod schemas are the source of truth).
import { z } from 'zod';
import { registrySchema } from '../schema/registry.ts';
import { plainFrontmatterSchema, runbookBlockSchema } from '../schema/runbook.ts';

type JsonSchema = Record<string, unknown>;

/**
 * Dates are accepted as YAML dates (a JS Date, which JSON Schema cannot express) or as
 * YYYY-MM-DD strings: keep only the string form in the JSON Schema.
 */
function dropUnrepresentable(ctx: { jsonSchema: JsonSchema }) {
  const anyOf = ctx.jsonSchema.anyOf as JsonSchema[] | undefined;
  if (!anyOf) return;
  const kept = anyOf.filter((option) => Object.keys(option).length > 0);
  if (kept.length === anyOf.length) return;
  delete ctx.jsonSchema.anyOf;
  if (kept.length === 1) Object.assign(ctx.jsonSchema, kept[0]);
  else ctx.jsonSchema.anyOf = kept;
}

const options = { io: 'input', unrepresentable: 'any', override: dropUnrepresentable } as const;

/** JSON Schema of a runbook page's frontmatter (Starlight's fields and the runbook block). */
export function frontmatterJsonSchema(): JsonSchema {
  return {
    ...z.toJSONSchema(plainFrontmatterSchema, options),
    title: 'Runbook page frontmatter',
    description: 'Frontmatter of a page of the Runbooks site; pages under runbooks/ carry the `runbook` block.',
  };
}

/** JSON Schema of the `runbook` block alone. */
export function runbookBlockJsonSchema(): JsonSchema {
  return z.toJSONSchema(runbookBlockSchema, options);
}

/** JSON Schema of the registry document (its output shape). */
export function registryJsonSchema(): JsonSchema {
  return {
    ...z.toJSONSchema(registrySchema, { ...options, io: 'output' }),
    title: 'Runbook registry',
  };
}
