/** n choose k, exactly for the small counts of trials (0 when k > n). */
function choose(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let result = 1;
  for (let i = 1; i <= k; i++) result = (result * (n - k + i)) / i;
  return result;
}

/**
 * pass^k as τ-bench defines it: the chance that k trials drawn from the n run, of which c passed,
 * all pass — C(c, k) / C(n, k). It falls as k grows unless every trial passed.
 */
export function passHatK(n: number, c: number, k: number): number {
  if (!Number.isInteger(k) || k < 1 || k > n) throw new RangeError(`pass^k needs 1 ≤ k ≤ n (k = ${k}, n = ${n})`);
  return choose(c, k) / choose(n, k);
}

/** The Wilson score interval for a pass rate c/n at 95 % (z = 1.96): sound at 0 and n, unlike the normal one. */
export function wilson(n: number, c: number, z = 1.96): [number, number] {
  if (n === 0) return [0, 1];
  const p = c / n;
  const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / (1 + (z * z) / n);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

export type PassK = { k: number; runs: number; passed: number; passK: number; ci: [number, number] };

/**
 * pass^k of one scenario over its T tasks (one task per seed, each run for its trials): the mean
 * of each task's C(c, k) / C(n, k), as τ-bench averages over tasks. The interval is of the same
 * estimator: Wilson's over the T tasks, with T · pass^k of them passing — exact when every task ran
 * k trials (a task then passes all k or does not), a pseudo-count otherwise. So the estimate always
 * lies inside its own interval, and a baseline never regresses against the runs it was made from.
 */
export function scenarioPassK(tasks: Array<{ runs: number; passed: number }>, k: number): PassK {
  const runs = tasks.reduce((n, t) => n + t.runs, 0);
  const passed = tasks.reduce((n, t) => n + t.passed, 0);
  const passK = tasks.reduce((sum, t) => sum + passHatK(t.runs, t.passed, k), 0) / tasks.length;
  return { k, runs, passed, passK: roundPassK(passK), ci: passKInterval(tasks.length, passK) };
}

/**
 * The interval the gate keeps for a pass^k over `tasks` tasks: Wilson's with `tasks · passK` of
 * them passing, rounded as stored, and widened to hold the (rounded) estimate. Its lower bound is
 * the gate's threshold; evals/power.ts reads it backwards, so both must be this one function.
 */
export function passKInterval(tasks: number, passK: number): [number, number] {
  const [lo, hi] = wilson(tasks, passK * tasks);
  return [Math.min(roundPassK(lo), roundPassK(passK)), Math.max(roundPassK(hi), roundPassK(passK))];
}

/** The gate's rule for a scenario: its pass^k now fell below the lower bound of the baseline's interval. */
export const belowBaseline = (now: number, baseline: readonly [number, number]): boolean => now < baseline[0];

/** pass^k and its bounds as stored and compared: four decimals. */
export const roundPassK = (x: number) => Math.round(x * 10_000) / 10_000;
