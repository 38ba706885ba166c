import { afterEach, describe, expect, it, vi } from 'vitest';
import { ToolGateway } from '../../../../harness/agents/hardened/gateway.ts';
import type { ToolSpec } from '../../../../harness/agents/types.ts';

const spec = (name: string, effect: ToolSpec['effect'], method: ToolSpec['endpoint']['method']): ToolSpec => ({
  name,
  description: 'd',
  input_schema: { type: 'object' },
  endpoint: { method, url: `https://x.sim/${name}` },
  effect,
});
const tools = [spec('place_order', 'charge', 'POST'), spec('lookup', 'read', 'GET')];
const limits = { toolTimeoutMs: 10_000, attempts: 3, backoffMs: 1, retryAfterMaxMs: 10, breaker: { failuresToOpen: 100, cooldownMs: 60_000 } };

/** A gateway over a stubbed `fetch` that answers every request with the next status of `statuses` (the last one repeats). */
function gatewayAnswering(...statuses: number[]) {
  const sent: string[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    sent.push(`${init.method} ${url} ${init.body ?? ''}`);
    const status = statuses[Math.min(sent.length, statuses.length) - 1] as number;
    return new Response(JSON.stringify(status < 300 ? { ok: true } : { error: `status ${status}` }), { status });
  });
  return { sent, gateway: new ToolGateway(tools, 'token', limits, 'scope') };
}
const signal = () => new AbortController().signal;
const body = (content: string) => JSON.parse(content) as Record<string, unknown>;

afterEach(() => vi.unstubAllGlobals());

describe('hardened gateway: what a run remembers of a call', () => {
  it("counts an effect's attempts over the whole run: the model asking again after three is answered from memory", async () => {
    const { sent, gateway } = gatewayAnswering(500);
    const first = await gateway.call('place_order', { sku: 'A1', quantity: 40 }, signal());
    expect(body(first.content)).toMatchObject({ error: 'outcome_unknown', message: expect.stringContaining('after 3 attempts') });
    expect(sent).toHaveLength(3);
    // The same call in another key order is the same call (canonical input).
    const again = await gateway.call('place_order', { quantity: 40, sku: 'A1' }, signal());
    expect(sent).toHaveLength(3);
    expect(again).toMatchObject({ ok: false, effectful: true, indeterminate: true });
    expect(body(again.content)).toMatchObject({ error: 'attempts_exhausted', retryable: false, message: expect.stringContaining('already sent 3 times in this run') });
    // Another call is another budget.
    await gateway.call('place_order', { sku: 'A1', quantity: 4 }, signal());
    expect(sent).toHaveLength(6);
  });

  it("lets the model's re-ask use what is left of an effect's attempts, no more", async () => {
    const { sent, gateway } = gatewayAnswering(500, 500, 201, 201);
    expect((await gateway.call('place_order', { sku: 'A1' }, signal())).ok).toBe(true);
    expect((await gateway.call('place_order', { sku: 'A1' }, signal())).ok).toBe(false);
    expect(sent).toHaveLength(3);
  });

  it('never sends a call again once it got a permanent error, and says so', async () => {
    const { sent, gateway } = gatewayAnswering(404, 200);
    expect(body((await gateway.call('lookup', { id: 'C-207' }, signal())).content)).toMatchObject({ error: 'rejected', status: 404 });
    const again = await gateway.call('lookup', { id: 'C-207' }, signal());
    expect(sent).toHaveLength(1);
    expect(again).toMatchObject({ ok: false, effectful: false });
    expect(body(again.content)).toMatchObject({ error: 'rejected_before', status: 404, retryable: false, message: expect.stringContaining('permanent error (HTTP 404') });
    expect(body(again.content).hint).toMatch(/Do not retry/);
    // Other arguments are another call.
    expect((await gateway.call('lookup', { id: 'C-101' }, signal())).ok).toBe(true);
  });

  it('remembers a permanent error of an effect too, but retries a 4xx that may pass later (425 Too Early, in the one status table)', async () => {
    const { sent, gateway } = gatewayAnswering(422);
    await gateway.call('place_order', { sku: 'A1' }, signal());
    expect(body((await gateway.call('place_order', { sku: 'A1' }, signal())).content)).toMatchObject({ error: 'rejected_before', status: 422 });
    expect(sent).toHaveLength(1);
    const early = gatewayAnswering(425, 200);
    expect((await early.gateway.call('lookup', { id: 'C-101' }, signal())).ok).toBe(true);
    expect(early.sent).toHaveLength(2);
  });

  it('gives a read asked for again a fresh set of attempts (repeating a read is harmless)', async () => {
    const { sent, gateway } = gatewayAnswering(503, 503, 503, 200);
    expect(body((await gateway.call('lookup', { id: 'C-101' }, signal())).content)).toMatchObject({ error: 'unavailable', retryable: true });
    expect((await gateway.call('lookup', { id: 'C-101' }, signal())).ok).toBe(true);
    expect(sent).toHaveLength(4);
  });
});
