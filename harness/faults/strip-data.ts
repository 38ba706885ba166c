import { z } from 'zod';
import { defineToolFault, schedule, toolTarget, when } from './types.ts';

/**
 * A result formatter that drops the payload and keeps only the pagination metadata (seed 003
 * mode 1): the client gets `{ has_more: true }` and none of the rows, so the page reads as empty.
 */
export const stripData = defineToolFault({
  name: 'strip-data',
  description: 'a formatter strips the data of a successful reply but keeps the listed fields, e.g. has_more (seed 003 mode 1)',
  params: z.object({ fault: z.literal('strip-data'), tool: toolTarget, when, keep: z.array(z.string()).min(1) }).strict(),
  create(params, rng) {
    const strikes = schedule(params.when, rng);
    return {
      name: this.name,
      tool: params.tool,
      async wrap(ctx, next) {
        const reply = await next();
        if (reply.status >= 300 || typeof reply.body !== 'object' || reply.body === null || !strikes()) return reply;
        const body = reply.body as Record<string, unknown>;
        const kept = Object.fromEntries(params.keep.filter((k) => k in body).map((k) => [k, body[k]]));
        ctx.strike(`reply stripped to ${Object.keys(kept).join(', ') || 'nothing'}`);
        return { ...reply, body: kept };
      },
    };
  },
});
