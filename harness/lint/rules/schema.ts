import { z } from 'zod';
import { valueAt } from '../../value-at.ts';

// Compiled once per schema object, as the hardened gateway does: tools share their specs.
const compiled = new WeakMap<object, z.ZodType | Error>();

/** A JSON Schema as zod reads it (`z.fromJSONSchema`), or why it cannot be read. */
export function compile(schema: Record<string, unknown>): z.ZodType | Error {
  let found = compiled.get(schema);
  if (!found) {
    try {
      found = z.fromJSONSchema(schema as never);
    } catch (error) {
      found = error as Error;
    }
    compiled.set(schema, found);
  }
  return found;
}

/** Why `value` does not match `schema`, one `path: problem` per issue; null when it matches. */
export function mismatch(schema: z.ZodType, value: unknown): string | null {
  const parsed = schema.safeParse(value);
  if (parsed.success) return null;
  return parsed.error.issues
    .map((issue) => {
      const path = issue.path.join('.') || '(root)';
      const missing = issue.code === 'invalid_type' && valueAt(value, issue.path) === undefined;
      return missing ? `${path}: missing (expected ${issue.expected})` : `${path}: ${issue.message}`;
    })
    .join('; ');
}
