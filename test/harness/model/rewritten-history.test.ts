import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../harness/clock.ts';
import { parseHistory } from '../../../harness/history.ts';
import { createMessagesApi } from '../../../harness/model/api.ts';
import { personas } from '../../../harness/model/personas.ts';
import { ScriptedModel } from '../../../harness/model/scripted.ts';
import type { Model } from '../../../harness/model/types.ts';
import { Rng } from '../../../harness/rng.ts';
import { World } from '../../../harness/world.ts';
import { MODEL, weatherTool } from './helpers.ts';

// The simulated API remembers what it worked out about each message a conversation repeats (its
// parse, its checks, its tokens, the model's reading of it). An agent may rewrite its history:
// each request must be answered as if it were the first the API saw. Twin APIs on one seed, one
// sent every body as JSON.stringify writes it (remembered), the other the same bodies spaced out
// (parsed whole every time), must give the same answers byte for byte.

const clocks: VirtualClock[] = [];
afterEach(() => {
  for (const clock of clocks.splice(0)) clock.uninstall();
});

type Body = { model: string; max_tokens: number; tools?: unknown[]; messages: unknown[] };
const go = { role: 'user', content: 'What is the weather in Paris?' };
const call = (id: string) => ({ role: 'assistant', content: [{ type: 'tool_use', id, name: 'get_weather', input: { city: 'Paris' } }] });
const result = (id: string, content: string, isError = false) => ({ role: 'user', content: [{ type: 'tool_result', tool_use_id: id, content, ...(isError ? { is_error: true } : {}) }] });
const body = (...messages: unknown[]): Body => ({ model: MODEL, max_tokens: 200, tools: [weatherTool], messages });

