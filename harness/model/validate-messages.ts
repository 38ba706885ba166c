import { ContractError } from './errors.ts';
import { blocksOf, type ContentBlock, type MessagesRequest } from './types.ts';

const idsOf = (blocks: ContentBlock[], type: 'tool_use' | 'tool_result', key: 'id' | 'tool_use_id') => blocks.filter((b) => b.type === type).map((b) => (b as Record<string, string>)[key] as string);

/**
 * The conversation rules the real API enforces with a 400: roles, non-empty content and text, and
 * the pairing of tool calls with results — every `tool_use` answered in the very next message, by
 * `tool_result` blocks that come first in it, and no result without its call just before — and
 * no `tool_use` id twice in the conversation (the 400 public reports quote for ids a gateway
 * numbered per response, `messages.3.content.2: \`tool_use\` ids must be unique`: the check spans
 * messages; the stricter reading, as no document states it).
 */
export function validateMessages(messages: MessagesRequest['messages'], passed?: Passed): void {
  if (messages.length === 0) throw new ContractError(400, 'messages: at least one message is required');
  const from = passed ? passed.from(messages) : 0;
  const callIds = passed ? passed.idsBefore(from) : new Set<string>();
  for (let i = from; i < messages.length; i++) {
    const message = messages[i] as MessagesRequest['messages'][number];
    if (message.role !== 'user' && message.role !== 'assistant') throw new ContractError(400, `messages.${i}.role: Input should be 'user' or 'assistant'`);
    const blocks = blocksOf(message.content);
    const last = i === messages.length - 1;
    if ((message.content === '' || blocks.length === 0) && !(last && message.role === 'assistant')) throw new ContractError(400, `messages.${i}: all messages must have non-empty content except for the optional final assistant message`);
    for (const block of blocks) {
      if (block.type !== 'text') continue;
      const text = (block as { text?: unknown }).text;
      if (text === '') throw new ContractError(400, 'messages: text content blocks must be non-empty');
      if (typeof text === 'string' && !text.trim()) throw new ContractError(400, 'messages: text content blocks must contain non-whitespace text');
    }
    if (message.role === 'assistant') uniqueIds(blocks, i, callIds);
    if (message.role === 'assistant') answeredNext(messages, i);
    if (message.role === 'user') answersPrevious(messages, i);
  }
  passed?.remember(messages);
}

/**
 * The last conversation that passed: the next, which repeats it (the same frozen message objects,
 * model/request-body.ts) and adds to it, is checked from the last message they share, as an
 * earlier message has the same neighbours and is not the last, so it passes again. Checked whole,
 * a turn cost more the longer the conversation. A message an agent rewrote is a new object, so
 * the check starts before it.
 */
export class Passed {
  #messages: readonly unknown[] = [];
  // The conversation's tool_use ids by the message that holds them, and each id's message.
  readonly #ids: string[][] = [];
  readonly #at = new Map<string, number>();

  /** Where to start checking `messages`: the last message of the prefix they share with the last that passed. */
  from(messages: readonly unknown[]): number {
    let shared = 0;
    while (shared < messages.length && shared < this.#messages.length && messages[shared] === this.#messages[shared] && Object.isFrozen(messages[shared])) shared++;
    return Math.max(0, shared - 1);
  }

  /** The tool_use ids of the messages before `from`, as the whole check collects them, and those it adds. */
  idsBefore(from: number): Pick<Set<string>, 'has' | 'add'> {
    const added = new Set<string>();
    return { has: (id) => (this.#at.get(id) ?? from) < from || added.has(id), add: (id) => added.add(id) };
  }

  remember(messages: MessagesRequest['messages']): void {
    const from = this.from(messages);
    for (const ids of this.#ids.splice(from)) for (const id of ids) this.#at.delete(id);
    for (const message of messages.slice(from)) {
      const ids = message.role === 'assistant' ? idsOf(blocksOf(message.content), 'tool_use', 'id') : [];
      for (const id of ids) this.#at.set(id, this.#ids.length);
      this.#ids.push(ids);
    }
    this.#messages = messages;
  }
}

/** The message after an assistant's tool calls answers each of them, with its results first. */
function answeredNext(messages: MessagesRequest['messages'], i: number): void {
  const uses = idsOf(blocksOf((messages[i] as { content: ContentBlock[] }).content), 'tool_use', 'id');
  const next = messages[i + 1];
  if (!uses.length || !next) return;
  const nextBlocks = blocksOf(next.content);
  const answered = new Set(idsOf(nextBlocks, 'tool_result', 'tool_use_id'));
  const missing = uses.filter((id) => !answered.has(id));
  if (next.role !== 'user' || missing.length)
    throw new ContractError(
      400,
      `messages.${i + 1}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${missing.join(', ')}. ` + 'Each `tool_use` block must have a corresponding `tool_result` block in the next message.',
    );
  const leading = nextBlocks.findIndex((b) => b.type !== 'tool_result');
  if (leading !== -1 && leading < uses.length)
    throw new ContractError(400, `messages.${i + 1}: Did not find ${uses.length} tool_result block(s) at the beginning of this message. ` + 'Messages following tool_use blocks must begin with a matching number of tool_result blocks.');
}

/** Each tool_result answers a tool_use of the message just before. */
function answersPrevious(messages: MessagesRequest['messages'], i: number): void {
  const prev = messages[i - 1];
  const prevUses = new Set(prev ? idsOf(blocksOf(prev.content), 'tool_use', 'id') : []);
  blocksOf(messages[i]?.content ?? []).forEach((b, k) => {
    if (b.type !== 'tool_result') return;
    const id = (b as { tool_use_id: string }).tool_use_id;
    if (!prevUses.has(id))
      throw new ContractError(400, `messages.${i}.content.${k}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${id}. ` + 'Each `tool_result` block must have a corresponding `tool_use` block in the previous message.');
  });
}

/** Each tool_use id once in the whole conversation; `seen` holds the ids of the messages before. */
function uniqueIds(blocks: ContentBlock[], i: number, seen: Pick<Set<string>, 'has' | 'add'>): void {
  blocks.forEach((b, k) => {
    if (b.type !== 'tool_use') return;
    const id = (b as { id: string }).id;
    if (seen.has(id)) throw new ContractError(400, `messages.${i}.content.${k}: \`tool_use\` ids must be unique`);
    seen.add(id);
  });
}
