import { describe, expect, it } from 'vitest';
import { lanesFor, linuxCounters, othersBusy, sampleCpu, type CpuSample } from '../../../harness/runner/lanes.ts';

// Two cores over one second: `total` grows 1 000 ms per core, `idle` by what no process used.
const at = (idle: number, own: number, total = 0): CpuSample => ({ idle, total, own, cores: 2 });

describe('othersBusy', () => {
  it("counts the machine's busy time less this process's own, in cores", () => {
    expect(othersBusy(at(0, 0), at(2_000, 0, 2_000))).toBe(0);
    // One core busy, all of it ours: nobody else.
    expect(othersBusy(at(0, 0), at(1_000, 1_000, 2_000))).toBe(0);
    // Both cores busy, one of them ours: one core held by another job.
    expect(othersBusy(at(0, 0), at(0, 1_000, 2_000))).toBe(1);
    expect(othersBusy(at(0, 0), at(500, 500, 2_000))).toBe(1);
  });

  it('is 0 for a window the counters did not see, and never negative (our time counted before the machine ticked)', () => {
    expect(othersBusy(at(0, 0), at(0, 5))).toBe(0);
    expect(othersBusy(at(0, 0), at(1_000, 1_500, 2_000))).toBe(0);
  });

  it("counts on Linux only the CPUs this process may run on (a container's cpuset), not another job's on CPUs it cannot use", () => {
    // /proc/stat of four CPUs after `seconds` (100 ticks a second): those named busy ran other work all along.
    const stat = (seconds: number, busy: number[]) => ['cpu  0 0 0 0 0 0 0 0 0 0', ...[0, 1, 2, 3].map((n) => `cpu${n} ${busy.includes(n) ? 100 * seconds : 0} 0 0 ${busy.includes(n) ? 0 : 100 * seconds} 0 0 0 0 0 0`)].join('\n');
    const status = 'Name:\tnode\nCpus_allowed_list:\t0-1\n';
    const start = sampleCpu(linuxCounters(stat(0, []), status));
    const elsewhere = sampleCpu(linuxCounters(stat(1, [2, 3]), status));
    expect(elsewhere.cores).toBe(2);
    // Both of its cores free: two lanes, where the load of all four spread over its two said one core was taken.
    expect(othersBusy(start, elsewhere)).toBe(0);
    expect(lanesFor(othersBusy(start, elsewhere), 2, 2)).toBe(2);
    // Another job on one of its own CPUs: one core taken, one lane.
    const here = sampleCpu(linuxCounters(stat(1, [1]), status));
    expect(othersBusy(start, here)).toBeCloseTo(1, 2);
    expect(lanesFor(othersBusy(start, here), 2, 2)).toBe(1);
    expect(linuxCounters(stat(1, []), 'Name:\tnode\n')).toBeUndefined();
  });

  it('reads real counters', () => {
    const sample = sampleCpu();
    expect(sample.cores).toBeGreaterThan(0);
    expect(sample.total).toBeGreaterThanOrEqual(sample.idle);
    expect(sample.own).toBeGreaterThan(0);
  });
});

describe('lanesFor', () => {
  it('runs a lane per free core, never fewer than one nor more than allowed', () => {
    expect(lanesFor(0, 2, 2)).toBe(2);
    expect(lanesFor(0.4, 2, 2)).toBe(2);
    expect(lanesFor(0.6, 2, 2)).toBe(1);
    expect(lanesFor(1.5, 2, 2)).toBe(1);
    expect(lanesFor(9, 2, 2)).toBe(1);
    expect(lanesFor(0, 8, 3)).toBe(3);
    expect(lanesFor(2, 8, 8)).toBe(6);
  });
});
