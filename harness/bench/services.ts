import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { http, HttpResponse } from 'msw';
import { CAPTURE_FORMAT } from '../capture/format.ts';
import { VirtualClock } from '../clock.ts';
import { Rng } from '../rng.ts';
import { defineService, json, type ServiceDefinition } from '../services/define.ts';
import { fromCapture } from '../services/from-capture.ts';
import { commit, fromMswHandlers } from '../services/from-msw.ts';
import { instantiate } from '../services/instantiate.ts';
import { ordersService } from '../services/orders.ts';
import { serviceRoutes } from '../services/serve.ts';
import { REQUESTER, World } from '../world.ts';

const HOST = 'https://api.bench.example';
const ARGS = { sku: 'A1', quantity: 2 };

/** A team's own service doing what the built-in orders service does on POST /orders: check, commit, answer. */
const own = defineService({
  id: 'own',
  host: HOST,
  auth: 'bearer',
  idempotency: true,
  routes: [{ method: 'POST', path: '/orders', handle: ({ input, commit: record, newId }) => (record('order', { ...input }), json(201, { order_id: newId('ord_', 12), ...input })) }],
});
const msw = fromMswHandlers({
  id: 'msw',
  handlers: [http.post(`${HOST}/orders`, async ({ request }) => (commit('order', (await request.json()) as Record<string, unknown>), HttpResponse.json({ order_id: 'ord_1', ...ARGS }, { status: 201 })))],
});
function captured(): ServiceDefinition {
  const file = join(mkdtempSync(join(tmpdir(), 'faultline-bench-')), 'capture.json');
  const interactions = [{ scope: HOST, method: 'POST', path: '/orders', body: ARGS, status: 201, response: { order_id: 'ord_1', ...ARGS } }];
  writeFileSync(file, JSON.stringify({ format: CAPTURE_FORMAT, command: 'bench', interactions }));
  return fromCapture(file, { id: 'capture' });
}

/**
 * Microseconds per request through a service's route, as an agent's fetch reaches it in a run
 * (parse, log, handler, commit, reply): the built-in orders service, a team's own `defineService`
 * doing the same, adopted MSW handlers, and a capture. Rounds alternate; medians.
 */
export async function serviceCosts(rounds: number, requests: number): Promise<Record<string, number>> {
  const kinds: Record<string, { definition: ServiceDefinition; seed: unknown; url: string }> = {
    builtIn: { definition: ordersService, seed: { skus: { A1: { name: 'peas', unitPrice: 1 } } }, url: 'https://orders.sim/orders' },
    defineService: { definition: own, seed: {}, url: `${HOST}/orders` },
    fromMswHandlers: { definition: msw, seed: {}, url: `${HOST}/orders` },
    fromCapture: { definition: captured(), seed: {}, url: `${HOST}/orders` },
  };
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(kinds).map((k) => [k, []]));
  for (let round = 0; round < rounds + 1; round++) {
    for (const [name, { definition, seed, url }] of Object.entries(kinds)) {
      const world = new World(new Rng(round), new VirtualClock(), REQUESTER);
      const [route] = serviceRoutes(world, [instantiate(definition, seed)], []).filter((r) => r.method === 'POST');
      const headers = { authorization: `Bearer ${world.userToken}`, 'content-type': 'application/json' };
      const start = performance.now();
      for (let i = 0; i < requests; i++) await (await route!.handle(new Request(url, { method: 'POST', headers, body: JSON.stringify(ARGS) }))).text();
      // Round 0 warms up.
      if (round) times[name]!.push(((performance.now() - start) * 1000) / requests);
    }
  }
  return Object.fromEntries(Object.entries(times).map(([name, t]) => [name, [...t].sort((a, b) => a - b)[t.length >> 1]!]));
}
