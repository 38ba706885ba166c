import { http, HttpResponse, type RequestHandler } from 'msw';
import type { Outcome } from '../history.ts';
import type { ToolFault } from '../faults/types.ts';
import type { World } from '../world.ts';
import type { ToolSpec } from '../agents/types.ts';
import type { ClientReply, Route, Service, ServiceReply, ServiceRequest } from './types.ts';

/** How the client saw a delivered reply end: 2xx ok, a definite rejection fail, anything else unknown. */
export function outcomeOf(status: number): Outcome {
  if (status < 300) return 'ok';
  if (status < 500 && status !== 408) return 'fail';
  return 'info';
}

/** One route of a simulated service, at its full URL, wrapped by the faults aimed at its tool. */
export type ServedRoute = { method: Route['method']; url: string; handle: (request: Request) => Promise<Response> };

/**
 * Every route of `services`, each wrapped by the faults aimed at its tool (served by MSW or by
 * `directFetch`). A route is named by the scenario's tool whose endpoint it serves (`tools`), so a
 * fault, the request log and every check speak of `refund_order` even when the orders service
 * serves it under its own name; a route no tool names keeps the service's name.
 */
export function serviceRoutes(world: World, services: Service[], faults: ToolFault[], tools: ReadonlyArray<ToolSpec> = []): ServedRoute[] {
  const toolAt = new Map(tools.map((t) => [`${t.endpoint.method} ${t.endpoint.url}`, t.name]));
  return services.flatMap((service) =>
    service.routes.map((route) => {
      const url = `${service.host}${route.path}`;
      const named = { ...route, tool: toolAt.get(`${route.method} ${url}`) ?? route.tool };
      const wrappers = faults.filter((f) => f.tool === named.tool || f.tool === '*');
      return { method: route.method, url, handle: (request: Request) => serve(world, service, named, wrappers, request) };
    }),
  );
}

/** MSW handlers for every route of `services`, each wrapped by the faults aimed at its tool. */
export function serviceHandlers(world: World, services: Service[], faults: ToolFault[], routes = serviceRoutes(world, services, faults)): RequestHandler[] {
  return routes.map((route) => http[route.method.toLowerCase() as 'get'](route.url, ({ request }) => route.handle(request)));
}

async function serve(world: World, service: Service, route: Route, faults: ToolFault[], request: Request) {
  const id = world.nextRequestId();
  const url = new URL(request.url);
  const input = route.method === 'GET' ? Object.fromEntries(url.searchParams) : await readJson(request);
  const principal = world.principalOf(request.headers.get('authorization'));
  const idempotencyKey = request.headers.get('idempotency-key');
  world.history.add({
    type: 'tool-request', id, service: service.name, route: route.tool, method: route.method,
    url: `${url.origin}${url.pathname}`, principal: principal.id, idempotencyKey, body: input,
  });
  // A client that gives up first (its timeout, its deadline) saw the call end indeterminate, then.
  let answered = false;
  request.signal?.addEventListener('abort', () => answered || world.history.add({ type: 'tool-complete', id, outcome: 'info', status: null }), { once: true });
  if (input === MALFORMED) return deliver(world, id, { status: 400, body: { error: 'malformed_json', message: 'the body is not JSON' } });

  const req: ServiceRequest = { id, tool: route.tool, input: input as Record<string, unknown>, principal, idempotencyKey };
  const base = () => handleOnce(world, service, route, req);
  const chain = faults.reduceRight<() => Promise<ClientReply>>(
    (next, fault) => () =>
      fault.wrap({ world, request: req, strike: (detail) => world.history.add({ type: 'fault', fault: fault.name, target: id, detail }) }, next as () => Promise<ServiceReply>),
    base,
  );
  const reply = await chain();
  // The client hears nothing; its own timeout (if it has one) is what ends the wait.
  if ('drop' in reply) return new Promise<never>(() => {});
  if (request.signal?.aborted) return HttpResponse.error();
  answered = true;
  if ('reset' in reply) {
    world.history.add({ type: 'tool-complete', id, outcome: 'info', status: null });
    return HttpResponse.error();
  }
  return deliver(world, id, reply);
}

/** Runs the route once, or answers from the stored reply of a repeated `Idempotency-Key`. */
async function handleOnce(world: World, service: Service, route: Route, req: ServiceRequest): Promise<ServiceReply> {
  const key = service.idempotency && route.method !== 'GET' ? req.idempotencyKey : null;
  const stored = key ? world.idempotentReply(service.name, key) : undefined;
  if (stored) return stored;
  const reply = await route.handle(req, world);
  if (key && reply.status < 500) world.rememberIdempotent(service.name, key, reply);
  return reply;
}

function deliver(world: World, id: string, reply: ServiceReply) {
  world.history.add({ type: 'tool-complete', id, outcome: outcomeOf(reply.status), status: reply.status, body: reply.body });
  return HttpResponse.json(reply.body as never, { status: reply.status, headers: reply.headers });
}

const MALFORMED = Symbol('malformed');

async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    return MALFORMED;
  }
}
