import { eventsOf } from '../../harness/history.ts';
import type { TextBlock } from '../../harness/model/types.ts';
import { fail, notApplicable, pass, type Checker } from './types.ts';

/**
 * A reply cut off at `max_tokens` is never accepted as the final answer (seed 003 mode 3): when the
 * last model response of the run stopped on `max_tokens`, the agent must not hand its text to the
 * user as an answer. Stopping with an error, or asking the model to go on, both hold.
 */
export const truncationNotFinal: Checker = {
  id: 'truncation-not-final',
  description: 'a reply cut off at max_tokens is never accepted as the final answer',
  check(_scenario, events) {
    const responses = eventsOf(events, 'model-response').filter((r) => r.status === 200);
    if (!responses.length) return notApplicable('no model response was recorded');
    const reply = eventsOf(events, 'agent-reply').at(-1);
    if (!reply) return notApplicable('the agent gave no reply');
    const truncated = responses.filter((r) => r.stopReason === 'max_tokens').length;
    if (!truncated) return notApplicable('no model reply was cut off at max_tokens');
    const last = responses.at(-1) as (typeof responses)[number];
    if (last.stopReason !== 'max_tokens') return pass(`the final model response ended on ${last.stopReason} (${truncated} cut off at max_tokens before it)`);
    const text = ((last.content ?? []) as TextBlock[]).flatMap((b) => (b.type === 'text' ? [b.text] : [])).join('').trim();
    const asAnswer = reply.stopReason !== 'error' && reply.stopReason !== 'limit';
    if (asAnswer && reply.text.includes(text))
      return fail(`the agent answered with model response #${last.n}, which was cut off at max_tokens after ${text.length} characters`, { response: last.n, text: text.slice(-200) });
    return pass(`the truncated response #${last.n} was not accepted as an answer (agent stopped: ${reply.stopReason ?? 'answer'})`);
  },
};
