import type { ApiMessage, ToolUseBlock } from './types.ts';
import { deltaUsage, wireMessage } from './wire.ts';

const CHUNK = 24;

/**
 * The event stream the real API sends for `message`: `message_start`, each block as a start, its
 * deltas and a stop, then `message_delta` (stop reason, stop sequence, cumulative usage) and
 * `message_stop`. The `ping` comes where the real stream puts it: after the first block's start
 * (after `message_start` when there is no block).
 */
export function sseEvents(message: ApiMessage): Array<{ event: string; data: unknown }> {
  const start = wireMessage({ ...message, content: [], stop_reason: null as never, stop_sequence: null, usage: { ...message.usage, output_tokens: 1 } });
  const events: Array<{ event: string; data: unknown }> = [{ event: 'message_start', data: { type: 'message_start', message: start } }];
  const ping = { event: 'ping', data: { type: 'ping' } };
  message.content.forEach((block, index) => {
    if (block.type === 'text') {
      events.push({ event: 'content_block_start', data: { type: 'content_block_start', index, content_block: { type: 'text', text: '' } } });
      if (index === 0) events.push(ping);
      for (const part of chunks(block.text)) events.push({ event: 'content_block_delta', data: { type: 'content_block_delta', index, delta: { type: 'text_delta', text: part } } });
    } else {
      events.push({ event: 'content_block_start', data: { type: 'content_block_start', index, content_block: { ...block, input: {} } } });
      if (index === 0) events.push(ping);
      for (const part of chunks(inputJson(block))) events.push({ event: 'content_block_delta', data: { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: part } } });
    }
    events.push({ event: 'content_block_stop', data: { type: 'content_block_stop', index } });
  });
  if (!message.content.length) events.push(ping);
  const delta = { container: null, stop_details: null, stop_reason: message.stop_reason, stop_sequence: message.stop_sequence };
  events.push({ event: 'message_delta', data: { type: 'message_delta', delta, usage: deltaUsage(message.usage) } });
  events.push({ event: 'message_stop', data: { type: 'message_stop' } });
  return events;
}

/** An `error` event, as the real API sends one after the stream began (an overload mid reply). */
export function errorEvent(type: string, message: string): { event: string; data: unknown } {
  return { event: 'error', data: { type: 'error', error: { type, message } } };
}

/** The JSON a tool_use block's input streams as: cut short when max_tokens stopped it mid input. */
function inputJson(block: ToolUseBlock): string {
  return block.partial_json ?? JSON.stringify(block.input);
}

export function encodeSse(events: Array<{ event: string; data: unknown }>): string {
  return events.map((e) => `event: ${e.event}\ndata: ${JSON.stringify(e.data)}\n\n`).join('');
}

function chunks(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += CHUNK) out.push(text.slice(i, i + CHUNK));
  return out.length ? out : [''];
}

type Block = { type: string; text?: string; input?: unknown; partial?: string; [key: string]: unknown };

/**
 * The message an event stream adds up to (the inverse of `sseEvents`), for recording a live
 * streamed answer in the history like a JSON one. Events it does not know are skipped.
 */
export function decodeSse(text: string): ApiMessage | null {
  let message: (Omit<ApiMessage, 'content'> & { content: Block[] }) | null = null;
  for (const frame of text.split(/\r?\n\r?\n/)) {
    const data = frame
      .split(/\r?\n/)
      .filter((l) => l.startsWith('data:'))
      .map((l) => l.slice(5).trim())
      .join('\n');
    if (!data) continue;
    let event: { type?: string; index?: number; message?: ApiMessage; content_block?: Block; delta?: Record<string, unknown>; usage?: { output_tokens?: number } };
    try {
      event = JSON.parse(data);
    } catch {
      continue;
    }
    if (event.type === 'message_start' && event.message) message = { ...event.message, content: [] };
    if (!message) continue;
    const block = message.content[event.index ?? -1];
    if (event.type === 'content_block_start' && event.content_block) message.content[event.index ?? message.content.length] = { ...event.content_block };
    else if (event.type === 'content_block_delta' && block && event.delta?.type === 'text_delta') block.text = `${block.text ?? ''}${String(event.delta.text ?? '')}`;
    else if (event.type === 'content_block_delta' && block && event.delta?.type === 'input_json_delta') block.partial = `${block.partial ?? ''}${String(event.delta.partial_json ?? '')}`;
    else if (event.type === 'content_block_delta' && block && event.delta?.type === 'thinking_delta') block.thinking = `${String(block.thinking ?? '')}${String(event.delta.thinking ?? '')}`;
    else if (event.type === 'content_block_delta' && block && event.delta?.type === 'signature_delta') block.signature = String(event.delta.signature ?? '');
    else if (event.type === 'content_block_stop' && block && block.partial !== undefined) {
      message.content[event.index as number] = inputOf(block);
    } else if (event.type === 'message_delta') {
      message.stop_reason = (event.delta?.stop_reason as ApiMessage['stop_reason']) ?? message.stop_reason;
      message.stop_sequence = (event.delta?.stop_sequence as string | null | undefined) ?? message.stop_sequence;
      message.usage = { ...message.usage, output_tokens: event.usage?.output_tokens ?? message.usage.output_tokens };
    }
  }
  // A tool call cut off by max_tokens never gets its stop: its input is what arrived.
  if (message) message.content = message.content.map((b) => (b.partial !== undefined ? inputOf(b) : b));
  return message as ApiMessage | null;
}

/** A tool_use block's streamed input, parsed; input cut short is kept as text beside an empty input. */
function inputOf({ partial, ...block }: Block): Block {
  try {
    return { ...block, input: partial ? JSON.parse(partial) : {} };
  } catch {
    return { ...block, input: {}, truncated_input: partial };
  }
}
