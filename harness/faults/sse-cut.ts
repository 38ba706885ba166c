import { z } from 'zod';
import { encodeSse } from '../model/sse.ts';
import type { Rng } from '../rng.ts';
import { defineApiFault, schedule, when } from './types.ts';

type SseEvent = { event: string; data: { type?: string; index?: number; content_block?: { type?: string }; delta?: { type?: string; partial_json?: string } } };

/**
 * The reply body ends early, mid tool input: an SSE stream stops after an `input_json_delta` with
 * no `content_block_stop`, `message_delta` or `message_stop`; a JSON body stops inside the tool
 * call's `input`. The connection closes cleanly, so nothing but the missing end says it broke.
 * The schedule counts only replies that carry a tool call.
 */
export const sseCut = defineApiFault({
  name: 'sse-cut',
  description: 'the reply stream ends mid tool input, with no message_stop (seed 004, SDK streaming)',
  params: z.object({ fault: z.literal('sse-cut'), when }).strict(),
  create(params, rng) {
    const strikes = schedule(params.when, rng);
    return {
      name: this.name,
      async wrap(ctx, next) {
        const response = await next();
        if (response.status !== 200) return response;
        const text = await response.clone().text();
        if (!text.includes('"type":"tool_use"') || !strikes()) return response;
        const stream = response.headers.get('content-type')?.includes('text/event-stream');
        const cut = stream ? cutStream(text, rng) : cutJson(text, rng);
        if (!cut) return response;
        ctx.strike(`reply cut mid tool input of ${cut.tool}: ${cut.sent} of ${cut.total} input characters sent (${JSON.stringify(cut.partial)})`);
        return new Response(cut.body, { status: 200, headers: response.headers });
      },
    };
  },
});

type Cut = { body: string; tool: string; partial: string; sent: number; total: number };

/** Ends the stream after a seed-chosen `input_json_delta` of the first tool call, short of its last. */
function cutStream(text: string, rng: Rng): Cut | null {
  const events = text.split('\n\n').filter(Boolean).map(parseEvent);
  const start = events.findIndex((e) => e.data.type === 'content_block_start' && e.data.content_block?.type === 'tool_use');
  if (start < 0) return null;
  const index = events[start]?.data.index;
  const deltas = events.flatMap((e, i) => (e.data.type === 'content_block_delta' && e.data.index === index && e.data.delta?.type === 'input_json_delta' ? [i] : []));
  const keep = rng.int(Math.min(1, deltas.length - 1), deltas.length - 1);
  const last = keep === 0 ? start : (deltas[keep - 1] as number);
  const partial = deltas
    .slice(0, keep)
    .map((i) => events[i]?.data.delta?.partial_json ?? '')
    .join('');
  const total = deltas.map((i) => events[i]?.data.delta?.partial_json ?? '').join('').length;
  const tool = (events[start]!.data.content_block as { name?: string }).name ?? '?';
  return { body: encodeSse(events.slice(0, last + 1) as never), tool, partial, sent: partial.length, total };
}

/** Ends a JSON body inside the first tool call's `input`, at a seed-chosen character short of its end. */
function cutJson(text: string, rng: Rng): Cut | null {
  const message = JSON.parse(text) as { content?: Array<{ type: string; name?: string; input?: unknown }> };
  const use = message.content?.find((b) => b.type === 'tool_use');
  if (!use) return null;
  const input = JSON.stringify(use.input);
  const at = text.indexOf(`"input":${input}`, text.indexOf('"type":"tool_use"'));
  if (at < 0) return null;
  const sent = rng.int(1, input.length - 1);
  const partial = input.slice(0, sent);
  return { body: text.slice(0, at + '"input":'.length + sent), tool: use.name ?? '?', partial, sent, total: input.length };
}

function parseEvent(raw: string): SseEvent {
  const event = /^event: (.*)$/m.exec(raw)?.[1] ?? '';
  const data = /^data: (.*)$/m.exec(raw)?.[1] ?? '{}';
  return { event, data: JSON.parse(data) };
}
