import { isPattern, matchRoute, type ServedRoute } from '../services/serve.ts';

/**
 * The `fetch` an agent sees during a run: requests for a simulated service's route, and for any
 * origin in `origins` (the Messages API at its real host: a fetch-based framework's model calls),
 * are served in-process, without MSW's interceptor (which costs several times more per call,
 * STACK.md); anything else goes on to `next`, so the hermetic handler still catches it. MSW keeps
 * the same routes installed for clients that do not use the global `fetch`.
 *
 * It answers as MSW's fetch interceptor does: a signal already aborted rejects with its reason
 * before the handler runs, an abort while waiting rejects with its reason, and `Response.error()`
 * (a reset connection) rejects with `TypeError: Failed to fetch`.
 */
export function directFetch(routes: ServedRoute[], next: typeof fetch, origins: ReadonlyMap<string, (request: Request) => Promise<Response>> = new Map()): typeof fetch {
  const exact = new Map(routes.filter((r) => !isPattern(r.url)).map((r) => [`${r.method} ${r.url}`, r.handle]));
  const patterned = routes.filter((r) => isPattern(r.url));
  const find = (method: string, url: string): { handle: ServedRoute['handle']; params: Record<string, string>; origin?: true } | undefined => {
    const end = url.search(/[?#]/);
    const handle = exact.get(`${method} ${end < 0 ? url : url.slice(0, end)}`);
    if (handle) return { handle, params: {} };
    for (const route of patterned) {
      const params = route.method === method ? matchRoute(route.url, url) : undefined;
      if (params) return { handle: route.handle, params };
    }
    const served = origins.size ? origins.get(new URL(url).origin) : undefined;
    return served && { handle: served, params: {}, origin: true };
  };
  return (input, init) => {
    const route = find(methodOf(input, init), urlOf(input));
    if (!route) return next(new Request(input as string, init));
    const request = route.origin ? new Request(input as string, init) : unlinked(input, init);
    if (route.origin && isBypassed(request)) return next(request);
    const { signal } = request;
    if (signal.aborted) return Promise.reject(signal.reason);
    return new Promise<Response>((resolve, reject) => {
      const onAbort = () => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      route.handle(request, route.params).then(
        (response) => {
          signal.removeEventListener('abort', onAbort);
          if (response.type === 'error') return reject(Object.assign(new TypeError('Failed to fetch'), { cause: response }));
          Object.defineProperty(response, 'url', { value: request.url });
          resolve(response);
        },
        (error: unknown) => (signal.removeEventListener('abort', onAbort), reject(error)),
      );
    });
  };
}

const methodOf = (input: RequestInfo | URL, init?: RequestInit): string => (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
const urlOf = (input: RequestInfo | URL): string => (input instanceof Request ? input.url : new URL(String(input)).href);

/**
 * A service's request carrying the caller's own signal. undici ties a new Request's signal to its
 * init's with a listener that stays until the Request is collected: a client that sends every
 * request under one long-lived signal (an MCP transport) piled them up, at a cost per call.
 */
function unlinked(input: RequestInfo | URL, init?: RequestInit): Request {
  const signal = init?.signal ?? (input instanceof Request ? input.signal : null);
  const request = new Request(input as string, { ...init, signal: null });
  return signal ? Object.defineProperty(request, 'signal', { value: signal }) : request;
}

/** A request made with msw's `bypass()` (a live run's forwarder, to the real API) goes past every handler, these included. */
const isBypassed = (request: Request): boolean => request.headers.get('accept')?.includes('msw/passthrough') === true;
