import type { Outcome } from '../history.ts';
import { aimsAt, type ToolFault } from '../faults/types.ts';
import type { World } from '../world.ts';
import type { ToolSpec } from '../agents/types.ts';
import { canonical } from '../canonical.ts';
import { jsonResponse } from './json-response.ts';
import { isPattern, matchRoute } from './route-match.ts';
import { validateWith } from './schema-check.ts';
import { problem, type ClientReply, type Route, type Service, type ServiceReply, type ServiceRequest } from './types.ts';

/** How the client saw a delivered reply end: 2xx ok, a definite rejection fail, anything else unknown. */
function outcomeOf(status: number): Outcome {
  if (status < 300) return 'ok';
  if (status < 500 && status !== 408) return 'fail';
  return 'info';
}

/** One route of a simulated service, at its full URL (`:name` segments are parameters), wrapped by the faults aimed at its tool. */
export type ServedRoute = {
  method: Route['method'];
  url: string;
  handle: (request: Request, params?: Record<string, string>) => Promise<Response>;
  /**
   * The same exchange answered as the reply itself, `'reset'` for a reset connection (as
   * `Response.error()`): for the MCP front, which turns the reply into a tool result and has no use
   * for a Response it would only read back. Only a service route has it.
   */
  reply?: (request: Request, params?: Record<string, string>) => Promise<ServiceReply | 'reset'>;
};

/**
 * The route a tool's endpoint reaches, as `directFetch` picks it: a route at exactly its URL, else
 * one whose pattern is its URL or serves it (`/orders/:id` serves `/orders/o-1`, not `/orders/summary`
 * when a route serves that exactly).
 */
export function routeOf<R extends { method: string; url: string }>(routes: readonly R[], endpoint: { method: string; url: string }): R | undefined {
  const same = routes.filter((r) => r.method === endpoint.method);
  return same.find((r) => r.url === endpoint.url) ?? same.find((r) => isPattern(r.url) && matchRoute(r.url, endpoint.url));
}

/**
 * Every route of `services`, each wrapped by the faults aimed at its tool (served by MSW or by
 * `directFetch`). A route is named by the scenario's tool whose endpoint reaches it (`tools`), so a
 * fault, the request log and every check speak of `refund_order` even when the orders service
 * serves it under its own name; a route no tool names keeps the service's name.
 */
export function serviceRoutes(world: World, services: Service[], faults: ToolFault[], tools: ReadonlyArray<ToolSpec> = []): ServedRoute[] {
  const all = services.flatMap((service) => service.routes.map((route) => ({ service, route, method: route.method, url: `${service.host}${route.path}` })));
  const toolOf = new Map(tools.map((t) => [routeOf(all, t.endpoint), t.name]));
  return all.map((served) => {
    const { service, route, url } = served;
    const named = { ...route, tool: toolOf.get(served) ?? route.tool };
    const wrappers = faults.filter((f) => aimsAt(f, named.tool));
    return {
      method: route.method,
      url,
      handle: (request: Request, params = {}) => serve(world, service, named, wrappers, request, params, false),
      reply: (request: Request, params = {}) => serve(world, service, named, wrappers, request, params, true),
    };
  });
}

// One function for both, the Response made only at the end: a reply reaches an HTTP client after as many turns of the event loop as ever (the order of a run's events at one instant is part of its digest).
async function serve(world: World, service: Service, route: Route, faults: ToolFault[], request: Request, params: Record<string, string>, asReply: false): Promise<Response>;
async function serve(world: World, service: Service, route: Route, faults: ToolFault[], request: Request, params: Record<string, string>, asReply: true): Promise<ServiceReply | 'reset'>;
async function serve(world: World, service: Service, route: Route, faults: ToolFault[], request: Request, params: Record<string, string>, asReply: boolean): Promise<Response | ServiceReply | 'reset'> {
  const id = world.nextRequestId();
  const delivered = (reply: ServiceReply) => (deliver(world, id, reply), asReply ? reply : jsonResponse(reply.body, reply.status, reply.headers));
  const reset = () => (asReply ? ('reset' as const) : Response.error());
  const url = new URL(request.url);
  const parsed = route.method === 'GET' ? Object.fromEntries(url.searchParams) : await readJson(request);
  const input = parsed === MALFORMED || !Object.keys(params).length ? parsed : { ...(parsed as Record<string, unknown>), ...params };
  const principal = world.principalOf(request.headers.get('authorization'));
  const keyed = service.idempotency;
  const idempotencyKey = keyed && 'field' in keyed ? keyOf(input === MALFORMED ? undefined : (input as Record<string, unknown>)[keyed.field]) : request.headers.get(keyed?.header ?? 'idempotency-key');
  world.history.add({
    type: 'tool-request',
    id,
    service: service.name,
    route: route.tool,
    method: route.method,
    url: `${url.origin}${url.pathname}`,
    principal: principal.id,
    idempotencyKey,
    body: input,
  });
  // A client that gives up first (its timeout, its deadline) saw the call end indeterminate, then.
  let answered = false;
  request.signal?.addEventListener('abort', () => answered || world.history.add({ type: 'tool-complete', id, outcome: 'info', status: null }), { once: true });
  if (input === MALFORMED) return delivered({ status: 400, body: { error: 'malformed_json', message: 'the body is not JSON' } });

  const req: ServiceRequest = { id, tool: route.tool, input: input as Record<string, unknown>, params, url: request.url, headers: request.headers, body: parsed, principal, idempotencyKey, signal: request.signal };
  const base = () => handleOnce(world, service, route, req);
  const chain = faults.reduceRight<() => Promise<ClientReply>>(
    (next, fault) => () => fault.wrap({ world, request: req, strike: (detail) => world.history.add({ type: 'fault', fault: fault.name, target: id, detail }) }, next as () => Promise<ServiceReply>),
    base,
  );
  const reply = await chain();
  // The client hears nothing; its own timeout (if it has one) is what ends the wait.
  if ('drop' in reply) return new Promise<never>(() => {});
  if (request.signal?.aborted) return reset();
  answered = true;
  if ('reset' in reply) {
    world.history.add({ type: 'tool-complete', id, outcome: 'info', status: null });
    return reset();
  }
  return delivered(reply);
}

