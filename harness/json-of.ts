const written = new WeakMap<object, string>();

/**
 * `JSON.stringify(value)`, remembered for a frozen object: the parts of a request body the
 * simulated API parsed are frozen (model/request-body.ts) and shared by every later request that
 * repeats them, so each is written once however many turns send it. Anything else is written anew.
 */
export function jsonOf(value: unknown): string {
  if (typeof value !== 'object' || value === null || !Object.isFrozen(value)) return JSON.stringify(value);
  let json = written.get(value);
  if (json === undefined) written.set(value, (json = JSON.stringify(value)));
  return json;
}

/** Freezes a parsed JSON value and everything in it, so that it can be shared and remembered. */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const inner of Object.values(value)) deepFreeze(inner);
  return value;
}
