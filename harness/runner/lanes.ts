import { cpus } from 'node:os';

/** The machine's CPU counters and this process's own CPU time at one moment (all in ms). */
export type CpuSample = { idle: number; total: number; own: number; cores: number };

export function sampleCpu(): CpuSample {
  let idle = 0;
  let total = 0;
  const all = cpus();
  for (const { times } of all) {
    idle += times.idle;
    total += times.user + times.nice + times.sys + times.idle + times.irq;
  }
  const { user, system } = process.cpuUsage();
  return { idle, total, own: (user + system) / 1000, cores: all.length };
}

/**
 * How many cores other processes kept busy between two samples: the machine's busy time less this
 * process's own (its workers and GC threads included), over the time between them. 0 when the
 * counters did not move (a window shorter than their tick).
 */
export function othersBusy(before: CpuSample, after: CpuSample): number {
  const cores = after.cores || 1;
  const window = (after.total - before.total) / cores;
  if (window <= 0) return 0;
  const busy = after.total - before.total - (after.idle - before.idle);
  return Math.max(0, (busy - (after.own - before.own)) / window);
}

/**
 * The lanes worth running while other processes keep `others` cores busy: the cores they leave,
 * to the nearest whole one. A lane on a core another job holds buys nothing: one worker already
 * keeps about a core and a quarter busy (its GC threads), and two workers sharing what another job
 * left ran slower than one (0.84×, with another job on one of two cores).
 */
export function lanesFor(others: number, cores: number, most: number): number {
  return Math.max(1, Math.min(most, Math.round(cores - others)));
}
