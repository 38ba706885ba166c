import type { RunClock } from './clock.ts';
import { History } from './history.ts';
import type { Rng } from './rng.ts';

/** Who a bearer token belongs to, as the services see it. */
export type Principal = { id: string; kind: 'user' | 'service'; scopes: string[] };

/** The user every run acts for; tool calls on their behalf carry this principal's token. */
export const REQUESTER: Principal = { id: 'user:requester', kind: 'user', scopes: ['self'] };

/**
 * The per-run state every simulated service and fault shares: the clock, the seeded randomness,
 * the history, the credentials the services accept, and the services' own state stores.
 */
export class World {
  readonly history: History;
  readonly apiKey: string;
  readonly userToken: string;
  /** The stream generated ids come from (orders, messages, tool uses), in request order. */
  readonly ids: Rng;
  readonly #principals = new Map<string, Principal>();
  readonly #idempotent = new Map<string, { status: number; body: unknown }>();
  readonly state = new Map<string, unknown>();
  #requestCount = 0;

  constructor(
    readonly rng: Rng,
    readonly clock: RunClock,
    user: Principal,
  ) {
    this.history = new History(() => clock.now());
    this.ids = rng.child('ids');
    const secrets = rng.child('secrets');
    this.apiKey = secrets.id('sk-ant-sim-', 40);
    this.userToken = secrets.id('obo_', 32);
    this.history.redact(this.apiKey);
    this.addCredential(this.userToken, user);
  }

  /** Registers a bearer token the services accept; the token itself is redacted everywhere. */
  addCredential(token: string, principal: Principal): void {
    this.#principals.set(token, principal);
    this.history.redact(token);
  }

  /** The principal behind an `Authorization` header: `anonymous` or `invalid` when there is none. */
  principalOf(authorization: string | null): Principal {
    if (!authorization) return { id: 'anonymous', kind: 'user', scopes: [] };
    const token = authorization.replace(/^Bearer\s+/i, '');
    return this.#principals.get(token) ?? { id: 'invalid', kind: 'user', scopes: [] };
  }

  nextRequestId(): string {
    return `req_${++this.#requestCount}`;
  }

  /** Records a side effect the world committed on behalf of request `id`. */
  commit(id: string, service: string, kind: string, effect: Record<string, unknown>): void {
    // A copy: the service may change the object it recorded later in the run.
    this.history.add({ type: 'commit', id, service, kind, effect: structuredClone(effect) });
  }

  /** The stored reply of an `Idempotency-Key` already seen by `service`, if any. */
  idempotentReply(service: string, key: string) {
    return this.#idempotent.get(`${service}\u0000${key}`);
  }

  rememberIdempotent(service: string, key: string, reply: { status: number; body: unknown }): void {
    this.#idempotent.set(`${service}\u0000${key}`, reply);
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
  }
}
