import { z } from 'zod';
import { defineToolFault, onSchedule, toolTarget, when } from './types.ts';

/** Rejects without committing: 429 / 503 with `Retry-After`, or a permanent 4xx. */
export const errorStatus = defineToolFault({
  name: 'error-status',
  description: 'an error status without committing, optionally with Retry-After (seed 004)',
  params: z
    .object({
      fault: z.literal('error-status'),
      tool: toolTarget,
      when,
      status: z.number().int().min(400).max(599),
      retryAfterS: z.number().int().min(0).optional(),
      message: z.string().default('service unavailable'),
    })
    .strict(),
  create(params, rng) {
    return onSchedule(this.name, params, rng, async (ctx) => {
      ctx.strike(`answered ${params.status}${params.retryAfterS === undefined ? '' : ` with Retry-After ${params.retryAfterS}`}`);
      const headers: Record<string, string> = params.retryAfterS === undefined ? {} : { 'retry-after': String(params.retryAfterS) };
      return { status: params.status, body: { error: `http_${params.status}`, message: params.message }, headers };
    });
  },
});
