import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';

/** The machine's CPU counters and this process's own CPU time at one moment (all in ms). */
export type CpuSample = { idle: number; total: number; own: number; cores: number };

/** The counters of the CPUs this process may run on (`linuxCounters`), else of every CPU (os.cpus()). */
export function sampleCpu(counters = linuxCounters()): CpuSample {
  const { user, system } = process.cpuUsage();
  const own = (user + system) / 1000;
  if (counters) return { ...counters, own };
  let idle = 0;
  let total = 0;
  const all = cpus();
  for (const { times } of all) {
    idle += times.idle;
    total += times.user + times.nice + times.sys + times.idle + times.irq;
  }
  return { idle, total, own, cores: all.length };
}

/**
 * On Linux, the counters os.cpus() reads (/proc/stat, 100 ticks a second) of only the CPUs this
 * process may run on (its Cpus_allowed_list: a container's cpuset): another job pinned to other
 * CPUs leaves its own free, and one pinned to its own does not spread over the machine. Undefined
 * elsewhere.
 */
export function linuxCounters(stat = readOrNothing('/proc/stat'), status = readOrNothing('/proc/self/status')): Omit<CpuSample, 'own'> | undefined {
  const allowed = status?.match(/^Cpus_allowed_list:\s*(\S+)/m)?.[1];
  if (stat === undefined || allowed === undefined) return undefined;
  const ours = new Set(
    allowed.split(',').flatMap((range) => {
      const [from, to = from] = range.split('-').map(Number) as [number, number?];
      return Array.from({ length: to - from + 1 }, (_, i) => from + i);
    }),
  );
  let idle = 0;
  let total = 0;
  let cores = 0;
  // user nice system idle iowait irq: as os.cpus(), iowait is neither busy nor idle.
  for (const [, cpu, ...ticks] of stat.matchAll(/^cpu(\d+) (\d+) (\d+) (\d+) (\d+) \d+ (\d+)/gm)) {
    if (!ours.has(Number(cpu))) continue;
    const [user, nice, sys, idleTicks, irq] = ticks.map((t) => Number(t) * 10) as [number, number, number, number, number];
    idle += idleTicks;
    total += user + nice + sys + idleTicks + irq;
    cores++;
  }
  return cores ? { idle, total, cores } : undefined;
}

function readOrNothing(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
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
