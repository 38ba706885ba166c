import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { hardened } from '../../../harness/agents/hardened/index.ts';
import { naive } from '../../../harness/agents/naive.ts';
import type { Agent, ToolSpec } from '../../../harness/agents/types.ts';
import { defineService, json, problem, type ServiceCall, type ServiceDefinition } from '../../../harness/services/define.ts';
import { baseScenario, run, scenarioWith, sender } from '../../fixtures/services/inline.ts';

// defineService end to end: a service declared in the test, a scenario naming it, and in-process
// runs whose history shows what the service did (a commit) and did not do (a refused request).

const HOST = 'https://api.books.example';

const getInvoice: ToolSpec = {
  name: 'get_invoice',
  description: 'Read one invoice by id.',
  input_schema: { type: 'object', properties: { invoice_id: { type: 'string' } }, required: ['invoice_id'], additionalProperties: false },
  endpoint: { method: 'GET', url: `${HOST}/invoices/:invoice_id` },
  effect: 'read',
};

const payInvoice: ToolSpec = {
  name: 'pay_invoice',
  description: 'Pay an amount of an invoice, in cents.',
  input_schema: { type: 'object', properties: { invoice_id: { type: 'string' }, amount_cents: { type: 'integer' } }, required: ['invoice_id', 'amount_cents'], additionalProperties: false },
  endpoint: { method: 'POST', url: `${HOST}/invoices/:invoice_id/payments` },
  effect: 'charge',
};

const refund: ToolSpec = {
  name: 'refund',
  description: 'Refund an amount, in cents.',
  input_schema: { type: 'object', properties: { refund_id: { type: 'string' }, amount_cents: { type: 'integer' } }, required: ['amount_cents'], additionalProperties: false },
  endpoint: { method: 'POST', url: `${HOST}/refunds` },
  effect: 'charge',
};

/** A refunds service that commits every refund it makes and counts how often its handler ran. */
function refunds(options: Pick<ServiceDefinition, 'idempotency'> = {}) {
  const handled: string[] = [];
  const definition = defineService({
    id: 'books',
    host: HOST,
    ...options,
    routes: [
      {
        method: 'POST',
        path: '/refunds',
        handle(call) {
          handled.push(call.id);
          const refund_id = call.newId('re_', 8);
          call.commit('refund', { refund_id, amount_cents: call.input.amount_cents });
          return json(201, { refund_id, request: call.id });
        },
      },
    ],
  });
  return { definition, handled };
}

