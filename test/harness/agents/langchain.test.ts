import { describe, expect, it, vi } from 'vitest';
import { eventsOf, parseHistory, type HistoryEvent } from '../../../harness/history.ts';
import { check, run } from '../../helpers.ts';

// LangChain.js is judged as found: these pin what it does, the good and the bad, so a version bump
// that changes its behaviour shows up here with the mechanism named.
const toolResults = (events: HistoryEvent[]) =>
  eventsOf(events, 'model-request').flatMap((r) =>
    ((r.body as { messages?: Array<{ content: unknown }> }).messages ?? [])
      .flatMap((m) => (Array.isArray(m.content) ? (m.content as Array<{ type: string; content?: unknown; is_error?: boolean }>) : []))
      .filter((b) => b.type === 'tool_result'),
  );

describe('langchain', () => {
  it('runs six parallel lookups through the simulated API and answers from their results', async () => {
    const record = await run('reordered-parallel', 'langchain', 1);
    const events = parseHistory(record.history);
    const requests = eventsOf(events, 'tool-request');
    expect(requests.map((r) => (r.body as { customer_id: string }).customer_id).sort()).toEqual(['C-101', 'C-102', 'C-103', 'C-104', 'C-105', 'C-106']);
    // Tools run as the user, and nothing left the simulated world (LangSmith tracing stays off).
    expect(new Set(requests.map((r) => r.principal))).toEqual(new Set(['user:requester']));
    expect(eventsOf(events, 'unhandled-request')).toEqual([]);
    expect(eventsOf(events, 'agent-reply')[0]).toMatchObject({ stopReason: 'answer', text: expect.stringContaining('C-103: Chidi Okafor, business') });
    expect(record.verdict).toBe('pass');
  });

  it('sends nothing out of the simulated world with LangSmith tracing turned on in the environment, and leaves the environment as it was', async () => {
    vi.stubEnv('LANGSMITH_TRACING', 'true');
    vi.stubEnv('LANGSMITH_ENDPOINT', 'http://127.0.0.1:9');
    try {
      const traced = await run('reordered-parallel', 'langchain', 1, 1, true);
      expect(eventsOf(parseHistory(traced.history), 'unhandled-request')).toEqual([]);
      expect(traced.historyDigest).toBe((await run('reordered-parallel', 'langchain', 1)).historyDigest);
      expect(process.env.LANGSMITH_TRACING).toBe('true');
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('retries a 529 after a jittered backoff in virtual time, and gives the same history for the same seed', async () => {
    const [a, b] = [await run('model-api-faults', 'langchain', 1, 1, true), await run('model-api-faults', 'langchain', 1, 1, true)];
    expect(a.historyDigest).toBe(b.historyDigest);
    expect((await run('model-api-faults', 'langchain', 2)).historyDigest).not.toBe(a.historyDigest);
    // Its AsyncCaller (p-retry: 1 s × 2ⁿ, randomised) sleeps on the faked setTimeout with the seeded Math.random.
    const [first, second] = eventsOf(parseHistory(a.history), 'model-response');
    expect(first?.status).toBe(529);
    expect(second?.t).toBeGreaterThanOrEqual(1000);
    expect(a.verdict).toBe('pass');
  });

  it("ends a runaway loop at LangGraph's default recursion limit of 25 steps, reported as a limit", async () => {
    const record = await run('runaway-loop', 'langchain', 1);
    const events = parseHistory(record.history);
    // 25 supersteps: 13 model calls and the 12 tool steps between them.
    expect(eventsOf(events, 'model-request')).toHaveLength(13);
    expect(eventsOf(events, 'agent-reply')[0]).toMatchObject({ stopReason: 'limit', text: expect.stringMatching(/^Recursion limit of 25 reached/) });
  });

  it('sends a failed tool call to the model as plain text, without is_error', async () => {
    const record = await run('persistent-outage', 'langchain', 1);
    const results = toolResults(parseHistory(record.history));
    expect(results[0]?.content).toMatch(/^Error: HTTP 503: .*\n Please fix your mistakes\.$/s);
    expect(results.some((r) => r.is_error)).toBe(false);
    expect(check(record, 'errors-reach-model')?.verdict).toBe('fail');
  });

  it('refuses "10" for an integer before it reaches the service, but tells the model only that the input did not match, with a stack trace', async () => {
    const record = await run('string-coercion', 'langchain', 1);
    const events = parseHistory(record.history);
    expect(eventsOf(events, 'tool-request')).toEqual([]);
    // Nothing reached a backend, so no argument there was invalid: nothing to judge.
    expect(check(record, 'valid-arguments')?.verdict).toBe('not-applicable');
    expect(toolResults(events)[0]?.content).toMatch(/^Error invoking tool 'compute_inventory' with kwargs .* Received tool input did not match expected schema\n {4}at /s);
    // Its stack trace names files by the project's folder written as <project>/: the same history in any checkout.
    expect(toolResults(events)[0]?.content).toContain('(file://<project>/node_modules/');
    expect(record.history).not.toContain(process.cwd());
    expect(check(record, 'known-answer')?.verdict).toBe('fail');
  });

  it('waits for a slow tool as long as it takes: no tool timeout', async () => {
    const record = await run('slow-tool', 'langchain', 1);
    expect(check(record, 'tool-timeout')?.message).toMatch(/was waited on for 300000 ms/);
  });

  it("throws on the API's 400 for a repeated tool_use id: the exception is its recorded verdict, the run goes on", async () => {
    const record = await run('reused-tool-id', 'langchain', 1);
    const [error] = eventsOf(parseHistory(record.history), 'agent-error');
    expect(error).toMatchObject({ kind: 'threw', message: expect.stringContaining('`tool_use` ids must be unique') });
    expect(check(record, 'agent-completes')?.verdict).toBe('fail');
  });
});
