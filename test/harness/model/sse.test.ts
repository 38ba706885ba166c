import { describe, expect, it } from 'vitest';
import { decodeSse, encodeSse, sseEvents } from '../../../harness/model/sse.ts';
import type { ApiMessage } from '../../../harness/model/types.ts';
import { wireMessage } from '../../../harness/model/wire.ts';

const message: ApiMessage = {
  id: 'msg_01test',
  type: 'message',
  role: 'assistant',
  model: 'claude-sim-1',
  content: [
    { type: 'text', text: 'This sentence is longer than twenty-four characters.' },
    { type: 'tool_use', id: 'toolu_01test0', name: 'get_weather', input: { city: 'Paris', days: [1, 2, 3] } },
  ],
  stop_reason: 'tool_use',
  stop_sequence: null,
  usage: { input_tokens: 12, output_tokens: 30, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
};

type Data = Record<string, any>;

describe('sseEvents', () => {
  const events = sseEvents(message);
  const data = events.map((e) => e.data as Data);

  it('orders events as the real API does and names each event after its data type', () => {
    const names = events.map((e) => e.event);
    // The real stream's ping follows the first block's start.
    expect(names.slice(0, 3)).toEqual(['message_start', 'content_block_start', 'ping']);
    expect(names.filter((n) => n === 'ping')).toHaveLength(1);
    expect(names.slice(-2)).toEqual(['message_delta', 'message_stop']);
    for (const e of events) expect((e.data as Data).type).toBe(e.event);
    expect(names.filter((n) => n === 'content_block_start')).toHaveLength(2);
    expect(names.filter((n) => n === 'content_block_stop')).toHaveLength(2);
  });

  it('message_start carries an empty message; message_delta the stop reason and the cumulative usage, input included', () => {
    expect(data[0]?.message).toMatchObject({ id: 'msg_01test', content: [], stop_reason: null, usage: { input_tokens: 12, output_tokens: 1 } });
    expect(data.at(-2)).toEqual({
      type: 'message_delta',
      delta: { container: null, stop_details: null, stop_reason: 'tool_use', stop_sequence: null },
      usage: { input_tokens: 12, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 30, output_tokens_details: null, server_tool_use: null },
    });
  });

  it('a reply with no block still gets its ping, after message_start', () => {
    const names = sseEvents({ ...message, content: [], stop_reason: 'end_turn' }).map((e) => e.event);
    expect(names).toEqual(['message_start', 'ping', 'message_delta', 'message_stop']);
  });

  it('text arrives as text_delta chunks of at most 24 characters that join to the text', () => {
    const deltas = data.filter((d) => d.type === 'content_block_delta' && d.index === 0).map((d) => d.delta);
    expect(deltas.length).toBe(Math.ceil(52 / 24));
    expect(deltas.every((d) => d.type === 'text_delta' && d.text.length <= 24)).toBe(true);
    expect(deltas.map((d) => d.text).join('')).toBe((message.content[0] as { text: string }).text);
  });

  it('tool input starts empty and arrives as input_json_delta that parses to the input', () => {
    const start = data.find((d) => d.type === 'content_block_start' && d.index === 1);
    expect(start?.content_block).toEqual({ type: 'tool_use', id: 'toolu_01test0', name: 'get_weather', input: {} });
    const parts = data.filter((d) => d.type === 'content_block_delta' && d.index === 1).map((d) => d.delta);
    expect(parts.every((d) => d.type === 'input_json_delta')).toBe(true);
    expect(JSON.parse(parts.map((d) => d.partial_json).join(''))).toEqual({ city: 'Paris', days: [1, 2, 3] });
  });

  it('an empty text block still gets one (empty) delta', () => {
    const empty = sseEvents({ ...message, content: [{ type: 'text', text: '' }], stop_reason: 'end_turn' });
    const deltas = empty.filter((e) => e.event === 'content_block_delta');
    expect(deltas).toEqual([{ event: 'content_block_delta', data: { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: '' } } }]);
  });
});

describe('encodeSse', () => {
  it('writes each event as `event:` and `data:` lines ended by a blank line', () => {
    const wire = encodeSse([
      { event: 'ping', data: { type: 'ping' } },
      { event: 'message_stop', data: { type: 'message_stop' } },
    ]);
    expect(wire).toBe('event: ping\ndata: {"type":"ping"}\n\nevent: message_stop\ndata: {"type":"message_stop"}\n\n');
  });

  it('keeps newlines in text inside one data line', () => {
    const wire = encodeSse(sseEvents({ ...message, content: [{ type: 'text', text: 'a\nb' }] }));
    for (const frame of wire.split('\n\n').filter(Boolean)) expect(frame.split('\n')).toHaveLength(2);
  });
});

describe('decodeSse', () => {
  it('adds a stream back up to the message it was made from', () => {
    expect(decodeSse(encodeSse(sseEvents(message)))).toEqual(wireMessage(message));
  });

  it('reads CRLF frames and skips events it does not know', () => {
    const text = encodeSse([{ event: 'mystery', data: { type: 'mystery' } }, ...sseEvents(message)]).replace(/\n/g, '\r\n');
    expect(decodeSse(text)?.content).toEqual(message.content);
  });

  it('is null for a stream that never started a message', () => {
    expect(decodeSse('event: ping\ndata: {"type":"ping"}\n\n')).toBeNull();
  });
});

describe('decodeSse on what a live stream can hold', () => {
  it('keeps a tool input cut off by max_tokens as text, never throwing', () => {
    const events = sseEvents(message);
    // The stream ends mid tool input: the block's last delta and everything after it never arrive.
    const lastDelta = events.map((e) => e.event).lastIndexOf('content_block_delta');
    const text = encodeSse(events.slice(0, lastDelta));
    const decoded = decodeSse(text);
    expect(decoded?.content[1]).toMatchObject({ type: 'tool_use', name: 'get_weather', input: {}, truncated_input: expect.stringMatching(/^\{"city":"Paris"/) });
  });

  it('adds up thinking and its signature', () => {
    const events = [
      { event: 'message_start', data: { type: 'message_start', message: { ...message, content: [] } } },
      { event: 'content_block_start', data: { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } } },
      { event: 'content_block_delta', data: { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'Let me ' } } },
      { event: 'content_block_delta', data: { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'think.' } } },
      { event: 'content_block_delta', data: { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'sig123' } } },
      { event: 'content_block_stop', data: { type: 'content_block_stop', index: 0 } },
    ];
    expect(decodeSse(encodeSse(events))?.content[0]).toEqual({ type: 'thinking', thinking: 'Let me think.', signature: 'sig123' });
  });
});
