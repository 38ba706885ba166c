/** When a tool's circuit opens and how long it stays open (seed 004: 5 failures in a row, 60 s). */
export type BreakerLimits = { failuresToOpen: number; cooldownMs: number };

type Circuit = { failures: number; openedAt: number | null; probing: boolean };

/**
 * One circuit per tool (seed 004's circuit breaker). `failuresToOpen` failed requests in a row
 * open it; while open, calls fail at once without reaching the service; once `cooldownMs` has
 * passed since the last failure it is half-open and lets one probe through. A probe that
 * succeeds closes it; one that fails opens it for another cool-down.
 *
 * Only failures that say the service is unwell count (5xx, 408, 429, timeouts, resets): a 404
 * or a 400 is the service answering, so it closes the circuit like a success.
 */
export class CircuitBreaker {
  readonly #circuits = new Map<string, Circuit>();

  constructor(
    private readonly limits: BreakerLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until `tool` may be called again: 0 when a request may go out now (claiming the probe when half-open). */
  acquire(tool: string): number {
    const circuit = this.#circuit(tool);
    if (circuit.openedAt === null) return 0;
    const waitMs = circuit.openedAt + this.limits.cooldownMs - this.now();
    if (waitMs > 0) return waitMs;
    // Half-open: one probe at a time; everyone else fails fast until it settles.
    if (circuit.probing) return this.limits.cooldownMs;
    circuit.probing = true;
    return 0;
  }

  /** Records how one request that `acquire` let through ended. */
  record(tool: string, healthy: boolean): void {
    const circuit = this.#circuit(tool);
    circuit.probing = false;
    if (healthy) {
      circuit.failures = 0;
      circuit.openedAt = null;
      return;
    }
    circuit.failures++;
    if (circuit.failures >= this.limits.failuresToOpen) circuit.openedAt = this.now();
  }

  #circuit(tool: string): Circuit {
    let circuit = this.#circuits.get(tool);
    if (!circuit) this.#circuits.set(tool, (circuit = { failures: 0, openedAt: null, probing: false }));
    return circuit;
  }
}
