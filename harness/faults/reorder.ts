import { z } from 'zod';
import { TIMER_MS_LIMIT, TIMER_MS_MAX, timerMs } from '../timer-ms.ts';
import { defineToolFault, toolTarget } from './types.ts';

/**
 * Replies to each batch of `batch` concurrent requests in a seeded order that is never the order
 * they were sent in (seed 002 case 2: arrival order ≠ call order), or in the explicit `order`: the
 * request numbers of a batch (1 = sent first) as their replies arrive, any permutation, the identity included.
 */
export const reorder = defineToolFault({
  name: 'reorder',
  description: 'permutes the arrival order of a batch of parallel replies (seeded and never the identity, or an explicit order)',
  params: z
    .object({
      fault: z.literal('reorder'),
      tool: toolTarget,
      batch: z.number().int().min(2),
      spacingMs: timerMs(1).default(40),
      order: z.array(z.number().int().min(1)).optional(),
    })
    .strict()
    .refine((p) => p.order === undefined || isPermutation(p.order, p.batch), {
      message: 'order must list each request number 1..batch exactly once',
      path: ['order'],
    })
    // The last reply of a batch waits batch × spacingMs: that product is the timer (a spacingMs too
    // large on its own is already reported).
    .refine((p) => p.spacingMs > TIMER_MS_MAX || p.batch * p.spacingMs <= TIMER_MS_MAX, {
      message: `batch × spacingMs, the wait of a batch's last reply, must be ${TIMER_MS_LIMIT}`,
      path: ['spacingMs'],
    }),
  create(params, rng) {
    let slots: number[] = [];
    let index = 0;
    return {
      name: this.name,
      tool: params.tool,
      async wrap(ctx, next) {
        if (index % params.batch === 0) slots = params.order ? slotsOf(params.order) : derangedOrder(() => rng.shuffle([...Array(params.batch).keys()]));
        const slot = slots[index++ % params.batch] ?? 0;
        const reply = await next();
        ctx.strike(`reply ${slot + 1} of ${params.batch} in arrival order`);
        await ctx.world.sleep((slot + 1) * params.spacingMs);
        return reply;
      },
    };
  },
});

function derangedOrder(draw: () => number[]): number[] {
  for (;;) {
    const order = draw();
    if (order.some((slot, i) => slot !== i)) return order;
  }
}

/** Arrival slot of each request, in the order sent, from the request numbers in arrival order. */
function slotsOf(order: number[]): number[] {
  const slots: number[] = [];
  order.forEach((request, slot) => (slots[request - 1] = slot));
  return slots;
}

const isPermutation = (order: number[], n: number) => order.length === n && [...order].sort((a, b) => a - b).every((k, i) => k === i + 1);
