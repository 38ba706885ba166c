import { getEventListeners } from 'node:events';
import timers from 'node:timers';
import timersPromises from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { RealClock, VirtualClock } from '../../harness/clock.ts';

let clock: VirtualClock;
afterEach(() => clock?.uninstall());

describe('VirtualClock', () => {
  it('jumps to the next timer when idle: an hour of timers costs no wall time', async () => {
    clock = new VirtualClock();
    clock.install();
    const wall = performance.now();
    const outcome = await clock.drive(new Promise((resolve) => setTimeout(() => resolve('done'), 3_600_000)), 4_000_000);
    expect(outcome).toEqual({ status: 'settled', value: 'done' });
    expect(clock.now()).toBe(3_600_000);
    expect(performance.now() - wall).toBeLessThan(5_000);
  });

  it('fires AbortSignal.timeout in virtual time', async () => {
    clock = new VirtualClock();
    clock.install();
    const signal = AbortSignal.timeout(30_000);
    const outcome = await clock.drive(new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason))), 60_000);
    expect(outcome.status).toBe('rejected');
    expect((outcome as { error: DOMException }).error.name).toBe('TimeoutError');
    expect(clock.now()).toBe(30_000);
  });

  it('reports a deadlock when nothing is pending, and stops at the virtual-time cap', async () => {
    clock = new VirtualClock();
    clock.install();
    expect((await clock.drive(new Promise(() => {}), 1_000)).status).toBe('deadlock');
    const capped = await clock.drive(new Promise((r) => setTimeout(r, 10_000)), 5_000);
    expect(capped.status).toBe('virtual-time-cap');
  });

  it('starts every run at the same date, and keeps the last time once uninstalled', async () => {
    const RealDate = Date;
    clock = new VirtualClock();
    clock.install();
    expect(Date).not.toBe(RealDate);
    expect(new Date().toISOString()).toBe('2026-01-01T00:00:00.000Z');
    await clock.drive(new Promise((r) => setTimeout(r, 1_500)), 10_000);
    clock.uninstall();
    expect(clock.now()).toBe(1_500);
    expect(Date).toBe(RealDate);
  });

  it('leaves nothing of a run to the next: its timers are gone, time starts again, the real globals are back between runs', async () => {
    const real = { setTimeout, clearTimeout, setInterval, clearInterval, Date, timersSetTimeout: timers.setTimeout };
    let fired = 0;
    clock = new VirtualClock();
    clock.install();
    setTimeout(() => fired++, 5_000);
    setInterval(() => fired++, 1_000);
    const leftover = setTimeout;
    await clock.drive(new Promise((r) => setTimeout(r, 100)), 10_000);
    clock.uninstall();
    expect({ setTimeout, clearTimeout, setInterval, clearInterval, Date, timersSetTimeout: timers.setTimeout }).toEqual(real);
    // What a run left behind between runs lands in no later run.
    leftover(() => fired++, 1);
    clock = new VirtualClock();
    clock.install();
    expect(setTimeout).not.toBe(real.setTimeout);
    expect(timers.setTimeout).not.toBe(real.timersSetTimeout);
    expect(Date.now()).toBe(Date.UTC(2026, 0, 1));
    expect((await clock.drive(new Promise(() => {}), 60_000)).status).toBe('deadlock');
    expect(fired).toBe(0);
    expect(clock.now()).toBe(0);
  });

  it("leaves no listener of a run's timers/promises wait on a signal that never aborted", async () => {
    const signal = new AbortController().signal;
    for (let run = 0; run < 3; run++) {
      clock = new VirtualClock();
      clock.install();
      void timersPromises.setTimeout(10_000, 'x', { signal }).catch(() => {});
      await clock.drive(Promise.resolve(), 1_000);
      clock.uninstall();
    }
    expect(getEventListeners(signal, 'abort')).toEqual([]);
  });

  it('installs anew over globals replaced between runs', async () => {
    clock = new VirtualClock();
    clock.install();
    clock.uninstall();
    const original = globalThis.setTimeout;
    const replaced = Object.assign((...args: Parameters<typeof setTimeout>) => original(...args), original) as typeof setTimeout;
    globalThis.setTimeout = replaced;
    try {
      clock = new VirtualClock();
      clock.install();
      expect((await clock.drive(new Promise((r) => setTimeout(r, 2_000)), 10_000)).status).toBe('settled');
      expect(clock.now()).toBe(2_000);
      clock.uninstall();
      expect(globalThis.setTimeout).toBe(replaced);
    } finally {
      globalThis.setTimeout = original;
    }
  });

  it('refuses a second clock in the same process', () => {
    clock = new VirtualClock();
    clock.install();
    expect(() => new VirtualClock().install()).toThrow(/already installed/);
  });
});

describe('RealClock', () => {
  it('settles with the promise, in wall time', async () => {
    const real = new RealClock();
    real.install();
    const outcome = await real.drive(new Promise((resolve) => setTimeout(() => resolve('done'), 20)), 10_000);
    real.uninstall();
    expect(outcome).toEqual({ status: 'settled', value: 'done' });
    expect(real.now()).toBeGreaterThanOrEqual(19);
  });

  it('ends a run that outlives the cap, which here is wall time', async () => {
    const real = new RealClock();
    real.install();
    const outcome = await real.drive(new Promise(() => {}), 30);
    expect(outcome.status).toBe('virtual-time-cap');
  });

  it('counts from its creation: what a run records before install() is never later than what follows', async () => {
    // A live run records run-start before installing its clock; a reset at install() made the next events run backwards.
    const real = new RealClock();
    await new Promise((resolve) => setTimeout(resolve, 15));
    const before = real.now();
    real.install();
    expect(before).toBeGreaterThanOrEqual(14);
    expect(real.now()).toBeGreaterThanOrEqual(before);
    real.uninstall();
  });

  it('reports a rejection as one', async () => {
    const real = new RealClock();
    const error = new Error('boom');
    expect(await real.drive(Promise.reject(error), 1_000)).toEqual({ status: 'rejected', error });
  });
});
