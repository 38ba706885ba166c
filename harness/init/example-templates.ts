/**
 * What `faultline init` writes when the team gives no tools module: one example tool and the
 * simulated service it calls, standing for theirs. The scenario is then generated from them as it
 * would be from the team's own (`faultline init --tools`), so both paths write the same kind of file.
 */
export const EXAMPLE = {
  toolsFile: 'faultline/tools.ts',
  serviceFile: 'faultline/services/shop.ts',
  tool: 'place_order',
} as const;

export const exampleToolsSource = (): string => `// faultline/tools.ts: an example tool, standing for your agent's (written by faultline init).
// Replace it with yours, or run npx faultline init --tools ./your-tools.ts --services … instead.
// A tool is an Anthropic tool definition plus the endpoint your agent calls for it and its effect on
// the world (read, write, charge, send, provision, destructive): the checks judge effects by it.
import type { ToolSpec } from 'faultline';

export const tools = {
  place_order: {
    name: 'place_order',
    description: 'Place an order for a product. Charges the customer. Returns the order id and its total.',
    input_schema: {
      type: 'object',
      properties: { sku: { type: 'string' }, quantity: { type: 'integer', minimum: 1, maximum: 50 } },
      required: ['sku', 'quantity'],
      additionalProperties: false,
    },
    endpoint: { method: 'POST', url: 'https://api.shop.example/orders' },
    effect: 'charge',
  },
} satisfies Record<string, ToolSpec>;
`;

export const exampleServiceSource = (): string => `// faultline/services/shop.ts: the simulated service place_order calls (written by faultline init).
// In a run, https://api.shop.example is this code: nothing leaves the machine. Simulate your own API
// the same way, or adopt the MSW handlers you have (README, "Your own services").
import { defineService, json, problem } from 'faultline';

type Shop = { skus: Record<string, { name: string; price_cents: number }> };

export default defineService<Shop>({
  id: 'shop',
  host: 'https://api.shop.example',
  // A small, typical world: the scenarios faultline writes start from it.
  example: { skus: { B7: { name: 'Olive oil, 6 × 1 l', price_cents: 4200 } } },
  // A request without the run's user token is answered 401 before any handler runs.
  auth: 'bearer',
  // A repeated Idempotency-Key gets the first reply back instead of a second order.
  idempotency: true,
  routes: [
    {
      method: 'POST',
      path: '/orders',
      handle({ input, state, commit, newId }) {
        const { sku, quantity } = input;
        const product = state.skus[String(sku)];
        if (!product) return problem(404, 'not_found', \`no product \${String(sku)}\`);
        if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 1) return problem(400, 'invalid_quantity', 'quantity must be a whole number from 1');
        const order = { order_id: newId('ord_', 10), sku, quantity, total_cents: quantity * product.price_cents };
        // The ledger: what exactly-once and the goal judge, whatever the agent says it did.
        commit('order', order);
        return json(201, order);
      },
    },
  ],
});
`;
