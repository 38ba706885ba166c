import { z } from 'zod';
import { timerMs } from '../timer-ms.ts';
import { defineToolFault, onSchedule, toolTarget, when } from './types.ts';

/**
 * The order commits after `commitMs`; a load balancer in front gives up at `replyAfterMs` and
 * answers `status` (seed 002 case 1: ~80 ms commit, 30 s balancer timeout, HTTP 500).
 */
export const errorAfterCommit = defineToolFault({
  name: 'error-after-commit',
  description: 'commits, then a balancer returns an error after its timeout (seed 002 case 1)',
  params: z
    .object({
      fault: z.literal('error-after-commit'),
      tool: toolTarget,
      when,
      commitMs: timerMs().default(80),
      replyAfterMs: timerMs().default(30_000),
      status: z.number().int().min(500).max(599).default(500),
    })
    .strict(),
  create(params, rng) {
    return onSchedule(this.name, params, rng, async (ctx, next) => {
      await ctx.world.sleep(params.commitMs);
      await next();
      // Struck once the effect is in: a client that gives up before the balancer does was struck all the same.
      ctx.strike(`committed; the balancer answers ${params.status} at ${params.replyAfterMs} ms`);
      await ctx.world.sleep(Math.max(0, params.replyAfterMs - params.commitMs));
      return { status: params.status, body: { error: 'upstream_timeout', message: 'upstream request timeout' } };
    });
  },
});
