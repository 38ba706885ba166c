import { afterEach, describe, expect, it } from 'vitest';
import { fixedModel, MODEL, simulate, teardown, weatherTool } from './helpers.ts';

afterEach(teardown);

const ask = [{ role: 'user' as const, content: 'Tell me everything.' }];
const long = 'word '.repeat(200); // 1,000 characters: about 250 tokens

describe('max_tokens truncation', () => {
  it('text beyond max_tokens is cut and stop_reason is max_tokens', async () => {
    const sim = simulate(fixedModel({ content: [{ type: 'text', text: long }], stopReason: 'end_turn' }));
    const message = await sim.run(() => sim.client.messages.create({ model: MODEL, max_tokens: 10, messages: ask }));
    expect(message.stop_reason).toBe('max_tokens');
    expect(message.content).toEqual([{ type: 'text', text: long.slice(0, 40) }]);
    expect(message.usage.output_tokens).toBe(10);
  });

  it('the same text within budget is whole and ends the turn', async () => {
    const sim = simulate(fixedModel({ content: [{ type: 'text', text: long }], stopReason: 'end_turn' }));
    const message = await sim.run(() => sim.client.messages.create({ model: MODEL, max_tokens: 1000, messages: ask }));
    expect(message.stop_reason).toBe('end_turn');
    expect(message.content).toEqual([{ type: 'text', text: long }]);
    expect(message.usage.output_tokens).toBe(250);
  });

  it('a tool_use cut by max_tokens is kept, its input as far as it got, after the text before it', async () => {
    const turn = {
      content: [
        { type: 'text' as const, text: 'Let me look that up.' }, // 5 tokens
        { type: 'tool_use' as const, name: 'get_weather', input: { city: 'Paris', detail: 'x'.repeat(100) } },
      ],
      stopReason: 'tool_use' as const,
    };
    const sim = simulate(fixedModel(turn));
    // 5 tokens left for the call: 20 characters of its input, `{"city":"Paris","det`.
    const message = await sim.run(() => sim.client.messages.create({ model: MODEL, max_tokens: 10, messages: ask, tools: [weatherTool] }));
    expect(message.stop_reason).toBe('max_tokens');
    expect(message.content).toEqual([
      { type: 'text', text: 'Let me look that up.' },
      { type: 'tool_use', id: expect.stringMatching(/^toolu_01/), name: 'get_weather', input: { city: 'Paris' } },
    ]);
    expect(message.usage.output_tokens).toBe(10);
  });

  it('a streamed truncated reply ends with stop_reason max_tokens too', async () => {
    const sim = simulate(fixedModel({ content: [{ type: 'text', text: long }], stopReason: 'end_turn' }));
    const final = await sim.run(() => sim.client.messages.stream({ model: MODEL, max_tokens: 10, messages: ask }).finalMessage());
    expect(final.stop_reason).toBe('max_tokens');
    expect(final.content).toEqual([{ type: 'text', text: long.slice(0, 40) }]);
  });
});
