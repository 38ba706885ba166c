import { eventsOf } from '../../harness/history.ts';
import { fail, pass, type Checker } from './types.ts';

/** The agent returned a reply: it did not throw, deadlock, outlive the virtual-time cap or block the process. */
export const agentCompletes: Checker = {
  id: 'agent-completes',
  description: 'the agent ends with a reply instead of crashing or hanging',
  check(_scenario, events) {
    const error = eventsOf(events, 'agent-error').at(-1);
    if (error) return fail(`agent ${error.kind}: ${error.message}`, error);
    const reply = eventsOf(events, 'agent-reply').at(-1);
    return reply ? pass(`agent replied (${reply.stopReason ?? 'answer'})`) : fail('the run ended with no reply recorded');
  },
};
