import { STATUS_CODES } from 'node:http';

/** Statuses a response carries no body with (fetch refuses one), as MSW's HttpResponse drops it. */
export const NO_BODY: ReadonlySet<number> = new Set([101, 103, 204, 205, 304]);

/**
 * A JSON reply as MSW's `HttpResponse.json` builds it (what a client saw before MSW left the path):
 * its type unless the service set one, its length, its status text, and no body for a 204 or an
 * undefined body.
 */
export function jsonResponse(body: unknown, status: number, headers?: Record<string, string>): Response {
  const text: string | undefined = JSON.stringify(body);
  const all = new Headers(headers as HeadersInit | undefined);
  if (!all.has('content-type')) all.set('content-type', 'application/json');
  if (!all.has('content-length')) all.set('content-length', String(text ? Buffer.byteLength(text) : 0));
  return new Response(NO_BODY.has(status) || text === undefined ? null : text, { status, statusText: STATUS_CODES[status] ?? '', headers: all });
}
