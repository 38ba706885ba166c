import { z } from 'zod';
import { timerMs } from '../timer-ms.ts';
import { defineToolFault, onSchedule, toolTarget, when } from './types.ts';

/** Delays each reply by a uniform draw from [minMs, maxMs]: per-record latency variance. */
export const latency = defineToolFault({
  name: 'latency',
  description: 'per-request latency drawn from a uniform distribution',
  params: z
    .object({ fault: z.literal('latency'), tool: toolTarget, when, minMs: timerMs(), maxMs: timerMs() })
    .strict()
    .refine((p) => p.maxMs >= p.minMs, { message: 'maxMs must be at least minMs', path: ['maxMs'] }),
  create(params, rng) {
    return onSchedule(this.name, params, rng, async (ctx, next) => {
      const ms = rng.int(params.minMs, params.maxMs);
      const reply = await next();
      ctx.strike(`reply delayed ${ms} ms`);
      await ctx.world.sleep(ms);
      return reply;
    });
  },
});
