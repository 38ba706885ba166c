import * as FakeTimers from '@sinonjs/fake-timers';
import { countRealWork, newRealWorkEpoch, realWorkPending } from './real-work.ts';

type InstalledClock = FakeTimers.Clock;

/** Virtual time starts here in every run, so `Date.now()` inside a run is the same for the same seed. */
const EPOCH_MS = Date.UTC(2026, 0, 1);

// Captured before any fake clock exists: the driver yields to the real event loop with these.
const realSetImmediate = globalThis.setImmediate;
const realSetTimeout = globalThis.setTimeout;
// Kept as it is (not bound): put back, it must be the very function it was.
const realAbortSignalTimeout = AbortSignal.timeout;

// Measured in STACK.md: one real turn was enough to let in-process I/O settle, zero was not.
const IDLE_TURNS = 3;

// Real work (real-work.ts) that has not finished in this much wall time is never going to.
const REAL_WORK_MAX_MS = 10_000;

export type DriveOutcome<T> =
  | { status: 'settled'; value: T }
  | { status: 'rejected'; error: unknown }
  /** A timer's callback threw: in a real process, an uncaught exception. */
  | { status: 'uncaught'; error: unknown }
  /** `waitingOn` names what the run waited on in vain, when it was real work rather than nothing. */
  | { status: 'deadlock'; virtualMs: number; waitingOn?: string }
  | { status: 'virtual-time-cap'; virtualMs: number };

let active: VirtualClock | null = null;

/** What a run needs of its clock: virtual time for simulated runs, the wall clock for live ones. */
export interface RunClock {
  install(): void;
  uninstall(): void;
  /** Milliseconds since the run started. */
  now(): number;
  drive<T>(promise: Promise<T>, msMax: number): Promise<DriveOutcome<T>>;
}

/**
 * Process-wide virtual time for one run. Timers are faked; the clock jumps to the next timer only
 * when nothing in-process can run, so a 30 s timeout costs microseconds and ordering stays the
 * same for the same inputs.
 */
export class VirtualClock implements RunClock {
  #clock: InstalledClock | null = null;
  #frozenAt = EPOCH_MS;

  install(): void {
    if (active) throw new Error('[faultline] a virtual clock is already installed: runs in one process are sequential');
    countRealWork();
    newRealWorkEpoch();
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
    let waitedSince: number | undefined;
    for (;;) {
      for (let i = 0; i < IDLE_TURNS && !outcome; i++) await new Promise((r) => realSetImmediate(r));
      if (outcome) return outcome;
      // Real work in flight finishes in no virtual time, before any timer: whatever the machine's speed.
      if (realWorkPending() > 0) {
        waitedSince ??= performance.now();
        if (performance.now() - waitedSince > REAL_WORK_MAX_MS) {
          return { status: 'deadlock', virtualMs: this.now(), waitingOn: `${realWorkPending()} fs, crypto or zlib operation(s) unfinished after ${REAL_WORK_MAX_MS} ms of wall time` };
        }
        await new Promise((r) => realSetTimeout(r, 1));
        continue;
      }
      waitedSince = undefined;
      const nextAt = nextTimerAt(clock);
      if (nextAt === null) return { status: 'deadlock', virtualMs: this.now() };
      if (nextAt - EPOCH_MS > virtualMsMax) return { status: 'virtual-time-cap', virtualMs: this.now() };
      try {
        clock.next();
      } catch (error) {
        return { status: 'uncaught', error };
      }
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

/**
 * Wall time, for live runs: the real API answers on its own schedule, and a faked clock would jump
 * ahead while a request is in flight (the process looks idle) and fire the agent's timeouts early.
 * A deadlock cannot be told from a slow reply here, so a stuck run ends at the cap.
 */
export class RealClock implements RunClock {
  #start = performance.now();
  #end: number | null = null;

  // The run's time starts when its clock is made, not at install(): the run records its start (and
  // may record more) before installing the clock, and a reset there made later events run backwards.
  install(): void {
    this.#end = null;
  }

  uninstall(): void {
    this.#end = performance.now();
  }

  now(): number {
    return Math.round((this.#end ?? performance.now()) - this.#start);
  }

  async drive<T>(promise: Promise<T>, msMax: number): Promise<DriveOutcome<T>> {
    let timer: NodeJS.Timeout | undefined;
    const cap = new Promise<DriveOutcome<T>>((resolve) => (timer = setTimeout(() => resolve({ status: 'virtual-time-cap', virtualMs: this.now() }), msMax)));
    const settled = promise.then(
      (value): DriveOutcome<T> => ({ status: 'settled', value }),
      (error: unknown): DriveOutcome<T> => ({ status: 'rejected', error }),
    );
    try {
      return await Promise.race([settled, cap]);
    } finally {
      clearTimeout(timer);
    }
  }
}
