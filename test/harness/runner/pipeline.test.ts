import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runIsolated } from '../../../harness/runner/supervisor.ts';
import { catalogue } from '../../helpers.ts';

describe('runIsolated with runs sent ahead', () => {
  it('a run that retires its worker and then fails to be stored does not leave the run sent after it to be called a spin', async () => {
    // histories/ cannot be made under this out folder (a file holds its name): every run's history fails to be written.
    const out = mkdtempSync(join(tmpdir(), 'faultline-pipeline-'));
    writeFileSync(join(out, 'histories'), 'not a folder');
    const requests = ['test/fixtures/hostile/mutates-globals.mjs', 'hardened'].map((agent) => ({ scenario: 'dropped-ack', agent, seed: 1, trial: 1 }));
    const records = await runIsolated(requests, catalogue, { wallTimeoutMs: 5_000, concurrency: 1, historiesTo: out });
    const errors = records.map((r) => r.history.match(/"kind":"(\w+)"/)?.[1]);
    expect(errors).toEqual(['lost', 'lost']);
    expect(records.map((r) => r.lost)).toEqual([expect.stringContaining('faultline could not run it'), expect.stringContaining('faultline could not run it')]);
  });

  it('a record that came back before its wall timeout is not a spin when the main thread only reads it late, and the run sent after it runs once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-pipeline-'));
    process.env.COUNT_FILE = join(dir, 'count');
    try {
      const requests = ['hardened', 'test/fixtures/agents/spins-a-while.mjs', 'test/fixtures/agents/counts-runs.mjs'].map((agent) => ({ scenario: 'dropped-ack', agent, seed: 1, trial: 1 }));
      // Once the first record is in, this thread is busy (a long report line, a GC pause, another
      // lane's record) from before the half-second run ends until after its 3 s watchdog is due.
      const busy = () => {
        const until = Date.now() + 4_000;
        while (Date.now() < until) {}
      };
      const records = await runIsolated(requests, catalogue, { wallTimeoutMs: 3_000, concurrency: 1, onRecord: (_r, done) => void (done === 1 && setTimeout(() => setImmediate(busy), 100)) });
      expect({ spin: records[1]!.history.includes('"spin"'), count: readFileSync(process.env.COUNT_FILE, 'utf8') }).toEqual({ spin: false, count: 'ran\n' });
    } finally {
      delete process.env.COUNT_FILE;
    }
  });

  it('--concurrency 2 with two runs runs them in two workers: the first worker ready does not take both', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-pipeline-'));
    process.env.COUNT_FILE = join(dir, 'threads');
    try {
      const requests = [1, 2].map((seed) => ({ scenario: 'dropped-ack', agent: 'test/fixtures/agents/names-its-thread.mjs', seed, trial: 1 }));
      await runIsolated(requests, catalogue, { wallTimeoutMs: 20_000, concurrency: 2 });
      const threads = readFileSync(process.env.COUNT_FILE, 'utf8').trim().split('\n');
      expect(new Set(threads).size).toBe(2);
    } finally {
      delete process.env.COUNT_FILE;
    }
  });
});

describe('runIsolated and what agent code posts on its worker port', () => {
  it('an answer for no run sent is not taken for the record of the run the worker is on', async () => {
    const requests = ['test/fixtures/hostile/posts-to-supervisor.mjs', 'hardened'].map((agent) => ({ scenario: 'dropped-ack', agent, seed: 1, trial: 1 }));
    const records = await runIsolated(requests, catalogue, { wallTimeoutMs: 5_000, concurrency: 1 });
    expect(records.map((r) => [r.agent, r.lost])).toEqual(requests.map((r) => [r.agent, undefined]));
    expect(records[1]!.verdict).toBe('pass');
  });

  it('a spin that keeps saying the worker is ready is still ended at the wall timeout', async () => {
    const requests = ['test/fixtures/hostile/spins-saying-ready.mjs', 'hardened'].map((agent) => ({ scenario: 'dropped-ack', agent, seed: 1, trial: 1 }));
    // Long enough for the hardened run after it, in a fresh worker on a loaded machine.
    const records = await runIsolated(requests, catalogue, { wallTimeoutMs: 2_500, concurrency: 1 });
    expect(records[0]!.history).toContain('"spin"');
    expect(records[1]!.verdict).toBe('pass');
  }, 15_000);
});
