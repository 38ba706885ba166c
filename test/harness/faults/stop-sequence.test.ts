import { describe, expect, it } from 'vitest';
import { stopSequence } from '../../../harness/faults/stop-sequence.ts';
import { decodeSse, encodeSse, sseEvents } from '../../../harness/model/sse.ts';
import type { ApiMessage } from '../../../harness/model/types.ts';
import { Rng } from '../../../harness/rng.ts';

const message: ApiMessage = {
  id: 'msg_011',
  type: 'message',
  role: 'assistant',
  model: 'm',
  content: [
    { type: 'text', text: 'Checked the open orders: none for A1.\nObservation: the store still needs them.' },
    { type: 'tool_use', id: 'toolu_011', name: 'place_order', input: { sku: 'A1', quantity: 40 } },
  ],
  stop_reason: 'tool_use',
  stop_sequence: null,
  usage: { input_tokens: 10, output_tokens: 40, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
};
const plain: ApiMessage = { ...message, content: [{ type: 'text', text: 'No sequence here.' }], stop_reason: 'end_turn' };

function fault() {
  const struck: string[] = [];
  const pkg = stopSequence.create(stopSequence.params.parse({ fault: 'stop-sequence' }), new Rng(1));
  const ctx = { world: {} as never, n: 2, requestId: 'req_1', body: {}, strike: (d: string) => struck.push(d) };
  const send = (m: ApiMessage, stream: boolean) =>
    pkg.wrap(ctx, async () => new Response(stream ? encodeSse(sseEvents(m)) : JSON.stringify(m), { status: 200, headers: { 'content-type': stream ? 'text/event-stream' : 'application/json' } }));
  return { send, struck };
}

describe('stop-sequence', () => {
  it.each([true, false])('ends the reply where the sequence begins, as the API would: the text before it, no tool call, stop_reason stop_sequence (streamed: %s)', async (stream) => {
    const { send, struck } = fault();
    const text = await (await send(message, stream)).text();
    const got = stream ? decodeSse(text) : (JSON.parse(text) as ApiMessage);
    expect(got).toMatchObject({ stop_reason: 'stop_sequence', stop_sequence: '\nObservation:', content: [{ type: 'text', text: 'Checked the open orders: none for A1.' }] });
    expect(got?.content).toHaveLength(1);
    expect(got?.usage.output_tokens).toBe(10);
    if (stream) expect(text.trimEnd().endsWith('data: {"type":"message_stop"}')).toBe(true);
    expect(struck).toEqual(['reply stopped at stop sequence "\\nObservation:" after 37 characters of text; dropped the call of place_order']);
  });

  it('lets a reply without the sequence through untouched, without spending its schedule on it', async () => {
    const { send, struck } = fault();
    const json = JSON.stringify(plain);
    expect(await (await send(plain, false)).text()).toBe(json);
    expect(struck).toHaveLength(0);
  });
});
