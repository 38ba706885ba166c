import type { HistoryEvent } from '../../harness/history.ts';
import { fail, notApplicable, pass, type Checker } from './types.ts';

/**
 * No tool runs on a reply that never finished (seed 004, the API side; seed 003 mode 3): after a
 * model reply is cut mid tool input (an `sse-cut` fault), broken off by an error event mid stream
 * (`stream-error`), or stopped at max_tokens inside a tool call (its input cut short), the agent's
 * next move must be another model request or the end of the run — never a tool request built from
 * the partial reply.
 */
export const completeReplyOnly: Checker = {
  id: 'complete-reply-only',
  description: 'no tool call is executed from a model reply that was cut off mid-stream or at max_tokens',
  check(_scenario, events) {
    const cuts = events.flatMap((e, i) => brokenReply(e).map((broken) => ({ at: i, ...broken })));
    if (!cuts.length) return notApplicable('no model reply was cut in this run');
    const executed = cuts.flatMap(({ at, reply, how }) => {
      const window = until(events.slice(at + 1), (e) => e.type === 'model-request');
      return window.flatMap((e) => (e.type === 'tool-request' ? [{ reply, cut: how, route: e.route, body: e.body, t: e.t }] : []));
    });
    if (executed.length) {
      const first = executed[0] as (typeof executed)[number];
      return fail(`${executed.length} tool request(s) ran on a broken reply: ${first.route} ${JSON.stringify(first.body)} from ${first.reply}, which was ${first.cut}`, executed);
    }
    return pass(`${cuts.length} broken reply(ies); none had a tool executed from it`);
  },
};

/** The reply an event says was broken, and how: none for any other event. */
function brokenReply(e: HistoryEvent): Array<{ reply: string; how: string }> {
  if (e.type === 'fault' && (e.fault === 'sse-cut' || e.fault === 'stream-error')) return [{ reply: e.target, how: e.detail }];
  const cutCall = e.type === 'model-response' && e.status === 200 && e.stopReason === 'max_tokens' && Array.isArray(e.content) && e.content.some((b) => (b as { type?: string }).type === 'tool_use');
  return cutCall ? [{ reply: `model#${e.n}`, how: 'cut at max_tokens inside a tool call' }] : [];
}

function until(events: readonly HistoryEvent[], stop: (e: HistoryEvent) => boolean): HistoryEvent[] {
  const end = events.findIndex(stop);
  return end < 0 ? [...events] : events.slice(0, end);
}
