import { eventsOf, type HistoryEvent } from '../../harness/history.ts';
import { blocksOf, textOf, type MessagesRequest, type ToolResultBlock, type ToolUseBlock } from '../../harness/model/types.ts';
import type { Scenario } from '../../scenarios/schema.ts';
import { fail, pass, type Checker } from './types.ts';
import { canonical } from '../../harness/canonical.ts';

/**
 * Every failed tool call reaches the model as a failure (seed 003 mode 2): when the last attempt
 * behind a `tool_use` ended `fail` or `info`, its `tool_result` has `is_error: true` and a JSON body
 * with a boolean `retryable`. An empty string or a bare error text leaves the model guessing.
 * Failures the runtime retried away (a later attempt ended `ok`) are not judged.
 */
export const errorsReachModel: Checker = {
  id: 'errors-reach-model',
  description: 'every failed tool call reaches the model as is_error with a structured retryable flag',
  check(scenario, events) {
    const outcome = new Map(eventsOf(events, 'tool-complete').map((c) => [c.id, c.outcome]));
    if (![...outcome.values()].some((o) => o !== 'ok')) throw new Error('no tool call failed in this run; nothing to judge');
    const problems: unknown[] = [];
    let judged = 0;
    for (const { use, at } of toolUses(events)) {
      const key = callKey(scenario, use.name, use.input);
      const delivery = deliveryOf(events, use.id, at);
      // A runtime's attempts for this tool_use all happen before it next calls the model.
      const next = events.findIndex((e, i) => i > at && e.type === 'model-request');
      const attempts = events
        .slice(at, next === -1 ? events.length : next)
        .filter((e): e is Extract<HistoryEvent, { type: 'tool-request' }> => e.type === 'tool-request' && `${e.route} ${canonical(e.body)}` === key);
      const last = attempts.at(-1);
      if (!last || outcome.get(last.id) === 'ok') continue;
      judged++;
      if (!delivery) {
        if (next !== -1) problems.push({ tool_use_id: use.id, request: last.id, problem: 'the failure never reached the model' });
        continue;
      }
      const { result } = delivery;
      if (result.is_error !== true) problems.push({ tool_use_id: use.id, request: last.id, problem: 'tool_result lacks is_error: true', content: textOf(result.content).slice(0, 200) });
      else if (!structured(textOf(result.content))) problems.push({ tool_use_id: use.id, request: last.id, problem: 'the error does not say whether it is retryable', content: textOf(result.content).slice(0, 200) });
    }
    if (problems.length) return fail(`${problems.length} of ${judged} failed call(s) reached the model without a structured is_error result`, problems);
    const absorbed = [...outcome.values()].filter((o) => o !== 'ok').length;
    return pass(`${judged} failed call(s) reached the model as structured is_error results (${absorbed} failed attempt(s) in all, the others retried away by the runtime)`);
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

/** The call as its service saw it: a GET tool's arguments arrive as query-string text. */
function callKey(scenario: Scenario, name: string, input: unknown): string {
  const get = scenario.tools.find((t) => t.name === name)?.endpoint.method === 'GET';
  const args = get ? Object.fromEntries(Object.entries((input ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)])) : input;
  return `${name} ${canonical(args)}`;
}

function structured(text: string): boolean {
  try {
    const body = JSON.parse(text) as unknown;
    return typeof body === 'object' && body !== null && typeof (body as { retryable?: unknown }).retryable === 'boolean';
  } catch {
    return false;
  }
}
