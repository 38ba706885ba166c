import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callKey, callKeys } from '../../harness/calls.ts';
import { isPermanentStatus, isRetryableStatus, isUnwellStatus } from '../../harness/status.ts';

describe('callKey', () => {
  it('is the same for the same arguments in any key order, and for a GET tool as its query string carries them', () => {
    expect(callKey('forecast', { stores: 10, days: 23, daily_units: 10 })).toBe(callKey('forecast', { daily_units: 10, days: 23, stores: 10 }));
    const key = callKeys([
      { name: 'lookup', endpoint: { method: 'GET' } },
      { name: 'order', endpoint: { method: 'POST' } },
    ]);
    expect(key('lookup', { stores: 10, days: 23 })).toBe(key('lookup', { days: '23', stores: '10' }));
  });

  it('keeps the types of a JSON body: "10" and 10 are two calls (the second may fix the first)', () => {
    expect(callKey('order', { qty: '10' })).not.toBe(callKey('order', { qty: 10 }));
    const key = callKeys([{ name: 'order', endpoint: { method: 'POST' } }]);
    expect(key('order', { qty: true })).not.toBe(key('order', { qty: 'true' }));
  });

  it('differs for another tool or other values', () => {
    expect(callKey('a', { x: 1 })).not.toBe(callKey('b', { x: 1 }));
    expect(callKey('a', { x: 1 })).not.toBe(callKey('a', { x: 2 }));
  });

  it('ignores key order at every depth (property)', () => {
    const shuffle = (value: unknown, flip: boolean): unknown =>
      Array.isArray(value)
        ? value.map((v) => shuffle(v, flip))
        : value !== null && typeof value === 'object'
          ? Object.fromEntries((flip ? Object.entries(value).reverse() : Object.entries(value)).map(([k, v]) => [k, shuffle(v, !flip)]))
          : value;
    fc.assert(fc.property(fc.jsonValue(), (args) => callKey('t', args) === callKey('t', shuffle(args, true))));
  });
});

describe('the status table', () => {
  it('sorts every status one way: retryable, permanent, or neither (not an error)', () => {
    for (let status = 100; status < 600; status++) expect(Number(isRetryableStatus(status)) + Number(isPermanentStatus(status)), String(status)).toBeLessThanOrEqual(1);
    expect([408, 409, 425, 429, 500, 502, 503, 504, 529].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 422].every(isPermanentStatus)).toBe(true);
    expect([null, 500, 503, 408, 429].every(isUnwellStatus)).toBe(true);
    expect([400, 404, 409].some(isUnwellStatus)).toBe(false);
  });
});