describe('a route with :param segments', () => {
  // What the handler saw, request by request.
  const seen: Pick<ServiceCall<unknown>, 'params' | 'input' | 'url'>[] = [];
  const books = defineService({
    id: 'books',
    host: HOST,
    routes: [
      { method: 'GET', path: '/invoices/:invoice_id', handle: ({ params, input, url }) => (seen.push({ params, input, url }), json(200, { invoice_id: params.invoice_id, total_cents: 900 })) },
      { method: 'POST', path: '/invoices/:invoice_id/payments', handle: ({ params, input, url }) => (seen.push({ params, input, url }), json(201, { paid: input.amount_cents })) },
    ],
  });
  const input = {
    ...baseScenario(getInvoice, { books: {} }),
    tools: [getInvoice, payInvoice],
    model: {
      persona: 'diligent',
      plan: [{ call: [{ name: 'get_invoice', input: { invoice_id: 'inv-7' } }] }, { call: [{ name: 'pay_invoice', input: { invoice_id: 'inv-7', amount_cents: 900 } }] }],
      answer: 'sent',
    },
  };

  it('gets the params and an input holding them; the hardened agent fills the path from the input; the log has the concrete URL under the tool name', async () => {
    seen.length = 0;
    const { of } = await run(scenarioWith(input, books), hardened);
    // callEndpoint took invoice_id out of the input into the path: the GET's query is empty and the POST's body has only the amount.
    expect(seen.map((s) => s.params)).toEqual([{ invoice_id: 'inv-7' }, { invoice_id: 'inv-7' }]);
    expect(seen.map((s) => s.input)).toEqual([{ invoice_id: 'inv-7' }, { amount_cents: 900, invoice_id: 'inv-7' }]);
    expect(seen[1]!.url).toBe(`${HOST}/invoices/inv-7/payments`);
    // The request log names the scenario's tool (not the service's `GET /invoices/:invoice_id`) and the URL as requested.
    expect(of('tool-request').map((r) => [r.route, r.method, r.url, r.body])).toEqual([
      ['get_invoice', 'GET', `${HOST}/invoices/inv-7`, { invoice_id: 'inv-7' }],
      ['pay_invoice', 'POST', `${HOST}/invoices/inv-7/payments`, { amount_cents: 900, invoice_id: 'inv-7' }],
    ]);
    expect(of('tool-complete').map((c) => c.status)).toEqual([200, 201]);
  });

  it('merges a GET query with the params, and a URL the pattern does not match never reaches the handler', async () => {
    seen.length = 0;
    const { agent, replies } = sender([
      { method: 'GET', url: `${HOST}/invoices/inv-9?expand=lines` },
      // One segment too many: /invoices/:invoice_id does not match it, so the hermetic handler refuses it.
      { method: 'GET', url: `${HOST}/invoices/inv-9/extra` },
    ]);
    const { of } = await run(scenarioWith(input, books), agent);
    expect(replies[0]).toEqual([
      { status: 200, body: { invoice_id: 'inv-9', total_cents: 900 } },
      { status: 0, body: 'Failed to fetch' },
    ]);
    expect(of('unhandled-request')).toMatchObject([{ method: 'GET', url: `${HOST}/invoices/inv-9/extra` }]);
    expect(seen).toEqual([{ params: { invoice_id: 'inv-9' }, input: { expand: 'lines', invoice_id: 'inv-9' }, url: `${HOST}/invoices/inv-9?expand=lines` }]);
    // The log's URL drops the query string; the arguments keep it.
    expect(of('tool-request')[0]).toMatchObject({ route: 'get_invoice', url: `${HOST}/invoices/inv-9`, body: { expand: 'lines', invoice_id: 'inv-9' } });
  });
});

