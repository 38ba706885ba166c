import { eventsOf } from '../../harness/history.ts';
import { fail, pass, type Checker } from './types.ts';

/**
 * The run ends with an answer or an explicit stop (seed 002 case 6): a non-empty reply, or a
 * reply marked as stopped on a limit or an error. A crash, a hang or an empty reply fails.
 */
export const answerOrStop: Checker = {
  id: 'answer-or-stop',
  description: 'the run ends with an answer or an explicit stop',
  check(_scenario, events) {
    const error = eventsOf(events, 'agent-error').at(-1);
    if (error) return fail(`no answer and no stop: agent ${error.kind}: ${error.message}`, error);
    const reply = eventsOf(events, 'agent-reply').at(-1);
    if (!reply) return fail('the run ended with no reply recorded');
    if (reply.stopReason === 'limit' || reply.stopReason === 'error') return pass(`explicit stop (${reply.stopReason}): ${reply.text.slice(0, 120)}`);
    if (reply.text.trim()) return pass('the run ended with an answer');
    return fail('the reply is empty and does not say why the run stopped', reply);
  },
};
