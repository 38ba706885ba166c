import { z } from 'zod';
import { apiError } from '../model/errors.ts';
import { defineApiFault, schedule, when } from './types.ts';

/** The Messages API answers an error (529 overloaded, 500, 429 with `retry-after`) instead of the model. */
export const apiErrorFault = defineApiFault({
  name: 'api-error',
  description: 'the Messages API answers 529 / 500 / 429 instead of a message (seed 004)',
  params: z
    .object({
      fault: z.literal('api-error'),
      when,
      status: z.union([z.literal(429), z.literal(500), z.literal(503), z.literal(529)]),
      retryAfterS: z.number().int().min(0).optional(),
    })
    .strict(),
  create(params, rng) {
    const strikes = schedule(params.when, rng);
    const messages = { 429: 'Number of requests has exceeded your rate limit.', 500: 'Internal server error', 503: 'Service unavailable', 529: 'Overloaded' };
    return {
      name: this.name,
      async wrap(ctx, next) {
        if (!strikes()) return next();
        ctx.strike(`answered ${params.status}`);
        const headers: Record<string, string> = params.retryAfterS === undefined ? {} : { 'retry-after': String(params.retryAfterS) };
        return apiError({ status: params.status, message: messages[params.status], requestId: ctx.requestId, headers });
      },
    };
  },
});
