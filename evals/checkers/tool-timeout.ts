import { eventsOf } from '../../harness/history.ts';
import { fail, notApplicable, pass, type Checker } from './types.ts';
import { limitsOf } from '../../scenarios/limits.ts';

/**
 * Every tool request ends within `task.limits.toolTimeoutMs` (seed 004 layer 1, seed 001 pattern 3):
 * the service answered by then, or the client gave up by then. A request still open when the run
 * ended counts as ending then.
 */
export const toolTimeout: Checker = {
  id: 'tool-timeout',
  description: 'no tool request is waited on longer than the per-tool timeout',
  check(scenario, events) {
    const timeoutMs = limitsOf(scenario).toolTimeoutMs;
    const requests = eventsOf(events, 'tool-request');
    if (!requests.length) return notApplicable('no tool request was made');
    const ended = new Map(eventsOf(events, 'tool-complete').map((c) => [c.id, c.t]));
    const endOfRun = events.at(-1)?.t ?? 0;
    const overdue = requests.flatMap((r) => {
      const waitedMs = (ended.get(r.id) ?? endOfRun) - r.t;
      return waitedMs > timeoutMs ? [{ request: r.id, tool: r.route, waitedMs }] : [];
    });
    if (!overdue.length) return pass(`all ${requests.length} tool requests ended within ${timeoutMs} ms`);
    const first = overdue[0] as (typeof overdue)[number];
    return fail(`${first.tool} (${first.request}) was waited on for ${first.waitedMs} ms (timeout ${timeoutMs} ms)`, overdue);
  },
};
