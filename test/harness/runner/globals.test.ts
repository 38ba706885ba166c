import { describe, expect, it } from 'vitest';
import { restoreGlobals, snapshotGlobals } from '../../../harness/runner/globals.ts';

describe('restoreGlobals', () => {
  it('finds nothing to restore when nothing changed, even after every global was read', () => {
    const snapshot = snapshotGlobals();
    for (const key of Reflect.ownKeys(globalThis)) Reflect.get(globalThis, key);
    expect(restoreGlobals(snapshot)).toEqual([]);
  });

  it('puts back replaced, redefined and added properties, even with the array methods it would use broken', () => {
    const snapshot = snapshotGlobals();
    const { stringify } = JSON;
    const random = Math.random;
    const iterator = Array.prototype[Symbol.iterator];
    JSON.stringify = () => 'hijacked';
    Math.random = () => 0.5;
    Object.defineProperty(Array.prototype, 'map', { get: () => () => [], configurable: true });
    Array.prototype[Symbol.iterator] = function* () {} as never;
    (globalThis as Record<string, unknown>).planted = 1;
    const restored = restoreGlobals(snapshot);
    expect(restored.sort()).toEqual(['Array.prototype.Symbol(Symbol.iterator)', 'Array.prototype.map', 'JSON.stringify', 'Math.random', 'globalThis.planted (added)']);
    expect([JSON.stringify === stringify, Math.random === random, Array.prototype[Symbol.iterator] === iterator, 'planted' in globalThis]).toEqual([true, true, true, false]);
    expect([1, 2].map((x) => x * 2)).toEqual([2, 4]);
  });
});

describe('restoreGlobals and the environment', () => {
  it('puts back environment variables an agent set, changed or removed (TZ alone changes every Date)', () => {
    const snapshot = snapshotGlobals();
    const home = process.env.HOME;
    process.env.TZ = 'Pacific/Chatham';
    delete process.env.HOME;
    expect(restoreGlobals(snapshot).sort()).toEqual(['process.env.HOME', 'process.env.TZ (added)']);
    expect([process.env.TZ, process.env.HOME]).toEqual([undefined, home]);
  });
});
