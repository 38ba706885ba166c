import { describe, expect, it } from 'vitest';
import { reusedToolId } from '../../../harness/faults/reused-tool-id.ts';
import { decodeSse, encodeSse, sseEvents } from '../../../harness/model/sse.ts';
import type { ApiMessage } from '../../../harness/model/types.ts';
import { Rng } from '../../../harness/rng.ts';

const reply = (id: string, calls: string[]): ApiMessage => ({
  id,
  type: 'message',
  role: 'assistant',
  model: 'm',
  content: calls.map((callId, i) => ({ type: 'tool_use', id: callId, name: 'list_orders', input: { sku: `A${i}` } })),
  stop_reason: 'tool_use',
  stop_sequence: null,
  usage: { input_tokens: 10, output_tokens: 20, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
});

function fault(when = {}) {
  const struck: string[] = [];
  const pkg = reusedToolId.create(reusedToolId.params.parse({ fault: 'reused-tool-id', when }), new Rng(1));
  let n = 0;
  const send = async (m: ApiMessage, stream = false, thread?: { type: 'create' }) => {
    const ctx = { world: {} as never, n: ++n, requestId: `req_${n}`, body: { model: 'm', ...(thread ? { thread } : {}) }, strike: (d: string) => struck.push(d) };
    const text = await (await pkg.wrap(ctx, async () => new Response(stream ? encodeSse(sseEvents(m)) : JSON.stringify(m), { status: 200 }))).text();
    return (stream ? decodeSse(text) : JSON.parse(text)) as ApiMessage;
  };
  const ids = (m: ApiMessage) => m.content.map((b) => (b as { id: string }).id);
  return { send, struck, ids };
}

describe('reused-tool-id', () => {
  it("gives a later reply's calls the ids of the last reply that made calls, streamed or not; the calls themselves stay", async () => {
    const { send, struck, ids } = fault();
    expect(ids(await send(reply('msg_1', ['toolu_a'])))).toEqual(['toolu_a']);
    const second = await send(reply('msg_2', ['toolu_b', 'toolu_c']), true);
    expect(ids(second)).toEqual(['toolu_a', 'toolu_c']);
    expect(second.content.map((b) => (b as { input: unknown }).input)).toEqual([{ sku: 'A0' }, { sku: 'A1' }]);
    expect(ids(await send(reply('msg_3', ['toolu_d', 'toolu_e'])))).toEqual(['toolu_a', 'toolu_c']);
    expect(struck).toEqual(['tool_use ids reused from model#1: toolu_b sent as toolu_a', 'tool_use ids reused from model#2: toolu_d sent as toolu_a, toolu_e sent as toolu_c']);
  });

  it('leaves a server-held thread alone: renamed ids would break it whatever the client did', async () => {
    const { send, struck, ids } = fault();
    await send(reply('msg_1', ['toolu_a']), false, { type: 'create' });
    expect(ids(await send(reply('msg_2', ['toolu_b']), false, { type: 'create' }))).toEqual(['toolu_b']);
    expect(struck).toEqual([]);
  });

  it('counts for its schedule only replies with calls after one that made calls', async () => {
    const { send, struck, ids } = fault({ first: 1 });
    await send({ ...reply('msg_1', []), content: [{ type: 'text', text: 'thinking' }], stop_reason: 'end_turn' });
    await send(reply('msg_2', ['toolu_a']));
    expect(ids(await send(reply('msg_3', ['toolu_b'])))).toEqual(['toolu_a']);
    expect(ids(await send(reply('msg_4', ['toolu_c'])))).toEqual(['toolu_c']);
    expect(struck).toHaveLength(1);
  });
});
