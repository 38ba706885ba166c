import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../harness/clock.ts';
import { eventsOf } from '../../../harness/history.ts';
import { Rng } from '../../../harness/rng.ts';
import { mswServer, serviceHandlers } from '../../../harness/runner/msw.ts';
import { instantiate } from '../../../harness/services/instantiate.ts';
import { inventoryService } from '../../../harness/services/inventory.ts';
import { ordersService } from '../../../harness/services/orders.ts';
import { serviceRoutes } from '../../../harness/services/serve.ts';
import { World } from '../../../harness/world.ts';

const world = () => new World(new Rng(1), new VirtualClock(), { id: 'user:ann', kind: 'user', scopes: [] });

function serve(w: World) {
  mswServer().resetHandlers(...serviceHandlers(serviceRoutes(w, [instantiate(ordersService, { skus: { A1: { name: 'peas', unitPrice: 1 } } }), instantiate(inventoryService, { legacyCoercion: true })], [])));
  return (url: string, init: { body?: unknown; token?: string | null; key?: string; method?: string } = {}) =>
    fetch(url, {
      method: init.method ?? 'POST',
      headers: {
        ...(init.token === null ? {} : { authorization: `Bearer ${init.token ?? w.userToken}` }),
        ...(init.key ? { 'idempotency-key': init.key } : {}),
        'content-type': 'application/json',
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
}

afterEach(() => mswServer().resetHandlers());

describe('orders service', () => {
  it('commits each order to the ledger with the request that caused it', async () => {
    const w = world();
    const call = serve(w);
    const reply = await call('https://orders.sim/orders', { body: { sku: 'A1', quantity: 40 } });
    expect(reply.status).toBe(201);
    const [commit] = eventsOf(w.history.events, 'commit');
    expect(commit).toMatchObject({ id: 'req_1', service: 'orders', kind: 'order', effect: { sku: 'A1', quantity: 40, owner: 'user:ann' } });
  });

  it('answers a repeated Idempotency-Key from the first reply without committing again', async () => {
    const w = world();
    const call = serve(w);
    const first = await (await call('https://orders.sim/orders', { body: { sku: 'A1', quantity: 40 }, key: 'k1' })).json();
    const again = await (await call('https://orders.sim/orders', { body: { sku: 'A1', quantity: 40 }, key: 'k1' })).json();
    await call('https://orders.sim/orders', { body: { sku: 'A1', quantity: 40 } });
    expect(again).toEqual(first);
    expect(eventsOf(w.history.events, 'commit')).toHaveLength(2);
  });

  it('rejects a request without a valid bearer token and shows each caller only their own orders', async () => {
    const w = world();
    w.addCredential('other-user-token', { id: 'user:bob', kind: 'user', scopes: [] });
    const call = serve(w);
    expect((await call('https://orders.sim/orders', { body: { sku: 'A1', quantity: 1 }, token: null })).status).toBe(401);
    expect((await call('https://orders.sim/orders', { body: { sku: 'A1', quantity: 1 }, token: 'forged-token-123' })).status).toBe(401);
    await call('https://orders.sim/orders', { body: { sku: 'A1', quantity: 2 } });
    const bob = await (await call('https://orders.sim/orders', { method: 'GET', token: 'other-user-token' })).json();
    const ann = await (await call('https://orders.sim/orders', { method: 'GET' })).json();
    expect(bob.orders).toEqual([]);
    expect(ann.orders).toHaveLength(1);
    expect(w.history.serialize()).not.toContain('other-user-token');
  });
});

describe('legacy inventory service', () => {
  it('silently reads "10" as 1, as the seed describes', async () => {
    const call = serve(world());
    const wrong = await (await call('https://inventory.sim/compute', { body: { stores: 10, days: 23, daily_units: '10' } })).json();
    const right = await (await call('https://inventory.sim/compute', { body: { stores: 10, days: 23, daily_units: 10 } })).json();
    expect(wrong).toEqual({ case_packs: 230 });
    expect(right).toEqual({ case_packs: 2300 });
  });
});
