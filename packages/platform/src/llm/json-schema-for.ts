import { type ZodType, z } from 'zod';

/** Removes what providers reject or do not need from a generated JSON Schema. */
function cleanJsonSchema(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(cleanJsonSchema);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === '$schema') continue;
    if (
      key === 'additionalProperties' &&
      typeof child === 'object' &&
      child !== null &&
      Object.keys(child).length === 0
    )
      continue;
    if (
      (key === 'maximum' && child === Number.MAX_SAFE_INTEGER) ||
      (key === 'minimum' && child === Number.MIN_SAFE_INTEGER)
    )
      continue;
    out[key] = cleanJsonSchema(child);
  }
  return out;
}

/** JSON Schema of what the model must produce (the schema's input side), or undefined when zod cannot express it. */
export function jsonSchemaFor(schema: ZodType): Record<string, unknown> | undefined {
  try {
    return cleanJsonSchema(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' })) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
