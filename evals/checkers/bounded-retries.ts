import { callKeys } from '../../harness/calls.ts';
import { eventsOf } from '../../harness/history.ts';
import { fail, pass, type Checker } from './types.ts';

/** No single logical call (same tool, same arguments) reaches its service more than `intent.maxAttemptsPerCall` times. */
export const boundedRetries: Checker = {
  id: 'bounded-retries',
  description: 'attempts per logical tool call stay within the scenario bound',
  check(scenario, events) {
    const callKey = callKeys(scenario.tools);
    const max = scenario.intent.maxAttemptsPerCall;
    if (max === undefined) throw new Error('the scenario declares no intent.maxAttemptsPerCall');
    // The same arguments in another key order, or as a query string, are the same logical call.
    const attempts = new Map<string, { call: string; attempts: number }>();
    for (const r of eventsOf(events, 'tool-request')) {
      const key = callKey(r.route, r.body);
      const seen = attempts.get(key) ?? { call: `${r.route} ${JSON.stringify(r.body)}`, attempts: 0 };
      attempts.set(key, { ...seen, attempts: seen.attempts + 1 });
    }
    const over = [...attempts.values()].filter((a) => a.attempts > max);
    if (!over.length) return pass(`at most ${Math.max(0, ...[...attempts.values()].map((a) => a.attempts))} attempts per call (bound ${max})`);
    return fail(`${over[0]?.call} was attempted ${over[0]?.attempts} times (bound ${max})`, over);
  },
};
