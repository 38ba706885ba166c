import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildBaseline, compareWithBaseline } from '../../evals/baseline.ts';
import { passKInterval } from '../../evals/passk.ts';
import { binomialCdf, catchChance, detectable, seedsToDetect } from '../../evals/power.ts';
import { parseDetect, powerGuidance, powerTable } from '../../harness/cli/power.ts';

type Run = { scenario: string; seed: number; trial: number; verdict: 'pass' | 'fail'; checks: []; replay: string };

/** `seeds` seeds of k trials, the first `passing` passing all of them, the others failing one. */
function suite(seeds: number, passing: number, k: number): Run[] {
  return Array.from({ length: seeds }, (_, s) => Array.from({ length: k }, (_, t): Run => ({ scenario: 'x', seed: s + 1, trial: t + 1, verdict: s < passing || t > 0 ? 'pass' : 'fail', checks: [], replay: '' }))).flat();
}

/** Whether the gate's own comparison finds this scenario's pass^k regressed. */
function gateFlags(baselineRuns: Run[], fresh: Run[], seeds: number, k: number): boolean {
  const baseline = buildBaseline(baselineRuns, { agent: 'a', seeds, trials: k });
  return compareWithBaseline(fresh, baseline, k, [], { perRun: false }).regressions.some((r) => r.kind === 'pass^k');
}

// The guidance is the gate's rule read backwards (issue 14 item 5): it must agree with the gate's
// own comparison exactly, not approximately, or the README's table would promise what CI does not do.
describe('detectable: the smallest fall of pass^k the gate flags', () => {
  it('is exactly where the gate starts failing: that many seeds passing fails it, one more passes it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }).chain((seeds) => fc.tuple(fc.constant(seeds), fc.integer({ min: 0, max: seeds }), fc.integer({ min: 1, max: 3 }))),
        ([seeds, passing, k]) => {
          const before = suite(seeds, passing, k);
          const stored = buildBaseline(before, { agent: 'a', seeds, trials: k }).scenarios.x!.passK;
          // The floor the guidance computes is the one the baseline stores.
          expect(passKInterval(seeds, passing / seeds)[0]).toBe(stored.ci[0]);
          const { passingAtMost, drop } = detectable(stored.passK, seeds, stored.ci[0]);
          expect(detectable(passing / seeds, seeds).passingAtMost).toBe(passingAtMost);
          if (passingAtMost >= 0) {
            expect(gateFlags(before, suite(seeds, passingAtMost, k), seeds, k)).toBe(true);
            expect(drop).toBeCloseTo(passing / seeds - passingAtMost / seeds, 3);
          } else expect(drop).toBeUndefined();
          if (passingAtMost + 1 <= seeds) expect(gateFlags(before, suite(seeds, passingAtMost + 1, k), seeds, k)).toBe(false);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("knows the README's cases: 5 seeds at 1.0 need 3 failing; 20 at 1.0 flag 16 of 20; nothing falls from 0", () => {
    expect(detectable(1, 5)).toEqual({ floor: 0.5655, passingAtMost: 2, drop: 0.6 });
    expect(detectable(1, 20)).toMatchObject({ floor: 0.8389, passingAtMost: 16, drop: 0.2 });
    expect(detectable(0, 5)).toEqual({ floor: 0, passingAtMost: -1, drop: undefined });
  });
});

describe('seedsToDetect', () => {
  // p0 = a/b so a suite of a multiple of b seeds can hold it exactly; drops of at least 0.05 keep suites small.
  const cases = fc.integer({ min: 1, max: 10 }).chain((b) =>
    fc.tuple(
      fc.integer({ min: 1, max: b }),
      fc.constant(b),
      fc.integer({ min: 1, max: 20 }).map((d) => d * 0.05),
    ),
  );

  it('at the count it names, and any larger, the gate flags a measured fall of that size; one seed fewer it does not', () => {
    fc.assert(
      fc.property(cases, ([a, b, drop]) => {
        const p0 = a / b;
        const needed = seedsToDetect(p0, drop);
        if (p0 - drop < -1e-9) {
          expect(needed).toBeUndefined();
          return;
        }
        expect(needed).toBeDefined();
        const fallen = (seeds: number) => Math.floor((p0 - drop) * seeds + 1e-9);
        const multiple = Math.ceil(needed! / b) * b;
        for (const seeds of [multiple, multiple + b]) expect(gateFlags(suite(seeds, (a * seeds) / b, 1), suite(seeds, fallen(seeds), 1), seeds, 1)).toBe(true);
        const fewer = needed! - 1;
        if (fewer >= 1 && (a * fewer) % b === 0) expect(gateFlags(suite(fewer, (a * fewer) / b, 1), suite(fewer, fallen(fewer), 1), fewer, 1)).toBe(false);
      }),
      { numRuns: 60 },
    );
  });

  it('asks more seeds to catch a true drop in 80 % of suites than to flag a measured one, and none past 0', () => {
    for (const [p0, drop] of [
      [1, 0.1],
      [1, 0.3],
      [0.9, 0.2],
    ] as const) {
      const measured = seedsToDetect(p0, drop)!;
      const sure = seedsToDetect(p0, drop, { power: 0.8 })!;
      expect(sure).toBeGreaterThan(measured);
      expect(catchChance(p0, p0 - drop, sure)).toBeGreaterThanOrEqual(0.8);
      expect(catchChance(p0, p0 - drop, sure - 1)).toBeLessThan(0.8);
    }
    expect(seedsToDetect(0.1, 0.2)).toBeUndefined();
    // A fall too small for any affordable suite.
    expect(seedsToDetect(0.5, 0.001)).toBeUndefined();
  });
});

describe('binomialCdf and catchChance', () => {
  it('sums the binomial as a direct sum does, at the edges too', () => {
    const direct = (at: number, n: number, p: number) => {
      let sum = 0;
      for (let j = 0, c = 1; j <= at; c = (c * (n - j)) / (j + 1), j++) sum += c * p ** j * (1 - p) ** (n - j);
      return sum;
    };
    for (const [at, n, p] of [
      [3, 10, 0.5],
      [0, 7, 0.2],
      [12, 20, 0.9],
      [5, 5, 0.3],
    ] as const)
      expect(binomialCdf(at, n, p)).toBeCloseTo(direct(at, n, p), 12);
    expect(binomialCdf(-1, 5, 0.5)).toBe(0);
    expect(binomialCdf(4, 5, 1)).toBe(0);
    expect(binomialCdf(0, 5, 0)).toBe(1);
    // 2 000 seeds near p = 1: each term underflows alone, the sum does not go NaN.
    expect(binomialCdf(1_900, 2_000, 0.97)).toBeGreaterThan(0);
  });

  it('a lower true pass^k is caught more often, and with no true drop a baseline at 1.0 never raises a false alarm', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (seeds, x, y) => {
        const [low, high] = x < y ? [x, y] : [y, x];
        expect(catchChance(0.9, low, seeds)).toBeGreaterThanOrEqual(catchChance(0.9, high, seeds) - 1e-12);
      }),
    );
    expect(catchChance(1, 1, 40)).toBe(0);
  });
});

