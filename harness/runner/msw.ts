import { http, HttpResponse, type RequestHandler } from 'msw';
import { setupServer, type SetupServer } from 'msw/node';
import type { World } from '../world.ts';

let server: SetupServer | null = null;

/** The process's one MSW server, started on first use. */
export function mswServer(): SetupServer {
  if (server) return server;
  const created = setupServer();
  // msw 2.15 clones each mocked response for this event; a retry cancels the body of the other
  // branch, and that cancel never settles while this clone is open (STACK.md). Cancel it here, for
  // the Messages API only (what clients retry through MSW; tool services are served by directFetch):
  // for a node:http client the cancel throws an uncaught ERR_INVALID_STATE inside msw's adapter.
  created.events.on('response:mocked', ({ request, response }) => {
    if (new URL(request.url).hostname === 'api.anthropic.com') void response.body?.cancel().catch(() => {});
  });
  created.listen({ onUnhandledRequest: 'error' });
  return (server = created);
}

/** Where agents that build their own client reach the Messages API: its real host. */
export const MESSAGES_API_ORIGIN = 'https://api.anthropic.com';

/** The process's MSW server if something started it, else null (a worker that ran only bundled runtimes). */
export const mswServerIfStarted = (): SetupServer | null => server;

/** Serves the Messages API to agents that build their own client and reach it past the run's fetch (node:https). */
export function messagesApiHandler(api: (request: Request) => Promise<Response>): RequestHandler {
  return http.all(`${MESSAGES_API_ORIGIN}/*`, ({ request }) => api(request));
}

/** Last handler of every run: any other request is recorded and fails like a dead network, never sent. */
export function hermeticHandler(world: World): RequestHandler {
  return http.all('*', ({ request }) => {
    world.history.add({ type: 'unhandled-request', method: request.method, url: request.url.split('?')[0] ?? request.url });
    return HttpResponse.error();
  });
}

/**
 * The hermetic handler without MSW: a request the run's fetch does not serve is recorded and fails
 * as MSW's fetch fails it (`TypeError: Failed to fetch`, a network error), never sent.
 */
export function hermeticFetch(world: World): typeof fetch {
  return async (input, init) => {
    // As MSW's fetch does: an aborted request ends with its reason before anything is recorded,
    // so a run's history does not depend on whether MSW was started in its worker.
    const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
    if (signal?.aborted) throw signal.reason;
    const request = new Request(input as string, init);
    world.history.add({ type: 'unhandled-request', method: request.method, url: request.url.split('?')[0] ?? request.url });
    throw Object.assign(new TypeError('Failed to fetch'), { cause: Response.error() });
  };
}
