import { describe, expect, it } from 'vitest';
import { runIsolated } from '../../../harness/runner/supervisor.ts';
import { catalogue, check } from '../../helpers.ts';

describe('runIsolated', () => {
  it('ends an agent that spins synchronously, records it, and runs the rest', async () => {
    const records = await runIsolated(
      [
        { scenario: 'dropped-ack', agent: 'test/fixtures/agents/spins.mjs', seed: 1, trial: 1 },
        { scenario: 'dropped-ack', agent: 'hardened', seed: 1, trial: 1 },
      ],
      catalogue,
      // One worker: the spin must end it and a fresh one must take the next run.
      { wallTimeoutMs: 3_000, concurrency: 1 },
    );
    expect(records).toHaveLength(2);
    expect(check(records[0]!, 'agent-completes')).toMatchObject({ verdict: 'fail', message: expect.stringContaining('blocked the process') });
    expect(check(records[0]!, 'exactly-once')?.verdict).toBe('unknown');
    expect(records[0]!.verdict).toBe('fail');
    expect(records[1]!.verdict).toBe('pass');
  });

  it('runs several workers at once and returns the same records, in request order, as one worker', async () => {
    const requests = ['dropped-ack', 'string-coercion', 'reordered-parallel'].flatMap((scenario) =>
      ['naive', 'hardened'].map((agent) => ({ scenario, agent, seed: 3, trial: 1 })),
    );
    const done: number[] = [];
    const [serial, parallel] = [
      await runIsolated(requests, catalogue, { wallTimeoutMs: 20_000, concurrency: 1 }),
      await runIsolated(requests, catalogue, { wallTimeoutMs: 20_000, concurrency: 3, onRecord: (_r, n) => done.push(n) }),
    ];
    expect(parallel.map((r) => `${r.scenario}/${r.agent}`)).toEqual(requests.map((r) => `${r.scenario}/${r.agent}`));
    expect(parallel.map((r) => r.history)).toEqual(serial.map((r) => r.history));
    expect(done).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('ends a spin in one lane while the other lanes go on', async () => {
    const requests = [
      { scenario: 'dropped-ack', agent: 'test/fixtures/agents/spins.mjs', seed: 1, trial: 1 },
      ...[1, 2, 3].map((seed) => ({ scenario: 'dropped-ack', agent: 'hardened', seed, trial: 1 })),
    ];
    const records = await runIsolated(requests, catalogue, { wallTimeoutMs: 3_000, concurrency: 2 });
    expect(records.map((r) => r.verdict)).toEqual(['fail', 'pass', 'pass', 'pass']);
    expect(check(records[0]!, 'agent-completes')?.message).toContain('blocked the process');
  });
});
