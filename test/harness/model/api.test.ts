import { afterEach, describe, expect, it } from 'vitest';
import { fixedModel, MODEL, simulate, teardown, text, toolUse, weatherTool } from './helpers.ts';

afterEach(teardown);

const ask = [{ role: 'user' as const, content: 'What is the weather in Paris?' }];

describe('simulated Messages API through the real SDK', () => {
  it('non-streaming create returns the text, stop_reason and full usage', async () => {
    const sim = simulate(fixedModel(text('It is sunny in Paris.')));
    const message = await sim.run(() => sim.client.messages.create({ model: MODEL, max_tokens: 100, messages: ask }));
    expect(message.id).toMatch(/^msg_01[A-Za-z0-9]{22}$/);
    expect(message.type).toBe('message');
    expect(message.role).toBe('assistant');
    expect(message.model).toBe(MODEL);
    expect(message.content).toEqual([{ type: 'text', text: 'It is sunny in Paris.' }]);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.stop_sequence).toBeNull();
    expect(message.usage).toEqual({
      input_tokens: expect.any(Number),
      output_tokens: Math.ceil('It is sunny in Paris.'.length / 4),
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
      output_tokens_details: null,
      server_tool_use: null,
      service_tier: 'standard',
      inference_geo: null,
      speed: null,
    });
    expect(message.usage.input_tokens).toBeGreaterThan(0);
  });

  it('non-streaming create returns tool_use blocks with toolu_ ids', async () => {
    const sim = simulate(fixedModel(toolUse('get_weather', { city: 'Paris' }, 'Let me check.')));
    const message = await sim.run(() => sim.client.messages.create({ model: MODEL, max_tokens: 100, messages: ask, tools: [weatherTool] }));
    expect(message.stop_reason).toBe('tool_use');
    expect(message.content).toHaveLength(2);
    const [first, second] = message.content;
    expect(first).toEqual({ type: 'text', text: 'Let me check.' });
    expect(second).toMatchObject({ type: 'tool_use', name: 'get_weather', input: { city: 'Paris' } });
    expect(second?.type === 'tool_use' && second.id).toMatch(/^toolu_01[A-Za-z0-9]+$/);
  });

  it('the response carries a request-id header and is recorded in the history', async () => {
    const sim = simulate(fixedModel(text('hi')));
    const { response } = await sim.run(() => sim.client.messages.create({ model: MODEL, max_tokens: 10, messages: ask }).withResponse());
    expect(response.headers.get('request-id')).toMatch(/^req_/);
    expect(sim.requests()).toHaveLength(1);
    expect(sim.requests()[0]).toMatchObject({ n: 1, stream: false, body: { model: MODEL, max_tokens: 10 } });
  });

  it('messages.stream().finalMessage() yields the same content, with input assembled from input_json_delta', async () => {
    const input = { city: 'Paris', units: 'metric', days: [1, 2, 3], note: 'a long note so the JSON spans several 24-char chunks' };
    const turn = toolUse('get_weather', input, 'Checking the forecast for you, one moment please.');
    const plain = simulate(fixedModel(turn), { seed: 5 });
    const created = await plain.run(() => plain.client.messages.create({ model: MODEL, max_tokens: 500, messages: ask, tools: [weatherTool] }));
    const sim = simulate(fixedModel(turn), { seed: 5 });
    const events: string[] = [];
    const final = await sim.run(() => {
      const stream = sim.client.messages.stream({ model: MODEL, max_tokens: 500, messages: ask, tools: [weatherTool] });
      stream.on('streamEvent', (e) => events.push(e.type));
      return stream.finalMessage();
    });
    expect(sim.requests()[0]?.stream).toBe(true);
    expect(events.filter((e) => e === 'content_block_delta').length).toBeGreaterThan(3);
    expect(final.content).toEqual(created.content);
    expect(final.content[1]).toMatchObject({ type: 'tool_use', input });
    expect(final.stop_reason).toBe('tool_use');
    expect(final.usage.output_tokens).toBe(created.usage.output_tokens);
  });

  it('raw stream: true yields the documented event sequence', async () => {
    const sim = simulate(fixedModel(toolUse('get_weather', { city: 'Oslo' }, 'Looking it up.')));
    const types: string[] = [];
    let json = '';
    let said = '';
    await sim.run(async () => {
      const stream = await sim.client.messages.create({ model: MODEL, max_tokens: 100, messages: ask, tools: [weatherTool], stream: true });
      for await (const event of stream) {
        types.push(event.type);
        if (event.type === 'content_block_delta' && event.delta.type === 'input_json_delta') json += event.delta.partial_json;
        if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') said += event.delta.text;
        if (event.type === 'message_delta') expect(event.delta.stop_reason).toBe('tool_use');
      }
    });
    expect(types[0]).toBe('message_start');
    expect(types.at(-2)).toBe('message_delta');
    expect(types.at(-1)).toBe('message_stop');
    expect(types.filter((t) => t === 'content_block_start')).toHaveLength(2);
    expect(said).toBe('Looking it up.');
    expect(JSON.parse(json)).toEqual({ city: 'Oslo' });
  });

  it('a secret that reaches a request body is redacted from the serialised history', async () => {
    const sim = simulate(fixedModel(text('noted')));
    const leak = [{ role: 'user' as const, content: `my key is ${sim.world.apiKey}` }];
    await sim.run(() => sim.client.messages.create({ model: MODEL, max_tokens: 10, messages: leak }));
    expect(JSON.stringify(sim.requests()[0]?.body)).toContain(sim.world.apiKey);
    const serialized = sim.world.history.serialize();
    expect(serialized).not.toContain(sim.world.apiKey);
    expect(serialized).toContain('my key is [redacted]');
  });
});
