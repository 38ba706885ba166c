import { z } from 'zod';
import { cutAtStopSequence } from '../model/finish.ts';
import { decodeSse, encodeSse, sseEvents } from '../model/sse.ts';
import type { ApiMessage } from '../model/types.ts';
import { defineApiFault, schedule, when } from './types.ts';

/**
 * A stop sequence the runtime never asked for ends the reply: a gateway in front of the API adds
 * its own to every request (here `\nObservation:` by default, the stop of a ReAct-style loop it
 * served before, which kept the model from writing tool results itself), the model's text holds
 * it, and the API stops there — `stop_reason: "stop_sequence"`, the text cut before the sequence,
 * every later block (a tool call the model was about to make) gone. The reply itself is whole: a
 * 200, a `message_stop`. Only replies whose text holds the sequence count for the schedule.
 */
export const stopSequence = defineApiFault({
  name: 'stop-sequence',
  description: 'a stop sequence a gateway added ends the reply mid text, before its tool call (stop_reason stop_sequence)',
  params: z.object({ fault: z.literal('stop-sequence'), when, sequence: z.string().min(1).default('\nObservation:') }).strict(),
  create(params, rng) {
    const strikes = schedule(params.when, rng);
    return {
      name: this.name,
      async wrap(ctx, next) {
        const response = await next();
        if (response.status !== 200) return response;
        const stream = response.headers.get('content-type')?.includes('text/event-stream');
        const text = await response.clone().text();
        const message = stream ? decodeSse(text) : (JSON.parse(text) as ApiMessage);
        const cut = message && cutAtStopSequence(message, [params.sequence]);
        if (!message || !cut || !strikes()) return response;
        const dropped = message.content.slice(cut.content.length).flatMap((b) => (b.type === 'tool_use' ? [b.name] : []));
        const kept = cut.content.flatMap((b) => (b.type === 'text' ? [b.text] : [])).join('').length;
        ctx.strike(`reply stopped at stop sequence ${JSON.stringify(params.sequence)} after ${kept} characters of text${dropped.length ? `; dropped the call of ${dropped.join(', ')}` : ''}`);
        // A JSON body keeps every field it had; only what the stop changes is replaced.
        const body = stream ? encodeSse(sseEvents(cut)) : JSON.stringify({ ...message, content: cut.content, stop_reason: cut.stop_reason, stop_sequence: cut.stop_sequence, usage: cut.usage });
        return new Response(body, { status: 200, headers: response.headers });
      },
    };
  },
});
