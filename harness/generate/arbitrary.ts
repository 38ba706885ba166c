import fc from 'fast-check';

type Schema = Record<string, unknown>;

// Values without bounds are kept small and readable: a plan is read and edited by people.
const SMALL_SPAN = 99;
const letter = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz');

/**
 * A fast-check arbitrary for the values a JSON Schema allows: `const`, `enum`, `anyOf`/`oneOf`, a
 * type (or a list of them) with its bounds (`minimum`, `exclusiveMaximum`, `minLength`,
 * `maxItems`, …), `format` (email, uuid, date, date-time), `pattern`, and objects with their
 * `required` keys. Unbounded numbers are small (1..100 when nothing says otherwise), strings are
 * words, so the plans built from it read well. Anything it cannot follow gives `null`, which the
 * service's answer (and so the plan's probe) then refuses.
 *
 * @example fc.sample(arbitraryOf({ type: 'integer', minimum: 1 }), { seed: 1, numRuns: 3 })
 */
export function arbitraryOf(schema: unknown): fc.Arbitrary<unknown> {
  const s = (schema && typeof schema === 'object' ? schema : {}) as Schema;
  if ('const' in s) return fc.constant(s.const);
  if (Array.isArray(s.enum) && s.enum.length) return fc.constantFrom(...s.enum);
  const branches = (Array.isArray(s.anyOf) ? s.anyOf : Array.isArray(s.oneOf) ? s.oneOf : undefined) as unknown[] | undefined;
  if (branches?.length) return fc.oneof(...branches.map(arbitraryOf));
  if (Array.isArray(s.type)) return fc.oneof(...s.type.map((type) => arbitraryOf({ ...s, type })));
  switch (s.type) {
    case 'integer':
    case 'number':
      return integer(s);
    case 'string':
      return string(s);
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(arbitraryOf(s.items), { minLength: num(s.minItems) ?? 1, maxLength: Math.max(num(s.minItems) ?? 1, Math.min(num(s.maxItems) ?? 3, 3)) });
    case 'object':
      return objectOf(s);
    default:
      return fc.constant(null);
  }
}

/** An object of `schema`'s properties: its required keys always, the others sometimes. */
export function objectOf(schema: Schema, fields: Record<string, fc.Arbitrary<unknown>> = {}): fc.Arbitrary<Record<string, unknown>> {
  const properties = (schema.properties ?? {}) as Record<string, unknown>;
  const required = (Array.isArray(schema.required) ? schema.required : []).filter((k): k is string => typeof k === 'string' && k in properties);
  const model = Object.fromEntries(Object.entries(properties).map(([key, sub]) => [key, fields[key] ?? arbitraryOf(sub)]));
  return fc.record(model, { requiredKeys: required }) as fc.Arbitrary<Record<string, unknown>>;
}

function integer(s: Schema): fc.Arbitrary<number> {
  const low = Math.ceil(Math.max(num(s.minimum) ?? -Infinity, (num(s.exclusiveMinimum) ?? -Infinity) + 1));
  const high = Math.floor(Math.min(num(s.maximum) ?? Infinity, (num(s.exclusiveMaximum) ?? Infinity) - 1));
  const min = Number.isFinite(low) ? low : Number.isFinite(high) ? Math.min(1, high) : 1;
  const max = Number.isFinite(high) ? high : min + SMALL_SPAN;
  const step = s.type === 'integer' || !num(s.multipleOf) ? 1 : (num(s.multipleOf) as number);
  return fc.integer({ min, max: Math.max(min, max) }).map((n) => (step === 1 ? n : Math.round(n / step) * step));
}

function string(s: Schema): fc.Arbitrary<string> {
  // Readable, and valid by every checker's reading (fast-check's own allow what zod refuses).
  if (s.format === 'email') return fc.string({ unit: letter, minLength: 3, maxLength: 8 }).map((name) => `${name}@example.com`);
  if (s.format === 'uuid') return fc.uuid();
  if (s.format === 'date' || s.format === 'date-time') {
    const day = fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2026-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
    return s.format === 'date' ? day.map((d) => d.slice(0, 10)) : day;
  }
  if (typeof s.pattern === 'string') return fc.stringMatching(new RegExp(s.pattern));
  const minLength = num(s.minLength) ?? 0;
  const maxLength = num(s.maxLength);
  if (minLength === 0 && maxLength === undefined) return fc.lorem({ maxCount: 3 });
  return fc.string({ unit: letter, minLength, maxLength: Math.max(minLength, Math.min(maxLength ?? minLength + 8, minLength + 8)) });
}

const num = (x: unknown): number | undefined => (typeof x === 'number' && Number.isFinite(x) ? x : undefined);
