import { AsyncLocalStorage } from 'node:async_hooks';
import { getResponse, type RequestHandler } from 'msw';
import { defineService, type RouteDefinition, type ServiceCall, type ServiceDefinition } from './define.ts';
import type { StandardSchema } from './schema-check.ts';
import { HTTP_METHODS, isHttpMethod, type HttpMethod, type ServiceReply } from './types.ts';
import { jsonOrText } from '../json-or-text.ts';

/** The call an adopted MSW handler is answering, for `commit`. */
const current = new AsyncLocalStorage<{ call: ServiceCall<unknown>; committed: () => void }>();

/**
 * Records an effect the service committed, from inside an MSW handler adopted with
 * `fromMswHandlers` (a `defineService` handler has `call.commit`). Outside a faultline run it does
 * nothing, so the same handlers keep working in the team's own tests.
 */
export function commit(kind: string, effect: Record<string, unknown>): void {
  const running = current.getStore();
  if (!running) return;
  running.committed();
  running.call.commit(kind, effect);
}

type Handlers = RequestHandler[] | ((state: unknown) => RequestHandler[]);

/** One run's handlers, and which of them have recorded an effect themselves (those never get one counted for them). */
type MswState = { handlers: RequestHandler[]; committing: Set<number> };

export type MswServiceOptions<Seed> = {
  id: string;
  /**
   * The team's MSW handlers, as they are (`http.post('https://api.myshop.example/refunds', …)`), or
   * a function of the run's state that makes them: handlers that keep state of their own in module
   * scope would carry it from one run into the next.
   */
  handlers: Handlers;
  /** Where to serve them, when it is not the one origin their URLs name (they were written for staging). */
  host?: string;
  seed?: StandardSchema<Seed>;
  init?: (seed: Seed) => unknown;
  example?: Seed;
  idempotency?: ServiceDefinition['idempotency'];
  auth?: 'bearer';
  /**
   * How effects are recorded: `commit`, only by the handlers' own `commit` calls; `auto` (default),
   * also each 2xx reply to a request other than GET from a handler that has not called `commit` in the run.
   */
  effects?: 'auto' | 'commit';
};

/**
 * Turns a team's existing MSW `http.*` handlers into a faultline service: their requests are
 * logged, faulted and judged like a built-in service's. A handler records effects with `commit`;
 * one that does not has each 2xx reply to a request other than GET counted as one effect: kind
 * `METHOD path`, the request's arguments as the effect. Replies are read as JSON (text otherwise).
 */
export function fromMswHandlers<Seed = unknown>(options: MswServiceOptions<Seed>): ServiceDefinition<Seed, MswState> {
  const { id, handlers, host, seed, init, example, idempotency, auth, effects = 'auto' } = options;
  const routes = declaredHandlers(handlers, id).map((handler, i) => handlerRoute(handler, i, id));
  const origins = [...new Set(routes.map((r) => r.origin))];
  if (origins.length !== 1) throw new Error(`fromMswHandlers "${id}": the handlers name ${origins.length ? `several hosts (${origins.join(', ')})` : 'no host'}; one service is one host: one fromMswHandlers per host`);
  const origin = host ?? origins[0]!;
  return defineService({
    id,
    host: origin,
    ...(seed ? { seed } : {}),
    ...(example !== undefined ? { example } : {}),
    ...(idempotency ? { idempotency } : {}),
    ...(auth ? { auth } : {}),
    init: (given) => {
      const state = init ? init(given) : structuredClone(given);
      const made = typeof handlers === 'function' ? handlers(state) : handlers;
      // A `once` handler used up, or a generator resolver part-way, in the last run starts over.
      for (const handler of made) (handler as unknown as { restore?: () => void }).restore?.();
      return { handlers: made, committing: new Set<number>() };
    },
    routes: routes.map(
      ({ method, path }, i): RouteDefinition<MswState> => ({
        method,
        path,
        handle: (call) => answer(call, i, `${method} ${path}`, origins[0]!, effects === 'auto'),
      }),
    ),
  });
}

/** The handlers as declared, for their URLs only: a function of the state is called once here, with none. */
function declaredHandlers(handlers: Handlers, id: string): RequestHandler[] {
  if (typeof handlers !== 'function') return handlers;
  try {
    return handlers(undefined);
  } catch (error) {
    throw new Error(`fromMswHandlers "${id}": handlers(state) threw when called with no state, to read the handlers' URLs (${(error as Error).message}); read the state inside the resolvers, not while making the handlers`);
  }
}

function handlerRoute(handler: RequestHandler, index: number, id: string): { method: HttpMethod; path: string; origin: string } {
  const info = handler.info as { method?: unknown; path?: unknown };
  const method = typeof info.method === 'string' ? info.method.toUpperCase() : '';
  const where = `fromMswHandlers "${id}": handlers.${index} (${String(info.method)} ${String(info.path)})`;
  if (!isHttpMethod(method)) throw new Error(`${where}: the method must be one of ${HTTP_METHODS.join(', ')}`);
  if (typeof info.path !== 'string' || !/^https?:\/\//.test(info.path)) throw new Error(`${where}: the path must be an absolute URL (https://host/path), so faultline knows which host it serves`);
  const url = new URL(info.path);
  return { method, path: decodeURI(url.pathname), origin: url.origin };
}

/** The handler's reply to the call, asked at the origin the handler was written for (the service may be served elsewhere: `host`). */
async function answer(call: ServiceCall<MswState>, index: number, kind: string, origin: string, auto: boolean): Promise<ServiceReply> {
  const handler = call.state.handlers[index]!;
  const method = kind.split(' ')[0]!;
  const body = method === 'GET' ? undefined : JSON.stringify(call.body ?? {});
  const asked = new URL(call.url);
  const request = new Request(`${origin}${asked.pathname}${asked.search}`, { method, headers: call.headers, ...(body === undefined ? {} : { body }) });
  const running = { call: call as ServiceCall<unknown>, committed: () => call.state.committing.add(index) };
  const response = await current.run(running, () => getResponse([handler], request));
  if (!response) throw new Error('its MSW handler did not answer (its predicate refused the request, or it passed it through)');
  const text = await response.text();
  // The body is sent again as JSON: its length and type are the new body's.
  const headers = Object.fromEntries([...response.headers].filter(([name]) => name !== 'content-length' && name !== 'content-type'));
  const reply: ServiceReply = { status: response.status, body: text ? jsonOrText(text) : null, headers };
  // A handler that records its effects itself answers a repeat it deduplicated with no effect: none is counted for it.
  if (auto && !call.state.committing.has(index) && method !== 'GET' && response.status < 300) call.commit(kind, call.input);
  return reply;
}
