import * as FakeTimers from '@sinonjs/fake-timers';

type InstalledClock = FakeTimers.Clock;

/** Virtual time starts here in every run, so `Date.now()` inside a run is the same for the same seed. */
export const EPOCH_MS = Date.UTC(2026, 0, 1);

// Captured before any fake clock exists: the driver yields to the real event loop with these.
const realSetImmediate = globalThis.setImmediate;
const realAbortSignalTimeout = AbortSignal.timeout.bind(AbortSignal);

// Measured in STACK.md: one real turn was enough to let in-process I/O settle, zero was not.
const IDLE_TURNS = 3;

export type DriveOutcome<T> =
  | { status: 'settled'; value: T }
  | { status: 'rejected'; error: unknown }
  | { status: 'deadlock'; virtualMs: number }
  | { status: 'virtual-time-cap'; virtualMs: number };

let active: VirtualClock | null = null;

/**
 * Process-wide virtual time for one run. Timers are faked; the clock jumps to the next timer only
 * when nothing in-process can run, so a 30 s timeout costs microseconds and ordering stays the
 * same for the same inputs.
 */
export class VirtualClock {
  #clock: InstalledClock | null = null;
  #frozenAt = EPOCH_MS;

  install(): void {
    if (active) throw new Error('[faultline] a virtual clock is already installed: runs in one process are sequential');
    this.#clock = FakeTimers.install({
      now: EPOCH_MS,
      toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
    });
    // fake-timers does not fake AbortSignal.timeout: without this, agent timeouts would never fire.
    AbortSignal.timeout = (ms: number) => {
      const controller = new AbortController();
      setTimeout(() => controller.abort(new DOMException('The operation timed out.', 'TimeoutError')), ms);
      return controller.signal;
    };
    active = this;
  }

  uninstall(): void {
    AbortSignal.timeout = realAbortSignalTimeout;
    this.#frozenAt = this.#clock?.now ?? this.#frozenAt;
    this.#clock?.uninstall();
    this.#clock = null;
    if (active === this) active = null;
  }

  /** Virtual milliseconds since the run started (frozen at its last value once uninstalled). */
  now(): number {
    return (this.#clock?.now ?? this.#frozenAt) - EPOCH_MS;
  }

  /**
   * Runs the event loop until `promise` settles. When the process is idle, time jumps to the next
   * timer; with no timer left the run is deadlocked, and a timer beyond `virtualMsMax` ends it.
   */
  async drive<T>(promise: Promise<T>, virtualMsMax: number): Promise<DriveOutcome<T>> {
    const clock = this.#clock;
    if (!clock) throw new Error('[faultline] drive() before install()');
    let outcome: DriveOutcome<T> | null = null;
    promise.then(
      (value) => (outcome = { status: 'settled', value }),
      (error: unknown) => (outcome = { status: 'rejected', error }),
    );
    for (;;) {
      for (let i = 0; i < IDLE_TURNS && !outcome; i++) await new Promise((r) => realSetImmediate(r));
      if (outcome) return outcome;
      const nextAt = nextTimerAt(clock);
      if (nextAt === null) return { status: 'deadlock', virtualMs: this.now() };
      if (nextAt - EPOCH_MS > virtualMsMax) return { status: 'virtual-time-cap', virtualMs: this.now() };
      clock.next();
    }
  }
}

function nextTimerAt(clock: InstalledClock): number | null {
  // fake-timers 15 has no public peek; its timer heap (and, before 15, its timer table) is internal.
  const internal = clock as unknown as { timerHeap?: { peek(): { callAt: number } | undefined }; timers?: unknown };
  if (internal.timerHeap) return internal.timerHeap.peek()?.callAt ?? null;
  let min: number | null = null;
  for (const timer of Object.values((internal.timers ?? {}) as Record<string, { callAt: number }>)) if (min === null || timer.callAt < min) min = timer.callAt;
  return min;
}
