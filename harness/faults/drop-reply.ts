import { z } from 'zod';
import { defineToolFault, schedule, toolTarget, when } from './types.ts';

/** The service commits (or, with `commit: false`, never gets the request) and the reply is never delivered. */
export const dropReply = defineToolFault({
  name: 'drop-reply',
  description: 'the side effect commits, the reply never arrives; the client can only time out (seed 000 mode 2)',
  params: z.object({ fault: z.literal('drop-reply'), tool: toolTarget, when, commit: z.boolean().default(true) }).strict(),
  create(params, rng) {
    const strikes = schedule(params.when, rng);
    return {
      name: this.name,
      tool: params.tool,
      async wrap(ctx, next) {
        if (!strikes()) return next();
        if (params.commit) await next();
        ctx.strike(params.commit ? 'committed; reply dropped' : 'request swallowed; no reply');
        return { drop: true };
      },
    };
  },
});
