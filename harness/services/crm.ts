import { z } from 'zod';
import { json, problem, type Service } from './types.ts';

export const crmState = z.object({
  customers: z.array(
    z.object({ customer_id: z.string(), name: z.string(), plan: z.string(), open_tickets: z.number().int(), balance: z.number() }),
  ),
});

/** A customer database (seed 002 case 2): one record per lookup, read-only. */
export function crmService(state: z.infer<typeof crmState>, host = 'https://crm.sim'): Service {
  return {
    name: 'crm',
    host,
    idempotency: false,
    routes: [
      {
        tool: 'lookup_customer',
        method: 'GET',
        path: '/customers',
        handle(req) {
          if (req.principal.id === 'anonymous' || req.principal.id === 'invalid')
            return problem(401, 'unauthorized', 'a valid bearer token is required');
          const customer = state.customers.find((c) => c.customer_id === req.input.customer_id);
          return customer ? json(200, customer) : problem(404, 'not_found', `no customer ${String(req.input.customer_id)}`);
        },
      },
    ],
  };
}
