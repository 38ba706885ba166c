import Anthropic from '@anthropic-ai/sdk';
import { betaZodTool } from '@anthropic-ai/sdk/helpers/beta/zod';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { personas } from '../../../harness/model/personas.ts';
import { ScriptedModel } from '../../../harness/model/scripted.ts';
import type { MessagesRequest } from '../../../harness/model/types.ts';
import { capped, MODEL, rejection, simulate, teardown } from './helpers.ts';

afterEach(teardown);

function weatherModel() {
  const plan = [{ call: [{ name: 'get_weather', input: { city: 'Paris' } }] }, { call: [{ name: 'get_forecast', input: { city: 'Paris', days: 2 } }] }];
  return capped(new ScriptedModel({ persona: personas.diligent!, plan, answer: 'Paris: {{get_weather.temp}} C now, {{get_forecast.summary}} next.' }, 1), 10);
}

function tools(calls: string[]) {
  return [
    betaZodTool({
      name: 'get_weather',
      description: 'Current weather for a city',
      inputSchema: z.object({ city: z.string() }),
      run: async ({ city }) => (calls.push(`weather:${city}`), JSON.stringify({ city, temp: 21 })),
    }),
    betaZodTool({
      name: 'get_forecast',
      description: 'Forecast for a city',
      inputSchema: z.object({ city: z.string(), days: z.number().int() }),
      run: async ({ city, days }) => (calls.push(`forecast:${city}:${days}`), JSON.stringify({ summary: 'rain' })),
    }),
  ];
}

describe('server-held message threads, as the SDK tool runner uses them', () => {
  it.each([false, true])('the tool runner (stream: %s) finishes with the answer over a thread', async (stream) => {
    const model = weatherModel();
    const sim = simulate(model);
    const calls: string[] = [];
    const final = await sim.run(() =>
      sim.client.beta.messages.toolRunner({ model: MODEL, max_tokens: 500, stream, system: 'You are a weather bot.', messages: [{ role: 'user', content: 'Weather in Paris?' }], tools: tools(calls) }).runUntilDone(),
    );
    expect(final.content).toEqual([{ type: 'text', text: 'Paris: 21 C now, rain next.' }]);
    expect(final.stop_reason).toBe('end_turn');
    expect(calls).toEqual(['weather:Paris', 'forecast:Paris:2']);
    expect(model.calls()).toBe(3);

    const bodies = sim.requests().map((r) => r.body as MessagesRequest);
    expect(bodies).toHaveLength(3);
    expect(sim.requests().map((r) => r.stream)).toEqual([stream, stream, stream]);
    expect(bodies[0]?.thread).toEqual({ type: 'create' });
    expect(bodies[0]?.tools?.map((t) => t.name)).toEqual(['get_weather', 'get_forecast']);
    const replies = sim.world.history.events.flatMap((e) => (e.type === 'model-response' && e.status === 200 ? [e] : []));
    expect(replies).toHaveLength(3);
    for (const body of bodies.slice(1)) {
      expect(body.thread).toMatchObject({ type: 'continue', previous_message_id: expect.stringMatching(/^msg_01/) });
      // A continue sends only what the server lacks: the tool results, without system or tools.
      expect(body.messages).toHaveLength(1);
      expect(body.messages[0]?.content).toMatchObject([{ type: 'tool_result' }]);
      expect(body.tools).toBeUndefined();
      expect(body.system).toBeUndefined();
    }
    expect(sim.headers.every((h) => h.get('anthropic-beta')?.includes('message-threads-2026-08-12'))).toBe(true);
  });

  it('each continue names the id of the reply before it', async () => {
    const sim = simulate(weatherModel());
    const ids: string[] = [];
    await sim.run(async () => {
      const runner = sim.client.beta.messages.toolRunner({ model: MODEL, max_tokens: 500, messages: [{ role: 'user', content: 'Weather in Paris?' }], tools: tools([]) });
      for await (const message of runner) ids.push(message.id);
    });
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3);
    const previous = sim
      .requests()
      .slice(1)
      .map((r) => (r.body as { thread: { previous_message_id: string } }).thread.previous_message_id);
    expect(previous).toEqual(ids.slice(0, 2));
  });

  it('a continue with an unknown previous_message_id is a 404 thread_not_found', async () => {
    const model = weatherModel();
    const sim = simulate(model);
    const error = await rejection(
      sim.run(() =>
        sim.client.beta.messages.create({
          model: MODEL,
          max_tokens: 100,
          messages: [{ role: 'user', content: 'hi' }],
          thread: { type: 'continue', previous_message_id: 'msg_01doesnotexist' },
          betas: ['message-threads-2026-08-12'],
        } as never),
      ),
    );
    expect(error).toBeInstanceOf(Anthropic.NotFoundError);
    expect(error.status).toBe(404);
    expect(error.error.error.type).toBe('not_found_error');
    expect(error.error.error.details.error_code).toBe('thread_not_found');
    expect(model.calls()).toBe(0);
  });
});
