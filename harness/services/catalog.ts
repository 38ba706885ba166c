import { z } from 'zod';
import { json, problem, type Service } from './types.ts';

export const catalogState = z.object({
  products: z.array(z.object({ sku: z.string(), name: z.string(), price: z.number(), tier: z.string() })),
  pageSize: z.number().int().positive().default(5),
});

/**
 * A product catalogue, read-only: one product by SKU (the `lookup_product` of seed 002 case 3),
 * and the whole list a page at a time with `has_more` and `next_page` (seed 003 mode 1).
 */
export function catalogService(state: z.infer<typeof catalogState>, host = 'https://catalog.sim'): Service {
  const authorized = (id: string) => id !== 'anonymous' && id !== 'invalid';
  return {
    name: 'catalog',
    host,
    idempotency: false,
    routes: [
      {
        tool: 'lookup_product',
        method: 'GET',
        path: '/products',
        handle(req) {
          if (!authorized(req.principal.id)) return problem(401, 'unauthorized', 'a valid bearer token is required');
          const product = state.products.find((p) => p.sku === req.input.sku);
          return product ? json(200, product) : problem(404, 'not_found', `no product ${String(req.input.sku)}`);
        },
      },
      {
        tool: 'list_products',
        method: 'GET',
        path: '/products/pages',
        handle(req) {
          if (!authorized(req.principal.id)) return problem(401, 'unauthorized', 'a valid bearer token is required');
          const page = Number(req.input.page ?? 1);
          if (!Number.isInteger(page) || page < 1) return problem(400, 'invalid_page', 'page must be a positive integer');
          const start = (page - 1) * state.pageSize;
          const products = state.products.slice(start, start + state.pageSize);
          const hasMore = start + state.pageSize < state.products.length;
          return json(200, { products, page, has_more: hasMore, next_page: hasMore ? page + 1 : null });
        },
      },
    ],
  };
}
