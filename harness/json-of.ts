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

// V8 writes a frozen array out on a slower path that takes about twice the stack a level: frozen,
// a value nested some 2 200 levels deep could no longer be written (JSON.stringify throws RangeError),
// unfrozen it could to some 4 100. A value nested deeper than this is not frozen, so not shared.
const FROZEN_DEPTH_MAX = 500;

/**
 * Freezes a parsed JSON value and everything in it, so that it can be shared and remembered. A
 * value nested more than FROZEN_DEPTH_MAX levels deep throws RangeError, part frozen: its caller
 * parses it anew and leaves it unfrozen.
 */
export function deepFreeze<T>(value: T, depth = 0): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  if (depth > FROZEN_DEPTH_MAX) throw new RangeError(`[faultline] a value nested more than ${FROZEN_DEPTH_MAX} levels deep is not frozen`);
  Object.freeze(value);
  for (const inner of Object.values(value)) deepFreeze(inner, depth + 1);
  return value;
}
