import type { Principal, World } from '../world.ts';

/** What a service route receives: the parsed input (JSON body or query string) and the caller. */
export type ServiceRequest = {
  id: string;
  tool: string;
  input: Record<string, unknown>;
  principal: Principal;
  idempotencyKey: string | null;
};

export type ServiceReply = { status: number; body: unknown; headers?: Record<string, string> };

/** What the client finally sees: the service's reply (possibly altered), a dropped reply, or a reset. */
export type ClientReply = ServiceReply | { drop: true } | { reset: true };

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One endpoint of a simulated service; `tool` names the tool spec it backs. */
export type Route = {
  tool: string;
  method: HttpMethod;
  path: string;
  handle(request: ServiceRequest, world: World): ServiceReply | Promise<ServiceReply>;
};

/** A simulated backend on a fake host, over a state store in the world. */
export type Service = {
  name: string;
  host: string;
  /** Whether the service deduplicates on `Idempotency-Key`. */
  idempotency: boolean;
  routes: Route[];
};

export const json = (status: number, body: unknown): ServiceReply => ({ status, body });
export const problem = (status: number, error: string, message: string) => json(status, { error, message });
