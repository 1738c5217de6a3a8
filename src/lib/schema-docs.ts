// Reference tables generated from a JSON Schema (itself generated from zod), so the docs
// cannot drift from the code.

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  propertyNames?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  default?: unknown;
  description?: string;
  pattern?: string;
  format?: string;
  const?: unknown;
};

export interface FieldRow {
  field: string;
  type: string;
  required: boolean;
  default?: string;
  description: string;
}

function typeOf(schema: JsonSchema): string {
  if (schema.enum) return schema.enum.map((value) => JSON.stringify(value)).join(' | ');
  if (schema.anyOf) return schema.anyOf.map(typeOf).join(' | ');
  if (schema.format === 'date') return 'date (YYYY-MM-DD)';
  if (schema.type === 'array') return `list of ${schema.items ? typeOf(schema.items) : 'values'}`;
  if (schema.type === 'object' && schema.additionalProperties && typeof schema.additionalProperties === 'object') {
    const value = schema.additionalProperties;
    return `map of name → ${value.type === 'object' ? 'object' : typeOf(value)}`;
  }
  return Array.isArray(schema.type) ? schema.type.join(' | ') : (schema.type ?? 'any');
}

/** One row per field, nested fields with dotted paths (`alerts[].name`, `variables.<name>.example`). */
export function fieldRows(schema: JsonSchema, prefix = ''): FieldRow[] {
  const rows: FieldRow[] = [];
  const required = new Set(schema.required ?? []);
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const field = `${prefix}${name}`;
    rows.push({
      field,
      type: typeOf(property),
      required: required.has(name) && property.default === undefined,
      ...(property.default !== undefined ? { default: JSON.stringify(property.default) } : {}),
      description: property.description ?? '',
    });
    if (property.type === 'array' && property.items?.properties) rows.push(...fieldRows(property.items, `${field}[].`));
    const values = property.additionalProperties;
    if (property.type === 'object' && values && typeof values === 'object' && values.properties) {
      rows.push(...fieldRows(values, `${field}.<name>.`));
    }
    if (property.properties) rows.push(...fieldRows(property, `${field}.`));
  }
  return rows;
}
