import { eventsOf, type EventOf, type HistoryEvent } from '../../harness/history.ts';
import type { Scenario } from '../../scenarios/schema.ts';
import { blocksOf, type MessagesRequest, type ToolResultBlock, type ToolUseBlock } from '../../harness/model/types.ts';

/** One tool call the model asked for, in the order it asked (`at`: the index of the response event), and the result the runtime sent back (if any). */
export type ToolExchange = { use: ToolUseBlock; turn: number; at: number; result?: ToolResultBlock; resultAt?: number };

/** Every tool_use of the model's replies, paired by `tool_use_id` with the first tool_result (and its time) of a later request. */
export function toolExchanges(events: readonly HistoryEvent[]): ToolExchange[] {
  const exchanges: ToolExchange[] = [];
  const results = new Map<string, { block: ToolResultBlock; t: number }>();
  // A request repeats the messages of the one before as the same objects (the simulated API's and a
  // read history's alike): one already read holds no result not already found, so it is skipped.
  const read = new Set<unknown>();
  for (const [at, event] of events.entries()) {
    if (event.type === 'model-response' && event.status === 200) for (const block of (event.content ?? []) as ToolUseBlock[]) if (block.type === 'tool_use') exchanges.push({ use: block, turn: event.n, at });
    if (event.type !== 'model-request') continue;
    for (const message of (event.body as MessagesRequest | null)?.messages ?? []) {
      if (read.has(message)) continue;
      read.add(message);
      for (const block of blocksOf(message.content))
        if (block.type === 'tool_result' && !results.has((block as ToolResultBlock).tool_use_id)) results.set((block as ToolResultBlock).tool_use_id, { block: block as ToolResultBlock, t: event.t });
    }
  }
  return exchanges.map((x) => ({ ...x, result: results.get(x.use.id)?.block, resultAt: results.get(x.use.id)?.t }));
}

/** Tool calls a run spent: every request that reached a service, retries included, and every answered call to a tool the scenario does not have (it reaches none). */
export function toolCallsSpent(scenario: Scenario, events: readonly HistoryEvent[]): number {
  const registered = new Set(scenario.tools.map((t) => t.name));
  return eventsOf(events, 'tool-request').length + toolExchanges(events).filter((x) => x.result && !registered.has(x.use.name)).length;
}

/** How each tool request ended, by request id (a request with no entry got no reply). */
export function completions(events: readonly HistoryEvent[]): Map<string, EventOf<'tool-complete'>> {
  return new Map(eventsOf(events, 'tool-complete').map((c) => [c.id, c]));
}
