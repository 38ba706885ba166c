import { deepFreeze, jsonOf } from '../json-of.ts';
import { jsonOrText } from '../json-or-text.ts';

type Body = Record<string, unknown>;
/** The last body parsed: its text, the text up to its first message, its fields before `messages`, and where each message ends. */
type Known = { text: string; head: string; keys: string[]; body: Body; messages: unknown[]; ends: number[] };

const isBody = (value: unknown): value is Body => typeof value === 'object' && value !== null && !Array.isArray(value);
const field = (key: string, value: unknown) => `${JSON.stringify(key)}:${jsonOf(value)}`;
// Whether `text` holds `part` at `at`. Equal slices compare at memory speed; startsWith at a position, several times slower than parsing.
const holds = (text: string, at: number, part: string) => text.slice(at, at + part.length) === part;

/**
 * Parses the request bodies of one conversation, each as `jsonOrText` does, without parsing again
 * what the request before sent word for word. An agent sends its whole conversation on every
 * turn: parsed whole, a turn cost more the longer the conversation, and every request had new
 * objects for the same messages, so nothing could be remembered per message. Here a body that
 * repeats the last one's text up to its first messages (compared as text, so a message an agent
 * rewrote is parsed anew) keeps those values, and only the rest is parsed. That holds only where
 * the text is exactly what JSON.stringify writes for the values, as the SDK sends it: each part is
 * checked, and a body in any other form is parsed whole. The values are frozen (deepFreeze), as
 * later requests share them: no reader may change them.
 */
export class BodyParser {
  #known: Known | undefined;

  parse(text: string): unknown {
    try {
      const known = this.#known;
      const continued = known && continuation(known, text);
      if (continued) return ((this.#known = continued), continued.body);
      const parsed = deepFreeze(jsonOrText(text));
      this.#known = learn(text, parsed);
      return parsed;
    } catch (error) {
      // Nested too deep to freeze (deepFreeze) or to write out frozen: parsed anew, unfrozen and shared with no other request.
      if (!(error instanceof RangeError)) throw error;
      this.#known = undefined;
      return jsonOrText(text);
    }
  }
}

/** What a body parsed whole lets the next reuse, if its text is exactly the JSON of its values. */
function learn(text: string, parsed: unknown): Known | undefined {
  if (!isBody(parsed) || !Array.isArray(parsed.messages)) return undefined;
  const all = Object.keys(parsed);
  if (all.includes('__proto__')) return undefined;
  const at = all.indexOf('messages');
  const keys = all.slice(0, at);
  const head = `{${keys.map((key) => `${field(key, parsed[key])},`).join('')}"messages":[`;
  if (!holds(text, 0, head)) return undefined;
  const ends = placed(text, head.length, parsed.messages, 0);
  if (!ends || !endsWith(text, ends.at(-1) ?? head.length, all.slice(at + 1), parsed)) return undefined;
  return { text, head, keys, body: parsed, messages: parsed.messages, ends };
}

/** The body of `text` when it repeats `known`'s fields before `messages` (and maybe some messages); else undefined. */
function continuation(known: Known, text: string): Known | undefined {
  if (!holds(text, 0, known.head)) return undefined;
  const kept = keptOf(known, text);
  const at = kept ? (known.ends[kept - 1] as number) : known.head.length;
  // The rest is a valid body exactly when it is valid after an opened `messages` list (with a first item when some were kept).
  const rest = jsonOrText(`{"messages":[${kept ? '0' : ''}${text.slice(at)}`);
  if (!isBody(rest) || !Array.isArray(rest.messages)) return undefined;
  const added = deepFreeze(rest.messages.slice(kept ? 1 : 0));
  const tail = Object.keys(rest).filter((key) => key !== 'messages');
  // A field written twice would not be where its JSON puts it: parsed whole, as JSON.parse decides.
  if (tail.some((key) => key === '__proto__' || known.keys.includes(key))) return undefined;
  const ends = placed(text, at, added, kept);
  if (!ends || !endsWith(text, ends.at(-1) ?? at, tail, rest)) return undefined;
  // Frozen too: the next request is built from this very list.
  const messages = Object.freeze([...known.messages.slice(0, kept), ...added]) as unknown[];
  const body: Body = {};
  for (const key of known.keys) body[key] = known.body[key];
  body.messages = messages;
  for (const key of tail) body[key] = deepFreeze(rest[key]);
  return { text, head: known.head, keys: known.keys, body: Object.freeze(body), messages, ends: [...known.ends.slice(0, kept), ...ends] };
}

/**
 * How many of `known`'s messages `text` repeats word for word: all of them, as an agent that only
 * adds to its conversation sends, in one comparison; else the most whose text, from the start, is
 * the same, found by halving.
 */
function keptOf(known: Known, text: string): number {
  const same = (count: number) => count === 0 || holds(text, 0, known.text.slice(0, known.ends[count - 1]));
  let [low, high] = [0, known.messages.length];
  if (same(high)) return high;
  while (low < high - 1) {
    const middle = (low + high) >> 1;
    if (same(middle)) low = middle;
    else high = middle;
  }
  return low;
}

/** Where each of `messages` (the first at index `first`) ends, if `text` holds their JSON from `at` on; else undefined. */
function placed(text: string, at: number, messages: unknown[], first: number): number[] | undefined {
  const ends: number[] = [];
  for (const [i, message] of messages.entries()) {
    const json = `${first + i > 0 ? ',' : ''}${jsonOf(message)}`;
    if (!holds(text, at, json)) return undefined;
    ends.push((at += json.length));
  }
  return ends;
}

/** Whether `text`, from `at` on, is the end of the messages list, then `keys` of `body` as JSON, then the end of the body. */
function endsWith(text: string, at: number, keys: string[], body: Body): boolean {
  const end = `]${keys.map((key) => `,${field(key, body[key])}`).join('')}}`;
  return text.length === at + end.length && holds(text, at, end);
}
