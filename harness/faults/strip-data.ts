import { z } from 'zod';
import { defineToolFault, rewritingBody, toolTarget, when } from './types.ts';

/**
 * A result formatter that drops the payload and keeps only the pagination metadata (seed 003
 * mode 1): the client gets `{ has_more: true }` and none of the rows, so the page reads as empty.
 */
export const stripData = defineToolFault({
  name: 'strip-data',
  description: 'a formatter strips the data of a successful reply but keeps the listed fields, e.g. has_more (seed 003 mode 1)',
  params: z.object({ fault: z.literal('strip-data'), tool: toolTarget, when, keep: z.array(z.string()).min(1) }).strict(),
  create(params, rng) {
    return rewritingBody(this.name, params, rng, (body, ctx) => {
      const kept = Object.fromEntries(params.keep.filter((k) => k in body).map((k) => [k, body[k]]));
      ctx.strike(`reply stripped to ${Object.keys(kept).join(', ') || 'nothing'}`);
      return kept;
    });
  },
});