describe('idempotency', () => {
  const scenario = (definition: ServiceDefinition) => scenarioWith(baseScenario(refund, { books: {} }, { amount_cents: 500 }), definition);
  const post = (body: Record<string, unknown>, headers?: Record<string, string>) => ({ method: 'POST' as const, url: `${HOST}/refunds`, body, ...(headers ? { headers } : {}) });

  it('{ field }: a repeat with the same field value gets the stored reply and commits once; another value commits again', async () => {
    const { definition, handled } = refunds({ idempotency: { field: 'refund_id' } });
    const { agent, replies } = sender([post({ refund_id: 'r-1', amount_cents: 500 }), post({ refund_id: 'r-1', amount_cents: 500 }), post({ refund_id: 'r-2', amount_cents: 500 })]);
    const { of } = await run(scenario(definition), agent);
    const [first, again, other] = replies[0]!;
    // The stored reply, byte for byte: the same refund id and the first request's id.
    expect(again).toEqual(first);
    expect(first).toMatchObject({ status: 201, body: { request: 'req_1' } });
    expect(other).toMatchObject({ status: 201, body: { request: 'req_3' } });
    expect(handled).toEqual(['req_1', 'req_3']);
    expect(of('commit').map((c) => c.id)).toEqual(['req_1', 'req_3']);
    // The key is the field's value, whatever headers came with it.
    expect(of('tool-request').map((r) => r.idempotencyKey)).toEqual(['r-1', 'r-1', 'r-2']);
  });

  it('{ field }: requests without the field are not deduplicated', async () => {
    const { definition } = refunds({ idempotency: { field: 'refund_id' } });
    const { agent } = sender([post({ amount_cents: 500 }, { 'idempotency-key': 'k-1' }), post({ amount_cents: 500 }, { 'idempotency-key': 'k-1' })]);
    const { of } = await run(scenario(definition), agent);
    // The header is not this service's key: both requests commit.
    expect(of('tool-request').map((r) => r.idempotencyKey)).toEqual([null, null]);
    expect(of('commit')).toHaveLength(2);
  });

  it('true: the Idempotency-Key header dedupes; a request without one does not', async () => {
    const { definition, handled } = refunds({ idempotency: true });
    const { agent, replies } = sender([post({ amount_cents: 500 }, { 'Idempotency-Key': 'k-1' }), post({ amount_cents: 500 }, { 'Idempotency-Key': 'k-1' }), post({ amount_cents: 500 }), post({ amount_cents: 500 })]);
    const { of } = await run(scenario(definition), agent);
    expect(replies[0]![1]).toEqual(replies[0]![0]);
    expect(handled).toEqual(['req_1', 'req_3', 'req_4']);
    expect(of('commit').map((c) => c.id)).toEqual(['req_1', 'req_3', 'req_4']);
  });

  it('{ header }: the header named is the key, and the usual one is ignored', async () => {
    const { definition } = refunds({ idempotency: { header: 'X-Request-Key' } });
    const { agent } = sender([
      post({ amount_cents: 500 }, { 'x-request-key': 'a' }),
      post({ amount_cents: 500 }, { 'x-request-key': 'a' }),
      post({ amount_cents: 500 }, { 'idempotency-key': 'b' }),
      post({ amount_cents: 500 }, { 'idempotency-key': 'b' }),
    ]);
    const { of } = await run(scenario(definition), agent);
    expect(of('tool-request').map((r) => r.idempotencyKey)).toEqual(['a', 'a', null, null]);
    expect(of('commit').map((c) => c.id)).toEqual(['req_1', 'req_3', 'req_4']);
  });

  it('none: the same request with the same key twice commits twice', async () => {
    const { definition, handled } = refunds();
    const { agent, replies } = sender([post({ refund_id: 'r-1', amount_cents: 500 }, { 'idempotency-key': 'k-1' }), post({ refund_id: 'r-1', amount_cents: 500 }, { 'idempotency-key': 'k-1' })]);
    const { of } = await run(scenario(definition), agent);
    expect(handled).toEqual(['req_1', 'req_2']);
    expect(of('commit')).toHaveLength(2);
    expect(replies[0]![1]).not.toEqual(replies[0]![0]);
  });

  it('a 5xx reply is not stored: the repeat of a failed request runs the handler again (as Stripe does)', async () => {
    let calls = 0;
    const flaky = defineService({
      id: 'books',
      host: HOST,
      idempotency: true,
      routes: [{ method: 'POST', path: '/refunds', handle: (call) => (++calls === 1 ? problem(503, 'unavailable', 'try later') : (call.commit('refund', {}), json(201, { ok: true }))) }],
    });
    const { agent, replies } = sender([post({ amount_cents: 500 }, { 'idempotency-key': 'k' }), post({ amount_cents: 500 }, { 'idempotency-key': 'k' }), post({ amount_cents: 500 }, { 'idempotency-key': 'k' })]);
    const { of } = await run(scenario(flaky), agent);
    // 503, then the handler runs again (201), then that 201 is replayed without running it.
    expect(replies[0]!.map((r) => r.status)).toEqual([503, 201, 201]);
    expect(calls).toBe(2);
    expect(of('commit').map((c) => c.id)).toEqual(['req_2']);
  });
});

