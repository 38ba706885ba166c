import { z } from 'zod';
import { encodeSse, errorEvent } from '../model/sse.ts';
import { defineApiFault, schedule, when } from './types.ts';

const MESSAGES = { overloaded_error: 'Overloaded', api_error: 'Internal server error' };

/**
 * An error after the stream began: the reply's status is 200 and its first events arrived, then an
 * `event: error` (overloaded, as the real API sends one under load) ends it, with no
 * `message_delta` or `message_stop`. The SDK throws it as an APIError and does not retry it: what
 * happens next is the runtime's. Only streamed replies count for the schedule; JSON ones pass.
 */
export const streamError = defineApiFault({
  name: 'stream-error',
  description: 'an overloaded_error event mid stream, after a 200 and part of the reply (seed 004, SDK streaming)',
  params: z.object({ fault: z.literal('stream-error'), when, error: z.enum(['overloaded_error', 'api_error']).default('overloaded_error') }).strict(),
  create(params, rng) {
    const strikes = schedule(params.when, rng);
    return {
      name: this.name,
      async wrap(ctx, next) {
        const response = await next();
        if (response.status !== 200 || !response.headers.get('content-type')?.includes('text/event-stream') || !strikes()) return response;
        const frames = (await response.text()).split('\n\n').filter(Boolean);
        // Somewhere after message_start and before message_delta: the reply has begun and not ended.
        const end = frames.findIndex((f) => f.startsWith('event: message_delta'));
        const kept = rng.int(1, Math.max(1, end));
        const last = /^event: (.*)$/m.exec(frames[kept - 1] ?? '')?.[1] ?? '?';
        ctx.strike(`${params.error} event after ${kept} of ${frames.length} events (the last one sent: ${last})`);
        const body = `${frames.slice(0, kept).join('\n\n')}\n\n${encodeSse([errorEvent(params.error, MESSAGES[params.error])])}`;
        return new Response(body, { status: 200, headers: response.headers });
      },
    };
  },
});
