import { inMatchOrder, isPattern, matchRoute } from '../services/route-match.ts';
import type { ServedRoute } from '../services/serve.ts';
import { methodOf, requestView } from './request-view.ts';

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
  // Matched in MSW's order; an exact route as MSW matches it too (`/Status/` serves `/status`) when the lookup above misses.
  const ordered = inMatchOrder(routes);
  const find = (method: string, url: string): (Found & { origin?: true }) | undefined => {
    const end = url.search(/[?#]/);
    const handle = exact.get(`${method} ${end < 0 ? url : url.slice(0, end)}`);
    if (handle) return { handle, params: {} };
    for (const route of ordered) {
      const params = route.method === method ? matchRoute(route.url, url) : undefined;
      if (params) return { handle: route.handle, params };
    }
    const served = origins.size ? origins.get(new URL(url).origin) : undefined;
    return served && { handle: served, params: {}, origin: true };
  };
  return (input, init) => {
    let route: ReturnType<typeof find>;
    try {
      route = find(methodOf(input, init), urlOf(input));
    } catch (error) {
      // A route whose pattern cannot be compiled fails the request, as fetch fails: never synchronously.
      return Promise.reject(error);
    }
    if (!route) return next(new Request(input as string, init));
    if (route.origin) {
      // The Messages API reads a view of the request (request-view.ts); a bypassed one goes on as a Request.
      const view = requestView(input, init);
      if (view && !isBypassed(view)) return answer(route, view, init?.signal ?? NEVER);
      const request = new Request(input as string, init);
      return isBypassed(request) ? next(request) : answer(route, request, request.signal);
    }
    // A service's request gets a signal of its own, aborted with the caller's: undici ties a
    // Request's signal to its init's with a listener that stays until the Request is collected, and
    // a client that sends every request under one long-lived signal (an MCP transport) piled them up.
    const caller = init?.signal ?? (input instanceof Request ? input.signal : null);
    const own = new AbortController();
    return answer(route, new Request(input as string, { ...init, signal: own.signal }), caller ?? own.signal, own);
  };
}

type Found = { handle: ServedRoute['handle']; params: Record<string, string> };

/** The route's response to `request`, or the rejection fetch gives; `signal` (the caller's) aborts the wait, and `own` with it. */
function answer(route: Found, request: Request, signal: AbortSignal, own?: AbortController): Promise<Response> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<Response>((resolve, reject) => {
    const onAbort = () => (own?.abort(signal.reason), reject(signal.reason));
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
}

// The signal of a request made without one: it never aborts, and one shared costs no signal per request.
const NEVER = new AbortController().signal;
const urlOf = (input: RequestInfo | URL): string => (input instanceof Request ? input.url : new URL(String(input)).href);

/** A request made with msw's `bypass()` (a live run's forwarder, to the real API) goes past every handler, these included. */
const isBypassed = (request: Request): boolean => request.headers.get('accept')?.includes('msw/passthrough') === true;
