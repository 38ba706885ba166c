import { describe, expect, it } from 'vitest';
import { runIsolated } from '../../../harness/runner/supervisor.ts';
import { catalogue, check, run } from '../../helpers.ts';

const lines = (history: string, type: string) => history.split('\n').filter((l) => l.includes(`"type":"${type}"`));

describe('mcp-agent', () => {
  it('lists and calls its tools over MCP (the AI SDK MCP client), judged on the world like any runtime', async () => {
    const record = await run('reordered-parallel', 'mcp-agent', 1);
    expect(record.verdict).toBe('pass');
    // One MCP session per service a tool reaches, then the calls as requests on the tools' routes.
    expect(lines(record.history, 'mcp').map((l) => JSON.parse(l).detail)).toEqual(['client ai-sdk-mcp-client']);
    expect(lines(record.history, 'tool-request')).toHaveLength(6);
    expect(lines(record.history, 'unhandled-request')).toEqual([]);
  });

  it('is deterministic in one process and across processes (session ids from the seed)', async () => {
    const [a, b] = [await run('mcp-session-expired', 'mcp-agent', 3, 1, true), await run('mcp-session-expired', 'mcp-agent', 3, 1, true)];
    expect(a.history).toBe(b.history);
    const requests = ['mcp-dropped-ack', 'mcp-schema-drift'].map((scenario) => ({ scenario, agent: 'mcp-agent', seed: 2, trial: 1 }));
    // A worker is a new V8 isolate: its own Math.random seed and crypto.randomUUID draws.
    const isolated = await runIsolated(requests, catalogue, { wallTimeoutMs: 20_000 });
    expect(isolated.map((r) => r.historyDigest)).toEqual(await Promise.all(requests.map(async (q) => (await run(q.scenario, 'mcp-agent', 2)).historyDigest)));
  });

  it('gives two runs in one process the histories each gives alone in a fresh worker (the MCP servers share one schema validator per process)', async () => {
    // Two services (two sessions) in one, an expired session in the other, run one after the other here.
    const requests = [
      { scenario: 'permanent-error', agent: 'mcp-agent', seed: 4, trial: 1 },
      { scenario: 'mcp-session-expired', agent: 'mcp-agent', seed: 7, trial: 1 },
    ];
    const here = [];
    for (const q of requests) here.push((await run(q.scenario, 'mcp-agent', q.seed, 1, true)).historyDigest);
    const alone = [];
    for (const q of requests) alone.push(...(await runIsolated([q], catalogue, { wallTimeoutMs: 20_000 })).map((r) => r.historyDigest));
    expect(here).toEqual(alone);
  });

  // Its real findings, as found: the library's defaults, unmodified.
  it('has no timeout on a tools/call: a lost MCP response leaves it waiting for good', async () => {
    const record = await run('mcp-dropped-ack', 'mcp-agent', 1);
    expect(check(record, 'agent-completes')?.message).toMatch(/deadlock/);
    expect(lines(record.history, 'commit')).toHaveLength(1);
  });

  it('does not check a result against the output schema it listed: the drifted reply reaches the model as a success', async () => {
    const record = await run('mcp-schema-drift', 'mcp-agent', 1);
    expect(check(record, 'response-contract')?.verdict).toBe('fail');
    expect(lines(record.history, 'fault').map((l) => JSON.parse(l).fault)).toEqual(['mcp-tools-changed']);
  });

  it('does not initialize again when its session expires: the order is never placed', async () => {
    const record = await run('mcp-session-expired', 'mcp-agent', 1);
    expect(check(record, 'goal')?.verdict).toBe('fail');
    expect(lines(record.history, 'mcp').map((l) => JSON.parse(l).event)).toEqual(['initialize', 'session-expired']);
  });
});
