import { endpointRequest } from '../agents/http.ts';
import type { ToolSpec } from '../agents/types.ts';
import { jsonOrText } from '../json-or-text.ts';
import { directFetch } from '../runner/direct-fetch.ts';
import { VirtualClock } from '../clock.ts';
import { eventsOf } from '../history.ts';
import { Rng } from '../rng.ts';
import { instantiate } from '../services/instantiate.ts';
import { serviceRoutes } from '../services/serve.ts';
import { REQUESTER, World } from '../world.ts';
import type { ServiceWorld } from './deployment.ts';

/** What the example world answered one call with, and what it committed to the ledger for it. */
export type Reply = {
  status: number;
  body: unknown;
  commits: Array<{ service: string; kind: string; effect: Record<string, unknown> }>;
  /** The service failed (its handler threw, or answered outside its response schema). */
  serviceError?: string;
};

export type ProbeCall = { input: Record<string, unknown>; idempotencyKey?: string };

/**
 * Sends `calls`, one after another, to a fresh copy of the tool's service seeded with its example
 * world, as the bundled runtimes would (`endpointRequest`: the user's bearer token, `:params` filled
 * from the input), through the fetch a run serves its routes with, with no faults and no clock:
 * what the generator plans with is what a run will see.
 */
export async function probe(tool: ToolSpec, world: ServiceWorld, calls: readonly ProbeCall[], seed: number): Promise<Reply[]> {
  const sim = new World(new Rng(seed, 'generate/probe'), new VirtualClock(), REQUESTER);
  // The routes as a run's fetch serves them; anything else is a bug of the deployment check.
  const send = directFetch(serviceRoutes(sim, [instantiate(world.definition, world.seed)], [], [tool]), (request) => {
    throw new Error(`[faultline] generate: no route of ${world.definition.id} serves ${tool.endpoint.method} ${(request as Request).url}`);
  });
  const replies: Reply[] = [];
  for (const call of calls) {
    const from = sim.history.events.length;
    const { url, init } = endpointRequest(tool, call.input, { credential: sim.userToken, ...(call.idempotencyKey ? { idempotencyKey: call.idempotencyKey } : {}) });
    const response = await send(url, init);
    const text = await response.text();
    const events = sim.history.events.slice(from);
    const serviceError = eventsOf(events, 'service-error')[0];
    replies.push({
      status: response.status,
      body: jsonOrText(text),
      commits: eventsOf(events, 'commit').map(({ service: name, kind, effect }) => ({ service: name, kind, effect })),
      ...(serviceError ? { serviceError: serviceError.message } : {}),
    });
  }
  return replies;
}
