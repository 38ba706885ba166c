import { describe, expect, it } from 'vitest';
import { carriesReply, jsonIn, retryabilityOf, saysNotAgain } from '../../../evals/checkers/meaning.ts';

describe('retryabilityOf', () => {
  it.each([
    ['{"retryable":true}', true],
    ['{"error":{"code":"x","retryable":false}}', false],
    ['Error (HTTP 503): service unavailable. This error is transient: retrying later may succeed.', true],
    ['Temporarily unavailable, try again in a moment.', true],
    ['Permanent failure: do not retry.', false],
    ["Don't retry this call.", false],
    ['Error: HTTP 503: {"error":"http_503"}', true],
    ['failed with status 404', false],
    ['{"status":429,"message":"slow down"}', true],
    ['{"status":400,"message":"bad input"}', false],
    ['Error: 503 Service Unavailable', true],
    ['Error: 429 Too Many Requests', true],
    ['Request timed out after 30000 ms', true],
    ['HTTP 503 (no Retry-After header)', true],
  ])('%j says %s', (text, expected) => expect(retryabilityOf(text)).toBe(expected));

  it.each(['', 'Error: Failed to fetch', '{"error":"reset"}', 'Something went wrong after 3 retries', 'TypeError: fetch failed (retry 1 of 1)', 'POST https://q.sim/v1/retry-queue failed'])('%j does not say', (text) => {
    expect(retryabilityOf(text)).toBeUndefined();
  });
});

describe('saysNotAgain', () => {
  it.each(['DO NOT RETRY.', "Don't call it again.", 'Never use this tool.', 'Stop calling fetch_price.', 'This is permanent.', 'Calling it again will fail.', 'There is no such tool and there never will be.'])('%j says not again', (text) =>
    expect(saysNotAgain(text)).toBe(true),
  );
  it.each(['Tool not registered.', 'Error: unavailable', 'Try again later.', "Unknown tool get_price. Don't worry, just try again in a moment.", 'get_price is not registered (no retry-after).'])('%j does not', (text) =>
    expect(saysNotAgain(text)).toBe(false),
  );
});

describe('carriesReply', () => {
  const ada = { id: 'C-101', name: 'Ada Park', tier: 'gold' };
  const bo = { id: 'C-102', name: 'Bo Lindqvist', tier: 'gold' };
  it.each<[string, string, boolean]>([
    ['compact JSON', JSON.stringify(ada), true],
    ['pretty JSON in another key order', JSON.stringify({ tier: 'gold', name: 'Ada Park', id: 'C-101' }, null, 2), true],
    ['JSON wrapped in words', `Result: ${JSON.stringify(ada)}.`, true],
    ['prose with its own values', 'Ada Park (C-101) is a gold customer.', true],
    ["another call's JSON", JSON.stringify(bo), false],
    ["prose with another call's values", 'Bo Lindqvist is a gold customer.', false],
    ['JSON inside an envelope of its own', JSON.stringify({ ok: true, data: ada }), true],
    ["every call's reply at once", JSON.stringify([ada, bo]), false],
    ["every call's values in prose", 'Ada Park and Bo Lindqvist are gold customers.', false],
  ])('%s', (_how, text, same) => expect(carriesReply(text, ada, [bo])).toBe(same));

  it('cannot tell from prose that names no value only one reply has', () => expect(carriesReply('a gold customer', ada, [bo])).toBeUndefined());

  it('matches values as whole words: C-1 is not in C-12', () => {
    expect(carriesReply('Customer C-12 is Bob.', { id: 'C-1' }, [{ id: 'C-12' }])).toBe(false);
  });
});

describe('jsonIn', () => {
  it('finds the JSON in a text, or nothing', () => {
    expect(jsonIn('prefix [1,2] suffix')).toEqual([1, 2]);
    expect(jsonIn('no json here')).toBeUndefined();
    expect(jsonIn('42')).toBeUndefined();
  });
});
