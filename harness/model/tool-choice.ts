import type { MessagesRequest, ModelTurn } from './types.ts';

type Block = ModelTurn['content'][number];

/**
 * Holds a model's turn to the request's `tool_choice`, as the real API constrains decoding whatever
 * the model would say: `none` allows no tool call, `any` and `tool` force one (of the named tool
 * for `tool`) with no text before it (the API prefills the reply, so there is no preamble), and
 * `disable_parallel_tool_use` leaves at most one call. A model that honours the choice itself (the
 * scripted one does, with inputs from its plan) passes through unchanged; a forced call the model
 * did not make is made with an empty input.
 */
export function constrainTurn(turn: ModelTurn, request: MessagesRequest): ModelTurn {
  const choice = request.tool_choice;
  if (!choice || choice.type === 'auto') return choice?.disable_parallel_tool_use ? firstCallOnly(turn) : turn;
  if (choice.type === 'none') {
    const content = turn.content.filter((b) => b.type !== 'tool_use');
    return { content: content.length ? content : [{ type: 'text', text: 'I cannot call a tool in this reply.' }], stopReason: 'end_turn' };
  }
  const offered = (request.tools ?? []).map((t) => t.name);
  const wanted = choice.type === 'tool' ? [choice.name] : offered;
  let calls: Block[] = turn.content.filter((b) => b.type === 'tool_use' && wanted.includes(b.name));
  if (!calls.length) calls = [{ type: 'tool_use', name: wanted[0] as string, input: {} }];
  const forced: ModelTurn = { content: calls, stopReason: 'tool_use' };
  return choice.disable_parallel_tool_use ? firstCallOnly(forced) : forced;
}

/** At most one tool call: the first; text before it stays. */
function firstCallOnly(turn: ModelTurn): ModelTurn {
  const first = turn.content.findIndex((b) => b.type === 'tool_use');
  if (first < 0) return turn;
  return { ...turn, content: turn.content.filter((b, i) => b.type !== 'tool_use' || i === first) };
}
