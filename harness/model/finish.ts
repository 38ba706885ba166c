import { jsonOf } from '../json-of.ts';
import { partialInput } from './partial-input.ts';
import { constrainTurn } from './tool-choice.ts';
import type { ApiMessage, MessagesRequest, ModelTurn } from './types.ts';

/**
 * The message a model's turn becomes: held to `tool_choice`, given ids, counted (≈ 4 characters a
 * token) and ended where the real API ends it: at a stop sequence in its text, or at `max_tokens`,
 * which cuts text mid sentence and a tool call mid input (the block is kept with the input as far
 * as it got, as the real API sends it; the stream carries the JSON up to the cut).
 */
export function finishTurn(turn: ModelTurn, body: MessagesRequest, id: string): ApiMessage {
  const inputTokens = inputTokensOf(body);
  let budget = body.max_tokens;
  const content: ApiMessage['content'] = [];
  const constrained = constrainTurn(turn, body);
  let stopReason: ApiMessage['stop_reason'] = constrained.stopReason;
  let stopSequence: string | null = null;
  let toolIndex = 0;
  for (const block of constrained.content) {
    if (block.type === 'text') {
      const stop = firstStop(block.text, body.stop_sequences);
      const text = stop ? block.text.slice(0, stop.at) : block.text;
      const cost = tokens(text);
      if (cost > budget) {
        if (budget > 0) content.push({ type: 'text', text: text.slice(0, budget * 4) });
        stopReason = 'max_tokens';
        budget = 0;
        break;
      }
      budget -= cost;
      // Text that ends on a stop sequence before it began leaves no block (an empty one would be refused if sent back).
      if (text || !stop) content.push({ type: 'text', text });
      if (stop) {
        stopReason = 'stop_sequence';
        stopSequence = stop.sequence;
        break;
      }
      continue;
    }
    const toolId = `${id.replace('msg_01', 'toolu_01')}${toolIndex++}`;
    const json = JSON.stringify(block.input);
    const cost = tokens(json);
    if (cost > budget) {
      if (budget > 0) content.push({ type: 'tool_use', id: toolId, name: block.name, input: partialInput(block.input, budget * 4), partial_json: json.slice(0, budget * 4) });
      stopReason = 'max_tokens';
      budget = 0;
      break;
    }
    budget -= cost;
    content.push({ type: 'tool_use', id: toolId, name: block.name, input: block.input });
  }
  return {
    id,
    type: 'message',
    role: 'assistant',
    model: body.model,
    content,
    stop_reason: stopReason,
    stop_sequence: stopSequence,
    usage: { input_tokens: inputTokens, output_tokens: body.max_tokens - budget, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
  };
}

/** The stop sequence that occurs first in `text`, and where. */
function firstStop(text: string, sequences: string[] | undefined): { sequence: string; at: number } | null {
  let first: { sequence: string; at: number } | null = null;
  for (const sequence of sequences ?? []) {
    const at = text.indexOf(sequence);
    if (at >= 0 && (!first || at < first.at)) first = { sequence, at };
  }
  return first;
}

/**
 * What the request's input costs: its system prompt, tools and messages (what count_tokens answers
 * too), the length of `JSON.stringify([system, tools, messages])` in tokens. Added up part by part,
 * as each message's JSON is remembered (jsonOf): written whole, a turn cost more the longer the
 * conversation.
 */
export function inputTokensOf(body: Pick<MessagesRequest, 'system' | 'tools' | 'messages'>): number {
  const list = (items: readonly unknown[]) => items.reduce<number>((sum, item) => sum + (jsonOf(item) ?? 'null').length, 2 + Math.max(0, items.length - 1));
  const messages = Array.isArray(body.messages) ? list(body.messages) : (JSON.stringify(body.messages) ?? 'null').length;
  return tokensOfLength(list([body.system ?? '', body.tools ?? []]) + 1 + messages);
}

const tokens = (text: string): number => tokensOfLength(text.length);

/** About four characters a token, at least one. */
function tokensOfLength(length: number): number {
  return Math.max(1, Math.ceil(length / 4));
}

/**
 * `message` as the API would have ended it had the request carried `sequences` among its
 * `stop_sequences` (what a gateway that adds its own does): at the first text block holding one,
 * the text cut before it, every later block dropped, `stop_reason` `stop_sequence`. Null when no
 * text block holds one (the message stands as it is).
 */
export function cutAtStopSequence(message: ApiMessage, sequences: string[]): ApiMessage | null {
  const at = message.content.findIndex((b) => b.type === 'text' && firstStop(b.text, sequences));
  const block = message.content[at];
  if (block?.type !== 'text') return null;
  const stop = firstStop(block.text, sequences) as { sequence: string; at: number };
  const text = block.text.slice(0, stop.at);
  const content = [...message.content.slice(0, at), ...(text ? [{ type: 'text' as const, text }] : [])];
  const output = content.reduce((sum, b) => sum + tokens(b.type === 'text' ? b.text : JSON.stringify(b.input)), 0);
  return { ...message, content, stop_reason: 'stop_sequence', stop_sequence: stop.sequence, usage: { ...message.usage, output_tokens: output } };
}
