import type { Principal, World } from '../world.ts';
import type { StandardSchema } from './schema-check.ts';

/** What a service route receives: the parsed arguments (JSON body or query string, with the path's parameters) and the caller. */
export type ServiceRequest = {
  /** The request's id in the history (`req_3`). */
  id: string;
  /** The scenario's tool whose endpoint the route serves (or the route's own name). */
  tool: string;
  /** The arguments: the query string of a GET, the JSON body otherwise, with the path's parameters (as text) besides. */
  input: Record<string, unknown>;
  /** The path's parameters (`/orders/:order_id` → `{ order_id }`). */
  params: Record<string, string>;
  /** The request as sent: its URL (with the query string), its headers, and its parsed JSON body (the query of a GET). */
  url: string;
  headers: Headers;
  body: unknown;
  /** Who the bearer token belongs to: the run's user, a service account, or `anonymous` / `invalid`. */
  principal: Principal;
  idempotencyKey: string | null;
  /** Aborts when the client gives up on the request (its timeout, an MCP `notifications/cancelled`). */
  signal?: AbortSignal;
};

export type ServiceReply = { status: number; body: unknown; headers?: Record<string, string> };

/** What the client finally sees: the service's reply (possibly altered), a dropped reply, or a reset. */
export type ClientReply = ServiceReply | { drop: true } | { reset: true };

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];
export const isHttpMethod = (m: unknown): m is HttpMethod => HTTP_METHODS.includes(m as HttpMethod);

/** One endpoint of a simulated service, as the runner serves it; `tool` names the tool spec it backs. */
export type Route = {
  tool: string;
  method: HttpMethod;
  /** On the service's host; `:name` segments are parameters. */
  path: string;
  response?: StandardSchema;
  /** A request without a token the run knows is answered 401 before anything else (never stored under an idempotency key). */
  bearer: boolean;
  handle(request: ServiceRequest, world: World): ServiceReply | Promise<ServiceReply>;
};

/** A simulated backend on a fake host for one run (a `defineService` definition with its state made from the scenario's seed). */
export type Service = {
  name: string;
  host: string;
  /** Where a repeated request's key is: a header (lower-case) or a field of the arguments; none, no deduplication. */
  idempotency: { header: string } | { field: string } | null;
  routes: Route[];
  /** The file that defined it, for the problems it causes. */
  file?: string;
};

export const json = (status: number, body: unknown): ServiceReply => ({ status, body });
export const problem = (status: number, error: string, message: string) => json(status, { error, message });
