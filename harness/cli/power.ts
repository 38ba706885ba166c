import { catchChance, detectable, MAX_SEEDS, seedsToDetect } from '../../evals/power.ts';
import { UsageError } from '../errors.ts';

/** The share of suites that must catch a true drop for the second figure of the guidance (the usual 80 % power). */
const POWER = 0.8;

/** A scenario's pass^k in the baseline and the lower bound of its interval, which the gate compares with. */
export type BaselinePassK = { p0: number; floor: number };

/** A drop of pass^k to detect, as `--detect` or a config's `detect` gives it: a number in (0, 1]. */
export function parseDetect(text: string): number {
  const drop = Number(text);
  if (text.trim() === '' || !Number.isFinite(drop) || drop <= 0 || drop > 1) throw new UsageError(`--detect: "${text}" is not a drop of pass^k between 0 (exclusive) and 1; give e.g. --detect 0.2`);
  return drop;
}

const fixed = (x: number) => x.toFixed(3);
const percent = (x: number) => `${x === 0 ? '0' : x < 0.001 ? '< 0.1' : (100 * x).toFixed(x < 0.1 ? 1 : 0)} %`;

/**
 * What the gate can detect in each scenario, grouped by its pass^k in the baseline, and, given a
 * drop to detect, whether this suite is large enough and how many seeds would be. Everything is
 * computed by evals/power.ts from the gate's own rule, so it cannot say what the gate does not do.
 */
export function powerGuidance(baseline: Map<string, BaselinePassK>, { seeds, trials, detect }: { seeds: number; trials: number; detect?: number }): string[] {
  const groups = new Map<string, { p0: number; floor: number; scenarios: string[] }>();
  for (const [scenario, { p0, floor }] of baseline) {
    const group = groups.get(`${p0} ${floor}`) ?? groups.set(`${p0} ${floor}`, { p0, floor, scenarios: [] }).get(`${p0} ${floor}`)!;
    group.scenarios.push(scenario);
  }
  const metric = `pass^${trials}`;
  const suite = `${seeds} seed(s) × ${trials} trial(s), k=${trials}`;
  return [...groups.values()]
    .sort((a, b) => b.p0 - a.p0)
    .flatMap(({ p0, scenarios, ...stored }) => {
      const names = `${scenarios.length} scenario(s): ${scenarios.slice(0, 3).join(', ')}${scenarios.length > 3 ? ', …' : ''}`;
      const { floor, passingAtMost, drop } = detectable(p0, seeds, stored.floor);
      if (drop === undefined) return [`power: ${metric} is ${fixed(p0)} in the baseline, so no fall can fail the gate (${names})`];
      const head = `power: this suite (${suite}) detects a drop of ${metric} from ${fixed(p0)} to below ${fixed(floor)} at 95 % confidence: ${seeds - passingAtMost} of ${seeds} seeds failing, a drop of ${fixed(drop)} (${names})`;
      return detect === undefined ? [head] : [head, `  ${detectLine(p0, detect, seeds, drop, metric)}`];
    });
}

function detectLine(p0: number, detect: number, seeds: number, drop: number, metric: string): string {
  const needed = seedsToDetect(p0, detect);
  if (needed === undefined) return p0 < detect ? `${metric} of ${fixed(p0)} cannot fall by ${detect}` : `no suite of up to ${MAX_SEEDS} seeds detects a drop of ${detect} from ${fixed(p0)}`;
  const sure = seedsToDetect(p0, detect, { power: POWER });
  const truly = sure === undefined ? '' : `; ≥ ${sure} to catch a true drop of ${detect} in ${percent(POWER)} of suites`;
  if (seeds >= needed) return `detects a drop of ${detect} (it takes ≥ ${needed} seeds${truly}; with ${seeds}, a true drop of ${detect} is caught in ${percent(catchChance(p0, p0 - detect, seeds))} of suites)`;
  return `warning: too small to detect a drop of ${detect} (it detects ${fixed(drop)}): to detect a drop of ${detect} you need ≥ ${needed} seeds${truly}; this suite has ${seeds}`;
}

/**
 * The README's table: for baseline pass^k 1.0 and 0.9 and drops of 0.1, 0.2, 0.3 (or `drops`), the
 * seeds × trials a gate needs, printed by `faultline gate --power`.
 */
export function powerTable(drops: readonly number[] = [0.1, 0.2, 0.3]): string {
  const rows = [1, 0.9].flatMap((p0) =>
    drops.map((d) => {
      const [measured, sure] = [seedsToDetect(p0, d), seedsToDetect(p0, d, { power: POWER })];
      const cost = (seeds: number | undefined) => (seeds === undefined ? 'beyond the search' : `${seeds} × 1; ${seeds} × 3`);
      const falseAlarm = sure === undefined ? '-' : percent(catchChance(p0, p0, sure));
      // Three independent trials at per-run rate r pass together with chance r³.
      const perRun = `${fixed(Math.cbrt(p0))} → ${fixed(Math.cbrt(Math.max(0, p0 - d)))}`;
      return `| ${p0.toFixed(1)} | ${d} (to ${fixed(p0 - d)}) | ${cost(measured)} | ${cost(sure)} | ${falseAlarm} | ${perRun} |`;
    }),
  );
  return [
    `| pass^k in the baseline | drop to detect | seeds × trials (pass^1; pass^3) for a measured drop to fail the gate | … for a true drop to fail it in ${percent(POWER)} of suites | false alarms at that size, no true drop | the drop at pass^3 as a per-run pass rate |`,
    '|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}
