import { z } from 'zod';
import { json, problem, type Service } from './types.ts';

export const ordersState = z.object({
  skus: z.record(z.string(), z.object({ name: z.string(), unitPrice: z.number() })),
});

type Order = { order_id: string; sku: string; quantity: number; owner: string; status: 'confirmed' };

/** A supplier order API (seed 002 case 1): placing an order commits; lookups show the caller's own orders. */
export function ordersService(state: z.infer<typeof ordersState>, host = 'https://orders.sim'): Service {
  const orders: Order[] = [];
  return {
    name: 'orders',
    host,
    idempotency: true,
    routes: [
      {
        tool: 'place_order',
        method: 'POST',
        path: '/orders',
        handle(req, world) {
          if (req.principal.id === 'anonymous' || req.principal.id === 'invalid')
            return problem(401, 'unauthorized', 'a valid bearer token is required');
          const { sku, quantity } = req.input;
          if (typeof sku !== 'string' || !state.skus[sku]) return problem(404, 'unknown_sku', `no SKU ${String(sku)}`);
          if (!Number.isInteger(quantity) || (quantity as number) < 1)
            return problem(400, 'invalid_quantity', 'quantity must be a positive integer');
          const order: Order = {
            order_id: world.ids.id('ord_', 12),
            sku,
            quantity: quantity as number,
            owner: req.principal.id,
            status: 'confirmed',
          };
          orders.push(order);
          world.commit(req.id, 'orders', 'order', { order_id: order.order_id, sku, quantity: order.quantity, owner: order.owner });
          const { owner: _, ...reply } = order;
          return json(201, reply);
        },
      },
      {
        tool: 'list_orders',
        method: 'GET',
        path: '/orders',
        handle(req) {
          const mine = orders.filter((o) => o.owner === req.principal.id && (!req.input.sku || o.sku === req.input.sku));
          return json(200, { orders: mine.map(({ owner: _, ...o }) => o) });
        },
      },
    ],
  };
}