describe("auth: 'bearer'", () => {
  const principals: string[] = [];
  const notes = defineService({
    id: 'books',
    host: HOST,
    auth: 'bearer',
    routes: [
      { method: 'POST', path: '/refunds', handle: (call) => (principals.push(call.principal.id), call.commit('refund', { by: call.principal.id }), json(201, { ok: true })) },
      // Anyone may ask whether the service is up.
      { method: 'GET', path: '/status', auth: 'none', handle: (call) => (principals.push(call.principal.id), json(200, { up: true })) },
    ],
  });
  const scenario = () => scenarioWith(baseScenario(refund, { books: {} }, { amount_cents: 1 }), notes);

  it('answers a request with no token or an unknown one 401 unauthorized, without running the handler', async () => {
    principals.length = 0;
    const { agent, replies } = sender([
      { method: 'POST', url: `${HOST}/refunds`, body: { amount_cents: 1 }, token: 'none' },
      { method: 'POST', url: `${HOST}/refunds`, body: { amount_cents: 1 }, token: 'bogus' },
    ]);
    const { of } = await run(scenario(), agent);
    expect(replies[0]).toEqual([
      { status: 401, body: { error: 'unauthorized', message: 'a valid bearer token is required' } },
      { status: 401, body: { error: 'unauthorized', message: 'a valid bearer token is required' } },
    ]);
    expect(principals).toEqual([]);
    expect(of('commit')).toEqual([]);
    expect(of('tool-request').map((r) => r.principal)).toEqual(['anonymous', 'invalid']);
  });

  it("lets the run's user through, and answers anyone on a route with auth: 'none'", async () => {
    principals.length = 0;
    const { agent, replies } = sender([
      { method: 'POST', url: `${HOST}/refunds`, body: { amount_cents: 1 } },
      { method: 'GET', url: `${HOST}/status`, token: 'none' },
    ]);
    const { of } = await run(scenario(), agent);
    expect(replies[0]!.map((r) => r.status)).toEqual([201, 200]);
    expect(principals).toEqual(['user:requester', 'anonymous']);
    expect(of('commit').map((c) => c.effect)).toEqual([{ by: 'user:requester' }]);
  });
});

describe('init', () => {
  // A counter the handler bumps: its state lives in the run, so a second run starts from the seed again.
  const counter = (init?: (seed: { start: number }) => { count: number }) =>
    defineService<{ start: number }, { count: number; start?: number }>({
      id: 'books',
      host: HOST,
      seed: z.object({ start: z.number() }),
      ...(init ? { init } : {}),
      routes: [{ method: 'POST', path: '/refunds', handle: ({ state }) => json(200, { count: (state.count = (state.count ?? state.start ?? 0) + 1) }) }],
    });
  const bump = { method: 'POST' as const, url: `${HOST}/refunds`, body: { amount_cents: 1 } };

  it('runs once per run: what one run changed is not seen by the next', async () => {
    const scenario = scenarioWith(
      baseScenario(refund, { books: { start: 10 } }),
      counter((seed) => ({ count: seed.start })),
    );
    const { agent, replies } = sender([bump, bump]);
    await run(scenario, agent);
    await run(scenario, agent);
    // Within a run the state carries from one request to the next; each run starts at the seed's 10.
    expect(replies.map((r) => r.map((x) => x.body))).toEqual([
      [{ count: 11 }, { count: 12 }],
      [{ count: 11 }, { count: 12 }],
    ]);
  });

  it('defaults to a deep copy of the seed, so a handler changing its state never changes the scenario', async () => {
    const scenario = scenarioWith(baseScenario(refund, { books: { start: 10 } }), counter());
    const { agent, replies } = sender([bump]);
    await run(scenario, agent);
    await run(scenario, agent);
    expect(replies.map((r) => r[0]!.body)).toEqual([{ count: 11 }, { count: 11 }]);
    expect(scenario.services.books).toEqual({ start: 10 });
  });
});

