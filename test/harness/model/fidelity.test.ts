import Anthropic from '@anthropic-ai/sdk';
import type { MessageCreateParamsNonStreaming, RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import { afterEach, describe, expect, it } from 'vitest';
import { streamError } from '../../../harness/faults/stream-error.ts';
import { Rng } from '../../../harness/rng.ts';
import { fixedModel, MODEL, rejection, simulate, teardown, text, toolUse, weatherTool, type Sim } from './helpers.ts';

/**
 * The simulated Messages API as the real @anthropic-ai/sdk sees it, case by case, against the real
 * API's documented behaviour (errors, messages, streaming, count_tokens, models, tool_choice, stop
 * sequences, API versions). Where the real behaviour is not documented the test says so and the
 * simulation takes the stricter reading.
 */
afterEach(teardown);

const ask = [{ role: 'user' as const, content: 'Weather in Paris?' }];
const base = { model: MODEL, max_tokens: 100, messages: ask };
const clockTool = { name: 'get_time', description: 'Time in a city', input_schema: { type: 'object' as const, properties: { city: { type: 'string' } } } };

/** The raw events of a streamed request, as the SDK parses them off the wire. */
async function events(sim: Sim, params: MessageCreateParamsNonStreaming): Promise<RawMessageStreamEvent[]> {
  return sim.run(async () => {
    const out: RawMessageStreamEvent[] = [];
    for await (const event of await sim.client.messages.create({ ...params, stream: true })) out.push(event);
    return out;
  });
}

/** The same request answered as JSON and as a stream the SDK adds up (`finalMessage()`), each on a fresh simulation. */
async function bothWays(turn: Parameters<typeof fixedModel>[0], params: MessageCreateParamsNonStreaming) {
  const jsonSim = simulate(fixedModel(turn));
  const json = await jsonSim.run(() => jsonSim.client.messages.create(params));
  const streamSim = simulate(fixedModel(turn));
  const streamed = await streamSim.run(() => streamSim.client.messages.stream(params).finalMessage());
  return { json, streamed };
}

async function refusal(params: Record<string, unknown>, options?: Anthropic.RequestOptions) {
  const sim = simulate(fixedModel(text('never')));
  return rejection(sim.run(() => sim.client.messages.create(params as never, options)));
}

describe('max_tokens reached inside a tool_use block', () => {
  const turn = toolUse('get_weather', { city: 'Paris', units: 'metric', note: 'x'.repeat(80) }, 'Checking.');
  // 'Checking.' costs 3 tokens; the 5 left reach 20 characters into the call's input: `{"city":"Paris","uni`.
  const params = { ...base, max_tokens: 8, tools: [weatherTool] };

  it('keeps the partial tool_use with stop_reason max_tokens, JSON and streamed alike', async () => {
    const { json, streamed } = await bothWays(turn, params);
    for (const message of [json, streamed]) {
      expect(message.stop_reason).toBe('max_tokens');
      // (The SDK's stream helper adds fields of its own to the blocks it assembles: matched, not equal.)
      expect(message.content).toMatchObject([
        { type: 'text', text: 'Checking.' },
        { type: 'tool_use', id: expect.stringMatching(/^toolu_01/), name: 'get_weather', input: { city: 'Paris' } },
      ]);
    }
    // Not documented: what `input` a JSON reply holds for a cut call. The simulation sends what the
    // SDK's stream accumulator parses from the cut JSON, so both kinds of client see one input.
    expect(json.content[1]).toEqual({ type: 'tool_use', id: expect.any(String), name: 'get_weather', input: { city: 'Paris' } });
    expect((streamed.content[1] as { input: unknown }).input).toEqual({ city: 'Paris' });
  });

  it('streams the input JSON up to the cut, then closes the block and the message normally', async () => {
    const sim = simulate(fixedModel(turn));
    const stream = await events(sim, params);
    const partial = stream.flatMap((e) => (e.type === 'content_block_delta' && e.delta.type === 'input_json_delta' ? [e.delta.partial_json] : [])).join('');
    expect(partial).toBe('{"city":"Paris","uni');
    expect(() => JSON.parse(partial)).toThrow();
    expect(stream.map((e) => e.type).slice(-4)).toEqual(['content_block_delta', 'content_block_stop', 'message_delta', 'message_stop']);
    expect(stream.find((e) => e.type === 'message_delta')).toMatchObject({ delta: { stop_reason: 'max_tokens', stop_sequence: null }, usage: { output_tokens: 8 } });
  });
});

describe('conversation rules the real API enforces with a 400', () => {
  const use = { type: 'tool_use' as const, id: 'toolu_01abc', name: 'get_weather', input: { city: 'Paris' } };
  const result = { type: 'tool_result' as const, tool_use_id: 'toolu_01abc', content: 'sunny' };
  const note = { type: 'text' as const, text: 'Here is the result.' };

  it('text before the tool_result blocks of the message after a tool_use', async () => {
    const error = await refusal({ ...base, tools: [weatherTool], messages: [...ask, { role: 'assistant', content: [use] }, { role: 'user', content: [note, result] }] });
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    expect(error.error.error).toEqual({
      type: 'invalid_request_error',
      message: 'messages.2: Did not find 1 tool_result block(s) at the beginning of this message. Messages following tool_use blocks must begin with a matching number of tool_result blocks.',
    });
  });

  it('accepts the same blocks with the results first and the text after them', async () => {
    const sim = simulate(fixedModel(text('Sunny.')));
    const messages = [...ask, { role: 'assistant' as const, content: [use] }, { role: 'user' as const, content: [result, note] }];
    const message = await sim.run(() => sim.client.messages.create({ ...base, tools: [weatherTool], messages }));
    expect(message.content).toEqual([{ type: 'text', text: 'Sunny.' }]);
  });

  it('an empty text block', async () => {
    const error = await refusal({ ...base, messages: [{ role: 'user', content: [{ type: 'text', text: '' }] }] });
    expect(error.status).toBe(400);
    expect(error.error.error).toEqual({ type: 'invalid_request_error', message: 'messages: text content blocks must be non-empty' });
  });

  it('an empty message before the last', async () => {
    const error = await refusal({ ...base, messages: [{ role: 'user', content: [] }, { role: 'assistant', content: 'ok' }, ...ask] });
    expect(error.error.error.message).toBe('messages.0: all messages must have non-empty content except for the optional final assistant message');
  });
});

describe('requests the real API refuses', () => {
  it('an unknown model: 404 not_found_error naming it, JSON and streamed', async () => {
    for (const stream of [false, true]) {
      const error = await refusal({ ...base, model: 'claude-nonexistent-9', stream });
      expect(error).toBeInstanceOf(Anthropic.NotFoundError);
      expect(error.error.error).toEqual({ type: 'not_found_error', message: 'model: claude-nonexistent-9' });
    }
  });

  it('serves the real models by name and alias (and the scenario’s own name, as MODEL here)', async () => {
    const sim = simulate(fixedModel(text('Hi.')));
    const dated = await sim.run(() => sim.client.messages.create({ ...base, model: 'claude-haiku-4-5' }));
    // The response names the model an alias resolves to.
    expect(dated.model).toBe('claude-haiku-4-5-20251001');
    expect((await sim.run(() => sim.client.messages.create({ ...base, model: 'claude-sonnet-5' }))).model).toBe('claude-sonnet-5');
  });

  it('sampling parameters under API version 2026-10-21 (what the SDK sends): refused even in range', async () => {
    for (const temperature of [5, 1]) {
      const error = await refusal({ ...base, temperature });
      expect(error.error.error).toEqual({ type: 'invalid_request_error', message: 'temperature: Extra inputs are not permitted' });
    }
    expect((await refusal({ ...base, top_k: 5 })).error.error.message).toBe('top_k: Extra inputs are not permitted');
  });

  it('under 2023-06-01 temperature is taken in 0..1 and refused outside it', async () => {
    const headers = { 'anthropic-version': '2023-06-01' };
    const error = await refusal({ ...base, temperature: 5 }, { headers });
    expect(error.error.error).toEqual({ type: 'invalid_request_error', message: 'temperature: Input should be less than or equal to 1' });
    const sim = simulate(fixedModel(text('Mild.')));
    const ok = await sim.run(() => sim.client.messages.create({ ...base, temperature: 0.3 } as never, { headers }));
    expect(ok.content).toEqual([{ type: 'text', text: 'Mild.' }]);
  });

  it('a missing anthropic-version header', async () => {
    const error = await refusal(base, { headers: { 'anthropic-version': null } });
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    expect(error.error.error).toEqual({ type: 'invalid_request_error', message: 'anthropic-version: header is required' });
  });

  it('a version the API does not have (wording not documented)', async () => {
    const error = await refusal(base, { headers: { 'anthropic-version': '2099-01-01' } });
    expect(error.status).toBe(400);
    expect(error.error.error.message).toMatch(/^anthropic-version: /);
  });

  it('tool definitions with fields the API does not know (a runtime’s endpoint and effect)', async () => {
    const tool = { ...weatherTool, endpoint: { method: 'GET', url: 'https://weather.sim/now' }, effect: 'read' };
    const error = await refusal({ ...base, tools: [tool] });
    expect(error.error.error).toEqual({ type: 'invalid_request_error', message: 'tools.0.custom.endpoint: Extra inputs are not permitted' });
  });

  it('the versioned tools the API defines itself are accepted beside custom ones; an unknown type is a 400 (wording not documented)', async () => {
    const tools = [weatherTool, { type: 'web_search_20250305', name: 'web_search', max_uses: 3 }, { type: 'bash_20250124', name: 'bash' }, { type: 'text_editor_20250728', name: 'str_replace_based_edit_tool' }];
    const sim = simulate(fixedModel(text('Sunny.')));
    const message = await sim.run(() => sim.client.messages.create({ ...base, tools } as MessageCreateParamsNonStreaming));
    expect(message.content).toMatchObject([{ type: 'text', text: 'Sunny.' }]);
    expect((await refusal({ ...base, tools: [{ type: 'teleport_20990101x', name: 't' }] })).error.error.message).toMatch(/^tools\.0: Input tag 'teleport_20990101x'/);
  });

  it('a body field the API does not know', async () => {
    expect((await refusal({ ...base, max_token: 5 })).error.error.message).toBe('max_token: Extra inputs are not permitted');
  });
});

describe('stop_sequences', () => {
  const turn = text('The forecast: sunny. END and nothing after.');
  it('stops before the sequence, with stop_reason stop_sequence and the sequence named, JSON and streamed', async () => {
    const { json, streamed } = await bothWays(turn, { ...base, stop_sequences: ['nothing', 'END'] });
    for (const message of [json, streamed]) {
      expect(message.content).toMatchObject([{ type: 'text', text: 'The forecast: sunny. ' }]);
      expect(message.stop_reason).toBe('stop_sequence');
      expect(message.stop_sequence).toBe('END');
    }
  });

  it('a sequence the text does not hold changes nothing', async () => {
    const { json } = await bothWays(turn, { ...base, stop_sequences: ['###'] });
    expect(json).toMatchObject({ stop_reason: 'end_turn', stop_sequence: null });
  });
  // Not documented: whether a stop sequence can end a tool call's input. Only text is cut here.
});

describe('tool_choice and disable_parallel_tool_use', () => {
  const tools = [weatherTool, clockTool];
  const twoCalls = {
    content: [
      { type: 'text' as const, text: 'Both.' },
      { type: 'tool_use' as const, name: 'get_weather', input: { city: 'Paris' } },
      { type: 'tool_use' as const, name: 'get_time', input: { city: 'Paris' } },
    ],
    stopReason: 'tool_use' as const,
  };

  it('{type: tool} forces that tool with no text before it, JSON and streamed', async () => {
    const { json, streamed } = await bothWays(text('It is sunny.'), { ...base, tools, tool_choice: { type: 'tool', name: 'get_time' } });
    for (const message of [json, streamed]) {
      expect(message.stop_reason).toBe('tool_use');
      expect(message.content).toMatchObject([{ type: 'tool_use', id: expect.any(String), name: 'get_time', input: {} }]);
    }
  });

  it('any forces some tool; none forbids them; auto leaves the model be', async () => {
    const forced = await bothWays(text('It is sunny.'), { ...base, tools, tool_choice: { type: 'any' } });
    expect(forced.json.content.map((b) => b.type)).toEqual(['tool_use']);
    const none = await bothWays(twoCalls, { ...base, tools, tool_choice: { type: 'none' } });
    expect(none.json).toMatchObject({ stop_reason: 'end_turn', content: [{ type: 'text', text: 'Both.' }] });
    const auto = await bothWays(twoCalls, { ...base, tools, tool_choice: { type: 'auto' } });
    expect(auto.json.content.map((b) => b.type)).toEqual(['text', 'tool_use', 'tool_use']);
  });

  it('disable_parallel_tool_use leaves at most one tool_use a reply', async () => {
    const { json, streamed } = await bothWays(twoCalls, { ...base, tools, tool_choice: { type: 'auto', disable_parallel_tool_use: true } });
    for (const message of [json, streamed]) expect(message.content.map((b) => (b.type === 'tool_use' ? b.name : b.type))).toEqual(['text', 'get_weather']);
  });

  it('a tool_choice naming a tool not offered, or forcing a tool with none offered, is a 400 (wording not documented)', async () => {
    expect((await refusal({ ...base, tools, tool_choice: { type: 'tool', name: 'get_mood' } })).status).toBe(400);
    expect((await refusal({ ...base, tool_choice: { type: 'any' } })).status).toBe(400);
  });
});

describe('POST /v1/messages/count_tokens and GET /v1/models', () => {
  it('counts what a message with the same input reports as its input_tokens', async () => {
    const sim = simulate(fixedModel(text('Sunny.')));
    const count = await sim.run(() => sim.client.messages.countTokens({ model: MODEL, messages: ask, tools: [weatherTool] }));
    const message = await sim.run(() => sim.client.messages.create({ ...base, tools: [weatherTool] }));
    expect(count).toEqual({ input_tokens: message.usage.input_tokens });
    // Counting is not a model turn.
    expect(sim.requests()).toHaveLength(1);
    const error = await rejection(sim.run(() => sim.client.messages.countTokens({ model: 'claude-nonexistent-9', messages: ask })));
    expect(error).toBeInstanceOf(Anthropic.NotFoundError);
  });

  it('lists the models, newest first, page by page, and looks one up (an alias gives the dated model)', async () => {
    const sim = simulate(fixedModel(text('never')));
    const first = await sim.run(() => sim.client.models.list({ limit: 3 }));
    expect(first.data).toHaveLength(3);
    expect(first.has_more).toBe(true);
    expect(first.data[0]).toMatchObject({ type: 'model', id: MODEL, lifecycle: 'active' });
    const all = await sim.run(async () => {
      const ids: string[] = [];
      for await (const model of sim.client.models.list({ limit: 5 })) ids.push(model.id);
      return ids;
    });
    expect(all).toContain('claude-sonnet-5');
    expect(new Set(all).size).toBe(all.length);
    const info = await sim.run(() => sim.client.models.retrieve('claude-opus-4-5'));
    expect(info).toMatchObject({ id: 'claude-opus-4-5-20251101', display_name: 'Claude Opus 4.5', line: 'opus' });
    const missing = await rejection(sim.run(() => sim.client.models.retrieve('claude-nonexistent-9')));
    expect(missing.error.error).toEqual({ type: 'not_found_error', message: 'model: claude-nonexistent-9' });
  });
});

describe('the event stream', () => {
  it('pings after the first block starts (on the wire: the SDK does not hand pings on)', async () => {
    const sim = simulate(fixedModel(toolUse('get_weather', { city: 'Paris' }, 'Checking.')));
    const response = await sim.run(() => sim.client.messages.create({ ...base, tools: [weatherTool], stream: true }).asResponse());
    const names = [...(await response.text()).matchAll(/^event: (.*)$/gm)].map((m) => m[1]);
    expect(names.slice(0, 4)).toEqual(['message_start', 'content_block_start', 'ping', 'content_block_delta']);
    expect(names.filter((n) => n === 'ping')).toHaveLength(1);
  });

  it('message_delta.usage carries the input and cache counts, as message_start does', async () => {
    const sim = simulate(fixedModel(toolUse('get_weather', { city: 'Paris' }, 'Checking.')));
    const stream = await events(sim, { ...base, tools: [weatherTool] });
    const start = stream[0] as Anthropic.RawMessageStartEvent;
    const delta = stream.find((e) => e.type === 'message_delta') as Anthropic.RawMessageDeltaEvent;
    expect(delta.usage).toEqual({
      input_tokens: start.message.usage.input_tokens,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      output_tokens: expect.any(Number),
      output_tokens_details: null,
      server_tool_use: null,
    });
    expect(start.message).toMatchObject({ stop_reason: null, container: null, stop_details: null });
  });

  it('an error event after the stream began (overloaded) reaches the client as an APIError, not retried', async () => {
    const fault = streamError.create(streamError.params.parse({ fault: 'stream-error', when: { first: 1 } }), new Rng(3));
    const sim = simulate(fixedModel(text('A long enough answer to stream in more than one delta.')), { faults: [fault] });
    const error = await rejection(sim.run(() => sim.client.messages.stream(base).finalMessage()));
    expect(error).toBeInstanceOf(Anthropic.APIError);
    expect(error.error).toMatchObject({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });
    expect(sim.requests()).toHaveLength(1);
    expect(sim.world.history.events.some((e) => e.type === 'fault' && e.fault === 'stream-error')).toBe(true);
  });
});
