import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BodyParser } from '../../../harness/model/request-body.ts';

type Message = { role: string; content: unknown };
const user = (text: string): Message => ({ role: 'user', content: text });
const body = (messages: Message[], extra: Record<string, unknown> = {}) => ({ model: 'm', max_tokens: 10, system: 's', messages, stream: true, ...extra });

/** Parses `texts` in order with one parser, and checks each against JSON.parse: the same values, keys in the same order. */
function parseAll(texts: string[]): unknown[] {
  const parser = new BodyParser();
  return texts.map((text) => {
    const parsed = parser.parse(text);
    let expected: unknown = text;
    try {
      expected = JSON.parse(text);
    } catch {
      // Not JSON: the parser hands the text back, as jsonOrText does.
    }
    expect(parsed).toStrictEqual(expected);
    expect(JSON.stringify(parsed)).toBe(JSON.stringify(expected));
    return parsed;
  });
}
const messagesOf = (parsed: unknown) => (parsed as { messages: unknown[] }).messages;

describe('BodyParser', () => {
  it('reuses, frozen, the messages a request repeats word for word, and parses only what it adds', () => {
    const first = [user('a'), { role: 'assistant', content: [{ type: 'text', text: 'b' }] }];
    const [one, two] = parseAll([JSON.stringify(body(first)), JSON.stringify(body([...first, user('c')]))]);
    expect(messagesOf(two)[0]).toBe(messagesOf(one)[0]);
    expect(messagesOf(two)[1]).toBe(messagesOf(one)[1]);
    expect((two as { system: unknown }).system).toBe((one as { system: unknown }).system);
    expect(Object.isFrozen(messagesOf(two)[2])).toBe(true);
    expect(Object.isFrozen((messagesOf(two)[1] as { content: unknown[] }).content[0])).toBe(true);
  });

  it('leaves no reader a list it shares with the next request: the messages list is frozen too', () => {
    const parser = new BodyParser();
    const texts = [body([user('a')]), body([user('a'), user('b')]), body([user('a'), user('b'), user('c')])].map((b) => JSON.stringify(b));
    for (const text of texts) {
      const messages = messagesOf(parser.parse(text));
      expect(messages).toEqual(messagesOf(JSON.parse(text)));
      // The parser keeps this very list for the next request: a reader that changed it (a model, a fault) changed that one's.
      expect(() => messages.splice(0, 1, user('z'))).toThrow(TypeError);
    }
  });

  it('parses anew a message an agent rewrote, and every message after it', () => {
    const [one, two] = parseAll([JSON.stringify(body([user('a'), user('b'), user('c')])), JSON.stringify(body([user('a'), user('B'), user('c'), user('d')]))]);
    expect(messagesOf(two)[0]).toBe(messagesOf(one)[0]);
    expect(messagesOf(two)[1]).toEqual(user('B'));
    expect(messagesOf(two)[2]).not.toBe(messagesOf(one)[2]);
  });

  it('parses whole a body whose fields before the messages changed, or that is not written as JSON.stringify writes it', () => {
    const messages = [user('a'), user('b')];
    const [, , three] = parseAll([JSON.stringify(body(messages)), JSON.stringify(body(messages, { system: 'other' })), JSON.stringify(body([...messages, user('c')]), null, 1)]);
    expect(messagesOf(three)).toHaveLength(3);
  });

  it('answers as JSON.parse for bodies with no messages list, a field written twice, __proto__, or text that is not JSON', () => {
    const start = JSON.stringify(body([user('a')]));
    const next = [
      `${start.slice(0, -1)},"model":"twice"}`,
      `${start.slice(0, -1)},"__proto__":{"x":1}}`,
      `${start.slice(0, -1)},"messages":[]}`,
      `${start.slice(0, -1)},"messages":[0,{"role":"user","content":"a"}]}`,
      start.replace('"a"}]', '"a"},{"role":"user","content":"b"}],"messages":[0,{"role":"user","content":"b"}]'),
      start.replace('"a"}]', '"a"},{"role":"user","content":"b"}]'),
      start.replace('"a"}]', '"a"}, {"role":"user","content":"b"} ]'),
      `${start.slice(0, -2)}`,
      'not json',
      JSON.stringify({ model: 'm' }),
      JSON.stringify(body([])),
      start.replace('"a"}', '"a"}5'),
      start.replace('"a"}]', '"a"},1e5]'),
    ];
    // Each after a body the parser learnt from, so that it is read as a continuation first.
    for (const text of next) parseAll([start, text, start.replace('"a"}]', '"a"},{"role":"user","content":"c"}]')]);
    parseAll([JSON.stringify(body([])), JSON.stringify(body([user('a')])), JSON.stringify({ messages: [user('a'), user('b')] })]);
  });

  it('gives what JSON.parse gives for any sequence of bodies that keep, rewrite, drop and add messages and fields', () => {
    const message = fc.record({ role: fc.constantFrom('user', 'assistant'), content: fc.oneof(fc.string(), fc.array(fc.record({ type: fc.constant('text'), text: fc.string() }), { maxLength: 2 })) });
    const step = fc.record({
      keep: fc.nat(6),
      add: fc.array(message, { maxLength: 3 }),
      system: fc.constantFrom('s', 't'),
      tail: fc.dictionary(fc.constantFrom('stream', 'metadata', 'model', '0', 'temperature'), fc.jsonValue(), { maxKeys: 2 }),
      spaced: fc.boolean(),
      number: fc.constantFrom('', '1', '1e5', '-0'),
    });
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 6 }), (steps) => {
        let messages: unknown[] = [];
        const texts = steps.map((s) => {
          messages = [...messages.slice(0, s.keep), ...s.add];
          const { model: _, ...tail } = s.tail;
          const text = JSON.stringify({ model: 'm', system: s.system, messages, ...tail }, null, s.spaced ? 1 : undefined);
          // A number written as JSON.stringify would not write it, where a message ends.
          return s.number ? text.replace(/\](?=[^\]]*$)/, `,${s.number}]`) : text;
        });
        parseAll(texts);
      }),
      { numRuns: 300 },
    );
  });
});
