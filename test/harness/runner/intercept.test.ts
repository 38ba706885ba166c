import { describe, expect, it } from 'vitest';
import { loadAgent } from '../../../harness/agents/load.ts';
import { BUNDLED_AGENT_NAMES } from '../../../harness/agents/names.ts';
import { eventsOf, parseHistory } from '../../../harness/history.ts';
import { hermeticFetch } from '../../../harness/runner/hermetic.ts';
import { mswServerIfStarted } from '../../../harness/runner/msw-started.ts';
import { runOne } from '../../../harness/runner/run-one.ts';
import { catalogue } from '../../helpers.ts';

// In a process of its own (vitest.config.ts, ISOLATED): whether MSW has started is process-wide.
const runOf = async (scenarioId: string, ref: string, intercept: boolean, seed = 1) => {
  const agent = await loadAgent(ref);
  return runOne({ scenario: catalogue.get(scenarioId)!, agent, agentRef: ref, seed, trial: 1, intercept });
};
// MSW's interceptor records raw headers on every Headers it wraps (a symbol of its own).
const headersWrapped = () => Object.getOwnPropertySymbols(new Headers({ a: '1' })).length > 0;

describe('a run without MSW (intercept: false, what workers do for the bundled runtimes)', () => {
  it('never starts MSW, and gives every bundled runtime the history it has with MSW, byte for byte', async () => {
    const cases = BUNDLED_AGENT_NAMES.flatMap((ref) => ['model-api-faults', 'dropped-ack', 'reordered-parallel'].map((id) => [id, ref] as const));
    const without = [];
    for (const [id, ref] of cases) without.push(await runOf(id, ref, false));
    expect(mswServerIfStarted()).toBeNull();
    expect(headersWrapped()).toBe(false);
    for (const [i, [id, ref]] of cases.entries()) expect(`${id}/${ref} ${(await runOf(id, ref, true)).historyDigest}`).toBe(`${id}/${ref} ${without[i]?.historyDigest}`);
    expect(mswServerIfStarted()).not.toBeNull();
  });

  it('refuses a request no route serves as MSW does: recorded, and a network error for the agent', async () => {
    const [without, withMsw] = [await runOf('dropped-ack', 'test/fixtures/agents/phones-home.mjs', false), await runOf('dropped-ack', 'test/fixtures/agents/phones-home.mjs', true)];
    const events = parseHistory(without.history);
    expect(eventsOf(events, 'unhandled-request')).toMatchObject([{ method: 'GET', url: 'https://example.com/collect' }]);
    expect(eventsOf(events, 'agent-reply')[0]?.text).toBe('blocked: Failed to fetch');
    expect(without.historyDigest).toBe(withMsw.historyDigest);
  });

  it('still starts MSW for an agent whose client is node:https (intercept: true), which it serves', async () => {
    const record = await runOf('dropped-ack', 'test/fixtures/agents/node-http.mjs', true);
    expect(mswServerIfStarted()).not.toBeNull();
    expect(eventsOf(parseHistory(record.history), 'tool-request')).toHaveLength(1);
  });

  it("serves each run through MSW in that run's own world, the handlers of one set of routes being reused: a seed's history is the same after other runs", async () => {
    const agent = 'test/fixtures/agents/node-http.mjs';
    const [first, other, again] = [await runOf('dropped-ack', agent, true, 1), await runOf('dropped-ack', agent, true, 2), await runOf('dropped-ack', agent, true, 1)];
    for (const record of [first, other, again]) expect(eventsOf(parseHistory(record.history), 'tool-request')).toHaveLength(1);
    expect(again.historyDigest).toBe(first.historyDigest);
    expect(other.historyDigest).not.toBe(first.historyDigest);
  });
});

describe('the refusal of a request nothing serves, without MSW', () => {
  it('ends an aborted request with its reason and records nothing, as MSW does', async () => {
    const added: unknown[] = [];
    const refuse = hermeticFetch({ history: { add: (e: unknown) => added.push(e) } } as never);
    const controller = new AbortController();
    controller.abort(new Error('the agent gave up'));
    await expect(refuse('https://elsewhere.sim/x', { signal: controller.signal })).rejects.toThrow('the agent gave up');
    expect(added).toEqual([]);
    await expect(refuse('https://elsewhere.sim/x')).rejects.toThrow('Failed to fetch');
    expect(added).toEqual([{ type: 'unhandled-request', method: 'GET', url: 'https://elsewhere.sim/x' }]);
  });
});
