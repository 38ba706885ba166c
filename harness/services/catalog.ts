import { z } from 'zod';
import { defineService } from './define.ts';
import { json, problem } from './types.ts';

const catalogState = z.object({
  products: z.array(z.object({ sku: z.string(), name: z.string(), price: z.number(), tier: z.string() })),
  pageSize: z.number().int().positive().default(5),
});

/**
 * A product catalogue, read-only: one product by SKU (the `lookup_product` of seed 002 case 3),
 * and the whole list a page at a time with `has_more` and `next_page` (seed 003 mode 1).
 */
export const catalogService = defineService({
  id: 'catalog',
  host: 'https://catalog.sim',
  seed: catalogState,
  example: {
    products: [
      { sku: 'KX-200', name: 'KX-200 blender', price: 89, tier: 'mid-range' },
      { sku: 'TS-10', name: 'TS-10 toaster', price: 35, tier: 'budget' },
      { sku: 'EM-5', name: 'EM-5 espresso machine', price: 420, tier: 'premium' },
    ],
    pageSize: 2,
  },
  auth: 'bearer',
  routes: [
    {
      name: 'lookup_product',
      method: 'GET',
      path: '/products',
      handle({ input, state }) {
        const product = state.products.find((p) => p.sku === input.sku);
        return product ? json(200, product) : problem(404, 'not_found', `no product ${String(input.sku)}`);
      },
    },
    {
      name: 'list_products',
      method: 'GET',
      path: '/products/pages',
      handle({ input, state }) {
        const page = Number(input.page ?? 1);
        if (!Number.isInteger(page) || page < 1) return problem(400, 'invalid_page', 'page must be a positive integer');
        const start = (page - 1) * state.pageSize;
        const products = state.products.slice(start, start + state.pageSize);
        const hasMore = start + state.pageSize < state.products.length;
        return json(200, { products, page, has_more: hasMore, next_page: hasMore ? page + 1 : null });
      },
    },
  ],
});
