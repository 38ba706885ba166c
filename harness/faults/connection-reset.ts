import { z } from 'zod';
import { defineToolFault, onSchedule, toolTarget, when } from './types.ts';

/**
 * The connection is reset: the client's fetch rejects with a network error instead of a reply.
 * With `commit: true` the service has already committed when the connection drops.
 */
export const connectionReset = defineToolFault({
  name: 'connection-reset',
  description: 'the connection is reset before a reply; the client sees a network error (seed 003 mode 2)',
  params: z.object({ fault: z.literal('connection-reset'), tool: toolTarget, when, commit: z.boolean().default(false) }).strict(),
  create(params, rng) {
    return onSchedule(this.name, params, rng, async (ctx, next) => {
      if (params.commit) await next();
      ctx.strike(params.commit ? 'committed; connection reset' : 'connection reset before the service saw the request');
      return { reset: true };
    });
  },
});
