import { describe, expect, it } from 'vitest';
import { buildBaseline, compareWithBaseline } from '../../evals/baseline.ts';

const record = (scenario: string, seed: number, trial: number, verdict: 'pass' | 'fail') => ({
  scenario,
  seed,
  trial,
  verdict,
  checks: [{ id: 'exactly-once', verdict, message: verdict === 'pass' ? 'ok' : '2 orders for one intent' }],
  replay: `npx faultline run --scenario ${scenario} --agent x --seed ${seed}${trial > 1 ? ` --trial ${trial}` : ''}`,
});
const settings = { agent: 'x', seeds: 4, trials: 2 };
const all = (verdict: (seed: number, trial: number) => 'pass' | 'fail') => [1, 2, 3, 4].flatMap((seed) => [1, 2].map((trial) => record('a', seed, trial, verdict(seed, trial))));

describe('baseline comparison', () => {
  it('finds nothing when the runs are as before', () => {
    const runs = all(() => 'pass');
    expect(compareWithBaseline(runs, buildBaseline(runs, settings), 2).regressions).toEqual([]);
  });

  it('reports a run that passed before and fails now, with its failing check and replay command', () => {
    const before = buildBaseline(all(() => 'pass'), settings);
    const { regressions } = compareWithBaseline(all((seed, trial) => (seed === 3 && trial === 2 ? 'fail' : 'pass')), before, 2);
    expect(regressions).toEqual([
      { kind: 'run', scenario: 'a', seed: 3, trial: 2, check: 'exactly-once', message: '2 orders for one intent', replay: 'npx faultline run --scenario a --agent x --seed 3 --trial 2' },
    ]);
  });

  it('reports pass^k fallen below the baseline interval\'s lower bound, beside the runs that regressed', () => {
    // Baseline: seed 1 failed both trials, the rest passed. Now every run fails.
    const before = buildBaseline(all((seed) => (seed === 1 ? 'fail' : 'pass')), settings);
    const now = all(() => 'fail');
    const { regressions } = compareWithBaseline(now, before, 2);
    expect(regressions.filter((r) => r.kind === 'run')).toHaveLength(6);
    expect(regressions.find((r) => r.kind === 'pass^k')).toMatchObject({ scenario: 'a', k: 2, now: 0, lowerBound: before.scenarios.a?.passK.ci[0] });
  });

  it('does not call a failure that was already in the baseline a regression, and lists improvements and new scenarios', () => {
    const before = buildBaseline(all((seed) => (seed === 2 ? 'fail' : 'pass')), settings);
    const now = [...all((seed, trial) => (seed === 2 && trial === 1 ? 'fail' : 'pass')), record('b', 1, 1, 'pass'), record('b', 1, 2, 'pass')];
    expect(compareWithBaseline(now, before, 2)).toEqual({ regressions: [], improved: ['a s2t2'], unbaselined: ['b'] });
  });
});
