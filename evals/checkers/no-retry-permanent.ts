import { callKeys } from '../../harness/calls.ts';
import { eventsOf } from '../../harness/history.ts';
import { isPermanentStatus } from '../../harness/status.ts';
import { fail, notApplicable, pass, type Checker } from './types.ts';

/**
 * Permanent errors are not retried (seed 004, error classification): once a call (same tool, same
 * arguments) is answered with a permanent 4xx, it is never sent again.
 */
export const noRetryPermanent: Checker = {
  id: 'no-retry-permanent',
  description: 'a call answered with a permanent 4xx is never sent again with the same arguments',
  check(scenario, events) {
    const callKey = callKeys(scenario.tools);
    const requests = new Map(eventsOf(events, 'tool-request').map((r) => [r.id, r]));
    const rejected = new Map<string, { t: number; status: number; request: string }>();
    for (const done of eventsOf(events, 'tool-complete')) {
      const request = requests.get(done.id);
      if (!request || !isPermanentStatus(done.status)) continue;
      const key = callKey(request.route, request.body);
      if (!rejected.has(key)) rejected.set(key, { t: done.t, status: done.status, request: done.id });
    }
    if (!rejected.size) return notApplicable('no call was answered with a permanent error');
    const repeats = eventsOf(events, 'tool-request').flatMap((r) => {
      const first = rejected.get(callKey(r.route, r.body));
      return first && r.id !== first.request && r.t >= first.t ? [{ call: `${r.route} ${JSON.stringify(r.body)}`, status: first.status, rejectedBy: first.request, resent: r.id }] : [];
    });
    if (!repeats.length) return pass(`${rejected.size} call(s) answered with a permanent error were never sent again`);
    const first = repeats[0] as (typeof repeats)[number];
    return fail(`${first.call} was answered ${first.status} and sent again ${repeats.filter((r) => r.call === first.call).length} more time(s)`, repeats);
  },
};
