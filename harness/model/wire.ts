import type { ApiMessage } from './types.ts';

/**
 * The usage object as the real API sends it: every field of the SDK's `Usage`, the ones the
 * simulation has nothing to say about as their "none" values (no cache, no server tools).
 */
function wireUsage(usage: ApiMessage['usage']) {
  return {
    input_tokens: usage.input_tokens,
    cache_creation_input_tokens: usage.cache_creation_input_tokens,
    cache_read_input_tokens: usage.cache_read_input_tokens,
    cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
    output_tokens: usage.output_tokens,
    output_tokens_details: null,
    server_tool_use: null,
    service_tier: 'standard',
    inference_geo: null,
    speed: null,
  };
}

/**
 * `message_delta.usage`: cumulative counts, input and cache fields included (the SDK's
 * `MessageDeltaUsage`), so a client that reads usage from the stream's end sees the whole bill.
 */
export function deltaUsage(usage: ApiMessage['usage']) {
  return {
    input_tokens: usage.input_tokens,
    cache_creation_input_tokens: usage.cache_creation_input_tokens,
    cache_read_input_tokens: usage.cache_read_input_tokens,
    output_tokens: usage.output_tokens,
    output_tokens_details: null,
    server_tool_use: null,
  };
}

/** The message body as the real API sends it: the SDK's `Message`, nullable fields included. */
export function wireMessage(message: ApiMessage) {
  return { ...message, content: wireContent(message.content), container: null, diagnostics: null, stop_details: null, usage: wireUsage(message.usage) };
}

/** The content blocks as sent: a cut tool call's `partial_json` stays in the simulation. */
export function wireContent(content: ApiMessage['content']): ApiMessage['content'] {
  return content.map((block) => {
    if (block.type !== 'tool_use' || block.partial_json === undefined) return block;
    const { partial_json: _, ...sent } = block;
    return sent;
  });
}