/** A field's value as an idempotency key: text as it is, anything else as canonical JSON (two objects are one key only when equal). */
const keyOf = (value: unknown): string | null => (value == null ? null : typeof value === 'string' ? value : canonical(value));

/**
 * Runs the route once, or answers from the stored reply of a repeated idempotency key, as Stripe
 * does: a request refused before the handler ran (no token the service knows) is not stored, and a
 * key is the caller's own on one route. A handler that throws, or answers a 2xx outside the route's
 * response schema, is the service's failure, not the agent's: recorded (the run is judged by
 * nothing) and answered 500.
 */
async function handleOnce(world: World, service: Service, route: Route, req: ServiceRequest): Promise<ServiceReply> {
  if (route.bearer && (req.principal.id === 'anonymous' || req.principal.id === 'invalid')) return problem(401, 'unauthorized', 'a valid bearer token is required');
  const key = service.idempotency && route.method !== 'GET' && req.idempotencyKey !== null ? `${service.name} ${req.principal.id} ${route.method} ${route.path} ${req.idempotencyKey}` : null;
  const running = key ? inFlight(world) : undefined;
  let settle: (reply: ServiceReply) => void = () => {};
  if (key && running) {
    // A request whose key is still being handled waits for that reply, as if it came second: never a second effect.
    const earlier = running.get(key);
    if (earlier) await earlier;
    const stored = world.idempotentReply(service.name, key);
    if (stored) return stored;
    running.set(key, new Promise((resolve) => (settle = resolve)));
  }
  // One await of the handler, as ever: the order of a run's events at one instant is part of its digest.
  let reply: ServiceReply;
  try {
    const answered = await route.handle(req, world);
    const wrong = problemOf(route, answered);
    // The reply as data of its own: a later change to the service's state must not rewrite what the history says the client saw.
    reply = wrong ? serviceFailed(world, service, route, wrong) : { ...answered, body: structuredClone(answered.body) };
  } catch (error) {
    reply = serviceFailed(world, service, route, `threw: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (key && running) {
    if (reply.status < 500) world.rememberIdempotent(service.name, key, reply);
    running.delete(key);
    settle(reply);
  }
  return reply;
}

const inFlightByWorld = new WeakMap<World, Map<string, Promise<ServiceReply>>>();
const inFlight = (world: World) => inFlightByWorld.get(world) ?? (inFlightByWorld.set(world, new Map()), inFlightByWorld.get(world)!);

function problemOf(route: Route, reply: ServiceReply): string | undefined {
  if (typeof reply !== 'object' || reply === null || !Number.isInteger(reply.status)) return `answered ${String(reply)}; a handler returns { status, body } (json(200, body))`;
  // fetch has no response for another status: the client would see a TypeError, not the reply.
  if (reply.status < 200 || reply.status > 599) return `answered status ${reply.status}; a reply's status is 200 to 599`;
  if (!route.response || reply.status >= 300) return undefined;
  const checked = validateWith(route.response, reply.body);
  return 'issues' in checked ? `answered ${reply.status} with a body outside its response schema: ${checked.issues.join('; ')}` : undefined;
}

function serviceFailed(world: World, service: Service, route: Route, message: string): ServiceReply {
  const where = `${service.name}${service.file ? ` (${service.file})` : ''}, ${route.method} ${route.path}`;
  world.history.add({ type: 'service-error', service: service.name, route: route.tool, message: `the simulated service ${where} ${message}` });
  return { status: 500, body: { error: 'service_error', message: 'the service failed' } };
}

function deliver(world: World, id: string, reply: ServiceReply): void {
  world.history.add({ type: 'tool-complete', id, outcome: outcomeOf(reply.status), status: reply.status, body: reply.body });
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
