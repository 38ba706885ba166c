import { eventsOf, type EventOf, type HistoryEvent } from '../../harness/history.ts';
import { blocksOf, textOf, type MessagesRequest, type ToolResultBlock, type ToolUseBlock } from '../../harness/model/types.ts';
import { fail, pass, type Checker } from './types.ts';

/**
 * Each `tool_result` the model received carries what the service answered for its own
 * `tool_use_id` (seed 002 case 2): matched through the call's arguments to the request the
 * service saw, never by position.
 */
export const resultsCorrelated: Checker = {
  id: 'results-correlated',
  description: 'every tool_result carries the result of its own tool_use_id',
  check(_scenario, events) {
    const delivered = deliveredBodies(events);
    const uses = new Map<string, ToolUseBlock>();
    const mismatches: unknown[] = [];
    let compared = 0;
    // Tool uses come from the model's replies (a threaded request carries only the new messages).
    for (const event of events) {
      if (event.type === 'model-response') for (const block of (event.content ?? []) as ToolUseBlock[]) if (block.type === 'tool_use') uses.set(block.id, block);
      if (event.type !== 'model-request') continue;
      for (const message of (event.body as MessagesRequest).messages ?? []) {
        for (const block of blocksOf(message.content)) {
          if (block.type === 'tool_use') uses.set((block as ToolUseBlock).id, block as ToolUseBlock);
          if (block.type !== 'tool_result' || (block as ToolResultBlock).is_error) continue;
          const result = block as ToolResultBlock;
          const use = uses.get(result.tool_use_id);
          const expected = use && delivered.get(`${use.name} ${JSON.stringify(use.input)}`);
          if (expected === undefined) continue;
          compared++;
          if (textOf(result.content) !== expected) mismatches.push({ tool_use_id: result.tool_use_id, input: use?.input, got: textOf(result.content), expected });
        }
      }
    }
    if (mismatches.length) return fail(`${mismatches.length} tool_result(s) carried another call's result`, mismatches);
    if (!compared) throw new Error('no tool_result could be matched to a delivered reply');
    return pass(`${compared} tool_result(s) each carried their own call's result`);
  },
};

/** The JSON text each call (tool + arguments) was answered with, keyed like the tool_use. */
function deliveredBodies(events: readonly HistoryEvent[]): Map<string, string> {
  const requests = new Map<string, EventOf<'tool-request'>>(eventsOf(events, 'tool-request').map((r) => [r.id, r]));
  const out = new Map<string, string>();
  for (const done of eventsOf(events, 'tool-complete')) {
    const request = requests.get(done.id);
    if (!request || done.outcome !== 'ok') continue;
    out.set(`${request.route} ${JSON.stringify(request.body)}`, JSON.stringify(done.body));
  }
  return out;
}
