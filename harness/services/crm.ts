import { z } from 'zod';
import { defineService } from './define.ts';
import { json, problem } from './types.ts';

const crmState = z.object({
  customers: z.array(z.object({ customer_id: z.string(), name: z.string(), plan: z.string(), open_tickets: z.number().int(), balance: z.number() })),
});

/** A customer database (seed 002 case 2): one record per lookup, read-only. */
export const crmService = defineService({
  id: 'crm',
  host: 'https://crm.sim',
  seed: crmState,
  example: {
    customers: [
      { customer_id: 'C-101', name: 'Ada Park', plan: 'premium', open_tickets: 2, balance: 120.5 },
      { customer_id: 'C-102', name: 'Bo Lindqvist', plan: 'basic', open_tickets: 0, balance: 0 },
    ],
  },
  auth: 'bearer',
  routes: [
    {
      name: 'lookup_customer',
      method: 'GET',
      path: '/customers',
      handle({ input, state }) {
        const customer = state.customers.find((c) => c.customer_id === input.customer_id);
        return customer ? json(200, customer) : problem(404, 'not_found', `no customer ${String(input.customer_id)}`);
      },
    },
  ],
});
