import type { StandardSchema } from './schema-check.ts';
import type { HttpMethod, ServiceReply, ServiceRequest } from './types.ts';

export { json, problem } from './types.ts';

/** What a route's handler gets for one request: the arguments, the caller, the service's per-run state, and the ledger. */
export type ServiceCall<State> = Omit<ServiceRequest, 'tool'> & {
  /** This run's state of the service: what `init` made of the scenario's seed. Handlers may change it. */
  state: State;
  /** Records an effect the service committed (an order placed, an email sent): what exactly-once and the goal judge. */
  commit(kind: string, effect: Record<string, unknown>): void;
  /** A new id from the run's seeded stream (`newId('ord_', 12)`): the same seed gives the same ids. */
  newId(prefix: string, length: number): string;
  /** The run's time in milliseconds: virtual in a scripted run. */
  now(): number;
};

export type RouteDefinition<State> = {
  method: HttpMethod;
  /** The path on the service's host; `:name` segments are parameters (`/orders/:order_id`), as MSW matches them. */
  path: string;
  /** What the request log calls the route when no scenario tool's endpoint names it. Default: `METHOD path`. */
  name?: string;
  /** Overrides the service's `auth` for this route (`none`: anyone may call it). */
  auth?: 'bearer' | 'none';
  /** The body of every 2xx reply must match it: a reply that does not is the service's error, and the run's (never the agent's). */
  response?: StandardSchema;
  handle(call: ServiceCall<State>): ServiceReply | Promise<ServiceReply>;
};

/**
 * A simulated service as a team declares it (`defineService`). Scenarios name it by `id` in
 * `services`, with the seed its state starts from each run.
 */
// biome-ignore lint/suspicious/noExplicitAny: a registry holds services of every seed and state; unknown would refuse their handlers.
export type ServiceDefinition<Seed = any, State = any> = {
  readonly kind: 'faultline.service';
  id: string;
  /** Where it answers: `https://api.myshop.example`. Every route is on this host; no two services share one. */
  host: string;
  /** Validates what a scenario seeds it with (`services: { shop: … }`); a scenario whose seed does not match is refused with each problem. */
  seed?: StandardSchema<Seed>;
  /** A seed that makes a small, typical world: what `faultline generate` seeds the scenarios it writes with. */
  example?: Seed;
  /** This run's state from the seed; called once per run. Default: a deep copy of the seed. */
  init?: (seed: Seed) => State;
  /**
   * Replays the stored reply of a repeated key instead of running the handler again: the key is the
   * `Idempotency-Key` header (`true`, or `{ header }` to name another), or a field of the request's
   * arguments (`{ field: 'refund_id' }`). Replies of 5xx are not stored, as Stripe does.
   */
  idempotency?: true | { header: string } | { field: string };
  /** `bearer`: a request without a token the run knows is answered 401 (`unauthorized`) instead of reaching the handler. */
  auth?: 'bearer';
  routes: RouteDefinition<State>[];
  /** The file it was loaded from, when it was: named in every problem with it. */
  file?: string;
};

type DefineServiceInput<Seed, State> = Omit<ServiceDefinition<Seed, State>, 'kind' | 'file'>;

/**
 * Declares a simulated service: its host, its routes and a handler for each, the state a run
 * starts from, and how it deduplicates and authenticates. The built-in services are declared
 * with it too (harness/services/orders.ts is a short example).
 *
 * @example
 * export default defineService({
 *   id: 'shop', host: 'https://api.myshop.example', auth: 'bearer', idempotency: true,
 *   seed: z.object({ orders: z.array(z.object({ order_id: z.string(), total: z.number() })) }),
 *   routes: [{ method: 'POST', path: '/refunds', handle: (call) => {
 *     call.commit('refund', { order_id: call.input.order_id });
 *     return json(201, { refund_id: call.newId('re_', 8) });
 *   } }],
 * });
 */
export function defineService<Seed = unknown, State = Seed>(definition: DefineServiceInput<Seed, State>): ServiceDefinition<Seed, State> {
  return { ...definition, kind: 'faultline.service' };
}

export const isServiceDefinition = (x: unknown): x is ServiceDefinition => typeof x === 'object' && x !== null && (x as { kind?: unknown }).kind === 'faultline.service';
