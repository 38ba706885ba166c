import { describe, expect, it } from 'vitest';
import { eventsOf, parseHistory } from '../../../harness/history.ts';
import { check, run } from '../../helpers.ts';

// The Vercel AI SDK is judged as found: these pin what it does, the good and the bad, so a
// version bump that changes its behaviour shows up here with the mechanism named.
describe('ai-sdk', () => {
  it('runs six parallel lookups through the simulated API and answers from their results', async () => {
    const record = await run('reordered-parallel', 'ai-sdk', 1);
    const events = parseHistory(record.history);
    const requests = eventsOf(events, 'tool-request');
    expect(requests.map((r) => r.route)).toEqual(Array(6).fill('lookup_customer'));
    expect(requests.map((r) => (r.body as { customer_id: string }).customer_id).sort()).toEqual(['C-101', 'C-102', 'C-103', 'C-104', 'C-105', 'C-106']);
    // Tools run as the user, never as a service account, and nothing left the simulated world.
    expect(new Set(requests.map((r) => r.principal))).toEqual(new Set(['user:requester']));
    expect(eventsOf(events, 'unhandled-request')).toEqual([]);
    expect(eventsOf(events, 'agent-reply')[0]).toMatchObject({ stopReason: 'answer', text: expect.stringContaining('C-103: Chidi Okafor, business') });
    expect(record.verdict).toBe('pass');
  });

  it('gives the same history for the same seed, though the library makes ids of its own', async () => {
    const [a, b] = [await run('transient-errors', 'ai-sdk', 3, 1, true), await run('transient-errors', 'ai-sdk', 3, 1, true)];
    expect(a.historyDigest).toBe(b.historyDigest);
    expect((await run('transient-errors', 'ai-sdk', 4)).historyDigest).not.toBe(a.historyDigest);
  });

  it('reports the step limit as a limit: 20 steps of a runaway loop end with stopReason limit', async () => {
    const record = await run('runaway-loop', 'ai-sdk', 1);
    const events = parseHistory(record.history);
    expect(eventsOf(events, 'model-request')).toHaveLength(20);
    expect(eventsOf(events, 'agent-reply')[0]?.stopReason).toBe('limit');
    expect(check(record, 'tool-budget')?.verdict).toBe('fail');
  });

  it('retries a 529 after its 2 s backoff in virtual time, then throws on a reply cut mid tool input', async () => {
    const record = await run('model-api-faults', 'ai-sdk', 1);
    const events = parseHistory(record.history);
    // The library's sleep is a faked timer: the retry lands exactly 2 000 virtual ms after the 529.
    expect(eventsOf(events, 'model-request').map((r) => r.t)).toEqual([0, 2000]);
    expect(eventsOf(events, 'agent-error')[0]?.message).toMatch(/AI_RetryError: .*non-retryable error: 'Invalid JSON response'/);
    expect(check(record, 'agent-completes')?.verdict).toBe('fail');
    expect(check(record, 'exactly-once')?.message).toMatch(/committed 0 times, intended 1/);
  });

  it('charges three times after errors-after-commit: each 500 reaches the model, which asks again with no idempotency key', async () => {
    const record = await run('error-after-commit', 'ai-sdk', 1);
    const events = parseHistory(record.history);
    const orders = eventsOf(events, 'tool-request');
    // One request per tool_use: the library never retries a tool itself; the model does.
    const uses = eventsOf(events, 'model-response').flatMap((r) => ((r.content ?? []) as Array<{ type: string }>).filter((b) => b.type === 'tool_use'));
    expect(orders).toHaveLength(uses.length);
    expect(orders.map((o) => o.idempotencyKey)).toEqual([null, null, null]);
    expect(eventsOf(events, 'commit')).toHaveLength(3);
    expect(record.history).toContain('"content":"HTTP 500: {\\"error\\":\\"upstream_timeout\\",\\"message\\":\\"upstream request timeout\\"}","is_error":true');
    expect(check(record, 'exactly-once')?.verdict).toBe('fail');
  });

  it('sends a string where the schema says integer: jsonSchema() without validate checks nothing', async () => {
    const record = await run('string-coercion', 'ai-sdk', 1);
    const [request] = eventsOf(parseHistory(record.history), 'tool-request');
    expect(request?.body).toMatchObject({ daily_units: '10' });
    expect(check(record, 'valid-arguments')?.verdict).toBe('fail');
  });
});
