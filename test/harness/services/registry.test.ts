import { describe, expect, it } from 'vitest';
import { hardened } from '../../../harness/agents/hardened/index.ts';
import { UsageError } from '../../../harness/errors.ts';
import { builtInServices } from '../../../harness/services/index.ts';
import { builtInRegistry, loadServices } from '../../../harness/services/registry.ts';
import { registryOf } from '../../../scenarios/services.ts';
import { loadScenarioFile, resolveScenarios } from '../../../scenarios/load-file.ts';
import { catalogue } from '../../helpers.ts';
import { run } from '../../fixtures/services/inline.ts';

// loadServices: a team's service modules → the registry scenarios name services from. Each mistake
// a team can make in a service file is refused with the file and the field, and nothing is run.

const F = 'test/fixtures/services';

/** The problems of loading `files`; one file that loads cleanly is checked elsewhere. */
const problemsOf = async (...files: string[]) => (await loadServices(files.map((f) => `${F}/${f}`))).problems;

describe('loadServices', () => {
  it('returns the built-in registry itself when there are no files', async () => {
    const { registry, problems } = await loadServices([]);
    expect(registry).toBe(builtInRegistry);
    expect(problems).toEqual([]);
    expect([...registry.keys()].sort()).toEqual(
      Object.values(builtInServices)
        .map((s) => s.id)
        .sort(),
    );
  });

  it('adds a valid service to the built-ins, remembering its file', async () => {
    const { registry, problems } = await loadServices([`${F}/ledger.ts`]);
    expect(problems).toEqual([]);
    expect(registry.get('ledger')).toMatchObject({ id: 'ledger', host: 'https://api.ledger.example', file: `${F}/ledger.ts` });
    expect(registry.get('orders')).toBe(builtInRegistry.get('orders'));
    // The built-in registry is never changed by a load.
    expect(builtInRegistry.has('ledger')).toBe(false);
  });

  it('registers both services of an array export', async () => {
    const { registry, problems } = await loadServices([`${F}/pair.ts`]);
    expect(problems).toEqual([]);
    expect([registry.get('pair-a')?.host, registry.get('pair-b')?.host]).toEqual(['https://a.pair.example', 'https://b.pair.example']);
    expect(registry.get('pair-b')?.file).toBe(`${F}/pair.ts`);
  });

  it('loads a file named twice (in two spellings) once, with no clash with itself', async () => {
    const { registry, problems } = await loadServices([`${F}/ledger.ts`, `./${F}/../services/ledger.ts`]);
    expect(problems).toEqual([]);
    expect(registry.has('ledger')).toBe(true);
  });

  it('refuses a default export that is not a service', async () => {
    expect(await problemsOf('not-a-service.mjs')).toEqual([`${F}/not-a-service.mjs: (default export): not a service; end the file with export default defineService({ id, host, routes }) (or an array of them)`]);
  });

  it('refuses an id scenarios could not name', async () => {
    expect(await problemsOf('bad-id.ts')).toEqual([`${F}/bad-id.ts: id: ids are lower-case words joined by - (scenarios name the service by it)`]);
  });

  it('refuses a second route of one method and path', async () => {
    expect(await problemsOf('dup-route.ts')).toEqual([`${F}/dup-route.ts: routes.1: GET /x is already a route of this service; one route per method and path (which would answer would depend on the agent's HTTP client)`]);
  });

  it('refuses a host with a path', async () => {
    expect(await problemsOf('host-with-path.ts')).toEqual([`${F}/host-with-path.ts: host: must be an origin only, like https://api.myshop.example`]);
  });

  it('refuses a route path without its leading slash', async () => {
    expect(await problemsOf('path-no-slash.ts')).toEqual([`${F}/path-no-slash.ts: routes.0.path: must start with / (the host is the service’s)`]);
  });

  it('refuses `handler` for `handle`: the unknown key, and the missing handler', async () => {
    const problems = await problemsOf('handler-key.mjs');
    expect(problems).toContain(`${F}/handler-key.mjs: routes.0: Unrecognized key: "handler"`);
    expect(problems).toContain(`${F}/handler-key.mjs: routes.0.handle: must be a function: (call) => json(status, body)`);
    expect(problems).toHaveLength(2);
  });

  it("refuses a built-in's id", async () => {
    expect(await problemsOf('builtin-id.ts')).toEqual([`${F}/builtin-id.ts: id: "orders" is already a built-in service's; give yours another id`]);
  });

  it('refuses a second service on a host already served, naming the first and its file', async () => {
    const { registry, problems } = await loadServices([`${F}/same-host-a.ts`, `${F}/same-host-b.ts`]);
    expect(problems).toEqual([`${F}/same-host-b.ts: host: https://api.shared.example is already served by "shop-api" (${F}/same-host-a.ts); one host is one service: put the routes in one definition`]);
    expect(registry.has('shop-refunds')).toBe(false);
  });

  it('reports a module that fails to load, and a file that does not exist', async () => {
    expect(await problemsOf('fails-to-load.ts', 'no-such-file.ts')).toEqual([`${F}/fails-to-load.ts: the module failed to load: FAULTLINE_TEST_NEVER_SET is not set`, `${F}/no-such-file.ts: no such file`]);
  });

  it('names the index of the malformed service in an array export', async () => {
    expect(await problemsOf('mixed-array.ts')).toEqual([`${F}/mixed-array.ts: 1.routes: Too small: expected array to have >=1 items`]);
  });

  it('reports every file’s problems at once', async () => {
    const problems = await problemsOf('bad-id.ts', 'ledger.ts', 'builtin-id.ts');
    expect(problems.map((p) => p.split(':')[0])).toEqual([`${F}/bad-id.ts`, `${F}/builtin-id.ts`]);
  });
});