describe('the guidance the gate prints and the README table', () => {
  const baseline = new Map([
    ['dropped-ack', { p0: 1, floor: 0.5655 }],
    ['slow-tool', { p0: 1, floor: 0.5655 }],
    ['schema-drift', { p0: 0.6, floor: 0.2307 }],
    ['never-passes', { p0: 0, floor: 0 }],
  ]);

  it('says what this suite detects, per baseline pass^k, and how many seeds a wanted drop needs', () => {
    const lines = powerGuidance(baseline, { seeds: 5, trials: 3, detect: 0.2 });
    expect(lines).toEqual([
      'power: this suite (5 seed(s) × 3 trial(s), k=3) detects a drop of pass^3 from 1.000 to below 0.566 at 95 % confidence: 3 of 5 seeds failing, a drop of 0.600 (2 scenario(s): dropped-ack, slow-tool)',
      '  warning: too small to detect a drop of 0.2 (it detects 0.600): to detect a drop of 0.2 you need ≥ 16 seeds; ≥ 27 to catch a true drop of 0.2 in 80 % of suites; this suite has 5',
      'power: this suite (5 seed(s) × 3 trial(s), k=3) detects a drop of pass^3 from 0.600 to below 0.231 at 95 % confidence: 4 of 5 seeds failing, a drop of 0.400 (1 scenario(s): schema-drift)',
      '  warning: too small to detect a drop of 0.2 (it detects 0.400): to detect a drop of 0.2 you need ≥ 21 seeds; ≥ 48 to catch a true drop of 0.2 in 80 % of suites; this suite has 5',
      'power: pass^3 is 0.000 in the baseline, so no fall can fail the gate (1 scenario(s): never-passes)',
    ]);
    // Large enough: it says so, with the chance of catching a true drop of that size.
    expect(powerGuidance(new Map([['x', { p0: 1, floor: passKInterval(40, 1)[0] }]]), { seeds: 40, trials: 1, detect: 0.2 })[1]).toMatch(
      /^ {2}detects a drop of 0\.2 \(it takes ≥ 16 seeds; ≥ 27 to catch a true drop of 0\.2 in 80 % of suites; with 40, a true drop of 0\.2 is caught in \d+ % of suites\)$/,
    );
    // Without a drop to detect, only what the suite detects.
    expect(powerGuidance(baseline, { seeds: 5, trials: 3 })).toHaveLength(3);
  });

  it('prints the table for 1.0 and 0.9 and drops of 0.1, 0.2, 0.3, or the one asked for', () => {
    const text = powerTable();
    const table = text.split('\n');
    expect(table).toHaveLength(8);
    expect(table[2]).toBe('| 1.0 | 0.1 (to 0.900) | 31 × 1; 31 × 3 | 54 × 1; 54 × 3 | 0 % | 1.000 → 0.965 |');
    expect(table[6]).toBe('| 0.9 | 0.2 (to 0.700) | 21 × 1; 21 × 3 | 40 × 1; 40 × 3 | 0.5 % | 0.965 → 0.888 |');
    expect(powerTable([0.25]).split('\n')).toHaveLength(4);
    // The README shows what faultline gate --power prints, not numbers of its own.
    expect(readFileSync('README.md', 'utf8')).toContain(text);
  });

  it('refuses a --detect that is no drop of pass^k, naming the flag and an example', () => {
    for (const bad of ['0', '-0.1', '1.5', 'abc', '', 'NaN']) expect(() => parseDetect(bad)).toThrow(/--detect: ".*" is not a drop of pass\^k between 0 \(exclusive\) and 1; give e\.g\. --detect 0\.2/);
    expect(parseDetect('0.2')).toBe(0.2);
    expect(parseDetect('1')).toBe(1);
  });
});
