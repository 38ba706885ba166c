import { passKInterval, roundPassK } from './passk.ts';

/**
 * The gate's pass^k rule read backwards: what a suite of T seeds can detect. The gate runs each
 * seed k times (k = trials) and a seed counts when all k of its trials pass, so a fresh run's
 * pass^k is j/T for the j seeds that did; it fails the gate when that falls below the lower bound of
 * the baseline's 95 % Wilson interval (evals/passk.ts). Trials choose the metric (pass^1, pass^3)
 * and multiply the cost; only seeds narrow the interval.
 */

/** Most seeds a gate is configured with (harness/config.ts): beyond it, a drop is not worth the bill. */
export const MAX_SEEDS = 10_000;
// Each count of seeds costs a binomial sum: search less far for the chance of catching a true drop.
const MAX_SEEDS_FOR_POWER = 2_000;
// (0.9 − 0.2) · 10 is 6.999…: a drop of exactly d must not lose a seed to rounding.
const EPSILON = 1e-9;

export type Detectable = {
  /** The baseline's lower bound: a fresh pass^k below it fails the gate. */
  floor: number;
  /** The most of the T seeds that may pass every trial in a fresh run that still fails the gate; −1 when none can fail it. */
  passingAtMost: number;
  /** The smallest fall of the measured pass^k from p0 that fails the gate; undefined when none does. */
  drop: number | undefined;
};

/**
 * What a gate of `seeds` seeds detects in a scenario whose baseline pass^k is `p0`. `floor` is the
 * baseline's stored lower bound when there is one (the gate compares with it), else computed as
 * the gate computes it.
 *
 * @example detectable(1, 5) // { floor: 0.5655, passingAtMost: 2, drop: 0.6 } — 3 of 5 seeds must fail
 */
export function detectable(p0: number, seeds: number, floor = passKInterval(seeds, p0)[0]): Detectable {
  // Guess from the floor, then step: the gate compares the rounded value, so check it as the gate does.
  let j = Math.min(seeds, Math.ceil(floor * seeds));
  while (j >= 0 && !fails(j, seeds, floor)) j--;
  while (j + 1 <= seeds && fails(j + 1, seeds, floor)) j++;
  return { floor, passingAtMost: j, drop: j < 0 ? undefined : roundPassK(p0 - j / seeds) };
}

/** A fresh run with `passing` of `seeds` seeds passing every trial fails the gate (the rule in evals/baseline.ts). */
const fails = (passing: number, seeds: number, floor: number) => roundPassK(passing / seeds) < floor;

/** The chance a fresh suite fails the gate when the true pass^k is `p1` (the measured one is binomial over the seeds). */
export function catchChance(p0: number, p1: number, seeds: number): number {
  return binomialCdf(detectable(p0, seeds).passingAtMost, seeds, p1);
}

/**
 * The fewest seeds from which on a gate detects a fall of pass^k from `p0` by `drop`: the measured
 * pass^k falling by `drop` fails it; with `power`, a true fall by `drop` fails it in at least that
 * share of suites. "From which on": every larger count up to the search's limit detects it too (the
 * counts are discrete, and a count one above can detect less). Undefined when no count up to the
 * limit does, or pass^k cannot fall that far.
 *
 * @example seedsToDetect(1, 0.2) // 19: a suite of 19 seeds or more fails when 4 of them stop passing
 */
export function seedsToDetect(p0: number, drop: number, { power }: { power?: number } = {}): number | undefined {
  if (p0 - drop < -EPSILON) return undefined;
  const limit = power === undefined ? MAX_SEEDS : MAX_SEEDS_FOR_POWER;
  const detects = (seeds: number) => (power === undefined ? Math.floor((p0 - drop) * seeds + EPSILON) <= detectable(p0, seeds).passingAtMost : catchChance(p0, p0 - drop, seeds) >= power);
  let from: number | undefined;
  for (let seeds = limit; seeds >= 1 && detects(seeds); seeds--) from = seeds;
  return from;
}

/** P(X ≤ at) for X ~ Binomial(n, p), summed in logs so a thousand seeds near p = 1 do not underflow. */
export function binomialCdf(at: number, n: number, p: number): number {
  if (at < 0) return 0;
  if (at >= n || p <= 0) return 1;
  if (p >= 1) return 0;
  const [logP, logQ] = [Math.log(p), Math.log1p(-p)];
  let logPmf = n * logQ;
  let sum = Math.exp(logPmf);
  for (let j = 0; j < at; j++) {
    logPmf += Math.log((n - j) / (j + 1)) + logP - logQ;
    sum += Math.exp(logPmf);
  }
  return Math.min(1, sum);
}
