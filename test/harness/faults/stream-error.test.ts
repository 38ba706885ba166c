import { describe, expect, it } from 'vitest';
import { streamError } from '../../../harness/faults/stream-error.ts';
import { encodeSse, sseEvents } from '../../../harness/model/sse.ts';
import type { ApiMessage } from '../../../harness/model/types.ts';
import { Rng } from '../../../harness/rng.ts';

const message: ApiMessage = {
  id: 'msg_011',
  type: 'message',
  role: 'assistant',
  model: 'm',
  content: [{ type: 'text', text: 'An answer long enough to stream in several deltas.' }],
  stop_reason: 'end_turn',
  stop_sequence: null,
  usage: { input_tokens: 10, output_tokens: 20, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
};

function fault(seed: number) {
  const struck: string[] = [];
  const pkg = streamError.create(streamError.params.parse({ fault: 'stream-error', when: { first: 1 } }), new Rng(seed));
  const ctx = { world: {} as never, n: 1, requestId: 'req_1', body: {}, strike: (d: string) => struck.push(d) };
  const send = (body: string, type: string) => pkg.wrap(ctx, async () => new Response(body, { status: 200, headers: { 'content-type': type } }));
  return { send, struck };
}

describe('stream-error', () => {
  it('ends a stream that began with an overloaded_error event: no message_delta, no message_stop', async () => {
    for (let seed = 1; seed <= 20; seed++) {
      const { send, struck } = fault(seed);
      const text = await (await send(encodeSse(sseEvents(message)), 'text/event-stream')).text();
      const names = [...text.matchAll(/^event: (.*)$/gm)].map((m) => m[1]);
      expect(names[0]).toBe('message_start');
      expect(names.at(-1)).toBe('error');
      expect(names).not.toContain('message_delta');
      expect(text.trimEnd().split('\n').at(-1)).toBe('data: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}');
      expect(struck).toHaveLength(1);
    }
  });

  it('lets a JSON reply through without spending its schedule on it', async () => {
    const { send, struck } = fault(1);
    const json = JSON.stringify(message);
    expect(await (await send(json, 'application/json')).text()).toBe(json);
    expect(struck).toHaveLength(0);
    await send(encodeSse(sseEvents(message)), 'text/event-stream');
    expect(struck).toHaveLength(1);
  });
});
