import type { World } from '../world.ts';

/** Where agents that build their own client reach the Messages API: its real host. */
export const MESSAGES_API_ORIGIN = 'https://api.anthropic.com';

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
    recordUnhandled(world, new Request(input as string, init));
    throw Object.assign(new TypeError('Failed to fetch'), { cause: Response.error() });
  };
}

/** A request nothing in the run serves, in the history: its method and URL without its query, as MSW's hermetic handler recorded it. */
export function recordUnhandled(world: World, request: Request): void {
  world.history.add({ type: 'unhandled-request', method: request.method, url: request.url.split('?')[0] ?? request.url });
}
