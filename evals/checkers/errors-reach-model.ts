import { callKeys } from '../../harness/calls.ts';
import { eventsOf, type HistoryEvent } from '../../harness/history.ts';
import { blocksOf, textOf, type MessagesRequest, type ToolResultBlock, type ToolUseBlock } from '../../harness/model/types.ts';
import { retryabilityOf } from './meaning.ts';
import { fail, pass, type Checker } from './types.ts';

/**
 * Every failed tool call reaches the model as a failure (seed 003 mode 2): when the last attempt
 * behind a `tool_use` ended `fail` or `info`, its `tool_result` has `is_error: true` and says
 * whether retrying can help — a boolean `retryable` anywhere in a JSON body, words (transient,
 * permanent, do not retry) or the HTTP status it failed with (meaning.ts). An empty string or a
 * bare "Error: Failed to fetch" leaves the model guessing.
 * Failures the runtime retried away (a later attempt ended `ok`) are not judged.
 */
export const errorsReachModel: Checker = {
  id: 'errors-reach-model',
  description: 'every failed tool call reaches the model as is_error saying whether retrying can help',
  check(scenario, events) {
    const callKey = callKeys(scenario.tools);
    const outcome = new Map(eventsOf(events, 'tool-complete').map((c) => [c.id, c.outcome]));
    if (![...outcome.values()].some((o) => o !== 'ok')) throw new Error('no tool call failed in this run; nothing to judge');
    const problems: unknown[] = [];
    let judged = 0;
    for (const { use, at } of toolUses(events)) {
      const key = callKey(use.name, use.input);
      const delivery = deliveryOf(events, use.id, at);
      // A runtime's attempts for this tool_use all happen before it next calls the model.
      const next = events.findIndex((e, i) => i > at && e.type === 'model-request');
      const attempts = events
        .slice(at, next === -1 ? events.length : next)
        .filter((e): e is Extract<HistoryEvent, { type: 'tool-request' }> => e.type === 'tool-request' && callKey(e.route, e.body) === key);
      const last = attempts.at(-1);
      if (!last || outcome.get(last.id) === 'ok') continue;
      judged++;
      if (!delivery) {
        if (next !== -1) problems.push({ tool_use_id: use.id, request: last.id, problem: 'the failure never reached the model' });
        continue;
      }
      const { result } = delivery;
      if (result.is_error !== true) problems.push({ tool_use_id: use.id, request: last.id, problem: 'tool_result lacks is_error: true', content: textOf(result.content).slice(0, 200) });
      else if (retryabilityOf(textOf(result.content)) === undefined) problems.push({ tool_use_id: use.id, request: last.id, problem: 'the error does not say whether retrying can help', content: textOf(result.content).slice(0, 200) });
    }
    if (problems.length) return fail(`${problems.length} of ${judged} failed call(s) reached the model without an is_error result saying whether retrying can help`, problems);
    const absorbed = [...outcome.values()].filter((o) => o !== 'ok').length;
    return pass(`${judged} failed call(s) reached the model as is_error results saying whether retrying can help (${absorbed} failed attempt(s) in all, the others retried away by the runtime)`);
  },
};

/** Every tool_use the model sent, with the index of the event it came in. */
function toolUses(events: readonly HistoryEvent[]): Array<{ use: ToolUseBlock; at: number }> {
  return events.flatMap((e, at) =>
    e.type === 'model-response' ? ((e.content ?? []) as ToolUseBlock[]).filter((b) => b.type === 'tool_use').map((use) => ({ use, at })) : [],
  );
}

/** The first later model request carrying a tool_result for `id`. */
function deliveryOf(events: readonly HistoryEvent[], id: string, after: number): { at: number; result: ToolResultBlock } | undefined {
  for (let at = after + 1; at < events.length; at++) {
    const e = events[at] as HistoryEvent;
    if (e.type !== 'model-request') continue;
    for (const message of (e.body as MessagesRequest | null)?.messages ?? [])
      for (const block of blocksOf(message.content)) if (block.type === 'tool_result' && (block as ToolResultBlock).tool_use_id === id) return { at, result: block as ToolResultBlock };
  }
  return undefined;
}

