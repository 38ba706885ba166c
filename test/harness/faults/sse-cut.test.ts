import { describe, expect, it } from 'vitest';
import { sseCut } from '../../../harness/faults/sse-cut.ts';
import { encodeSse, sseEvents } from '../../../harness/model/sse.ts';
import type { ApiMessage } from '../../../harness/model/types.ts';
import { Rng } from '../../../harness/rng.ts';

const message: ApiMessage = {
  id: 'msg_011',
  type: 'message',
  role: 'assistant',
  model: 'm',
  content: [{ type: 'tool_use', id: 'toolu_011', name: 'place_order', input: { sku: 'A1', quantity: 40, note: 'deliver to the Richmond store' } }],
  stop_reason: 'tool_use',
  stop_sequence: null,
  usage: { input_tokens: 10, output_tokens: 20, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
};

async function cut(body: string, contentType: string): Promise<{ text: string; struck: string[] }> {
  const fault = sseCut.create(sseCut.params.parse({ fault: 'sse-cut', when: { first: 1 } }), new Rng(7));
  const struck: string[] = [];
  const ctx = { world: {} as never, n: 1, requestId: 'req_1', body: {}, strike: (d: string) => struck.push(d) };
  const response = await fault.wrap(ctx, async () => new Response(body, { status: 200, headers: { 'content-type': contentType } }));
  return { text: await response.text(), struck };
}

describe('sse-cut', () => {
  it('ends an event stream after an input_json_delta, before the block, the message_delta or message_stop', async () => {
    const { text, struck } = await cut(encodeSse(sseEvents(message)), 'text/event-stream');
    expect(text).toContain('input_json_delta');
    expect(text.trimEnd().split('\n\n').at(-1)).toContain('input_json_delta');
    for (const end of ['content_block_stop', 'message_delta', 'message_stop']) expect(text).not.toContain(end);
    expect(struck).toHaveLength(1);
  });

  it('ends a JSON body inside the tool input', async () => {
    const { text, struck } = await cut(JSON.stringify(message), 'application/json');
    expect(() => JSON.parse(text)).toThrow();
    expect(text).toContain('"input":{');
    expect(struck[0]).toContain('place_order');
  });

  it('leaves replies without a tool call alone and does not spend its schedule on them', async () => {
    const text = encodeSse(sseEvents({ ...message, content: [{ type: 'text', text: 'hello' }], stop_reason: 'end_turn' }));
    expect(await cut(text, 'text/event-stream')).toEqual({ text, struck: [] });
  });
});
