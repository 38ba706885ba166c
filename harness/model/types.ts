/** The subset of the Messages API wire format the simulation reads and writes. */
export type TextBlock = { type: 'text'; text: string };
/**
 * `partial_json` is the simulation's own: the input JSON as far as the model got when max_tokens
 * cut it, which the stream sends; it never goes on the wire (`wireMessage` drops it).
 */
export type ToolUseBlock = { type: 'tool_use'; id: string; name: string; input: unknown; partial_json?: string };
export type ToolResultBlock = {
  type: 'tool_result';
  tool_use_id: string;
  content?: string | Array<{ type: string; text?: string }>;
  is_error?: boolean;
};
export type ContentBlock = TextBlock | ToolUseBlock | ToolResultBlock | { type: string; [key: string]: unknown };
export type MessageParam = { role: 'user' | 'assistant'; content: string | ContentBlock[] };
export type ToolDef = { name: string; description?: string; input_schema: Record<string, unknown>; strict?: boolean };

export type MessagesRequest = {
  model: string;
  max_tokens: number;
  system?: string | TextBlock[];
  messages: MessageParam[];
  tools?: ToolDef[];
  stream?: boolean;
  stop_sequences?: string[];
  tool_choice?: ToolChoice;
  thread?: { type: 'create' } | { type: 'continue'; previous_message_id: string };
  [key: string]: unknown;
};

/** How the request lets the model use its tools (the SDK's `ToolChoice`). */
type ToolChoice = { type: 'auto' | 'any'; disable_parallel_tool_use?: boolean } | { type: 'tool'; name: string; disable_parallel_tool_use?: boolean } | { type: 'none' };

type StopReason = 'end_turn' | 'tool_use' | 'max_tokens' | 'stop_sequence';

/** What a model decides for one turn, before the API assigns ids, counts tokens and truncates. */
export type ModelTurn = {
  content: Array<TextBlock | { type: 'tool_use'; name: string; input: unknown }>;
  stopReason: 'end_turn' | 'tool_use';
};

export type ApiMessage = {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: Array<TextBlock | ToolUseBlock>;
  stop_reason: StopReason;
  stop_sequence: string | null;
  usage: { input_tokens: number; output_tokens: number; cache_creation_input_tokens: number; cache_read_input_tokens: number };
};

/** The model behind the simulated API: deterministic given the request and its random stream. */
export interface Model {
  respond(request: MessagesRequest, turn: number): ModelTurn | Promise<ModelTurn>;
}

export function blocksOf(content: string | ContentBlock[]): ContentBlock[] {
  return typeof content === 'string' ? [{ type: 'text', text: content }] : content;
}

export function textOf(content: ToolResultBlock['content']): string {
  if (content === undefined) return '';
  if (typeof content === 'string') return content;
  return content.map((b) => b.text ?? '').join('');
}
