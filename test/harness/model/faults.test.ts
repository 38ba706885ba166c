import Anthropic from '@anthropic-ai/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { apiErrorFault } from '../../../harness/faults/api-error.ts';
import { eventsOf } from '../../../harness/history.ts';
import { Rng } from '../../../harness/rng.ts';
import { fixedModel, MODEL, rejection, simulate, teardown, text } from './helpers.ts';

afterEach(teardown);

const ask = [{ role: 'user' as const, content: 'hi' }];

function apiError(spec: { status: 429 | 500 | 503 | 529; first: number; retryAfterS?: number }) {
  const { status, first, retryAfterS } = spec;
  return apiErrorFault.create(apiErrorFault.params.parse({ fault: 'api-error', status, when: { first }, ...(retryAfterS === undefined ? {} : { retryAfterS }) }), new Rng(1));
}

describe('API faults through the SDK retry loop, in virtual time', () => {
  it('two 529s are retried with backoff and the third attempt succeeds', async () => {
    const model = fixedModel(text('Hello after the storm.'));
    const sim = simulate(model, { faults: [apiError({ status: 529, first: 2 })] });
    const message = await sim.run(() => sim.client.messages.create({ model: MODEL, max_tokens: 20, messages: ask }));
    expect(message.content).toEqual([{ type: 'text', text: 'Hello after the storm.' }]);
    // SDK backoff: 0.5 s then 1 s, each with up to -25 % jitter.
    expect(sim.clock.now()).toBeGreaterThanOrEqual(375 + 750);
    expect(sim.clock.now()).toBeLessThanOrEqual(500 + 1000);
    const faults = eventsOf(sim.world.history.events, 'fault');
    expect(faults).toHaveLength(2);
    expect(faults.map((f) => f.target)).toEqual(['model#1', 'model#2']);
    expect(faults[0]).toMatchObject({ fault: 'api-error', detail: 'answered 529' });
    expect(sim.headers.map((h) => h.get('x-stainless-retry-count'))).toEqual(['0', '1', '2']);
    expect(eventsOf(sim.world.history.events, 'model-response').map((r) => r.status)).toEqual([529, 529, 200]);
    expect(model.seen).toHaveLength(1);
  });

  it('a 429 with retry-after: 7 makes the SDK wait at least 7 virtual seconds', async () => {
    const sim = simulate(fixedModel(text('ok')), { faults: [apiError({ status: 429, first: 1, retryAfterS: 7 })] });
    const message = await sim.run(() => sim.client.messages.create({ model: MODEL, max_tokens: 20, messages: ask }));
    expect(message.content).toEqual([{ type: 'text', text: 'ok' }]);
    expect(sim.clock.now()).toBeGreaterThanOrEqual(7000);
    expect(sim.clock.now()).toBeLessThan(8000);
    const [failure, success] = eventsOf(sim.world.history.events, 'model-request');
    expect(success!.t - failure!.t).toBeGreaterThanOrEqual(7000);
  });

  it('five 529s outlast the default two retries: the SDK gives up with overloaded_error', async () => {
    const model = fixedModel(text('never'));
    const sim = simulate(model, { faults: [apiError({ status: 529, first: 5 })] });
    const error = await rejection(sim.run(() => sim.client.messages.create({ model: MODEL, max_tokens: 20, messages: ask })));
    expect(error).toBeInstanceOf(Anthropic.APIError);
    expect(error.status).toBe(529);
    expect(error.error).toMatchObject({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });
    expect(eventsOf(sim.world.history.events, 'fault')).toHaveLength(3);
    expect(model.seen).toHaveLength(0);
  });

  it('maxRetries: 0 surfaces the first 529 without waiting', async () => {
    const sim = simulate(fixedModel(text('never')), { faults: [apiError({ status: 529, first: 1 })], maxRetries: 0 });
    const error = await rejection(sim.run(() => sim.client.messages.create({ model: MODEL, max_tokens: 20, messages: ask })));
    expect(error.status).toBe(529);
    expect(sim.clock.now()).toBe(0);
    expect(sim.headers).toHaveLength(1);
  });
});
