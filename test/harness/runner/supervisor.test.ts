import { describe, expect, it, vi } from 'vitest';
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
    const requests = ['dropped-ack', 'string-coercion', 'reordered-parallel'].flatMap((scenario) => ['naive', 'hardened'].map((agent) => ({ scenario, agent, seed: 3, trial: 1 })));
    const done: number[] = [];
    const [serial, parallel] = [await runIsolated(requests, catalogue, { wallTimeoutMs: 20_000, concurrency: 1 }), await runIsolated(requests, catalogue, { wallTimeoutMs: 20_000, concurrency: 3, onRecord: (_r, n) => done.push(n) })];
    expect(parallel.map((r) => `${r.scenario}/${r.agent}`)).toEqual(requests.map((r) => `${r.scenario}/${r.agent}`));
    expect(parallel.map((r) => r.history)).toEqual(serial.map((r) => r.history));
    expect(done).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('by default starts one worker, and another once a core is free of other work', async () => {
    // Enough runs for two lanes (one per 100 runs), cheap ones; the machine is busy at the first look, idle after.
    const requests = Array.from({ length: 150 }, (_, i) => ({ scenario: 'dropped-ack', agent: 'hardened', seed: i + 1, trial: 1 }));
    let looks = 0;
    const load = { cores: 2, othersBusy: () => (++looks === 1 ? 1.5 : 0) };
    const lanes: Array<[number, number]> = [];
    const records = await runIsolated(requests, catalogue, { wallTimeoutMs: 20_000, load, onLanes: (n) => lanes.push([n, looks]) });
    expect(lanes).toEqual([
      [1, 0],
      [2, 2],
    ]);
    expect(records.map((r) => r.verdict)).toEqual(requests.map(() => 'pass'));
  });

  it('a lane added later whose worker cannot be made rejects runIsolated, never the process with an unhandled rejection', async () => {
    vi.resetModules();
    // The second Worker cannot be made (no thread to be had: Node throws ERR_WORKER_INIT_FAILED from the constructor).
    vi.doMock('node:worker_threads', async (original) => {
      const real = await original<typeof import('node:worker_threads')>();
      let made = 0;
      class Worker extends real.Worker {
        constructor(...args: ConstructorParameters<typeof real.Worker>) {
          if (++made === 2) throw new Error('no thread for a second worker');
          super(...args);
        }
      }
      return { ...real, Worker };
    });
    const unhandled: unknown[] = [];
    const listen = (reason: unknown) => void unhandled.push(reason);
    process.on('unhandledRejection', listen);
    try {
      const { runIsolated } = await import('../../../harness/runner/supervisor.ts');
      const requests = Array.from({ length: 150 }, (_, i) => ({ scenario: 'dropped-ack', agent: 'hardened', seed: i + 1, trial: 1 }));
      // Idle at the first look: the second lane starts while the first still has runs to do.
      const load = { cores: 2, othersBusy: () => 0 };
      await expect(runIsolated(requests, catalogue, { wallTimeoutMs: 20_000, load })).rejects.toThrow('no thread for a second worker');
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', listen);
      vi.doUnmock('node:worker_threads');
      vi.resetModules();
    }
  });

  it('ends a spin in one lane while the other lanes go on', async () => {
    const requests = [{ scenario: 'dropped-ack', agent: 'test/fixtures/agents/spins.mjs', seed: 1, trial: 1 }, ...[1, 2, 3].map((seed) => ({ scenario: 'dropped-ack', agent: 'hardened', seed, trial: 1 }))];
    // --concurrency is obeyed as given: both lanes at once, the load never looked at.
    const lanes: number[] = [];
    const load = { cores: 2, othersBusy: () => expect.unreachable('the load was looked at') as number };
    const records = await runIsolated(requests, catalogue, { wallTimeoutMs: 3_000, concurrency: 2, load, onLanes: (n) => lanes.push(n) });
    expect(lanes).toEqual([1, 2]);
    expect(records.map((r) => r.verdict)).toEqual(['fail', 'pass', 'pass', 'pass']);
    expect(check(records[0]!, 'agent-completes')?.message).toContain('blocked the process');
  });

  it('refuses a request for a scenario it was not given, before any worker starts', async () => {
    await expect(runIsolated([{ scenario: 'no-such-scenario', agent: 'hardened', seed: 1, trial: 1 }], catalogue, { wallTimeoutMs: 20_000 })).rejects.toThrow('unknown scenario no-such-scenario');
  });

  it('a worker that cannot start fails the suite: nothing more runs, and every run asked for is an error record saying why', async () => {
    const requests = [1, 2, 3, 4, 5, 6].map((seed) => ({ scenario: 'dropped-ack', agent: 'hardened', seed, trial: 1 }));
    const done: number[] = [];
    const records = await runIsolated(requests, catalogue, { wallTimeoutMs: 20_000, concurrency: 2, scenarioFiles: ['test/fixtures/scenarios/no-such-file.ts'], onRecord: (_r, n) => done.push(n) });
    expect(records.map((r) => [r.seed, r.verdict])).toEqual(requests.map((r) => [r.seed, 'error']));
    expect(records[0]!.checks[0]!.message).toMatch(/^not judged: not run: a worker failed to start: [\s\S]*no-such-file/);
    expect(done).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("runs a user's scenario file in each worker, validated there, beside the built-ins it parses when a run needs them", async () => {
    const { resolveScenarios } = await import('../../../scenarios/load-file.ts');
    const file = 'test/fixtures/scenarios/first-scenario.ts';
    const scenarios = new Map([...catalogue, ...(await resolveScenarios([file], catalogue))]);
    const requests = [file, 'dropped-ack'].map((scenario) => ({ scenario, agent: 'hardened', seed: 1, trial: 1 }));
    const records = await runIsolated(requests, scenarios, { wallTimeoutMs: 20_000, concurrency: 1, scenarioFiles: [file] });
    expect(records.map((r) => [r.scenario, r.verdict])).toEqual([
      ['first-lost-reply', 'pass'],
      ['dropped-ack', 'pass'],
    ]);
  });

  it('a worker refuses a scenario file that does not validate, with every problem the CLI would list, and nothing runs', async () => {
    const broken = 'test/fixtures/scenarios/broken-scenario.ts';
    const records = await runIsolated([{ scenario: 'dropped-ack', agent: 'hardened', seed: 1, trial: 1 }], catalogue, { wallTimeoutMs: 20_000, scenarioFiles: [broken] });
    expect(records.map((r) => r.verdict)).toEqual(['error']);
    const message = records[0]!.checks[0]!.message;
    expect(message).toMatch(/^not judged: not run: a worker failed to start: .*--scenario: invalid scenarios, nothing was run:/);
    expect(message).toContain(`${broken}: faults.0.tool: no tool "place-order"`);
  });

  it('serves an agent whose HTTP client is node:https, in a worker, like one that uses fetch', async () => {
    const [record] = await runIsolated([{ scenario: 'dropped-ack', agent: 'test/fixtures/agents/node-http.mjs', seed: 1, trial: 1 }], catalogue, { wallTimeoutMs: 20_000 });
    expect(record!.checks.find((c) => c.id === 'agent-completes')).toMatchObject({ verdict: 'pass' });
    expect(record!.history).toContain('"type":"tool-complete","id":"req_1","outcome":"ok","status":200');
  });

  it("keeps the live key and base URL out of the workers' environment", async () => {
    vi.stubEnv('ANTHROPIC_API_KEY', 'sk-ant-api03-NotForAgents0123456789');
    vi.stubEnv('ANTHROPIC_BASE_URL', 'http://127.0.0.1:9');
    try {
      const [record] = await runIsolated([{ scenario: 'string-coercion', agent: 'test/fixtures/agents/reads-env.mjs', seed: 1, trial: 1 }], catalogue, { wallTimeoutMs: 20_000 });
      expect(record!.history).toContain('"text":"key: none; base URL: none"');
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
