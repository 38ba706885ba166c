import { describe, expect, it } from 'vitest';
import { buildBaseline, compareWithBaseline, knownFailure } from '../../evals/baseline.ts';

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
    const before = buildBaseline(
      all(() => 'pass'),
      settings,
    );
    const { regressions } = compareWithBaseline(
      all((seed, trial) => (seed === 3 && trial === 2 ? 'fail' : 'pass')),
      before,
      2,
    );
    expect(regressions).toEqual([{ kind: 'run', scenario: 'a', seed: 3, trial: 2, check: 'exactly-once', message: '2 orders for one intent', replay: 'npx faultline run --scenario a --agent x --seed 3 --trial 2' }]);
  });

  it('with a sampled model (perRun: false) lists a run that flipped instead of failing on it, and still fails a fall of pass^k', () => {
    const before = buildBaseline(
      all(() => 'pass'),
      settings,
    );
    const oneFlip = compareWithBaseline(
      all((seed, trial) => (seed === 3 && trial === 2 ? 'fail' : 'pass')),
      before,
      2,
      [],
      { perRun: false },
    );
    expect(oneFlip).toMatchObject({ regressions: [], flipped: ['a s3t2 (exactly-once)'] });
    const { regressions, flipped } = compareWithBaseline(
      all(() => 'fail'),
      before,
      2,
      [],
      { perRun: false },
    );
    expect(regressions).toMatchObject([{ kind: 'pass^k', scenario: 'a', now: 0 }]);
    expect(flipped).toHaveLength(8);
  });

  it("reports pass^k fallen below the baseline interval's lower bound, beside the runs that regressed", () => {
    // Baseline: seed 1 failed both trials, the rest passed. Now every run fails.
    const before = buildBaseline(
      all((seed) => (seed === 1 ? 'fail' : 'pass')),
      settings,
    );
    const now = all(() => 'fail');
    const { regressions } = compareWithBaseline(now, before, 2);
    expect(regressions.filter((r) => r.kind === 'run')).toHaveLength(6);
    expect(regressions.find((r) => r.kind === 'pass^k')).toMatchObject({ scenario: 'a', k: 2, now: 0, lowerBound: before.scenarios.a?.passK.ci[0] });
  });

  it('does not call a failure that was already in the baseline a regression, and lists improvements and new scenarios', () => {
    const before = buildBaseline(
      all((seed) => (seed === 2 ? 'fail' : 'pass')),
      settings,
    );
    const now = [...all((seed, trial) => (seed === 2 && trial === 1 ? 'fail' : 'pass')), record('b', 1, 1, 'pass'), record('b', 1, 2, 'pass')];
    expect(compareWithBaseline(now, before, 2)).toEqual({ regressions: [], improved: ['a s2t2'], unbaselined: ['b'], flipped: [] });
  });
});

describe('known failures against a baseline', () => {
  type Run = { scenario: string; seed: number; trial: number; verdict: 'pass' | 'fail'; checks: Array<{ id: string; verdict: 'pass' | 'fail'; message: string }>; replay: string };
  const run = (seed: number, failing: string[]): Run => ({
    scenario: 'x',
    seed,
    trial: 1,
    verdict: failing.length ? 'fail' : 'pass',
    checks: ['goal', 'exactly-once'].map((id) => ({ id, verdict: failing.includes(id) ? 'fail' : 'pass', message: id })),
    replay: `replay ${seed}`,
  });
  const baseline = buildBaseline([run(1, ['goal']), run(2, [])], { agent: 'a', seeds: 2, trials: 1 });

  it('records which checks each failing run failed', () => {
    expect(baseline.scenarios.x).toMatchObject({ runs: { s1t1: 'fail', s2t1: 'pass' }, failing: { s1t1: ['goal'] } });
  });

  it('calls a run known only while it fails the checks it failed before; a new failing check is a regression', () => {
    expect(knownFailure(run(1, ['goal']), baseline, [])).toBe('goal failed in the baseline too');
    expect(knownFailure(run(1, ['exactly-once']), baseline, [])).toBeUndefined();
    const { regressions } = compareWithBaseline([run(1, ['goal', 'exactly-once']), run(2, [])], baseline, 1);
    expect(regressions).toMatchObject([{ kind: 'run', seed: 1, check: 'goal' }]);
  });

  it('calls a run the baseline does not have yet known, and an accepted check known with its reason', () => {
    expect(knownFailure(run(3, ['goal']), baseline, [])).toBe('not in the baseline yet');
    expect(knownFailure(run(2, ['exactly-once']), baseline, [{ scenario: 'x', check: 'exactly-once', reason: 'why' }])).toBe('accepted: exactly-once (why)');
  });

  it('reads a baseline written before failing checks were recorded as before: a run that failed is known', () => {
    const old = { ...baseline, scenarios: { x: { ...baseline.scenarios.x!, failing: undefined } } };
    expect(knownFailure(run(1, ['exactly-once']), old, [])).toBe('it failed in the baseline too');
  });
});
