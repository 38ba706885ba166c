import { z } from 'zod';
import { timerMs } from '../timer-ms.ts';
import { defineToolFault, onSchedule, toolTarget, when } from './types.ts';

/** The service takes `delayMs` before it even starts (minutes, for a slow tool). */
export const slowReply = defineToolFault({
  name: 'slow-reply',
  description: 'the service answers only after a long delay (seed 004)',
  params: z.object({ fault: z.literal('slow-reply'), tool: toolTarget, when, delayMs: timerMs() }).strict(),
  create(params, rng) {
    return onSchedule(this.name, params, rng, async (ctx, next) => {
      ctx.strike(`held for ${params.delayMs} ms`);
      await ctx.world.sleep(params.delayMs);
      return next();
    });
  },
});
