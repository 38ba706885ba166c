import { eventsOf } from '../../harness/history.ts';
import { fail, pass, type Checker } from './types.ts';
import { limitsOf } from '../../scenarios/limits.ts';

/** The whole agent loop ends within `task.limits.deadlineMs` of virtual time (seed 004 layer 2: cap the interaction, not just each call). */
export const loopDeadline: Checker = {
  id: 'loop-deadline',
  description: 'the agent ends its run within the whole-loop deadline',
  check(scenario, events) {
    const { deadlineMs } = limitsOf(scenario);
    const start = eventsOf(events, 'run-start')[0];
    const end = events.filter((e) => e.type === 'agent-reply' || e.type === 'agent-error').at(-1);
    if (!start || !end) throw new Error('the history has no run start or no end of the run');
    const tookMs = end.t - start.t;
    if (tookMs <= deadlineMs) return pass(`the run ended after ${tookMs} ms (deadline ${deadlineMs} ms)`);
    return fail(`the run ended after ${tookMs} ms, past its ${deadlineMs} ms deadline`, { tookMs, deadlineMs, end });
  },
};
