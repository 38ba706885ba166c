// Node defines some globals lazily (an accessor that becomes a value when first read): read them
// all once, so a first read during a run is not taken for a change.
for (const key of Reflect.ownKeys(globalThis)) Reflect.get(globalThis, key);

/**
 * The objects whose properties an agent could replace to reach into the harness or the next run
 * (fetch, timers, JSON, the built-in prototypes). Not a security boundary: a run that touched them
 * gets them back before it is judged, and its worker is retired (worker.ts) so the next run starts
 * in a fresh one.
 */
// biome-ignore format: a list of global names, read across.
const WATCHED: ReadonlyArray<readonly [string, object]> = [
  ['globalThis', globalThis],
  ...(
    [
      'Object', 'Function', 'Array', 'String', 'Number', 'Boolean', 'Symbol', 'Promise', 'Error', 'TypeError', 'Map', 'Set', 'WeakMap',
      'Date', 'RegExp', 'JSON', 'Math', 'Reflect', 'URL', 'URLSearchParams', 'Request', 'Response', 'Headers', 'AbortController',
      'AbortSignal', 'TextEncoder', 'TextDecoder', 'ReadableStream', 'Uint8Array', 'ArrayBuffer', 'process',
    ] as const
  ).flatMap((name) => {
    const value = (globalThis as Record<string, unknown>)[name] as { prototype?: object } | undefined;
    if (!value) return [];
    return [[name, value] as const, ...(value.prototype ? [[`${name}.prototype`, value.prototype] as const] : [])];
  }),
];

type Property = { key: string | symbol; descriptor: PropertyDescriptor };
type Watched = Array<{ name: string; target: object; count: number; properties: Property[] }>;
/** The watched objects' own properties, and the environment variables (TZ alone changes every Date). */
export type GlobalsSnapshot = { objects: Watched; env: Record<string, string | undefined> };

/** The watched objects' own properties and process.env as they are now. */
export function snapshotGlobals(): GlobalsSnapshot {
  const objects = WATCHED.map(([name, target]) => {
    const properties = Reflect.ownKeys(target).map((key) => ({ key, descriptor: Reflect.getOwnPropertyDescriptor(target, key) as PropertyDescriptor }));
    return { name, target, count: properties.length, properties };
  });
  return { objects, env: { ...process.env } };
}

// Captured now: the restore must work after an agent replaced any of these, Array.prototype.map included.
const { ownKeys, getOwnPropertyDescriptor, defineProperty, deleteProperty } = Reflect;
const is = Object.is;

/** Puts back every watched property that changed since `snapshot`; returns the names of those it restored (empty: untouched). */
export function restoreGlobals({ objects, env }: GlobalsSnapshot): string[] {
  const changed: string[] = [];
  // Indexed loops only: iterators and array methods are among what an agent can replace.
  for (let i = 0; i < objects.length; i++) {
    const { name, target, count, properties } = objects[i] as Watched[number];
    for (let j = 0; j < properties.length; j++) {
      const { key, descriptor } = properties[j] as Property;
      if (!changedFrom(target, key, descriptor)) continue;
      changed[changed.length] = `${name}.${String(key)}`;
      try {
        defineProperty(target, key, descriptor);
      } catch {
        // A non-configurable property the agent could not have changed either.
      }
    }
    const keys = ownKeys(target);
    if (keys.length === count) continue;
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k] as string | symbol;
      let known = false;
      for (let j = 0; j < properties.length && !known; j++) known = (properties[j] as Property).key === key;
      if (known) continue;
      changed[changed.length] = `${name}.${String(key)} (added)`;
      deleteProperty(target, key);
    }
  }
  for (const key in process.env) if (!(key in env)) (changed[changed.length] = `process.env.${key} (added)`), delete process.env[key];
  for (const key in env) if (process.env[key] !== env[key]) (changed[changed.length] = `process.env.${key}`), (process.env[key] = env[key]);
  return changed;
}

// A data property is compared by reading it, which allocates nothing: this runs after every run.
function changedFrom(target: object, key: string | symbol, before: PropertyDescriptor): boolean {
  if (before.get === undefined && before.set === undefined) {
    try {
      if (is((target as Record<string | symbol, unknown>)[key], before.value)) return false;
    } catch {
      return true;
    }
  }
  const now = getOwnPropertyDescriptor(target, key);
  return !now || !is(now.value, before.value) || now.get !== before.get || now.set !== before.set;
}
