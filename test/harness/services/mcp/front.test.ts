import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { describe, expect, it } from 'vitest';
import { callEndpoint } from '../../../../harness/agents/http.ts';
import type { AgentEnv, AgentTask } from '../../../../harness/agents/types.ts';
import { runOne } from '../../../../harness/runner/run-one.ts';
import { IDEMPOTENCY_META } from '../../../../harness/services/mcp/call.ts';
import type { RunRecord } from '../../../../harness/runner/record.ts';
import type { Scenario } from '../../../../scenarios/schema.ts';
import { defineService, json } from '../../../../harness/services/define.ts';
import type { ServiceReply } from '../../../../harness/services/types.ts';
import { baseScenario, scenarioWith } from '../../../fixtures/services/inline.ts';
import { catalogue } from '../../../helpers.ts';

const base = catalogue.get('dropped-ack') as Scenario;

/** Runs `base` with `faults`, handing the run's env to `probe`; what it returns, and the run's record. */
async function probe<T>(faults: unknown[], use: (env: AgentEnv, task: AgentTask) => Promise<T>, scenario: Scenario = base): Promise<{ out: T; record: RunRecord }> {
  let out: T | undefined;
  const agent = { name: 'probe', run: async (task: AgentTask, env: AgentEnv) => ((out = await use(env, task)), { text: 'done' }) };
  const record = await runOne({ scenario: { ...scenario, transport: 'mcp', faults } as Scenario, agent, agentRef: 'probe', seed: 1, trial: 1, intercept: false });
  return { out: out as T, record };
}

async function connect(env: AgentEnv, server = 0): Promise<Client> {
  const client = new Client({ name: 'probe', version: '1.0.0' });
  const url = env.mcp?.servers[server]?.url as string;
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { authorization: `Bearer ${env.credential}` } } }));
  return client;
}

/** A scenario over a service `id` whose each POST route `/name` answers as `replies[name]`, the endpoint of a read tool of that name. */
function readTools(id: string, replies: Record<string, () => ServiceReply>): Scenario {
  const service = defineService({ id, host: `https://${id}.sim`, routes: Object.entries(replies).map(([name, handle]) => ({ method: 'POST' as const, path: `/${name}`, handle })) });
  const tool = (name: string) => ({ name, description: name, input_schema: { type: 'object' as const, properties: {} }, endpoint: { method: 'POST' as const, url: `https://${id}.sim/${name}` }, effect: 'read' as const });
  const names = Object.keys(replies);
  return scenarioWith({ ...baseScenario(tool(names[0] as string), { [id]: {} }), tools: names.map(tool) }, service);
}

const order = { name: 'place_order', arguments: { sku: 'A1', quantity: 40 } };
const events = (record: RunRecord, type: string) =>
  record.history
    .split('\n')
    .filter((l) => l.includes(`"type":"${type}"`))
    .map((l) => JSON.parse(l));

