import { http, HttpResponse, type RequestHandler } from 'msw';
import { setupServer, type SetupServer } from 'msw/node';
import { inMatchOrder } from '../services/route-match.ts';
import type { ServedRoute } from '../services/serve.ts';
import type { World } from '../world.ts';
import { MESSAGES_API_ORIGIN, recordUnhandled } from './hermetic.ts';
import { mswServerIfStarted, setMswStarted } from './msw-started.ts';

/**
 * The process's one MSW server, started on first use. This module is imported only where MSW is
 * needed (a live run, an agent module that may bypass the run's fetch): importing MSW costs about
 * 0.3 s of a worker's start.
 */
export function mswServer(): SetupServer {
  const running = mswServerIfStarted();
  if (running) return running;
  const created = setupServer();
  // msw 2.15 clones each mocked response for this event; a retry cancels the body of the other
  // branch, and that cancel never settles while this clone is open (STACK.md). Cancel it here, for
  // the Messages API only (what clients retry through MSW; tool services are served by directFetch):
  // for a node:http client the cancel throws an uncaught ERR_INVALID_STATE inside msw's adapter.
  created.events.on('response:mocked', ({ request, response }) => {
    if (new URL(request.url).hostname === 'api.anthropic.com') void response.body?.cancel().catch(() => {});
  });
  created.listen({ onUnhandledRequest: 'error' });
  setMswStarted(created);
  return created;
}

/** MSW handlers for a run's service routes (for clients past the run's fetch), exact routes first, as directFetch matches them: `/invoices/summary` before `/invoices/:id`. */
export function serviceHandlers(routes: readonly ServedRoute[]): RequestHandler[] {
  return inMatchOrder(routes).map((route) => http[route.method.toLowerCase() as 'get'](route.url, ({ request, params }) => route.handle(request, Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])))));
}

/** Serves the Messages API to agents that build their own client and reach it past the run's fetch (node:https). */
function messagesApiHandler(api: (request: Request) => Promise<Response>): RequestHandler {
  return http.all(`${MESSAGES_API_ORIGIN}/*`, ({ request }) => api(request));
}

/** Last handler of every run: any other request is recorded and fails like a dead network, never sent. */
function hermeticHandler(world: () => World): RequestHandler {
  return http.all('*', ({ request }) => {
    recordUnhandled(world(), request);
    return HttpResponse.error();
  });
}

/** What the handlers of `runHandlers` serve: the run in progress. */
type Run = { routes: readonly ServedRoute[]; api: (request: Request) => Promise<Response>; world: World };

// Handler sets by their routes' methods and URLs; cleared when full (a long explore of many service sets).
const built = new Map<string, { run: Run; handlers: RequestHandler[] }>();
const BUILT_MAX = 100;

/**
 * A run's MSW handlers: its service routes, the Messages API, then the hermetic handler. Built
 * once per set of routes (by method and URL) and pointed at each run's routes, API and world in
 * turn: building them (MSW parses each path and captures a stack per handler) was ~2 % of a run
 * where MSW runs. They serve exactly what a run's own new handlers would.
 */
export function runHandlers(routes: readonly ServedRoute[], api: Run['api'], world: World): RequestHandler[] {
  const key = routes.map((r) => `${r.method} ${r.url}`).join('\n');
  let entry = built.get(key);
  if (!entry) {
    const run: Run = { routes, api, world };
    const bound = routes.map((route, i): ServedRoute => ({ method: route.method, url: route.url, handle: (request, params) => run.routes[i]!.handle(request, params) }));
    entry = { run, handlers: [...serviceHandlers(bound), messagesApiHandler((request) => run.api(request)), hermeticHandler(() => run.world)] };
    if (built.size >= BUILT_MAX) built.clear();
    built.set(key, entry);
  }
  Object.assign(entry.run, { routes, api, world });
  return entry.handlers;
}
