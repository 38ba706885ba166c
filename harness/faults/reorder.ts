import { z } from 'zod';
import { defineToolFault, toolTarget } from './types.ts';

/**
 * Replies to each batch of `batch` concurrent requests in a seeded order that is never the order
 * they were sent in (seed 002 case 2: arrival order ≠ call order).
 */
export const reorder = defineToolFault({
  name: 'reorder',
  description: 'permutes the arrival order of a batch of parallel replies (never the identity)',
  params: z
    .object({ fault: z.literal('reorder'), tool: toolTarget, batch: z.number().int().min(2), spacingMs: z.number().int().min(1).default(40) })
    .strict(),
  create(params, rng) {
    let slots: number[] = [];
    let index = 0;
    return {
      name: this.name,
      tool: params.tool,
      async wrap(ctx, next) {
        if (index % params.batch === 0) slots = derangedOrder(params.batch, () => rng.shuffle([...Array(params.batch).keys()]));
        const slot = slots[index++ % params.batch] ?? 0;
        const reply = await next();
        ctx.strike(`reply ${slot + 1} of ${params.batch} in arrival order`);
        await ctx.world.sleep((slot + 1) * params.spacingMs);
        return reply;
      },
    };
  },
});

function derangedOrder(n: number, draw: () => number[]): number[] {
  for (;;) {
    const order = draw();
    if (order.some((slot, i) => slot !== i)) return order;
  }
}
