import * as FakeTimers from '@sinonjs/fake-timers';
import timers from 'node:timers';
import timersPromises from 'node:timers/promises';
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
    this.#clock = fakeTimers();
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
    if (this.#clock) realTimers();
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

/**
 * The globals fake-timers replaces (in globalThis, node:timers and node:timers/promises), with their
 * real and fake descriptors: what installing swaps in and uninstalling swaps back.
 */
type Swap = { target: object; key: PropertyKey; real: PropertyDescriptor | undefined; fake: PropertyDescriptor | undefined };
let shared: { clock: InstalledClock; swaps: Swap[] } | null = null;
const TARGETS: object[] = [globalThis, timers, timersPromises];

/**
 * The process's fake clock, reset for a run and swapped in: fake-timers is installed once (a new
 * clock and every global wrapped again cost ~3 % of a canonical run), and each later run gets it
 * as a fresh install would leave it (no timer, `now` at the epoch). If the real globals were
 * replaced since (another fake clock, a restored snapshot), it is installed anew over them.
 */
function fakeTimers(): InstalledClock {
  if (shared?.swaps.every((s) => sameDescriptor(Object.getOwnPropertyDescriptor(s.target, s.key), s.real))) {
    shared.clock.reset();
    for (const swap of shared.swaps) put(swap.target, swap.key, swap.fake);
    return shared.clock;
  }
  const before = TARGETS.map((target) => Object.getOwnPropertyDescriptors(target));
  const clock = FakeTimers.install({ now: EPOCH_MS, toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  const swaps = TARGETS.flatMap((target, i) => {
    const after = Object.getOwnPropertyDescriptors(target);
    const keys = new Set([...Reflect.ownKeys(before[i]!), ...Reflect.ownKeys(after)]);
    return [...keys].flatMap((key) => {
      const [real, fake] = [before[i]![key as string], after[key as string]];
      return sameDescriptor(real, fake) ? [] : [{ target, key, real, fake }];
    });
  });
  shared = { clock, swaps };
  return clock;
}

/** Puts back what `fakeTimers` swapped in, the globals as they were before the run, and drops the run's timers (and what they hold). */
function realTimers(): void {
  for (const swap of shared?.swaps ?? []) put(swap.target, swap.key, swap.real);
  // As fake-timers' uninstall does (reset does not): a timers/promises wait whose signal never
  // aborted leaves its listener on that signal, holding the run's continuation into a later run.
  const listeners = (shared?.clock as { abortListenerMap?: Map<() => void, AbortSignal> } | undefined)?.abortListenerMap;
  for (const [listener, signal] of listeners ?? []) signal.removeEventListener('abort', listener);
  listeners?.clear();
  shared?.clock.reset();
}

function put(target: object, key: PropertyKey, descriptor: PropertyDescriptor | undefined): void {
  if (descriptor) Object.defineProperty(target, key, descriptor);
  else delete (target as Record<PropertyKey, unknown>)[key];
}

function sameDescriptor(a: PropertyDescriptor | undefined, b: PropertyDescriptor | undefined): boolean {
  if (!a || !b) return a === b;
  return Object.is(a.value, b.value) && a.get === b.get && a.set === b.set && a.writable === b.writable && a.enumerable === b.enumerable && a.configurable === b.configurable;
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
