import { eventsOf, type EventOf, type HistoryEvent } from '../../harness/history.ts';
import { cutAtStopSequence } from '../../harness/model/finish.ts';
import type { ApiMessage, TextBlock } from '../../harness/model/types.ts';
import type { Scenario } from '../../scenarios/schema.ts';
import { fail, notApplicable, pass, type Checker } from './types.ts';

/**
 * A reply cut off at `max_tokens` is never accepted as the final answer (seed 003 mode 3), and
 * neither is one a stop sequence the runtime never asked for ended (a `stop-sequence` fault: a
 * gateway's own, which cut the turn before the rest of its text and its tool call): when the last
 * model response of the run was cut, the agent must not hand its text to the user as an answer.
 * Stopping with an error, or asking the model to go on, both hold.
 */
export const truncationNotFinal: Checker = {
  id: 'truncation-not-final',
  description: 'a reply cut off at max_tokens, or at a stop sequence the agent did not set, is never accepted as the final answer',
  check(scenario, events) {
    const responses = eventsOf(events, 'model-response').filter((r) => r.status === 200);
    if (!responses.length) return notApplicable('no model response was recorded');
    const reply = eventsOf(events, 'agent-reply').at(-1);
    if (!reply) return notApplicable('the agent gave no reply');
    const stopped = stopSequenceCuts(scenario, events);
    const cutAs = (r: EventOf<'model-response'>) => (r.stopReason === 'max_tokens' ? 'at max_tokens' : stopped.has(r.n) ? `at stop sequence ${JSON.stringify(stopped.get(r.n)?.stop_sequence)}` : null);
    const truncated = responses.filter(cutAs).length;
    if (!truncated) return notApplicable('no model reply was cut off at max_tokens');
    const last = responses.at(-1) as (typeof responses)[number];
    const how = cutAs(last);
    if (!how) return pass(`the final model response ended on ${last.stopReason} (${truncated} cut off ${stopped.size ? '' : 'at max_tokens '}before it)`);
    const content = (stopped.get(last.n)?.content ?? last.content ?? []) as TextBlock[];
    const text = content
      .flatMap((b) => (b.type === 'text' ? [b.text] : []))
      .join('')
      .trim();
    const asAnswer = reply.stopReason !== 'error' && reply.stopReason !== 'limit';
    if (asAnswer && reply.text.includes(text)) return fail(`the agent answered with model response #${last.n}, which was cut off ${how} after ${text.length} characters`, { response: last.n, text: text.slice(-200) });
    return pass(`the truncated response #${last.n} was not accepted as an answer (agent stopped: ${reply.stopReason ?? 'answer'})`);
  },
};

/** The replies a `stop-sequence` fault ended, as the agent received them, by model call. */
function stopSequenceCuts(scenario: Scenario, events: readonly HistoryEvent[]): Map<number, ApiMessage> {
  const sequences = scenario.faults.flatMap((f) => (f.fault === 'stop-sequence' ? [(f as { sequence: string }).sequence] : []));
  const struck = new Set(eventsOf(events, 'fault').flatMap((f) => (f.fault === 'stop-sequence' ? [f.target] : [])));
  const cuts = new Map<number, ApiMessage>();
  for (const r of eventsOf(events, 'model-response')) {
    if (!struck.has(`model#${r.n}`)) continue;
    const cut = cutAtStopSequence({ content: r.content ?? [], stop_reason: r.stopReason, stop_sequence: null, usage: { input_tokens: 0, output_tokens: 0 } } as unknown as ApiMessage, sequences);
    if (cut) cuts.set(r.n, cut);
  }
  return cuts;
}
