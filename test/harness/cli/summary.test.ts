import { describe, expect, it } from 'vitest';
import { summary } from '../../../harness/cli/summary.ts';
import { fakeRun } from '../../reports/helpers.ts';

describe('the summary printed after a run', () => {
  const struck = fakeRun({ seed: 1, verdict: 'pass', faultsStruck: { struck: 1, declared: 1 } });
  const failed = fakeRun({ seed: 3, verdict: 'fail', faultsStruck: { struck: 1, declared: 1 } });
  const notJudged = { id: 'exactly-once', verdict: 'not-applicable' as const, message: "nothing to judge: the scenario's one fault never struck in this run" };
  const unstruck = fakeRun({ seed: 2, verdict: 'pass', checks: [notJudged], faultsStruck: { struck: 0, declared: 1 } });
  const unstruckFailed = fakeRun({ seed: 4, verdict: 'fail', checks: [notJudged, { id: 'goal', verdict: 'fail', message: 'no' }], faultsStruck: { struck: 0, declared: 2 } });

  it('lists the runs in which no declared fault struck after the failures, and marks such a failure where it is listed', () => {
    const text = summary([struck, unstruck, failed, unstruckFailed], 'out');
    expect(text).toContain('  dropped-ack / naive / seed 4 (faults struck 0 of 2): goal fail: no');
    expect(text).toContain(
      '2 run(s) in which no declared fault struck (the primary check judged nothing):\n  dropped-ack / naive / seed 2: faults struck 0 of 1\n  dropped-ack / naive / seed 4: faults struck 0 of 2\n\nresults: out/results.json',
    );
  });

  it('counts a cell whose runs all passed with nothing struck as n/a, not as passes', () => {
    const [header, row] = summary([unstruck, fakeRun({ seed: 5, verdict: 'pass', checks: [notJudged], faultsStruck: { struck: 0, declared: 1 } })], 'out').split('\n');
    expect(header).toContain('naive');
    expect(row?.trim()).toBe('dropped-ack           n/a');
    expect(summary([unstruck, struck], 'out').split('\n')[1]).toContain('2/2 pass');
  });

  it('says nothing of faults when every run was struck', () => {
    const text = summary([struck, failed], 'out');
    expect(text).not.toContain('faults struck');
    expect(text).not.toContain('no declared fault struck');
  });
});