/** What each of `bodies` gets from an API over `model()`, sent in order, written with `space` (0: as JSON.stringify writes it); the run's history goes to `histories`. */
async function answers(model: () => Model, bodies: Body[], space: number, histories: string[] = []): Promise<string[]> {
  const clock = new VirtualClock();
  clocks.push(clock);
  const world = new World(new Rng(7), clock, { id: 'user:u', kind: 'user', scopes: [] });
  const api = createMessagesApi({ world, model: model(), faults: [], latencyMs: [0, 0], models: [MODEL] });
  clock.install();
  const seen: string[] = [];
  for (const sent of bodies) {
    const headers = { 'x-api-key': world.apiKey, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' };
    const response = await clock.drive(api(new Request('https://api.anthropic.com/v1/messages', { method: 'POST', headers, body: JSON.stringify(sent, null, space) })), 60_000);
    if (response.status !== 'settled') throw new Error(`[test] request ended in ${response.status}`);
    seen.push(`${response.value.status} ${await response.value.text()}`);
  }
  clock.uninstall();
  histories.push(world.history.serialize());
  return seen;
}

async function expectSameAnswers(model: () => Model, bodies: Body[]): Promise<string[]> {
  const remembered = await answers(model, bodies, 0);
  expect(remembered).toEqual(await answers(model, bodies, 1));
  return remembered;
}

/** Answers with what it was sent: any message the API read stale would show. */
const echo = (): Model => ({ respond: (request) => ({ content: [{ type: 'text', text: JSON.stringify(request.messages) }], stopReason: 'end_turn' }) });

describe('a conversation whose earlier messages an agent rewrote', () => {
  it('is read, counted and checked as it is now, not as it was', async () => {
    const start = [go, call('t1'), result('t1', '{"temp":18}'), { role: 'assistant', content: 'Noted.' }, { role: 'user', content: 'And tomorrow?' }];
    const answered = await expectSameAnswers(echo, [
      body(...start),
      // An earlier result now answers a call that was never made: the 400 of the message it is in.
      body(...start.slice(0, 2), result('t9', '{"temp":18}'), ...start.slice(3)),
      // A longer first message: more input tokens, and the model reads the new words.
      body({ role: 'user', content: 'What is the weather in Paris, France, this week?' }, ...start.slice(1)),
      // A later call reusing an earlier call's id: the conversation's 400.
      body(...start, call('t1'), result('t1', '{"temp":17}')),
      body(...start, call('t2'), result('t2', '{"temp":17}')),
      // The earlier result made an error, after a request that passed with it as a success.
      body(...start.slice(0, 2), result('t1', 'Error: HTTP 503', true), ...start.slice(3), call('t2'), result('t2', '{"temp":17}')),
    ]);
    expect(answered.map((a) => a.slice(0, 3))).toEqual(['200', '400', '200', '400', '200', '200']);
    expect(answered[1]).toContain('messages.2: `tool_use` ids were found without `tool_result` blocks');
    expect(answered[3]).toContain('`tool_use` ids must be unique');
    expect(answered[2]).toContain('Paris, France, this week');
    const tokens = answered.map((a) => (a.startsWith('200') ? (JSON.parse(a.slice(4)) as { usage: { input_tokens: number } }).usage.input_tokens : 0));
    expect(tokens[2]).toBeGreaterThan(tokens[0] as number);
  });

  it('is answered by the scripted model from the results it holds now', async () => {
    const scripted = () => new ScriptedModel({ persona: personas.diligent!, plan: [{ call: [{ name: 'get_weather', input: { city: 'Paris' } }] }], answer: 'It is {{get_weather.temp}} degrees.' }, 1);
    const answered = await expectSameAnswers(scripted, [
      body(go, call('t1'), result('t1', '{"temp":18}')),
      body(go, call('t1'), result('t1', '{"temp":21}')),
      body(go, call('t1'), result('t1', 'Error: do not retry: the city is unknown', true)),
    ]);
    expect(answered[0]).toContain('It is 18 degrees.');
    expect(answered[1]).toContain('It is 21 degrees.');
    expect(answered[2]).toContain('I could not complete the request');
  });

  it('is read on from where the model stood only while its earlier turns are unchanged', async () => {
    const forecast = (id: string) => ({ role: 'assistant', content: [{ type: 'tool_use', id, name: 'get_forecast', input: { city: 'Paris' } }] });
    const plan = [{ call: [{ name: 'get_weather', input: { city: 'Paris' } }] }, { call: [{ name: 'get_forecast', input: { city: 'Paris' } }] }];
    const scripted = () => new ScriptedModel({ persona: personas.diligent!, plan, answer: 'It is {{get_weather.temp}}, then {{get_forecast.temp}}.' }, 1);
    const twoTools = (b: Body): Body => ({ ...b, tools: [weatherTool, { ...weatherTool, name: 'get_forecast' }] });
    const first = [go, call('t1'), result('t1', '{"temp":18}')];
    const gaveUp = [go, call('t1'), result('t1', 'Error: do not retry', true)];
    const answered = await expectSameAnswers(
      scripted,
      [
        body(...first),
        body(...first, forecast('t2'), result('t2', '{"temp":20}')),
        // The first result rewritten: the model stands elsewhere in its plan.
        body(go, call('t1'), result('t1', '{"temp":5}'), forecast('t2'), result('t2', '{"temp":20}')),
        body(...gaveUp),
        // Having given up, it answers so however the conversation goes on.
        body(...gaveUp, { role: 'assistant', content: 'Sorry.' }, { role: 'user', content: 'Try again?' }),
        // And back: the failure rewritten away, the plan goes on from the start.
        body(...first),
      ].map(twoTools),
    );
    expect(answered[1]).toContain('It is 18, then 20.');
    expect(answered[2]).toContain('It is 5, then 20.');
    expect(answered[4]).toContain('I could not complete the request');
    expect(answered[5]).toContain('get_forecast');
  });
});

describe('a body nested deeper than a frozen value can be written', () => {
  // V8 writes a frozen array out on a slower path that takes about twice the stack a level: the
  // parsed body, frozen to be shared, could be neither written nor frozen as deep as it could unfrozen.
  it('is answered and recorded as before the API remembered anything', async () => {
    const tree = JSON.parse(`${'['.repeat(3000)}${']'.repeat(3000)}`) as unknown;
    const deepCall = { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'get_weather', input: { city: 'Paris', tree } }] };
    const start = [go, deepCall, result('t1', '{"temp":18}')];
    const bodies = [body(...start), body(...start, { role: 'assistant', content: 'Noted.' }, { role: 'user', content: 'And tomorrow?' })];
    const histories: string[] = [];
    const answered = await answers(echo, bodies, 0, histories);
    expect(answered.map((a) => a.slice(0, 3))).toEqual(['200', '200']);
    expect(answered).toEqual(await answers(echo, bodies, 1, histories));
    expect(histories[0]).toBe(histories[1]);
    expect(parseHistory(histories[0] as string).filter((e) => e.type === 'model-request')).toHaveLength(2);
  });
});
