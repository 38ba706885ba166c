import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deepFreeze } from '../../../harness/json-of.ts';
import { inputTokensOf } from '../../../harness/model/finish.ts';
import type { MessageParam } from '../../../harness/model/types.ts';
import { Passed, validateMessages } from '../../../harness/model/validate-messages.ts';

const outcome = (check: () => void) => {
  try {
    check();
    return 'passed';
  } catch (error) {
    return (error as Error).message;
  }
};

// Messages of a conversation, frozen as the simulated API's parser leaves them: tool calls and
// results under a few ids, so that pairs match, go missing and repeat.
const id = fc.constantFrom('a', 'b', 'c');
const message = fc.oneof(
  fc.record({ role: fc.constant('user'), content: fc.constantFrom('go', '', ' ') }),
  fc.record({
    role: fc.constant('assistant'),
    content: fc.array(
      fc.oneof(
        id.map((i) => ({ type: 'tool_use', id: i, name: 't', input: {} })),
        fc.constant({ type: 'text', text: 'ok' }),
      ),
      { maxLength: 2 },
    ),
  }),
  fc.record({
    role: fc.constant('user'),
    content: fc.array(
      id.map((i) => ({ type: 'tool_result', tool_use_id: i, content: 'r' })),
      { minLength: 1, maxLength: 2 },
    ),
  }),
);
// Each request keeps the last one's first `keep` messages (the same objects), then adds new ones.
const requests = fc.array(fc.record({ keep: fc.nat(8), add: fc.array(message, { maxLength: 3 }) }), { minLength: 1, maxLength: 8 });
const conversations = (steps: Array<{ keep: number; add: unknown[] }>) => {
  let messages: MessageParam[] = [];
  return steps.map(({ keep, add }) => (messages = [...messages.slice(0, keep), ...(deepFreeze(structuredClone(add)) as MessageParam[])]));
};

describe('validateMessages from the last conversation that passed', () => {
  it('finds what checking each conversation whole finds, whatever was kept, rewritten or dropped', () => {
    fc.assert(
      fc.property(requests, (steps) => {
        const passed = new Passed();
        for (const messages of conversations(steps)) expect(outcome(() => validateMessages(messages, passed))).toBe(outcome(() => validateMessages(messages)));
      }),
      { numRuns: 500 },
    );
  });

  it('checks again a message that is not frozen, though it is the same object', () => {
    const call = { role: 'assistant' as const, content: [{ type: 'tool_use', id: 'a', name: 't', input: {} }] };
    const messages: MessageParam[] = [{ role: 'user', content: 'go' }, call, { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'a', content: 'r' }] }];
    const passed = new Passed();
    validateMessages(messages, passed);
    (call.content[0] as { id: string }).id = 'z';
    expect(outcome(() => validateMessages([...messages], passed))).toContain('`tool_use` ids were found without `tool_result` blocks');
  });
});

describe('inputTokensOf', () => {
  it('counts JSON.stringify([system, tools, messages]) in tokens, frozen parts remembered or not', () => {
    const old = (body: { system?: unknown; tools?: unknown; messages: unknown }) => Math.max(1, Math.ceil(JSON.stringify([body.system ?? '', body.tools ?? [], body.messages]).length / 4));
    fc.assert(
      fc.property(fc.option(fc.string()), fc.option(fc.array(fc.jsonValue(), { maxLength: 2 })), fc.array(fc.jsonValue(), { maxLength: 4 }), fc.boolean(), (system, tools, messages, frozen) => {
        const body = { ...(system === null ? {} : { system }), ...(tools === null ? {} : { tools }), messages } as never;
        if (frozen) deepFreeze(body);
        expect(inputTokensOf(body)).toBe(old(body));
        expect(inputTokensOf(body)).toBe(old(body));
      }),
    );
  });
});
