import { blocksOf, textOf, type MessageParam, type ToolResultBlock, type ToolUseBlock } from './types.ts';

/** A tool result as a model reads it: the text, its JSON if any, and what the text says about retrying. */
export type ReadResult = {
  ok: boolean;
  text: string;
  data: unknown;
  retryable: boolean;
  fatal: boolean;
  typeError: boolean;
};

/** One assistant turn that called tools, and the results the next user message carried for it. */
export type ToolTurn = { uses: ToolUseBlock[]; results: Map<string, ReadResult> };

/** The tool turn of an assistant `message` that called tools, with the results of the message after it; else null. */
function toolTurnOf(message: MessageParam, next: MessageParam | undefined, read: (block: ToolResultBlock) => ReadResult): ToolTurn | null {
  if (message.role !== 'assistant') return null;
  const uses = blocksOf(message.content).filter((b): b is ToolUseBlock => b.type === 'tool_use');
  if (!uses.length) return null;
  const results = new Map<string, ReadResult>();
  for (const block of next ? blocksOf(next.content) : []) if (block.type === 'tool_result') results.set((block as ToolResultBlock).tool_use_id, read(block as ToolResultBlock));
  return { uses, results };
}

/**
 * The tool turns of a conversation, each of a frozen assistant message and the frozen message
 * after it (a parsed request's, shared by the requests after it: request-body.ts) remembered: the
 * same turn object every request, so a model can tell the turns it has read before from the new
 * ones. A message an agent rewrote is a new object, and is read anew.
 */
export function rememberedTurns(read: (block: ToolResultBlock) => ReadResult): (messages: MessageParam[]) => ToolTurn[] {
  const turns = new WeakMap<MessageParam, { next: MessageParam | undefined; turn: ToolTurn | null }>();
  return (messages) =>
    messages.flatMap((message, i) => {
      const next = messages[i + 1];
      if (!Object.isFrozen(message) || (next && !Object.isFrozen(next))) return toolTurnOf(message, next, read) ?? [];
      let known = turns.get(message);
      if (!known || known.next !== next) turns.set(message, (known = { next, turn: toolTurnOf(message, next, read) }));
      return known.turn ?? [];
    });
}

/**
 * `readResult` remembered by what the block says: a model re-reads the whole conversation every
 * turn, and parsing each earlier result again made a turn's cost grow with the conversation. The
 * answer depends on the block alone, so remembering it hides no state. A frozen block (a parsed
 * request's, shared by the requests after it: request-body.ts) cannot change, so it is looked up
 * as itself, without writing out what it says.
 */
export function rememberedReads(): (block: ToolResultBlock) => ReadResult {
  const read = new Map<string, ReadResult>();
  const frozen = new WeakMap<ToolResultBlock, ReadResult>();
  const byContent = (block: ToolResultBlock) => {
    const key = `${block.is_error === true}\u0000${typeof block.content === 'string' ? block.content : JSON.stringify(block.content ?? '')}`;
    let result = read.get(key);
    if (!result) read.set(key, (result = readResult(block)));
    return result;
  };
  return (block) => {
    if (!Object.isFrozen(block)) return byContent(block);
    let result = frozen.get(block);
    if (!result) frozen.set(block, (result = byContent(block)));
    return result;
  };
}

/** Reads a result the way a model does: from its flag and its words, since runtimes differ in how they signal errors. */
export function readResult(block: ToolResultBlock): ReadResult {
  const text = textOf(block.content);
  let data: unknown = text;
  try {
    data = JSON.parse(text);
  } catch {
    // Plain text: the model reads the words.
  }
  const record = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
  const failed = block.is_error === true || /^\s*(error|fatal)\b/i.test(text) || 'error' in record;
  // A bare "not registered" is not enough (seed 002 case 3): only an emphatic rejection stops a retry.
  const fatal = /fatal|do not (retry|repeat)/i.test(text) || record.retryable === false;
  const transient = /timed? ?out|timeout|\b(408|429|5\d\d)\b|unavailable|overloaded|reset|network|temporar/i.test(text);
  return {
    ok: !failed,
    text,
    data,
    retryable: failed && !fatal && (record.retryable === true || transient),
    fatal: failed && fatal,
    typeError: failed && /must be (an? )?integer|expected (an? )?(integer|number)|invalid type|not a number/i.test(text),
  };
}

/** The system prompt as one string. */
export function systemText(system: string | Array<{ text: string }> | undefined): string {
  if (!system) return '';
  return typeof system === 'string' ? system : system.map((b) => b.text).join('\n');
}