describe('the MCP server of a simulated service', () => {
  it('lists the tools that reach the service and is named in env.mcp', async () => {
    const { out } = await probe([], async (env) => ({ servers: env.mcp?.servers, tools: (await (await connect(env)).listTools()).tools }));
    expect(out.servers).toEqual([{ name: 'orders', url: 'https://orders.sim/mcp', tools: ['place_order', 'list_orders'] }]);
    expect(out.tools.map((t) => [t.name, t.inputSchema])).toEqual(base.tools.map((t) => [t.name, t.input_schema]));
  });

  it('a tools/call is a request on the route: the user as principal, the ledger, a 2xx as content', async () => {
    const { out, record } = await probe([], async (env) => (await connect(env)).callTool(order));
    expect(out.isError).toBeFalsy();
    expect(JSON.parse((out.content as Array<{ text: string }>)[0]?.text ?? '')).toMatchObject({ sku: 'A1', quantity: 40 });
    expect(out.structuredContent).toMatchObject({ sku: 'A1' });
    expect(events(record, 'tool-request')).toMatchObject([{ route: 'place_order', principal: 'user:requester', body: { sku: 'A1', quantity: 40 } }]);
    expect(events(record, 'commit')).toHaveLength(1);
    expect(events(record, 'mcp')).toMatchObject([{ service: 'orders', event: 'initialize' }]);
  });

  it("an idempotency key in the call's _meta reaches the service as its Idempotency-Key: a repeat commits nothing more", async () => {
    const keyed = { ...order, _meta: { [IDEMPOTENCY_META]: 'order-1' } };
    const { record } = await probe([], async (env) => {
      const client = await connect(env);
      return [await client.callTool(keyed), await client.callTool(keyed)];
    });
    expect(events(record, 'tool-request').map((e) => e.idempotencyKey)).toEqual(['order-1', 'order-1']);
    expect(events(record, 'commit')).toHaveLength(1);
  });

  it("says how to send an idempotency key where an MCP client looks: the instructions, each keyed tool's _meta, and annotations from its effect", async () => {
    const { out } = await probe([], async (env) => {
      const client = await connect(env);
      return { instructions: client.getInstructions(), tools: (await client.listTools()).tools };
    });
    expect(out.instructions).toContain(`'${IDEMPOTENCY_META}'`);
    const [place, list] = [out.tools.find((t) => t.name === 'place_order'), out.tools.find((t) => t.name === 'list_orders')];
    expect(place?._meta).toEqual({ 'io.faultline/idempotency': { key: IDEMPOTENCY_META } });
    expect(place?.annotations).toEqual({ readOnlyHint: false, destructiveHint: false, idempotentHint: false });
    // A read takes no key: a GET is never deduplicated.
    expect(list?._meta).toBeUndefined();
    expect(list?.annotations).toEqual({ readOnlyHint: true });
  });

  it('a tool result carries what an HTTP client reads of the same reply: no text for a 204, a Retry-After in any case', async () => {
    const scenario = readTools('slow', {
      ack: () => ({ status: 204, body: { ignored: true } }),
      busy: () => ({ status: 503, body: { error: 'busy' }, headers: { 'RETRY-AFTER': '7' } }),
    });
    const { out } = await probe(
      [],
      async (env) => {
        const client = await connect(env);
        const http = await fetch('https://slow.sim/ack', { method: 'POST', headers: { authorization: `Bearer ${env.credential}` } });
        return { ack: await client.callTool({ name: 'ack', arguments: {} }), httpText: await http.text(), busy: await client.callTool({ name: 'busy', arguments: {} }) };
      },
      scenario,
    );
    expect(out.httpText).toBe('');
    expect(out.ack.content).toEqual([{ type: 'text', text: '' }]);
    expect(out.ack.structuredContent).toBeUndefined();
    expect((out.busy.content as Array<{ text: string }>)[0]?.text).toBe('HTTP 503 (Retry-After: 7): {"error":"busy"}');
    expect(out.busy._meta).toEqual({ 'io.faultline/http-status': 503, 'io.faultline/retry-after-s': 7 });
  });

  it("reads a reply's header values as an HTTP client does: a number from a JavaScript service as text, padding trimmed", async () => {
    // What a service written in JavaScript may answer (a header value the type says is a string).
    const headers = { 'Retry-After': 7 } as unknown as Record<string, string>;
    const scenario = readTools('busy', {
      number: () => ({ status: 429, body: { error: 'busy' }, headers }),
      padded: () => ({ status: 503, body: { error: 'busy' }, headers: { 'retry-after': ' 3 ' } }),
    });
    const { out } = await probe(
      [],
      async (env) => {
        const client = await connect(env);
        const init = { method: 'POST', headers: { authorization: `Bearer ${env.credential}` } };
        const http = [(await fetch('https://busy.sim/number', init)).headers.get('retry-after'), (await fetch('https://busy.sim/padded', init)).headers.get('retry-after')];
        const call = (name: string) => client.callTool({ name, arguments: {} }).catch((e: Error) => ({ content: [{ type: 'text', text: e.message }], _meta: {} }));
        return { http, number: await call('number'), padded: await call('padded') };
      },
      scenario,
    );
    expect(out.http).toEqual(['7', '3']);
    expect((out.number.content as Array<{ text: string }>)[0]?.text).toBe('HTTP 429 (Retry-After: 7): {"error":"busy"}');
    expect(out.number._meta).toEqual({ 'io.faultline/http-status': 429, 'io.faultline/retry-after-s': 7 });
    expect((out.padded.content as Array<{ text: string }>)[0]?.text).toBe('HTTP 503 (Retry-After: 3): {"error":"busy"}');
  });

  describe('a service keyed on a field of the arguments (idempotency: { field })', () => {
    const books = defineService({
      id: 'books',
      host: 'https://books.sim',
      idempotency: { field: 'refund_id' },
      routes: [{ method: 'POST', path: '/refunds', handle: (call) => (call.commit('refund', { amount_cents: call.input.amount_cents }), json(201, { refunded: call.input.amount_cents })) }],
    });
    const refund = {
      name: 'refund',
      description: 'Refund an amount, in cents.',
      input_schema: { type: 'object' as const, properties: { refund_id: { type: 'string' }, amount_cents: { type: 'integer' } }, required: ['amount_cents'] },
      endpoint: { method: 'POST' as const, url: 'https://books.sim/refunds' },
      effect: 'charge' as const,
    };
    const scenario = scenarioWith(baseScenario(refund, { books: {} }, { amount_cents: 500 }), books);
    const call = (args: Record<string, unknown>, key?: string) => ({ name: 'refund', arguments: args, ...(key ? { _meta: { [IDEMPOTENCY_META]: key } } : {}) });

    it('lists the field its key goes in; a _meta key fills that field, so a repeat commits once', async () => {
      const { out, record } = await probe(
        [],
        async (env) => {
          const client = await connect(env);
          const listed = (await client.listTools()).tools[0]?._meta;
          await client.callTool(call({ amount_cents: 500 }, 'k-1'));
          await client.callTool(call({ amount_cents: 500 }, 'k-1'));
          return listed;
        },
        scenario,
      );
      expect(out).toEqual({ 'io.faultline/idempotency': { key: IDEMPOTENCY_META, field: 'refund_id' } });
      expect(events(record, 'tool-request').map((e) => [e.idempotencyKey, e.body])).toEqual([
        ['k-1', { amount_cents: 500, refund_id: 'k-1' }],
        ['k-1', { amount_cents: 500, refund_id: 'k-1' }],
      ]);
      expect(events(record, 'commit')).toHaveLength(1);
    });

    it('a _meta key that disagrees with the field the arguments carry is refused (-32602), never dropped', async () => {
      const { out, record } = await probe(
        [],
        async (env) =>
          (await connect(env)).callTool(call({ amount_cents: 500, refund_id: 'r-1' }, 'k-1')).then(
            () => undefined,
            (e: { code?: number; message: string }) => [e.code, e.message],
          ),
        scenario,
      );
      expect(out?.[0]).toBe(-32602);
      expect(out?.[1]).toMatch(/refund_id/);
      expect(events(record, 'tool-request')).toEqual([]);
    });
  });

  it('an error status is a tool result with isError; a reset fails the HTTP request itself', async () => {
    const status = await probe([{ fault: 'error-status', tool: 'place_order', status: 503, when: {} }], async (env) => (await connect(env)).callTool(order));
    expect(status.out.isError).toBe(true);
    expect(JSON.stringify(status.out.content)).toContain('HTTP 503: ');
    expect(status.out._meta).toEqual({ 'io.faultline/http-status': 503 });
    const later = await probe([{ fault: 'error-status', tool: 'place_order', status: 429, retryAfterS: 5, when: {} }], async (env) => (await connect(env)).callTool(order));
    expect((later.out.content as Array<{ text: string }>)[0]?.text).toMatch(/^HTTP 429 \(Retry-After: 5\): \{/);
    expect(later.out._meta).toEqual({ 'io.faultline/http-status': 429, 'io.faultline/retry-after-s': 5 });
    const reset = await probe([{ fault: 'connection-reset', tool: 'place_order', when: {}, commit: false }], async (env) =>
      (await connect(env)).callTool(order).then(
        () => 'answered',
        (e: Error) => e.message,
      ),
    );
    expect(reset.out).toMatch(/fetch failed|Failed to fetch/i);
  });

  it('mcp-error answers a JSON-RPC error or a tool result with isError; an unknown tool is a JSON-RPC error', async () => {
    const rpc = await probe([{ fault: 'mcp-error', tool: 'place_order', when: {}, as: 'jsonrpc', code: -32603, commit: false }], async (env) =>
      (await connect(env)).callTool(order).then(
        () => undefined,
        (e: { code?: number }) => e.code,
      ),
    );
    expect(rpc.out).toBe(-32603);
    const tool = await probe([{ fault: 'mcp-error', tool: 'place_order', when: {}, as: 'tool', code: -32603, commit: true }], async (env) => (await connect(env)).callTool(order));
    expect(tool.out.isError).toBe(true);
    expect(events(tool.record, 'commit')).toHaveLength(1);
    const unknown = await probe([], async (env) =>
      (await connect(env)).callTool({ name: 'nope', arguments: {} }).then(
        () => undefined,
        (e: { code?: number }) => e.code,
      ),
    );
    expect(unknown.out).toBe(-32602);
  });

  it('MCP faults strike only calls made over MCP: the same tool called over HTTP meets none', async () => {
    const { record } = await probe([{ fault: 'mcp-lost-response', tool: 'place_order', when: {}, commit: true }], async (env, task) => {
      const spec = task.tools.find((t) => t.name === 'place_order');
      return spec && (await callEndpoint(spec, order.arguments, { credential: env.credential })).status;
    });
    expect(record.faultsStruck).toEqual({ struck: 0, declared: 1 });
    expect(events(record, 'tool-complete')).toMatchObject([{ outcome: 'ok', status: 201 }]);
  });

  it('a hung call the client gives up on: its notifications/cancelled is recorded and ends the request on the route', async () => {
    const { out, record } = await probe([{ fault: 'mcp-hang', tool: 'place_order', when: {} }], async (env) =>
      (await connect(env)).callTool(order, undefined, { timeout: 1_000 }).then(
        () => undefined,
        (e: { code?: number }) => e.code,
      ),
    );
    expect(out).toBe(-32001);
    expect(events(record, 'mcp').map((e) => e.event)).toEqual(['initialize', 'cancelled']);
    const [request] = events(record, 'tool-request');
    expect(events(record, 'tool-complete')).toMatchObject([{ id: request.id, outcome: 'info', status: null, t: request.t + 1_000 }]);
    expect(events(record, 'commit')).toEqual([]);
  });

  it('a call held by mcp-hang that the client cancelled is not run when the hold ends: nothing commits', async () => {
    const { record } = await probe([{ fault: 'mcp-hang', tool: 'place_order', when: {}, delayMs: 60_000 }], async (env) => {
      const client = await connect(env);
      const first = await client.callTool(order, undefined, { timeout: 1_000 }).catch((e: { code?: number }) => e.code);
      // Stay until the hold is long over, as an agent with more to do would.
      await new Promise((r) => setTimeout(r, 90_000));
      return first;
    });
    expect(events(record, 'mcp').map((e) => e.event)).toEqual(['initialize', 'cancelled']);
    expect(events(record, 'commit')).toEqual([]);
    expect(events(record, 'tool-complete')).toMatchObject([{ outcome: 'info', status: null }]);
  });

  it('a call held by mcp-hang for less than the client waits runs when the hold ends', async () => {
    const { out, record } = await probe([{ fault: 'mcp-hang', tool: 'place_order', when: {}, delayMs: 500 }], async (env) => (await connect(env)).callTool(order, undefined, { timeout: 1_000 }));
    expect(out.isError).toBeFalsy();
    expect(events(record, 'commit')).toHaveLength(1);
  });

  it('an expired session is answered 404 until the client initializes again', async () => {
    const { out, record } = await probe([{ fault: 'mcp-session-expired', tool: 'place_order', when: { first: 1 } }], async (env) => {
      const first = await (await connect(env)).callTool(order).then(
        () => 'answered',
        (e: { code?: number }) => e.code,
      );
      const again = await (await connect(env)).callTool(order);
      return { first, again: again.isError === true };
    });
    expect(out).toEqual({ first: 404, again: false });
    expect(events(record, 'mcp').map((e) => e.event)).toEqual(['initialize', 'session-expired', 'initialize']);
    expect(events(record, 'commit')).toHaveLength(1);
    // The 404 is the MCP server's: the route saw one request, the one that committed.
    expect(events(record, 'tool-request')).toHaveLength(1);
    expect(events(record, 'tool-complete')).toMatchObject([{ status: 201 }]);
    expect(events(record, 'fault')).toMatchObject([{ fault: 'mcp-session-expired', target: events(record, 'mcp')[1].session }]);
  });

  it('outside a session: a GET is 405, a request with an unknown session id 404', async () => {
    const { out } = await probe([], async (env) => {
      const url = env.mcp?.servers[0]?.url as string;
      const get = await fetch(url, { headers: { accept: 'text/event-stream' } });
      const post = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-session-id': 'mcp_gone' }, body: '{"jsonrpc":"2.0","id":1,"method":"tools/list"}' });
      return [get.status, post.status];
    });
    expect(out).toEqual([405, 404]);
  });

  it('mcp-tools-changed: the reply takes the new shape while the listing keeps the old, undeclared (no list_changed)', async () => {
    const drift = catalogue.get('mcp-schema-drift') as Scenario;
    const { out, record } = await probe(
      drift.faults,
      async (env) => {
        const client = await connect(env);
        const before = (await client.listTools()).tools[0]?.outputSchema;
        const result = await client.request({ method: 'tools/call', params: { name: 'lookup_episode', arguments: { episode_id: 'EP-212' } } }, (await import('@modelcontextprotocol/sdk/types.js')).CallToolResultSchema);
        const after = (await client.listTools()).tools[0]?.outputSchema;
        return { before: Object.keys(before?.properties ?? {}), after: Object.keys(after?.properties ?? {}), structured: result.structuredContent };
      },
      drift,
    );
    expect(out.before).toContain('primary');
    expect(out.after).toEqual(out.before);
    expect(out.structured).toMatchObject({ speakers: ['Mara Quist', 'Dev Anand'] });
    expect(events(record, 'mcp').map((e) => e.event)).toEqual(['initialize']);
    expect(events(record, 'fault')).toHaveLength(1);
  });

  it('the same seed gives the same history, session ids included', async () => {
    const go = () => probe([], async (env) => (await connect(env)).callTool(order));
    const [a, b] = [await go(), await go()];
    expect(a.record.history).toBe(b.record.history);
    expect(a.record.history).toMatch(/"session":"mcp_\w{24}"/);
  });
});
