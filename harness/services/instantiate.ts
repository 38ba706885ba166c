import type { World } from '../world.ts';
import type { ServiceDefinition } from './define.ts';
import { problem, type Service } from './types.ts';

/** The service one run talks to: `definition` with its state made from the scenario's `seed`. */
export function instantiate(definition: ServiceDefinition, seed: unknown): Service {
  const state = definition.init ? definition.init(seed) : structuredClone(seed);
  const idempotency = definition.idempotency;
  return {
    name: definition.id,
    host: definition.host.replace(/\/+$/, ''),
    idempotency:
      idempotency === undefined ? null : idempotency === true ? { header: 'idempotency-key' } : 'header' in idempotency ? { header: idempotency.header.toLowerCase() } : idempotency,
    ...(definition.file ? { file: definition.file } : {}),
    routes: definition.routes.map((route) => {
      const bearer = (route.auth ?? definition.auth) === 'bearer';
      return {
        tool: route.name ?? `${route.method} ${route.path}`,
        method: route.method,
        path: route.path,
        ...(route.response ? { response: route.response } : {}),
        // In the handler's place, so a 401 is stored under an idempotency key like any other reply.
        handle: (request, world: World) =>
          bearer && (request.principal.id === 'anonymous' || request.principal.id === 'invalid')
            ? problem(401, 'unauthorized', 'a valid bearer token is required')
            : route.handle({
                ...request,
                state,
                commit: (kind, effect) => world.commit(request.id, definition.id, kind, effect),
                newId: (prefix, length) => world.ids.id(prefix, length),
                now: () => world.clock.now(),
              }),
      };
    }),
  };
}
