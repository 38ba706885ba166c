import { eventsOf } from '../../harness/history.ts';
import { fail, pass, type Checker } from './types.ts';

/** Each intended effect is in the ledger exactly as many times as the scenario intends (usually once). */
export const exactlyOnce: Checker = {
  id: 'exactly-once',
  description: 'every intended side effect committed exactly the intended number of times',
  check(scenario, events) {
    const commits = eventsOf(events, 'commit');
    if (!scenario.intent.effects.length) throw new Error('the scenario declares no intent.effects to check');
    const problems = scenario.intent.effects.flatMap((intent) => {
      const matching = commits.filter(
        (c) => c.service === intent.service && c.kind === intent.kind && Object.entries(intent.match).every(([k, v]) => c.effect[k] === v),
      );
      return matching.length === intent.count ? [] : [{ intent, committed: matching.length, commits: matching }];
    });
    if (!problems.length) return pass(`every intended effect committed exactly as intended (${commits.length} commits in all)`);
    const first = problems[0] as (typeof problems)[number];
    return fail(`${first.intent.service}/${first.intent.kind} ${JSON.stringify(first.intent.match)} committed ${first.committed} times, intended ${first.intent.count}`, problems);
  },
};
