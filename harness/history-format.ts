import type { EventOf, HistoryEvent } from './history.ts';
import { jsonOf } from './json-of.ts';

/** The history file format this faultline writes and reads; the first line of every history. */
export const HISTORY_FORMAT = 'faultline.history/2';
export const HEADER = JSON.stringify({ format: HISTORY_FORMAT });

/** A history file that is not in `HISTORY_FORMAT`: it cannot be read, only recorded again. */
export class HistoryFormatError extends Error {}

/*
 * Each message is written once. An agent sends its whole conversation on every turn, and each tool
 * result twice over (the service's reply, then the agent's tool_result): written as they were sent,
 * a conversation's bytes grew with its length squared. So a model request is written as what it
 * adds to the request before it, and a tool_result that carries a reply word for word names it:
 *   same:    { n, keys, messages } — the top-level fields (written as 0, so they keep their place)
 *            and the leading messages it shares with request n, the model request before it;
 *   replies: [[message, block, part, id], …] — the content (part -1) or content[part].text of that
 *            tool_result block of `messages` is the body of tool-complete `id`, as JSON (written as 0);
 *            [message, -1, -1, n]: that assistant message's content is model response n's (written as 0).
 */
type Body = Record<string, unknown>;
type Block = { type?: unknown; content?: unknown };
type Reply = [message: number, block: number, part: number, ref: string | number];
type WrittenRequest = EventOf<'model-request'> & { same?: { n: number; keys: string[]; messages: number }; replies?: Reply[] };
/** What a written model request leaves for the next one: each part's JSON. */
type Sent = { n: number; keys?: Map<string, string>; messages?: string[] };

const isBody = (value: unknown): value is Body => typeof value === 'object' && value !== null && !Array.isArray(value);
const blocksOf = (message: unknown): Block[] => {
  const content = (message as { content?: unknown } | null)?.content;
  return Array.isArray(content) ? (content as Block[]) : [];
};

/** Writes one history's events, in order, as lines of the format. */
export class HistoryWriter {
  #previous: Sent | undefined;
  // A tool-complete body's JSON → the first tool-complete that returned it; a model response's content → its n.
  readonly #replies = new Map<string, string>();
  readonly #answers = new Map<string, number>();
  readonly #seen = new Set<string | number>();

