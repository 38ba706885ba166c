import type { World } from '../world.ts';
import type { ServiceDefinition } from './define.ts';
import type { Service } from './types.ts';

/** The service one run talks to: `definition` with its state made from the scenario's `seed`. */
export function instantiate(definition: ServiceDefinition, seed: unknown): Service {
  // A copy either way: an init that keeps parts of the seed must not change the scenario's for the next run.
  const state = definition.init ? definition.init(structuredClone(seed)) : structuredClone(seed);
  const idempotency = definition.idempotency;
  return {
    name: definition.id,
    host: definition.host.replace(/\/+$/, ''),
    idempotency: idempotency === undefined ? null : idempotency === true ? { header: 'idempotency-key' } : 'header' in idempotency ? { header: idempotency.header.toLowerCase() } : idempotency,
    ...(definition.file ? { file: definition.file } : {}),
    routes: definition.routes.map((route) => ({
      tool: route.name ?? `${route.method} ${route.path}`,
      method: route.method,
      path: route.path,
      ...(route.response ? { response: route.response } : {}),
      bearer: (route.auth ?? definition.auth) === 'bearer',
      handle: (request, world: World) =>
        route.handle({
          ...request,
          state,
          commit: (kind, effect) => world.commit(request.id, definition.id, kind, effect),
          newId: (prefix, length) => world.ids.id(prefix, length),
          now: () => world.clock.now(),
        }),
    })),
  };
}
