import { generateKeyPair, pbkdf2 } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import fs from 'node:fs';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { loadAgent } from '../../harness/agents/load.ts';
import { countRealWork, realWorkPending } from '../../harness/real-work.ts';
import { runIsolated } from '../../harness/runner/supervisor.ts';
import { catalogue, run } from '../helpers.ts';

countRealWork();

describe('real work of the thread pool', () => {
  it.each([
    ['fs.promises (a named ESM import)', () => readFile(new URL(import.meta.url))],
    ['fs with a callback', () => new Promise((resolve) => fs.stat('.', resolve))],
    ['fs.promises.open and its FileHandle', async () => (await fs.promises.open(new URL(import.meta.url))).close()],
    ['crypto.subtle', () => crypto.subtle.digest('SHA-256', new Uint8Array(16))],
    ['crypto with a callback', () => new Promise((resolve) => pbkdf2('a', 'b', 10, 8, 'sha256', resolve))],
    ["crypto through util.promisify's custom twin", () => promisify(generateKeyPair)('ec', { namedCurve: 'P-256' })],
    ['zlib', () => promisify(gzip)('faultline')],
  ])('is counted while in flight: %s', async (_name, work) => {
    const before = realWorkPending();
    const done = work();
    expect(realWorkPending()).toBeGreaterThan(before);
    await done;
    await new Promise((resolve) => setImmediate(resolve));
    expect(realWorkPending()).toBe(before);
  });
});

describe('an agent awaiting real work (crypto, fs, zlib) around virtual timers', () => {
  const fixture = 'test/fixtures/agents/real-async-work.mjs';

  it('is never declared deadlocked, and the same seed gives the same history, in this process and in a fresh worker', async () => {
    const agent = await loadAgent(fixture);
    const runs = [];
    for (let i = 0; i < 10; i++) runs.push(await run('string-coercion', agent, 1));
    const [first] = runs;
    expect(first!.history).not.toContain('"kind":"deadlock"');
    // Work in flight finishes in no virtual time: before a 1 ms timer, however slow the machine.
    expect(first!.history).toMatch(/"type":"agent-reply","text":"[0-9a-f]{8} work,timer tool_use"/);
    expect(new Set(runs.map((r) => r.historyDigest)).size).toBe(1);
    const [isolated] = await runIsolated([{ scenario: 'string-coercion', agent: fixture, seed: 1, trial: 1 }], catalogue, { wallTimeoutMs: 20_000 });
    expect(isolated!.history.replace(/"agent":"[^"]*"/, '')).toBe(first!.history.replace(/"agent":"[^"]*"/, ''));
  });
});

describe('counting changes no result', () => {
  it('util.promisify still names the results of fs.read and crypto.generateKeyPair', async () => {
    const handle = fs.openSync(new URL(import.meta.url), 'r');
    try {
      expect(await promisify(fs.read)(handle, Buffer.alloc(4), 0, 4, 0)).toMatchObject({ bytesRead: 4 });
    } finally {
      fs.closeSync(handle);
    }
    expect(await promisify(generateKeyPair)('ec', { namedCurve: 'P-256' })).toHaveProperty('privateKey');
  });
});
