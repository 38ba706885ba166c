import { describe, expect, it } from 'vitest';
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
  it('averages the tasks (one per seed) and raises the pooled interval to the k-th power', () => {
    const result = scenarioPassK([{ runs: 3, passed: 3 }, { runs: 3, passed: 1 }], 3);
    expect(result).toMatchObject({ k: 3, runs: 6, passed: 4, passK: 0.5 });
    const [lo, hi] = wilson(6, 4);
    expect(result.ci).toEqual([Math.round(lo ** 3 * 1e4) / 1e4, Math.round(hi ** 3 * 1e4) / 1e4]);
  });
});
