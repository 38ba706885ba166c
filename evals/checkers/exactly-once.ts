import { eventsOf, type EventOf, type HistoryEvent } from '../../harness/history.ts';
import { honestStop } from './goal.ts';
import { carriesIntent, commitsOf, type EffectIntent } from './ledger.ts';
import { fail, pass, type Checker } from './types.ts';
import { limitsOf } from '../../scenarios/limits.ts';

/**
 * Each intended effect is in the ledger exactly as many times as the scenario intends (usually
 * once). More is always a failure. Fewer is a failure too, with two exceptions: the runtime sent
 * the intended call as many times as its attempts per call allow and the service committed none of
 * them (the shortfall is the service's refusal: no runtime could have committed it without
 * breaking the bound); or the run ended in an honest stop the scenario's goal allows (goal.ts). A
 * runtime that silently gives up before either still fails; one that goes past the bound is
 * bounded-retries' to judge.
 */
export const exactlyOnce: Checker = {
  id: 'exactly-once',
  description: 'every intended side effect committed exactly the intended number of times',
  check(scenario, events) {
    const commits = eventsOf(events, 'commit');
    if (!scenario.intent.effects.length) throw new Error('the scenario declares no intent.effects to check');
    const bound = limitsOf(scenario).attemptsPerCall;
    // Judged only when an effect is short: most runs commit what they intend.
    let stop: ReturnType<typeof honestStop> | undefined;
    const excused: string[] = [];
    const problems = scenario.intent.effects.flatMap((intent) => {
      const matching = commitsOf(events, intent);
      if (matching.length === intent.count) return [];
      const attempts = attemptsOf(events, intent);
      if (matching.length < intent.count && (stop ??= honestStop(scenario, events)).honest) {
        excused.push(`${label(intent)} committed ${matching.length} of ${intent.count} times, before an honest stop: ${stop.why}`);
        return [];
      }
      if (matching.length === 0 && attempts.length >= bound) {
        excused.push(
          attempts.length === bound
            ? `${label(intent)} not committed: all ${bound} attempts the bound allows were refused by the service`
            : `${label(intent)} not committed: none of its ${attempts.length} attempts (bound ${bound}) was committed by the service`,
        );
        return [];
      }
      return [{ intent, committed: matching.length, commits: matching, attempts: attempts.map((r) => r.id) }];
    });
    if (!problems.length) return excused.length ? pass(excused.join('; '), { excused }) : pass(`every intended effect committed exactly as intended (${commits.length} commits in all)`);
    const first = problems[0] as (typeof problems)[number];
    return fail(`${label(first.intent)} committed ${first.committed} times, intended ${first.intent.count}`, problems);
  },
};

const label = (intent: EffectIntent) => `${intent.service}/${intent.kind} ${JSON.stringify(intent.match)}`;

/**
 * The requests that asked the intended service for the intended effect: the service commits the
 * fields of the request body (orders: `sku`, `quantity`), so a request whose body carries every
 * field of `intent.match` is an attempt at it. Reads are not attempts: they commit nothing.
 */
function attemptsOf(events: readonly HistoryEvent[], intent: EffectIntent): EventOf<'tool-request'>[] {
  return eventsOf(events, 'tool-request').filter((r) => r.service === intent.service && r.method !== 'GET' && carriesIntent(r.body, intent));
}
