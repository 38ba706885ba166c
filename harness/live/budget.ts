/** List prices in USD per million tokens; `--price IN,OUT` overrides them for other models. */
export type Prices = { input: number; output: number };

// Anthropic's published list prices per family when this was written; a new family needs --price.
const LIST_PRICES: Array<[RegExp, Prices]> = [
  [/opus/i, { input: 5, output: 25 }],
  [/sonnet/i, { input: 3, output: 15 }],
  [/haiku/i, { input: 1, output: 5 }],
];

export function listPrices(model: string): Prices | undefined {
  return LIST_PRICES.find(([family]) => family.test(model))?.[1];
}

export type BudgetLimits = { maxTokens?: number; maxCostUsd?: number };

// Slots of the shared buffer: tokens and micro-dollars spent or reserved, the time every lane
// waits for after a 429 or 529, whether a request was ever refused for want of budget, and how
// many reservations are in flight.
const TOKENS = 0;
const MICRO_USD = 1;
const PAUSE_UNTIL = 2;
const EXHAUSTED = 3;
const OPEN = 4;
const SLOTS = 5;
// How often a request refused while others hold reservations looks again (real time: live only).
const RECHECK_MS = 50;

/** What a run's worker needs to share the suite's budget; structured-cloneable. */
export type BudgetHandle = { buffer: SharedArrayBuffer; limits: BudgetLimits; prices?: Prices };

export function createBudget(limits: BudgetLimits, prices?: Prices): BudgetHandle {
  return { buffer: new SharedArrayBuffer(SLOTS * BigInt64Array.BYTES_PER_ELEMENT), limits, ...(prices ? { prices } : {}) };
}

/**
 * The suite's token and cost budget, shared by every worker through one SharedArrayBuffer. A
 * request is sent only after its worst case (its input estimated generously plus its whole
 * `max_tokens`) is reserved; the answer's real usage then replaces the reservation. So the limit
 * holds even with several runs in flight; and a request that does not fit while others hold
 * reservations waits for them to settle (they usually use far less) before the budget is spent.
 */
export class Budget {
  readonly #slots: BigInt64Array;

  constructor(readonly handle: BudgetHandle) {
    this.#slots = new BigInt64Array(handle.buffer);
  }

  /**
   * Reserves a request's worst case. When it does not fit, waits while other reservations are in
   * flight; false (and the budget marked exhausted) once it cannot fit with none in flight.
   */
  async reserve(usage: Usage): Promise<boolean> {
    for (;;) {
      if (this.exhausted()) return false;
      if (this.tryReserve(usage)) return true;
      if (Atomics.load(this.#slots, OPEN) === 0n) {
        // Another lane may have settled between the attempt and this look: one more attempt with none in flight decides.
        if (this.tryReserve(usage)) return true;
        if (Atomics.load(this.#slots, OPEN) === 0n) return this.#exhaust();
      }
      await new Promise((resolve) => setTimeout(resolve, RECHECK_MS));
    }
  }

  /** One attempt at a reservation, without waiting. */
  tryReserve(usage: Usage): boolean {
    if (!this.#take(TOKENS, usage.input + usage.output, this.handle.limits.maxTokens)) return false;
    if (!this.#take(MICRO_USD, this.#microUsd(usage), toMicro(this.handle.limits.maxCostUsd))) {
      Atomics.sub(this.#slots, TOKENS, BigInt(usage.input + usage.output));
      return false;
    }
    Atomics.add(this.#slots, OPEN, 1n);
    return true;
  }

  /** Replaces a reservation with what the request really used. */
  settle(reserved: Usage, used: Usage): void {
    Atomics.add(this.#slots, TOKENS, BigInt(used.input + used.output - reserved.input - reserved.output));
    Atomics.add(this.#slots, MICRO_USD, BigInt(this.#microUsd(used) - this.#microUsd(reserved)));
    Atomics.sub(this.#slots, OPEN, 1n);
  }

  spent(): { tokens: number; costUsd: number } {
    return { tokens: Number(Atomics.load(this.#slots, TOKENS)), costUsd: Number(Atomics.load(this.#slots, MICRO_USD)) / 1e6 };
  }

  exhausted(): boolean {
    return Atomics.load(this.#slots, EXHAUSTED) === 1n;
  }

  /** Every lane holds its requests until `epochMs` (a rate limit seen by one applies to all). */
  pauseUntil(epochMs: number): void {
    // Lanes that meet a 429 at once race here: the latest end wins, whichever lane writes last.
    for (;;) {
      const current = Atomics.load(this.#slots, PAUSE_UNTIL);
      if (BigInt(epochMs) <= current || Atomics.compareExchange(this.#slots, PAUSE_UNTIL, current, BigInt(epochMs)) === current) return;
    }
  }

  pausedFor(): number {
    return Math.max(0, Number(Atomics.load(this.#slots, PAUSE_UNTIL)) - Date.now());
  }

  #take(slot: number, amount: number, limit: number | undefined): boolean {
    for (;;) {
      const current = Atomics.load(this.#slots, slot);
      const next = current + BigInt(amount);
      if (limit !== undefined && next > BigInt(limit)) return false;
      if (Atomics.compareExchange(this.#slots, slot, current, next) === current) return true;
    }
  }

  #exhaust(): false {
    Atomics.store(this.#slots, EXHAUSTED, 1n);
    return false;
  }

  #microUsd({ input, output }: Usage): number {
    const prices = this.handle.prices;
    return prices ? Math.ceil(input * prices.input + output * prices.output) : 0;
  }
}

export type Usage = { input: number; output: number };

const toMicro = (usd: number | undefined) => (usd === undefined ? undefined : Math.floor(usd * 1e6));
