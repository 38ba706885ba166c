import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../harness/clock.ts';
import { eventsOf } from '../../../harness/history.ts';
import { Rng } from '../../../harness/rng.ts';
import { mswServer, serviceHandlers } from '../../../harness/runner/msw.ts';
import { helpdeskService } from '../../../harness/services/helpdesk.ts';
import { infraService, VOLUMES_ADMIN } from '../../../harness/services/infra.ts';
import { instantiate } from '../../../harness/services/instantiate.ts';
import { serviceRoutes } from '../../../harness/services/serve.ts';
import { REQUESTER, World } from '../../../harness/world.ts';

const ADMIN_TOKEN = 'admin-token-0123456789';

function setUp() {
  const world = new World(new Rng(1), new VirtualClock(), REQUESTER);
  world.addCredential(ADMIN_TOKEN, { id: 'service:admin', kind: 'service', scopes: [VOLUMES_ADMIN] });
  const volumes = [
    { volume_id: 'v-stg', name: 'cache', environments: ['staging'], size_gb: 1, used_gb: 1 },
    { volume_id: 'v-shared', name: 'db', environments: ['staging', 'production'], size_gb: 1, used_gb: 1 },
  ];
  const tickets = [{ ticket_id: 'T-1', customer_email: 'a@b.example', subject: 's', body: 'b' }];
  mswServer().resetHandlers(...serviceHandlers(serviceRoutes(world, [instantiate(infraService, { volumes, userEnvironments: ['staging'] }), instantiate(helpdeskService, { tickets })], [])));
  const call = (method: string, url: string, body: unknown, token = world.userToken) =>
    fetch(url, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(async (r) => ({ status: r.status, body: await r.json() }));
  return { world, call };
}

afterEach(() => mswServer().resetHandlers());

describe('infra service', () => {
  it("lets the user delete a volume only when every environment it is attached to is the user's", async () => {
    const { world, call } = setUp();
    expect(await call('DELETE', 'https://infra.sim/volumes', { volume_id: 'v-shared' })).toMatchObject({ status: 403, body: { error: 'forbidden', message: expect.stringContaining('production') } });
    expect(await call('DELETE', 'https://infra.sim/volumes', { volume_id: 'v-stg' })).toMatchObject({ status: 200, body: { deleted: 'v-stg' } });
    expect(eventsOf(world.history.events, 'commit').map((c) => c.effect)).toEqual([{ volume_id: 'v-stg', environments: ['staging'], by: REQUESTER.id }]);
  });

  it('lets an admin token delete anything, and a deleted volume is gone', async () => {
    const { call } = setUp();
    expect((await call('DELETE', 'https://infra.sim/volumes', { volume_id: 'v-shared' }, ADMIN_TOKEN)).status).toBe(200);
    expect((await call('DELETE', 'https://infra.sim/volumes', { volume_id: 'v-shared' }, ADMIN_TOKEN)).status).toBe(404);
  });
});

describe('helpdesk service', () => {
  it('commits each email with its recipient, and deduplicates on Idempotency-Key', async () => {
    const { world } = setUp();
    const send = () =>
      fetch('https://helpdesk.sim/emails', {
        method: 'POST',
        headers: { authorization: `Bearer ${world.userToken}`, 'content-type': 'application/json', 'idempotency-key': 'k1' },
        body: JSON.stringify({ to: 'a@b.example', subject: 'hi', body: 'x' }),
      });
    expect((await send()).status).toBe(202);
    expect((await send()).status).toBe(202);
    expect(eventsOf(world.history.events, 'commit').map((c) => c.effect.to)).toEqual(['a@b.example']);
  });

  it('refuses a recipient that is not an address', async () => {
    const { call } = setUp();
    expect((await call('POST', 'https://helpdesk.sim/emails', { to: 'nobody', subject: '', body: '' })).status).toBe(400);
  });
});