describe("a scenario file's serviceFiles", () => {
  const S = `${F}/scenarios`;

  it('are found relative to the scenario file, and the scenario runs against them', async () => {
    const { scenario, problems } = await loadScenarioFile(`${S}/uses-ledger.ts`);
    expect(problems).toEqual([]);
    expect(registryOf(scenario!).get('ledger')?.file).toBe(`${F}/ledger.ts`);
    // resolveScenarios (what `faultline run --scenario` uses) agrees.
    const resolved = await resolveScenarios([`${S}/uses-ledger.ts`], catalogue);
    expect(resolved.get(`${S}/uses-ledger.ts`)?.id).toBe('ledger-refund');
    // The run is served by the team's service: its refund is in the ledger.
    const { record, of } = await run(scenario!, hardened);
    expect(of('commit')).toMatchObject([{ service: 'ledger', kind: 'refund', effect: { invoice_id: 'inv-1', amount_cents: 500 } }]);
    expect(record.checks.find((c) => c.id === 'exactly-once')?.verdict).toBe('pass');
  });

  it('refuse a scenario naming a service no file defines, pointing at serviceFiles', async () => {
    const { scenario, problems } = await loadScenarioFile(`${S}/unknown-service.ts`);
    expect(scenario).toBeUndefined();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^test\/fixtures\/services\/scenarios\/unknown-service\.ts: services\.ledger: unknown service "ledger"; known: .*orders/);
    expect(problems[0]).toContain("named in the scenario's serviceFiles");
    await expect(resolveScenarios([`${S}/unknown-service.ts`], catalogue)).rejects.toThrow(UsageError);
  });

  it('refuse a seed the service’s own schema refuses, with the schema’s problem', async () => {
    const { problems } = await loadScenarioFile(`${S}/bad-seed.ts`);
    expect(problems).toEqual([`${S}/bad-seed.ts: services.ledger: invoices: Invalid input: expected array, received string (the seed ${F}/ledger.ts asks for)`]);
  });

  it('refuse a tool endpoint no route serves, listing the routes its host does serve', async () => {
    const { problems } = await loadScenarioFile(`${S}/unserved-endpoint.ts`);
    expect(problems).toEqual([`${S}/unserved-endpoint.ts: tools.0.endpoint: no service in "services" serves POST https://api.ledger.example/refundz; ledger on that host serves GET /invoices/:invoice_id, POST /refunds`]);
  });

  it('refuse a serviceFiles entry that names no file', async () => {
    const { scenario, problems } = await loadScenarioFile(`${S}/missing-service-file.ts`);
    expect(scenario).toBeUndefined();
    expect(problems).toEqual([`${S}/missing-service-file.ts: serviceFiles: ${F}/no-such-service.ts: no such file`]);
  });

  it('are all reported at once by resolveScenarios, nothing resolved', async () => {
    const refs = ['unknown-service', 'bad-seed', 'unserved-endpoint', 'uses-ledger'].map((n) => `${S}/${n}.ts`);
    const error = await resolveScenarios(refs, catalogue).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UsageError);
    const message = (error as Error).message;
    expect(message).toContain('invalid scenarios, nothing was run');
    expect(message).toContain('unknown service "ledger"');
    expect(message).toContain('services.ledger: invoices:');
    expect(message).toContain('no service in "services" serves POST https://api.ledger.example/refundz');
    expect(message).not.toContain('uses-ledger');
  });
});
