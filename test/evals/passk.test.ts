import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildBaseline, compareWithBaseline } from '../../evals/baseline.ts';
import { passHatK, scenarioPassK, wilson } from '../../evals/passk.ts';

describe('pass^k (τ-bench: C(c,k)/C(n,k))', () => {
  it('is the chance that k of the n trials, drawn without replacement, all passed', () => {
    expect(passHatK(4, 2, 1)).toBe(0.5);
    expect(passHatK(4, 2, 2)).toBeCloseTo(1 / 6, 12);
    expect(passHatK(4, 2, 3)).toBe(0);
    expect(passHatK(8, 8, 8)).toBe(1);
    expect(passHatK(10, 7, 3)).toBeCloseTo(35 / 120, 12);
  });

  it('falls as k grows unless every trial passed', () => {
    const curve = [1, 2, 3, 4, 5].map((k) => passHatK(5, 4, k));
    for (let i = 1; i < curve.length; i++) expect(curve[i]).toBeLessThan(curve[i - 1] as number);
  });

  it('refuses a k outside 1..n', () => {
    expect(() => passHatK(3, 3, 4)).toThrow(RangeError);
    expect(() => passHatK(3, 3, 0)).toThrow(RangeError);
  });
});

describe('wilson', () => {
  it('gives a proper interval at the extremes, where the normal one collapses', () => {
    const [lo, hi] = wilson(15, 15);
    expect(hi).toBe(1);
    expect(lo).toBeCloseTo(0.7961, 3);
    expect(wilson(10, 0)[0]).toBe(0);
    expect(wilson(0, 0)).toEqual([0, 1]);
  });

  it('narrows as the number of runs grows', () => {
    const width = (n: number) => wilson(n, n / 2)[1] - wilson(n, n / 2)[0];
    expect(width(100)).toBeLessThan(width(10));
  });
});

describe('scenarioPassK', () => {
  it("averages the tasks (one per seed), and its interval is Wilson's over the tasks, of the same estimate", () => {
    const result = scenarioPassK(
      [
        { runs: 3, passed: 3 },
        { runs: 3, passed: 1 },
      ],
      3,
    );
    expect(result).toMatchObject({ k: 3, runs: 6, passed: 4, passK: 0.5 });
    const [lo, hi] = wilson(2, 1);
    expect(result.ci).toEqual([Math.round(lo * 1e4) / 1e4, Math.round(hi * 1e4) / 1e4]);
  });
});

// The gate's statistics cannot contradict themselves (issue 14): over any trial outcomes, a baseline
// written from some runs never finds those same runs regressed, and a real drop is caught.
describe('the gate on pass^k', () => {
  type Run = { scenario: string; seed: number; trial: number; verdict: 'pass' | 'fail'; checks: []; replay: string };
  const runsOf = (outcomes: boolean[][]): Run[] => outcomes.flatMap((trials, s) => trials.map((ok, t) => ({ scenario: 'x', seed: s + 1, trial: t + 1, verdict: ok ? 'pass' : 'fail', checks: [], replay: '' })));

  it('never regresses a baseline against the runs it was written from, and the estimate lies inside its interval', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((k) => fc.tuple(fc.constant(k), fc.array(fc.array(fc.boolean(), { minLength: k, maxLength: k }), { minLength: 1, maxLength: 30 }))),
        ([k, outcomes]) => {
          const runs = runsOf(outcomes);
          const baseline = buildBaseline(runs, { agent: 'a', seeds: outcomes.length, trials: k });
          const pk = baseline.scenarios.x!.passK;
          expect(pk.ci[0]).toBeLessThanOrEqual(pk.passK);
          expect(pk.passK).toBeLessThanOrEqual(pk.ci[1]);
          expect(compareWithBaseline(runs, baseline, k).regressions).toEqual([]);
        },
      ),
    );
  });

  it('catches a real drop: 20 of 20 seeds passing every trial, then 14 of 20, at k = 3', () => {
    const before = runsOf(Array.from({ length: 20 }, () => [true, true, true]));
    const after = runsOf(Array.from({ length: 20 }, (_, s) => (s < 14 ? [true, true, true] : [true, false, true])));
    const baseline = buildBaseline(before, { agent: 'a', seeds: 20, trials: 3 });
    expect(compareWithBaseline(after, baseline, 3).regressions.filter((r) => r.kind === 'pass^k')).toMatchObject([{ now: 0.7, lowerBound: baseline.scenarios.x!.passK.ci[0] }]);
  });
});
