import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { CAPTURE_FORMAT, headerPairs, type Capture, type Interaction } from '../capture/format.ts';
import { jsonOrText } from '../json-or-text.ts';
import { defineService, type RouteDefinition, type ServiceCall, type ServiceDefinition } from './define.ts';
import { matchRoute } from './route-match.ts';
import { isHttpMethod, type HttpMethod, type ServiceReply } from './types.ts';

export type CaptureServiceOptions = {
  id: string;
  /** Which recorded origin to serve, when the capture holds several. */
  origin?: string;
  /** Where to serve it (the tools' host), when it is not where it was recorded (staging, a local port). */
  host?: string;
  /**
   * Route patterns the recorded paths belong to (`GET /orders/:order_id`), so a tool endpoint with
   * parameters finds its route. A recorded path no pattern covers is a route of its own.
   */
  routes?: string[];
  idempotency?: ServiceDefinition['idempotency'];
  auth?: 'bearer';
};

/**
 * A simulated service from a capture (`faultline capture`): each request is answered with a
 * recorded reply, so faults strike the shapes the real API really sends. A request is matched as
 * nock matches an interceptor without `reqheaders`: the method, the path, the query (in any
 * order) and the JSON body; the first recorded exchange not yet used in this run answers, then the
 * last one again (a retry gets what the API answered). A request nothing recorded matches is the
 * world's error, not the agent's: the run is an `error` naming it. Each 2xx reply to a request
 * other than GET counts as one effect: kind `METHOD path` (the route's), the request's arguments.
 *
 * @example
 * export default fromCapture(new URL('../captures/shop.json', import.meta.url), { id: 'shop', routes: ['GET /orders/:order_id'] });
 */
export function fromCapture(file: string | URL, options: CaptureServiceOptions): ServiceDefinition<unknown, { used: Set<number> }> {
  const path = file instanceof URL ? fileURLToPath(file) : file;
  const where = `fromCapture "${options.id}" (${path})`;
  const capture = read(path, where);
  const origins = [...new Set(capture.interactions.map((i) => new URL(i.scope).origin))];
  const origin = options.origin ? new URL(options.origin).origin : origins.length === 1 ? origins[0] : undefined;
  if (!origin) throw new Error(`${where}: the capture holds exchanges with ${origins.join(', ')}; say which to serve with origin`);
  const interactions = capture.interactions.filter((i) => new URL(i.scope).origin === origin);
  if (!interactions.length) throw new Error(`${where}: nothing was recorded with ${origin} (recorded: ${origins.join(', ')})`);

  const patterns = (options.routes ?? []).map((route) => {
    const [method, pattern] = route.split(' ');
    if (!isHttpMethod(method) || !pattern?.startsWith('/')) throw new Error(`${where}: routes: "${route}" is not METHOD /path (GET /orders/:order_id)`);
    return { method, path: pattern };
  });
  const routes = [...patterns];
  for (const i of interactions) {
    const method = i.method.toUpperCase();
    const pathname = new URL(i.path, origin).pathname;
    if (!isHttpMethod(method)) continue;
    const covered = routes.some((r) => r.method === method && matchRoute(`${origin}${r.path}`, `${origin}${pathname}`));
    if (!covered) routes.push({ method, path: pathname });
  }
  return defineService({
    id: options.id,
    host: options.host ?? origin,
    ...(options.idempotency ? { idempotency: options.idempotency } : {}),
    ...(options.auth ? { auth: options.auth } : {}),
    init: () => ({ used: new Set<number>() }),
    routes: routes.map(
      (route): RouteDefinition<{ used: Set<number> }> => ({
        method: route.method,
        path: route.path,
        handle: (call) => replay(call, route, interactions, origin),
      }),
    ),
  });
}

function replay(call: ServiceCall<{ used: Set<number> }>, route: { method: HttpMethod; path: string }, interactions: Interaction[], origin: string): ServiceReply {
  const asked = new URL(call.url);
  const matching = interactions.flatMap((i, index) => (matches(i, route.method, asked, call.body, origin) ? [index] : []));
  const index = matching.find((n) => !call.state.used.has(n)) ?? matching.at(-1);
  if (index === undefined) throw new Error(`has no recorded exchange for ${route.method} ${asked.pathname}${asked.search} ${route.method === 'GET' ? '' : JSON.stringify(call.body)}; capture one, or serve it with defineService`);
  call.state.used.add(index);
  const recorded = interactions[index]!;
  if (route.method !== 'GET' && recorded.status < 300) call.commit(`${route.method} ${route.path}`, call.input);
  return { status: recorded.status, body: recorded.response ?? null, headers: replyHeaders(recorded.rawHeaders) };
}

function matches(i: Interaction, method: string, asked: URL, body: unknown, origin: string): boolean {
  if (i.method.toUpperCase() !== method) return false;
  const recorded = new URL(i.path, origin);
  if (recorded.pathname !== asked.pathname || !sameQuery(recorded.searchParams, asked.searchParams)) return false;
  // A GET's arguments are its query; a recorded body of nothing matches any body, as in nock.
  if (method === 'GET' || i.body === undefined || i.body === '') return true;
  return isDeepStrictEqual(typeof i.body === 'string' ? jsonOrText(i.body) : i.body, body);
}

const sameQuery = (a: URLSearchParams, b: URLSearchParams) => {
  const sorted = (q: URLSearchParams) =>
    [...q]
      .map(([k, v]) => `${k}=${v}`)
      .sort()
      .join('&');
  return sorted(a) === sorted(b);
};

// What the simulated reply carries again of the recorded headers: not those of the old connection.
const HOP = /^(date|connection|keep-alive|transfer-encoding|content-length|content-type|content-encoding)$/i;
const replyHeaders = (raw: Interaction['rawHeaders']): Record<string, string> => Object.fromEntries(headerPairs(raw).filter(([name]) => !HOP.test(name)));

function read(path: string, where: string): Capture {
  let capture: Partial<Capture>;
  try {
    capture = JSON.parse(readFileSync(path, 'utf8')) as Partial<Capture>;
  } catch (error) {
    throw new Error(`${where}: cannot read the capture: ${(error as Error).message}`);
  }
  if (capture.format !== CAPTURE_FORMAT || !Array.isArray(capture.interactions)) throw new Error(`${where}: not a capture (format ${CAPTURE_FORMAT} expected, written by faultline capture --out FILE -- <command>)`);
  return capture as Capture;
}
