import type { ToolSpec } from '../agents/types.ts';
import { VirtualClock } from '../clock.ts';
import { eventsOf } from '../history.ts';
import { Rng } from '../rng.ts';
import { instantiate } from '../services/instantiate.ts';
import { matchRoute, serviceRoutes } from '../services/serve.ts';
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
 * world, as the user's runtime would (the user's bearer token, `:params` filled from the input,
 * the rest as the query of a GET or a JSON body), through the same serving code a run uses, with
 * no faults and no clock: what the generator plans with is what a run will see.
 */
export async function probe(tool: ToolSpec, world: ServiceWorld, calls: readonly ProbeCall[], seed: number): Promise<Reply[]> {
  const sim = new World(new Rng(seed, 'generate/probe'), new VirtualClock(), REQUESTER);
  const service = instantiate(world.definition, world.seed);
  const routes = serviceRoutes(sim, [service], [], [tool]);
  const replies: Reply[] = [];
  for (const call of calls) {
    const from = sim.history.events.length;
    const { url, init } = requestOf(tool, call, sim.userToken);
    const route = routes.find((r) => r.method === tool.endpoint.method && matchRoute(r.url, url) !== undefined);
    if (!route) throw new Error(`[faultline] generate: no route of ${world.definition.id} serves ${tool.endpoint.method} ${url}`);
    const response = await route.handle(new Request(url, init), matchRoute(route.url, url));
    const text = await response.text();
    const events = sim.history.events.slice(from);
    replies.push({
      status: response.status,
      body: parsed(text),
      commits: eventsOf(events, 'commit').map(({ service: name, kind, effect }) => ({ service: name, kind, effect })),
      ...(eventsOf(events, 'service-error')[0] ? { serviceError: eventsOf(events, 'service-error')[0]!.message } : {}),
    });
  }
  return replies;
}

/** The request a runtime sends for a call: `/:name` segments from the input, the rest as a query (GET) or a JSON body. */
function requestOf(tool: ToolSpec, call: ProbeCall, token: string): { url: string; init: RequestInit } {
  const rest = { ...call.input };
  const path = tool.endpoint.url.replace(/\/:([A-Za-z_]\w*)/g, (_, name: string) => {
    const value = rest[name];
    delete rest[name];
    return `/${encodeURIComponent(String(value ?? ''))}`;
  });
  const headers: Record<string, string> = { accept: 'application/json', authorization: `Bearer ${token}` };
  if (call.idempotencyKey) headers['idempotency-key'] = call.idempotencyKey;
  const { method } = tool.endpoint;
  if (method === 'GET') return { url: `${path}?${new URLSearchParams(Object.entries(rest).map(([k, v]) => [k, String(v)]))}`, init: { method, headers } };
  return { url: path, init: { method, headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(rest) } };
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
