import { describe, expect, it } from 'vitest';
import { ContractError } from '../../../harness/model/errors.ts';
import { validateRequest } from '../../../harness/model/validate.ts';

const base = { model: 'claude-sim-1', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] };
const tool = (name: string) => ({ name, input_schema: { type: 'object', properties: {} } });
const use = (id: string) => ({ type: 'tool_use', id, name: 'get_weather', input: {} });
const result = (id: string) => ({ type: 'tool_result', tool_use_id: id, content: 'ok' });

function rejectionOf(body: unknown): ContractError {
  try {
    validateRequest(body);
  } catch (error) {
    expect(error).toBeInstanceOf(ContractError);
    return error as ContractError;
  }
  throw new Error('[test] expected validateRequest to throw');
}

describe('validateRequest', () => {
  it('accepts a minimal request and one whose tool calls are all answered', () => {
    expect(() => validateRequest(base)).not.toThrow();
    const messages = [
      { role: 'user', content: 'go' },
      { role: 'assistant', content: [use('a'), use('b')] },
      { role: 'user', content: [result('b'), result('a')] },
    ];
    expect(() => validateRequest({ ...base, tools: [tool('get_weather')], messages })).not.toThrow();
  });

  it('accepts a conversation that ends in an assistant tool_use (nothing after it yet)', () => {
    expect(() =>
      validateRequest({
        ...base,
        messages: [
          { role: 'user', content: 'go' },
          { role: 'assistant', content: [use('a')] },
        ],
      }),
    ).not.toThrow();
  });

  it.each([
    ['a non-object body', [], 'not a JSON object'],
    ['a null body', null, 'not a JSON object'],
    ['no model', { ...base, model: '' }, 'model: Field required'],
    ['max_tokens 0', { ...base, max_tokens: 0 }, 'max_tokens: Field required'],
    ['a fractional max_tokens', { ...base, max_tokens: 1.5 }, 'max_tokens: Field required'],
    ['no messages', { model: 'm', max_tokens: 1 }, 'messages: Field required'],
    ['an empty messages list', { ...base, messages: [] }, 'at least one message'],
    ['a system role in messages', { ...base, messages: [{ role: 'system', content: 'x' }] }, "messages.0.role: Input should be 'user' or 'assistant'"],
    ['tools that are not a list', { ...base, tools: {} }, 'tools: Input should be a valid list'],
    ['a tool name with a space', { ...base, tools: [tool('get weather')] }, 'tools.0.custom.name'],
    ['a tool name of 129 characters', { ...base, tools: [tool('x'.repeat(129))] }, 'tools.0.custom.name'],
    ['duplicate tool names', { ...base, tools: [tool('a'), tool('b'), tool('a')] }, 'Tool names must be unique'],
    ['an input_schema that is not an object', { ...base, tools: [{ name: 'a', input_schema: { type: 'string' } }] }, "tools.0.custom.input_schema.type: Input should be 'object'"],
  ])('rejects %s with a 400', (_, body, message) => {
    const error = rejectionOf(body);
    expect(error.status).toBe(400);
    expect(error.message).toContain(message);
  });

  it('names the message and every unanswered tool_use id', () => {
    const messages = [
      { role: 'user', content: 'go' },
      { role: 'assistant', content: [use('a'), use('b'), use('c')] },
      { role: 'user', content: [result('b')] },
    ];
    const error = rejectionOf({ ...base, messages });
    expect(error.message).toMatch(/^messages\.2: `tool_use` ids were found without `tool_result` blocks immediately after: a, c\./);
  });

  it('rejects one tool_use id on two calls, across turns or in one, naming the later one', () => {
    const later = [
      { role: 'user', content: 'go' },
      { role: 'assistant', content: [use('a')] },
      { role: 'user', content: [result('a')] },
      { role: 'assistant', content: [use('a')] },
      { role: 'user', content: [result('a')] },
    ];
    expect(rejectionOf({ ...base, messages: later })).toMatchObject({ status: 400, message: 'messages.3.content.0: `tool_use` ids must be unique' });
    const same = [
      { role: 'user', content: 'go' },
      { role: 'assistant', content: [use('a'), use('a')] },
      { role: 'user', content: [result('a')] },
    ];
    expect(rejectionOf({ ...base, messages: same }).message).toBe('messages.1.content.1: `tool_use` ids must be unique');
    const renamed = later.map((m, i) => (i === 3 ? { ...m, content: [use('a2')] } : i === 4 ? { ...m, content: [result('a2')] } : m));
    expect(() => validateRequest({ ...base, messages: renamed })).not.toThrow();
  });

  it('rejects an assistant tool_use followed by another assistant message', () => {
    const messages = [
      { role: 'user', content: 'go' },
      { role: 'assistant', content: [use('a')] },
      { role: 'assistant', content: 'done' },
    ];
    expect(rejectionOf({ ...base, messages }).message).toContain('`tool_use` ids were found without `tool_result`');
  });

  it('rejects a tool_result whose tool_use was two messages back, naming its position', () => {
    const messages = [
      { role: 'user', content: 'go' },
      { role: 'assistant', content: [use('a')] },
      { role: 'user', content: [result('a')] },
      { role: 'assistant', content: 'ok' },
      { role: 'user', content: [{ type: 'text', text: 'again' }, result('a')] },
    ];
    const error = rejectionOf({ ...base, messages });
    expect(error.message).toMatch(/^messages\.4\.content\.1: unexpected `tool_use_id` found in `tool_result` blocks: a\./);
  });

  it('rejects a tool_result in the first message', () => {
    expect(rejectionOf({ ...base, messages: [{ role: 'user', content: [result('x')] }] }).message).toContain('unexpected `tool_use_id`');
  });
});