describe('a service failing: a response schema broken, a handler throwing', () => {
  const invoiceBody = z.object({ invoice_id: z.string(), total_cents: z.number().int() });
  const books = (handle: () => ReturnType<typeof json>) => defineService({ id: 'books', host: HOST, routes: [{ method: 'GET', path: '/invoices/:invoice_id', response: invoiceBody, handle }] });
  // Several checks, so "every check" means more than one.
  const input = { ...baseScenario(getInvoice, { books: {} }, { invoice_id: 'inv-7' }), checks: ['agent-completes', 'goal', 'tool-budget'] };

  it('a 2xx body outside `response`: a service-error naming the service and route, a 500 to the agent, the run an error judged by nothing', async () => {
    const { record, of } = await run(
      scenarioWith(
        input,
        books(() => json(200, { invoice_id: 'inv-7', total_cents: 'nine' })),
      ),
      hardened,
    );
    const [error] = of('service-error');
    expect(error).toMatchObject({ service: 'books', route: 'get_invoice' });
    expect(error!.message).toContain('books, GET /invoices/:invoice_id');
    expect(error!.message).toMatch(/outside its response schema: total_cents: .*number/);
    expect(of('tool-complete')[0]).toMatchObject({ status: 500, body: { error: 'service_error' } });
    expect(record.verdict).toBe('error');
    expect(record.checks.map((c) => c.id)).toEqual(['agent-completes', 'goal', 'tool-budget']);
    for (const check of record.checks) {
      expect(check.verdict).toBe('unknown');
      expect(check.message.startsWith('not judged:')).toBe(true);
    }
  });

  it('a 2xx body inside `response`, or a 4xx outside it, is served as it is and the run is judged', async () => {
    const ok = await run(
      scenarioWith(
        input,
        books(() => json(200, { invoice_id: 'inv-7', total_cents: 900 })),
      ),
      hardened,
    );
    expect(ok.of('service-error')).toEqual([]);
    expect(ok.of('tool-complete')[0]).toMatchObject({ status: 200, body: { invoice_id: 'inv-7', total_cents: 900 } });
    expect(ok.record.verdict).toBe('pass');
    expect(ok.record.checks.every((c) => c.verdict === 'pass')).toBe(true);
    // Only success bodies are the schema's: a refusal may say anything.
    const refused = await run(
      scenarioWith(
        input,
        books(() => problem(404, 'not_found', 'no invoice inv-7')),
      ),
      hardened,
    );
    expect(refused.of('service-error')).toEqual([]);
    expect(refused.of('tool-complete')[0]).toMatchObject({ status: 404 });
    expect(refused.record.checks.some((c) => c.message.startsWith('not judged:'))).toBe(false);
  });

  it('a handler that throws: the same, with the thrown message', async () => {
    const { record, of } = await run(
      scenarioWith(
        input,
        books(() => {
          throw new Error('ledger is on fire');
        }),
      ),
      naive,
    );
    const [error] = of('service-error');
    expect(error).toMatchObject({ service: 'books', route: 'get_invoice' });
    expect(error!.message).toContain('books, GET /invoices/:invoice_id threw: ledger is on fire');
    expect(of('tool-complete')[0]).toMatchObject({ status: 500 });
    expect(record.verdict).toBe('error');
    expect(record.checks.every((c) => c.verdict === 'unknown' && c.message === `not judged: ${error!.message}`)).toBe(true);
  });

  it('a handler that returns no reply is the service failing too', async () => {
    const { record, of } = await run(
      scenarioWith(
        input,
        books(() => undefined as never),
      ),
      naive,
    );
    expect(of('service-error')[0]!.message).toContain('answered undefined; a handler returns { status, body }');
    expect(record.verdict).toBe('error');
  });
});

describe('determinism', () => {
  it('the same seed gives a byte-identical history with a service that draws ids from newId; another seed does not', async () => {
    const { definition } = refunds({ idempotency: true });
    const scenario = scenarioWith(baseScenario(refund, { books: {} }, { amount_cents: 500 }), definition);
    const [a, b, c] = [await run(scenario, hardened, 7), await run(scenario, hardened, 7), await run(scenario, hardened, 8)];
    const id = a.of('commit')[0]!.effect.refund_id as string;
    expect(id).toMatch(/^re_\w{8}$/);
    expect(b.record.history).toBe(a.record.history);
    expect(b.record.historyDigest).toBe(a.record.historyDigest);
    // The id is the seed's: another seed draws another.
    expect(c.of('commit')[0]!.effect.refund_id).not.toBe(id);
  });
});

