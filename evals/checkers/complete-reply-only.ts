import type { HistoryEvent } from '../../harness/history.ts';
import { fail, notApplicable, pass, type Checker } from './types.ts';

/**
 * No tool runs on a reply that never finished arriving (seed 004, the API side): after a model
 * reply is cut mid tool input (an `sse-cut` fault), the agent's next move must be another model
 * request or the end of the run — never a tool request built from the partial input.
 */
export const completeReplyOnly: Checker = {
  id: 'complete-reply-only',
  description: 'no tool call is executed from a model reply that was cut off mid-stream',
  check(_scenario, events) {
    const cuts = events.flatMap((e, i) => (e.type === 'fault' && e.fault === 'sse-cut' ? [{ at: i, event: e }] : []));
    if (!cuts.length) return notApplicable('no model reply was cut in this run');
    const executed = cuts.flatMap(({ at, event }) => {
      const window = until(events.slice(at + 1), (e) => e.type === 'model-request');
      return window.flatMap((e) => (e.type === 'tool-request' ? [{ reply: event.target, cut: event.detail, route: e.route, body: e.body, t: e.t }] : []));
    });
    if (executed.length) {
      const first = executed[0] as (typeof executed)[number];
      return fail(`${executed.length} tool request(s) ran on a broken reply: ${first.route} ${JSON.stringify(first.body)} from ${first.reply}, which was ${first.cut}`, executed);
    }
    return pass(`${cuts.length} broken reply(ies); none had a tool executed from it`);
  },
};

function until(events: readonly HistoryEvent[], stop: (e: HistoryEvent) => boolean): HistoryEvent[] {
  const end = events.findIndex(stop);
  return end < 0 ? [...events] : events.slice(0, end);
}
