import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../harness/clock.ts';
import { Rng } from '../../harness/rng.ts';
import { REQUESTER, World } from '../../harness/world.ts';
import { REDACTED, redactDeep, redactHistory, redactText } from '../../reports/redact.ts';

describe('redactText', () => {
  it("finds the world's own credentials by their shape, whatever the seed", () => {
    for (const seed of [1, 2, 99]) {
      const world = new World(new Rng(seed), new VirtualClock(), REQUESTER);
      const service = new Rng(seed).child('secrets/service-account').id('svc_', 32);
      const text = `key ${world.apiKey}, user ${world.userToken}, service ${service}.`;
      expect(redactText(text)).toBe(`key ${REDACTED}, user ${REDACTED}, service ${REDACTED}.`);
    }
  });

  it.each([
    ['Authorization: Bearer abc123def456', `Authorization: Bearer ${REDACTED}`],
    ['authorization: Basic dXNlcjpwYXNzd29yZA==', `authorization: Basic ${REDACTED}`],
    ['{"authorization":"Token zzzzzzzz"}', `{"authorization":"Token ${REDACTED}"}`],
    ['{\\"x-api-key\\":\\"k-12345\\"}', `{\\"x-api-key\\":\\"${REDACTED}\\"}`],
    ['curl -H "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlMTIz"', `curl -H "Bearer ${REDACTED}"`],
    ['use sk-ant-api03-AbCdEf_123-xyz now', `use ${REDACTED} now`],
    ['ghp_0123456789abcdefghijABCDEFGHIJ012345 and AKIAABCDEFGHIJKLMNOP', `${REDACTED} and ${REDACTED}`],
  ])('redacts %s', (text, expected) => {
    expect(redactText(text)).toBe(expected);
  });

  it('leaves prose and the harness vocabulary alone, and is idempotent', () => {
    const prose = 'a bearer credential, 12,000 tokens spent (token budget), the authorization model, obo tokens, [redacted] stays';
    expect(redactText(prose)).toBe(prose);
    const once = redactText('Authorization: Bearer abc123def456 sk-ant-sim-0123456789');
    expect(redactText(once)).toBe(once);
  });
});

describe('redactDeep and redactHistory', () => {
  it('replaces the value of credential-named keys and redacts every string', () => {
    const value = { headers: { Authorization: 'opaque', 'x-api-key': 'opaque2', accept: 'json' }, list: ['ok', 'sk-ant-sim-0123456789abc'], n: 3, password: 'hunter2' };
    expect(redactDeep(value)).toEqual({ headers: { Authorization: REDACTED, 'x-api-key': REDACTED, accept: 'json' }, list: ['ok', REDACTED], n: 3, password: REDACTED });
    expect(value.headers.Authorization).toBe('opaque');
  });

  it('rewrites only the history lines that hold a credential', () => {
    const lines = ['{"t":0,"type":"run-start","scenario":"s","agent":"a","seed":1,"trial":1}', '{"t":5,"type":"agent-reply","text":"key  sk-ant-api03-abcdefgh","stopReason":null}', '{"t":6, "odd":  "spacing kept"}'];
    const out = redactHistory(`${lines.join('\n')}\n`).split('\n');
    expect(out[0]).toBe(lines[0]);
    expect(out[1]).toBe(`{"t":5,"type":"agent-reply","text":"key  ${REDACTED}","stopReason":null}`);
    expect(out[2]).toBe(lines[2]);
    expect(out[3]).toBe('');
  });
});
