import { z } from 'zod';
import { defineService } from './define.ts';
import { json, problem } from './types.ts';

const ordersState = z.object({
  skus: z.record(z.string(), z.object({ name: z.string(), unitPrice: z.number() })),
});

type Order = { order_id: string; sku: string; quantity: number; owner: string; status: 'confirmed' };

/** A supplier order API (seed 002 case 1): placing an order commits; lookups show the caller's own orders. */
export const ordersService = defineService({
  id: 'orders',
  host: 'https://orders.sim',
  seed: ordersState,
  example: { skus: { A1: { name: 'Frozen peas, 10 kg case', unitPrice: 31.5 }, B7: { name: 'Olive oil, 6 × 1 l', unitPrice: 42 } } },
  init: (seed) => ({ ...seed, orders: [] as Order[] }),
  idempotency: true,
  auth: 'bearer',
  routes: [
    {
      name: 'place_order',
      method: 'POST',
      path: '/orders',
      handle({ input, principal, state, commit, newId }) {
        const { sku, quantity } = input;
        if (typeof sku !== 'string' || !state.skus[sku]) return problem(404, 'unknown_sku', `no SKU ${String(sku)}`);
        if (!Number.isInteger(quantity) || (quantity as number) < 1) return problem(400, 'invalid_quantity', 'quantity must be a positive integer');
        const order: Order = { order_id: newId('ord_', 12), sku, quantity: quantity as number, owner: principal.id, status: 'confirmed' };
        state.orders.push(order);
        commit('order', { order_id: order.order_id, sku, quantity: order.quantity, owner: order.owner });
        const { owner: _, ...reply } = order;
        return json(201, reply);
      },
    },
    {
      name: 'list_orders',
      method: 'GET',
      path: '/orders',
      // Anyone may list, and sees only the orders they placed.
      auth: 'none',
      handle: ({ input, principal, state }) => json(200, { orders: state.orders.filter((o) => o.owner === principal.id && (!input.sku || o.sku === input.sku)).map(({ owner: _, ...o }) => o) }),
    },
  ],
});
