import { z } from 'zod';

// Read schemas by their JSON text; cleared when full, so a long explore cannot grow it without bound.
const read = new Map<string, z.ZodType>();
const READ_MAX = 1_000;

/**
 * A JSON Schema as zod reads it (`z.fromJSONSchema`), read once per distinct schema in the process:
 * reading one cost more than the rest of a run's checks, and every run's checks read the same few
 * again. A read schema holds no state, so runs that share one share nothing else. A schema zod
 * cannot read throws, every time, as before.
 */
export function zodOfJsonSchema(schema: unknown): z.ZodType {
  const key = JSON.stringify(schema) ?? 'undefined';
  let found = read.get(key);
  if (!found) {
    found = z.fromJSONSchema(schema as never);
    if (read.size >= READ_MAX) read.clear();
    read.set(key, found);
  }
  return found;
}
