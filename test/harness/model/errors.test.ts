import Anthropic from '@anthropic-ai/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { eventsOf } from '../../../harness/history.ts';
import { fixedModel, MODEL, rejection, simulate, teardown, text, weatherTool } from './helpers.ts';

afterEach(teardown);

const callWeather = { type: 'tool_use' as const, id: 'toolu_01abc', name: 'get_weather', input: { city: 'Paris' } };

describe('error shapes of the simulated API, as the SDK sees them', () => {
  it('a wrong API key gives AuthenticationError 401 with the real body and a request-id header', async () => {
    const model = fixedModel(text('never'));
    const sim = simulate(model, { apiKey: 'sk-ant-wrong-key-000000' });
    const error = await rejection(sim.run(() => sim.client.messages.create({ model: MODEL, max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] })));
    expect(error).toBeInstanceOf(Anthropic.AuthenticationError);
    expect(error.status).toBe(401);
    expect(error.error).toMatchObject({ type: 'error', error: { type: 'authentication_error' } });
    expect(error.headers.get('request-id')).toMatch(/^req_/);
    expect(error.requestID).toBe(error.headers.get('request-id'));
    expect(model.seen).toHaveLength(0);
  });

  it('a tool_use not answered by a tool_result in the next message is a 400', async () => {
    const model = fixedModel(text('never'));
    const sim = simulate(model);
    const messages = [
      { role: 'user' as const, content: 'Weather in Paris?' },
      { role: 'assistant' as const, content: [callWeather] },
      { role: 'user' as const, content: 'never mind, just say hi' },
    ];
    const error = await rejection(sim.run(() => sim.client.messages.create({ model: MODEL, max_tokens: 10, messages, tools: [weatherTool] })));
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    expect(error.status).toBe(400);
    expect(error.error.error.type).toBe('invalid_request_error');
    expect(error.message).toContain('`tool_use` ids were found without `tool_result` blocks immediately after');
    expect(error.message).toContain('toolu_01abc');
    expect(model.seen).toHaveLength(0);
    expect(eventsOf(sim.world.history.events, 'model-response')).toMatchObject([{ n: 1, status: 400 }]);
  });

  it('a tool_result with an unknown tool_use_id is a 400', async () => {
    const sim = simulate(fixedModel(text('never')));
    const messages = [
      { role: 'user' as const, content: 'Weather in Paris?' },
      { role: 'assistant' as const, content: [callWeather] },
      {
        role: 'user' as const,
        content: [
          { type: 'tool_result' as const, tool_use_id: 'toolu_01abc', content: 'sunny' },
          { type: 'tool_result' as const, tool_use_id: 'toolu_01zzz', content: '?' },
        ],
      },
    ];
    const error = await rejection(sim.run(() => sim.client.messages.create({ model: MODEL, max_tokens: 10, messages, tools: [weatherTool] })));
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    expect(error.message).toContain('unexpected `tool_use_id`');
    expect(error.message).toContain('toolu_01zzz');
  });

  it('the same conversation with every tool_use answered is accepted', async () => {
    const model = fixedModel(text('It is sunny.'));
    const sim = simulate(model);
    const messages = [
      { role: 'user' as const, content: 'Weather in Paris?' },
      { role: 'assistant' as const, content: [callWeather] },
      { role: 'user' as const, content: [{ type: 'tool_result' as const, tool_use_id: 'toolu_01abc', content: 'sunny' }] },
    ];
    const message = await sim.run(() => sim.client.messages.create({ model: MODEL, max_tokens: 10, messages, tools: [weatherTool] }));
    expect(message.content).toEqual([{ type: 'text', text: 'It is sunny.' }]);
    expect(model.seen).toHaveLength(1);
  });

  it('duplicate tool names are a 400', async () => {
    const sim = simulate(fixedModel(text('never')));
    const error = await rejection(sim.run(() => sim.client.messages.create({ model: MODEL, max_tokens: 10, messages: [{ role: 'user', content: 'hi' }], tools: [weatherTool, { ...weatherTool }] })));
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    expect(error.status).toBe(400);
    expect(error.message).toContain('Tool names must be unique');
  });

  it('a POST to another path is a 404 not_found_error, not retried', async () => {
    const sim = simulate(fixedModel(text('never')));
    const error = await rejection(sim.run(() => sim.client.post('/v1/complete', { body: { model: MODEL } })));
    expect(error).toBeInstanceOf(Anthropic.NotFoundError);
    expect(error.status).toBe(404);
    expect(error.error).toMatchObject({ type: 'error', error: { type: 'not_found_error', message: 'Not found: POST /v1/complete' } });
    expect(sim.clock.now()).toBe(0);
  });

  it('a GET on /v1/messages is a 404 too', async () => {
    const sim = simulate(fixedModel(text('never')));
    const response = await sim.api(new Request('https://api.anthropic.com/v1/messages', { headers: { authorization: `Bearer ${sim.world.apiKey}` } }));
    expect(response.status).toBe(404);
    expect(response.headers.get('request-id')).toMatch(/^req_/);
    expect(await response.json()).toMatchObject({ type: 'error', error: { type: 'not_found_error' } });
  });
});

describe('refusals on the timeline', () => {
  it('a refused request is recorded with its stream flag and status', async () => {
    const sim = simulate(fixedModel(text('never')), { apiKey: 'sk-ant-wrong-key-000000' });
    await rejection(sim.run(() => sim.client.messages.create({ model: MODEL, max_tokens: 10, stream: true, messages: [{ role: 'user', content: 'hi' }] })));
    expect(eventsOf(sim.world.history.events, 'model-request')[0]).toMatchObject({ stream: true });
    expect(eventsOf(sim.world.history.events, 'model-response')[0]).toMatchObject({ status: 401 });
  });

  it('a model that throws is a 500 api_error, which the SDK retries', async () => {
    const broken = {
      respond: () => {
        throw new Error('script bug');
      },
    };
    const sim = simulate(broken, { maxRetries: 1 });
    const error = await rejection(sim.run(() => sim.client.messages.create({ model: MODEL, max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] })));
    expect(error.status).toBe(500);
    expect(error.error.error.type).toBe('api_error');
    expect(eventsOf(sim.world.history.events, 'model-response').map((r) => r.status)).toEqual([500, 500]);
  });
});
