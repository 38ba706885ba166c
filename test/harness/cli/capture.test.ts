import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hardened } from '../../../harness/agents/hardened/index.ts';
import { naive } from '../../../harness/agents/naive.ts';
import { eventsOf, parseHistory } from '../../../harness/history.ts';
import { runOne } from '../../../harness/runner/run-one.ts';
import { fromCapture } from '../../../harness/services/from-capture.ts';
import { builtInRegistry } from '../../../harness/services/registry.ts';
import { validateScenario } from '../../../scenarios/validate.ts';
import teamScenario from '../../fixtures/team/scenarios/refund-lost-reply.ts';
import { tools } from '../../fixtures/team/tools.ts';
import { check } from '../../helpers.ts';
import { cli, outDir } from './helpers.ts';

// The team's "real" API: a server on 127.0.0.1 that knows one order and takes refunds. It echoes
// the caller's token in a body, as careless APIs do, so the capture must strike it there too.
const TOKEN = 'sk_live_4f9a8b7c6d5e';
let server: Server;
let base: string;
const refunds: unknown[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const reply = (status: number, json: unknown) => (res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': 'rq_1' }), res.end(JSON.stringify(json)));
      if (req.method === 'GET' && req.url === '/orders/o-1001?expand=items') return reply(200, { order_id: 'o-1001', total_cents: 4200, seen_by: req.headers.authorization });
      if (req.method === 'POST' && req.url === '/refunds') return (refunds.push(JSON.parse(body)), reply(201, { refund_id: 're_live_1', ...JSON.parse(body) }));
      reply(404, { error: 'not_found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => {
  // Files after this one share the process (vitest.config.ts): leave its environment as it was.
  delete process.env.SHOP_API;
  delete process.env.SHOP_TOKEN;
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('faultline capture, then fromCapture', () => {
  let file: string;

  it("records the team's tool code against its API once, credentials stripped everywhere", async () => {
    file = join(outDir(), 'shop.json');
    Object.assign(process.env, { SHOP_API: base, SHOP_TOKEN: TOKEN });
    const { code, stdout, stderr } = await cli('capture', '--out', file, '--', 'node', 'test/fixtures/capture/tool-code.mjs');
    expect(stderr).toBe('');
    expect(stdout).toContain(`capture: 2 exchange(s) with ${base} written to ${file}, credentials stripped`);
    expect(code).toBe(0);
    expect(refunds).toEqual([{ order_id: 'o-1001', amount_cents: 1500 }]);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(TOKEN);
    const capture = JSON.parse(text);
    expect(capture).toMatchObject({ format: 'faultline.capture/1', command: 'node test/fixtures/capture/tool-code.mjs' });
    expect(capture.interactions.map((i: { method: string; path: string; status: number }) => `${i.method} ${i.path} ${i.status}`)).toEqual(['GET /orders/o-1001?expand=items 200', 'POST /refunds 201']);
    expect(capture.interactions[0].response.seen_by).toBe('[redacted]');
    expect(capture.interactions[0].reqheaders.authorization).toBeUndefined();
  });

  it('writes nothing when the command fails, or makes no HTTP request', async () => {
    const dir = outDir();
    const failed = await cli('capture', '--out', join(dir, 'a.json'), '--', 'node', '-e', 'process.exit(3)');
    expect(failed).toMatchObject({ code: 1, stderr: expect.stringContaining('exited 3; nothing was written') });
    const quiet = await cli('capture', '--out', join(dir, 'b.json'), '--', 'node', '-e', '1');
    expect(quiet).toMatchObject({ code: 1, stderr: expect.stringContaining('made no HTTP request; nothing was written') });
    expect(await cli('capture', '--out', join(dir, 'c.json'))).toMatchObject({ code: 2, stderr: expect.stringContaining('no command; put the command') });
  });

  it('serves the recorded shapes as a simulated service: faults strike them, and the naive control double-refunds', async () => {
    const shop = fromCapture(file, { id: 'shop', host: 'https://api.myshop.example', routes: ['GET /orders/:order_id'], idempotency: true });
    const registry = new Map([...builtInRegistry, [shop.id, shop]]);
    const input = {
      ...teamScenario,
      id: 'captured-refund-lost-reply',
      serviceFiles: undefined,
      // The tool code asked for ?expand=items, so the recorded lookup is that one.
      tools: [{ ...tools.lookup_order, input_schema: { ...tools.lookup_order.input_schema, properties: { order_id: { type: 'string' }, expand: { type: 'string' } } } }, tools.refund_order],
      services: { shop: {} },
      model: { ...teamScenario.model, plan: teamScenario.model.plan.slice(0, 2).map((s) => (s.call[0]!.name === 'lookup_order' ? { call: [{ name: 'lookup_order', input: { order_id: 'o-1001', expand: 'items' } }] } : s)) },
      intent: { effects: [{ service: 'shop', kind: 'POST /refunds', match: { order_id: 'o-1001', amount_cents: 1500 }, count: 1 }] },
    };
    const { scenario, problems } = validateScenario(input, 'captured.ts', registry);
    expect(problems).toEqual([]);
    const good = await runOne({ scenario: scenario!, agent: hardened, agentRef: 'hardened', seed: 1, trial: 1 });
    expect(good.checks.filter((c) => c.verdict !== 'pass')).toEqual([]);
    const events = parseHistory(good.history);
    expect(eventsOf(events, 'tool-complete').find((c) => c.status === 200)?.body).toMatchObject({ order_id: 'o-1001', total_cents: 4200 });
    expect(eventsOf(events, 'fault').length).toBeGreaterThan(0);
    const bad = await runOne({ scenario: scenario!, agent: naive, agentRef: 'naive', seed: 1, trial: 1 });
    expect(check(bad, 'exactly-once')).toMatchObject({ verdict: 'fail', message: expect.stringContaining('committed 2 times, intended 1') });
  });
});
