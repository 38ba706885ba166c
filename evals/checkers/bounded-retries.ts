import { eventsOf } from '../../harness/history.ts';
import { fail, pass, type Checker } from './types.ts';

/** No single logical call (same tool, same arguments) reaches its service more than `intent.maxAttemptsPerCall` times. */
export const boundedRetries: Checker = {
  id: 'bounded-retries',
  description: 'attempts per logical tool call stay within the scenario bound',
  check(scenario, events) {
    const max = scenario.intent.maxAttemptsPerCall;
    if (max === undefined) throw new Error('the scenario declares no intent.maxAttemptsPerCall');
    const attempts = new Map<string, number>();
    for (const r of eventsOf(events, 'tool-request')) {
      const key = `${r.route} ${JSON.stringify(r.body)}`;
      attempts.set(key, (attempts.get(key) ?? 0) + 1);
    }
    const over = [...attempts].filter(([, n]) => n > max).map(([call, n]) => ({ call, attempts: n }));
    if (!over.length) return pass(`at most ${Math.max(0, ...attempts.values())} attempts per call (bound ${max})`);
    return fail(`${over[0]?.call} was attempted ${over[0]?.attempts} times (bound ${max})`, over);
  },
};
