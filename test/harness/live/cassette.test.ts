import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CASSETTE_FORMAT, cassettePath, readCassette, recordedRequest, recordedResponse, writeCassette } from '../../../harness/live/cassette.ts';

const dir = () => mkdtempSync(join(tmpdir(), 'cassette-'));
const key = { scenario: 'dropped-ack', agent: 'hardened', seed: 3, trial: 1 };
const RERECORD = 'npx faultline run --model live …';

describe('cassettePath', () => {
  it('files a run by scenario, agent and seed; a trial > 1 and an agent module path are named too', () => {
    expect(cassettePath('c', key)).toBe(join('c', 'dropped-ack', 'hardened', 'seed-3.json'));
    expect(cassettePath('c', { ...key, agent: './agents/my agent.ts', trial: 2 })).toBe(join('c', 'dropped-ack', 'agents_my_agent.ts', 'seed-3-trial-2.json'));
  });

  it('never files two agents together: files of one name in two folders, or a file named like a bundled runtime', () => {
    const paths = ['hardened', './hardened.mjs', 'a/mine.ts', 'b/mine.ts'].map((agent) => cassettePath('c', { ...key, agent }));
    expect(new Set(paths).size).toBe(4);
  });
});

describe('interactionOf', () => {
  it('keeps only the headers a replay needs and strips credentials from both bodies', () => {
    const headers = new Headers({ 'content-type': 'application/json', 'request-id': 'req_1', 'set-cookie': 'session=abc', 'x-api-key': 'sk-ant-api03-secretsecretsecret' });
    const body = JSON.stringify({ messages: [{ role: 'user', content: 'my key is sk-ant-api03-secretsecretsecret' }], api_key: 'plain' });
    const request = recordedRequest({ method: 'POST', path: '/v1/messages', body }, []);
    const response = recordedResponse({ status: 200, headers, body: '{"text":"Bearer abcdef0123456789"}' }, 12.4, []);
    expect(response).toMatchObject({ headers: { 'content-type': 'application/json', 'request-id': 'req_1' }, body: '{"text":"Bearer [redacted]"}', durationMs: 12 });
    expect(JSON.stringify([request, response])).not.toContain('secretsecret');
    expect(request.body).toEqual({ messages: [{ role: 'user', content: 'my key is [redacted]' }], api_key: '[redacted]' });
  });

  it("strips the run's known secrets by value, whatever their shape", () => {
    const proxyKey = 'corp-proxy-7f3a9b2c4d5e';
    const request = recordedRequest({ method: 'POST', path: '/v1/messages', body: JSON.stringify({ note: `key ${proxyKey}` }) }, [proxyKey]);
    const response = recordedResponse({ status: 200, headers: new Headers(), body: `echo ${proxyKey}` }, 1, [proxyKey]);
    expect(JSON.stringify([request, response])).not.toContain(proxyKey);
    expect(request.body).toEqual({ note: 'key [redacted]' });
  });
});

describe('readCassette', () => {
  it('reads what writeCassette wrote', () => {
    const path = join(dir(), 'a', 'seed-1.json');
    const cassette = { format: CASSETTE_FORMAT as typeof CASSETTE_FORMAT, ...key, recordedAt: '2026-11-28T00:00:00.000Z', interactions: [] };
    writeCassette(path, cassette);
    expect(readCassette(path, RERECORD)).toEqual(cassette);
  });

  it.each([
    ['missing', undefined, /no cassette recorded for this run\. Record it with: npx faultline run --model live/],
    ['not JSON', '{', /not JSON .*Record it again with/],
    ['another format', JSON.stringify({ format: 'faultline.cassette/0' }), /format is "faultline\.cassette\/0", expected "faultline\.cassette\/1"/],
    ['a bad field', JSON.stringify({ format: CASSETTE_FORMAT, ...key, recordedAt: 'x', interactions: [{ request: {} }] }), /field interactions\.0\.request\.method: /],
  ])('names the file and the fix for a cassette that is %s', (_what, text, message) => {
    const path = join(dir(), 'seed-1.json');
    if (text !== undefined) writeFileSync(path, text);
    expect(() => readCassette(path, RERECORD)).toThrow(message);
    expect(() => readCassette(path, RERECORD)).toThrow(path);
  });
});
