import { z } from 'zod';
import { defineToolFault, onSchedule, toolTarget, when } from './types.ts';

/** The service commits (or, with `commit: false`, never gets the request) and the reply is never delivered. */
export const dropReply = defineToolFault({
  name: 'drop-reply',
  description: 'the side effect commits, the reply never arrives; the client can only time out (seed 000 mode 2)',
  params: z.object({ fault: z.literal('drop-reply'), tool: toolTarget, when, commit: z.boolean().default(true) }).strict(),
  create(params, rng) {
    return onSchedule(this.name, params, rng, async (ctx, next) => {
      if (params.commit) await next();
      ctx.strike(params.commit ? 'committed; reply dropped' : 'request swallowed; no reply');
      return { drop: true };
    });
  },
});
