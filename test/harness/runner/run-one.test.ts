import { describe, expect, it } from 'vitest';
import { loadAgent } from '../../../harness/agents/load.ts';
import { parseHistory } from '../../../harness/history.ts';
import { runIsolated } from '../../../harness/runner/supervisor.ts';
import { catalogue, check, run } from '../../helpers.ts';

const fixture = (name: string) => loadAgent(`test/fixtures/agents/${name}`);

describe('runOne records a misbehaving agent as a verdict', () => {
  it('an agent that throws', async () => {
    const record = await run('dropped-ack', await fixture('throws.mjs'));
    expect(check(record, 'agent-completes')).toMatchObject({ verdict: 'fail', message: expect.stringContaining('agent exploded') });
    expect(record.verdict).toBe('fail');
  });

  it('an agent that never settles and has nothing pending is a deadlock', async () => {
    const record = await run('dropped-ack', await fixture('never-settles.mjs'));
    expect(check(record, 'agent-completes')?.message).toMatch(/deadlock/);
  });

  it('an agent that waits past the virtual-time cap is ended at the cap', async () => {
    const record = await run('dropped-ack', await fixture('sleeps-forever.mjs'));
    expect(check(record, 'agent-completes')?.message).toMatch(/virtual-time-cap/);
    expect(record.metrics.virtualMs).toBeLessThanOrEqual(3_600_000);
    expect(record.metrics.wallMs).toBeLessThan(60_000);
  });
});

describe('hermetic world', () => {
  it('records a request to an unknown host and fails it like a dead network', async () => {
    const record = await run('dropped-ack', await fixture('phones-home.mjs'));
    const events = parseHistory(record.history);
    expect(events).toContainEqual(expect.objectContaining({ type: 'unhandled-request', method: 'GET', url: 'https://example.com/collect' }));
    expect(events).toContainEqual(expect.objectContaining({ type: 'agent-reply', text: expect.stringMatching(/^blocked/) }));
  });
});

describe('history', () => {
  it('is stamped in virtual time: 30 s balancer timeouts take seconds of virtual time', async () => {
    const record = await run('error-after-commit', 'hardened', 1);
    expect(record.metrics.virtualMs).toBeGreaterThanOrEqual(30_000);
    const events = parseHistory(record.history);
    expect(events.map((e) => e.t)).toEqual([...events.map((e) => e.t)].sort((a, b) => a - b));
  });

  it('never contains the API key or the user token', async () => {
    const record = await run('dropped-ack', 'hardened', 1);
    expect(record.history).not.toMatch(/sk-ant-sim-|obo_/);
    expect(record.history).toContain('"principal":"user:requester"');
  });

  it('records every fault that strikes as an event', async () => {
    const events = parseHistory((await run('dropped-ack', 'naive', 2)).history);
    expect(events.filter((e) => e.type === 'fault').length).toBeGreaterThan(0);
  });
});

describe('determinism in one process', () => {
  it('the same seed gives the same digest; another seed a different one', async () => {
    const [a, b, c] = [await run('reordered-parallel', 'naive', 7, 1, true), await run('reordered-parallel', 'naive', 7, 1, true), await run('reordered-parallel', 'naive', 8)];
    expect(a.history).toBe(b.history);
    expect(a.historyDigest).toBe(b.historyDigest);
    expect(c.historyDigest).not.toBe(a.historyDigest);
  });

  it('a later trial runs with a derived seed', async () => {
    const [t1, t2] = [await run('dropped-ack', 'naive', 3, 1), await run('dropped-ack', 'naive', 3, 2)];
    expect(t2.historyDigest).not.toBe(t1.historyDigest);
    expect(t2.replay).toContain('--trial 2');
  });

  it('a user agent module in TypeScript runs like a bundled one', async () => {
    const record = await run('string-coercion', await fixture('wrapped.ts'), 1);
    expect(record.verdict).toBe('pass');
  });
});

describe('determinism across processes', () => {
  it('a library drawing on Math.random (the SDK retry jitter after a 529) still gives the same history in a fresh worker', async () => {
    const requests = ['naive', 'sdk-tool-runner', 'ai-sdk', 'langchain'].map((agent) => ({ scenario: 'model-api-faults', agent, seed: 1, trial: 1 }));
    // Each runIsolated starts a new worker: a new V8 isolate whose own Math.random seed differs.
    const [a, b] = [await runIsolated(requests, catalogue, { wallTimeoutMs: 20_000 }), await runIsolated(requests, catalogue, { wallTimeoutMs: 20_000 })];
    expect(b.map((r) => r.history)).toEqual(a.map((r) => r.history));
    // The retry really happened, so there was jitter to draw.
    expect(a[0]!.history).toContain('"status":529');
  });
});

describe('runs in one process take turns', () => {
  it('a run started while another is going waits for it, and both give the history they give alone', async () => {
    const alone = await run('dropped-ack', 'hardened', 2, 1, true);
    const [a, b] = await Promise.all([run('dropped-ack', 'hardened', 2, 1, true), run('dropped-ack', 'naive', 2, 1, true)]);
    expect(a.history).toBe(alone.history);
    expect(b.verdict).toBe('fail');
    expect(check(b, 'agent-completes')?.verdict).toBe('pass');
  });
});
