import type { HistoryEvent } from '../../../harness/history.ts';
import type { MessagesRequest, ToolResultBlock } from '../../../harness/model/types.ts';

/**
 * Mutates a recorded history: every tool_result the model was sent (in every model request) that
 * `which` selects is replaced by `edit(block)`. The shared tool of the checkers' mutation tests.
 */
export function rewriteToolResults(events: HistoryEvent[], edit: (block: ToolResultBlock) => ToolResultBlock, which: (block: ToolResultBlock) => boolean = () => true): HistoryEvent[] {
  return events.map((e) => {
    if (e.type !== 'model-request') return e;
    const body = e.body as MessagesRequest;
    const messages = body.messages.map((m) => (typeof m.content === 'string' ? m : { ...m, content: m.content.map((b) => (b.type === 'tool_result' && which(b as ToolResultBlock) ? edit(b as ToolResultBlock) : b)) }));
    return { ...e, body: { ...body, messages } };
  });
}

export const isError = (block: ToolResultBlock) => block.is_error === true;

/** The arguments every service saw, with their keys in reverse order: the same calls, spelled by another runtime. */
export function reverseKeyOrder(events: HistoryEvent[]): HistoryEvent[] {
  const reversed = (value: unknown): unknown =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(
          Object.entries(value)
            .reverse()
            .map(([k, v]) => [k, reversed(v)]),
        )
      : value;
  return events.map((e) => (e.type === 'tool-request' ? { ...e, body: reversed(e.body) } : e));
}