describe('what the review found', () => {
  const summaryTool: ToolSpec = { ...getInvoice, name: 'invoice_summary', description: 'The totals of all invoices.', input_schema: { type: 'object', properties: {} }, endpoint: { method: 'GET', url: `${HOST}/invoices/summary` } };
  const both = defineService({
    id: 'books',
    host: HOST,
    routes: [
      { method: 'GET', path: '/invoices/:invoice_id', handle: ({ params }) => json(200, { invoice_id: params.invoice_id }) },
      { method: 'GET', path: '/invoices/summary', handle: () => json(200, { total: 3 }) },
    ],
  });

  it('names a route by the tool whose endpoint reaches it as fetch does: a pattern is not named by an exact endpoint it happens to match', async () => {
    const input = { ...baseScenario(getInvoice, { books: {} }, { invoice_id: 'inv-1' }), tools: [getInvoice, summaryTool] };
    const { of } = await run(
      scenarioWith(input, both),
      sender([
        { method: 'GET', url: `${HOST}/invoices/inv-1` },
        { method: 'GET', url: `${HOST}/invoices/summary` },
      ]).agent,
    );
    expect(of('tool-request').map((r) => r.route)).toEqual(['get_invoice', 'invoice_summary']);
  });

  it("init gets a copy of the seed: what one run does to its state never reaches the scenario's seed or the next run", async () => {
    const stock = defineService({
      id: 'books',
      host: HOST,
      init: (seed: { left: { n: number } }) => ({ left: seed.left }),
      routes: [{ method: 'POST', path: '/refunds', handle: ({ state }) => (state.left.n > 0 ? (state.left.n--, json(201, { left: state.left.n })) : problem(409, 'none_left', 'none left')) }],
    });
    const scenario = scenarioWith(baseScenario(refund, { books: { left: { n: 1 } } }, { amount_cents: 1 }), stock);
    const send = () => sender([{ method: 'POST', url: `${HOST}/refunds`, body: { amount_cents: 1 } }]);
    const first = send();
    await run(scenario, first.agent);
    const second = send();
    await run(scenario, second.agent);
    expect([first.replies[0]![0]!.status, second.replies[0]![0]!.status]).toEqual([201, 201]);
    expect(scenario.services.books).toEqual({ left: { n: 1 } });
  });

  it('the history keeps what the client saw and what was committed, though the service changes the same objects later', async () => {
    const order = { status: 'open' };
    const live = defineService({
      id: 'books',
      host: HOST,
      routes: [{ method: 'POST', path: '/refunds', handle: ({ commit }) => (commit('seen', order), (order.status = order.status === 'open' ? 'cancelled' : 'open'), json(200, order)) }],
    });
    const { of } = await run(
      scenarioWith(baseScenario(refund, { books: {} }), live),
      sender([
        { method: 'POST', url: `${HOST}/refunds`, body: {} },
        { method: 'POST', url: `${HOST}/refunds`, body: {} },
      ]).agent,
    );
    expect(of('commit').map((c) => c.effect.status)).toEqual(['open', 'cancelled']);
    expect(of('tool-complete').map((c) => (c.body as { status: string }).status)).toEqual(['cancelled', 'open']);
  });

  it('two requests with one idempotency key at once make one effect: the second waits for the first and gets its reply', async () => {
    const { definition, handled } = refunds({ idempotency: true });
    const twice: Agent = {
      name: 'twice',
      async run(_task, env) {
        const send = () => fetch(`${HOST}/refunds`, { method: 'POST', headers: { authorization: `Bearer ${env.credential}`, 'idempotency-key': 'k1', 'content-type': 'application/json' }, body: '{"amount_cents":5}' }).then((r) => r.json());
        const [a, b] = await Promise.all([send(), send()]);
        return { text: JSON.stringify([a, b]) };
      },
    };
    const { of } = await run(scenarioWith(baseScenario(refund, { books: {} }, { amount_cents: 5 }), definition), twice);
    expect(handled).toHaveLength(1);
    expect(of('commit')).toHaveLength(1);
    const [a, b] = JSON.parse(of('agent-reply')[0]!.text);
    expect(b).toEqual(a);
  });
});