  line(event: HistoryEvent): string {
    // Only the first body of an id, and the first response numbered n, can be named, as the reader keeps them.
    if (event.type === 'tool-complete' && event.body !== undefined && !this.#seen.has(event.id)) {
      this.#seen.add(event.id);
      const json = JSON.stringify(event.body);
      if (!this.#replies.has(json)) this.#replies.set(json, event.id);
    }
    if (event.type === 'model-response' && event.content !== undefined && !this.#seen.has(event.n)) {
      this.#seen.add(event.n);
      const json = JSON.stringify(event.content);
      if (!this.#answers.has(json)) this.#answers.set(json, event.n);
    }
    return event.type === 'model-request' ? this.#request(event) : JSON.stringify(event);
  }

  #request(event: EventOf<'model-request'>): string {
    const previous = this.#previous;
    const { body } = event;
    if (!isBody(body)) return ((this.#previous = { n: event.n }), JSON.stringify(event));
    const keys = new Map(
      Object.entries(body)
        .filter(([key]) => key !== 'messages')
        .map(([key, value]) => [key, jsonOf(value)]),
    );
    const messages = Array.isArray(body.messages) ? (body.messages as unknown[]) : undefined;
    // Each message's JSON is written once for the run (jsonOf): the requests of a conversation share its messages.
    const json = messages?.map(jsonOf);
    this.#previous = { n: event.n, keys, ...(json ? { messages: json } : {}) };
    const sameKeys = previous?.keys ? [...keys].filter(([key, value]) => previous.keys!.get(key) === value).map(([key]) => key) : [];
    let shared = 0;
    if (json && previous?.messages) while (shared < json.length && json[shared] === previous.messages[shared]) shared++;
    // A copy to name replies in, made from the JSON at hand (and sharing no object, as a parsed body does not).
    const added = json?.slice(shared).map((m) => JSON.parse(m) as unknown);
    const replies = added ? this.#named(added) : [];
    if (!sameKeys.length && !shared && !replies.length) return JSON.stringify(event);
    const compact: Body = { ...body };
    for (const key of sameKeys) compact[key] = 0;
    if (added) compact.messages = added;
    const written: WrittenRequest = { ...event, body: compact };
    if (sameKeys.length || shared) written.same = { n: previous!.n, keys: sameKeys, messages: shared };
    if (replies.length) written.replies = replies;
    return JSON.stringify(written);
  }

  /** Replaces, in `messages` (a copy), each tool_result text that is a reply's body and each assistant content that is an answer, word for word. */
  #named(messages: unknown[]): Reply[] {
    const replies: Reply[] = [];
    // An agent's request may hold anything where a message or block belongs: only objects are looked into.
    messages.forEach((message, m) => {
      if (!isBody(message)) return;
      const answer = message.role === 'assistant' ? this.#answers.get(JSON.stringify(message.content)) : undefined;
      if (answer !== undefined) return (replies.push([m, -1, -1, answer]), (message.content = 0));
      blocksOf(message).forEach((block, b) => {
        if (!isBody(block) || block.type !== 'tool_result') return;
        if (typeof block.content === 'string') {
          const id = this.#replies.get(block.content);
          if (id) replies.push([m, b, -1, id]), (block.content = 0);
        } else if (Array.isArray(block.content))
          (block.content as Array<{ type?: unknown; text?: unknown }>).forEach((part, p) => {
            const id = part?.type === 'text' && typeof part.text === 'string' ? this.#replies.get(part.text) : undefined;
            if (id) replies.push([m, b, p, id]), (part.text = 0);
          });
      });
    });
    return replies;
  }
}

/** Reads one history's lines, in order, back into whole events. */
export class HistoryReader {
  #previous: EventOf<'model-request'> | undefined;
  readonly #replies = new Map<string | number, string>();

  event(line: string): HistoryEvent {
    const event = JSON.parse(line) as HistoryEvent;
    if (event.type === 'tool-complete' && event.body !== undefined && !this.#replies.has(event.id)) this.#replies.set(event.id, JSON.stringify(event.body));
    if (event.type === 'model-response' && event.content !== undefined && !this.#replies.has(event.n)) this.#replies.set(event.n, JSON.stringify(event.content));
    if (event.type !== 'model-request') return event;
    return (this.#previous = this.#request(event));
  }

  #request(written: WrittenRequest): EventOf<'model-request'> {
    const { same, replies, ...event } = written;
    if (!same && !replies) return event;
    if (!isBody(event.body)) throw new HistoryFormatError(`model request ${event.n} refers to other events but has no body`);
    const body: Body = { ...event.body };
    for (const [m, b, p, ref] of replies ?? []) {
      const text = this.#replies.get(ref);
      const message = (body.messages as Array<{ content?: unknown }> | undefined)?.[m];
      const block = b === -1 ? message : blocksOf(message)[b];
      if (text === undefined || !block) throw new HistoryFormatError(`model request ${event.n} names ${typeof ref === 'number' ? `model response ${ref}` : `the reply of ${ref}`}, which the history does not hold before it`);
      if (b === -1) block.content = JSON.parse(text);
      else if (p === -1) block.content = text;
      else (block.content as Array<{ text?: unknown }>)[p]!.text = text;
    }
    if (same) {
      const before = this.#previous;
      if (!before || before.n !== same.n || !isBody(before.body)) throw new HistoryFormatError(`model request ${event.n} refers to model request ${same.n}, which is not the request before it`);
      for (const key of same.keys) body[key] = before.body[key];
      if (same.messages) body.messages = [...(before.body.messages as unknown[]).slice(0, same.messages), ...((body.messages as unknown[] | undefined) ?? [])];
    }
    return { ...event, body };
  }
}
