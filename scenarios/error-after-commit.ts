import { defineScenario } from './define.ts';
import { tools } from './tools.ts';

export default defineScenario({
  id: 'error-after-commit',
  title: 'The order commits in 80 ms; the balancer answers 500 after 30 s',
  source: { seed: '002', case: 'case 1 (the idempotency cascade)' },
  task: 'Order 40 cases of SKU A1 of frozen produce for the distribution center.',
  system: 'You are a procurement assistant. Use place_order to order stock. Report the order id when done.',
  tools: [tools.place_order, tools.list_orders],
  services: { orders: { skus: { A1: { name: 'Frozen produce, mixed case', unitPrice: 42 } } } },
  // The slow pricing decoration makes the balancer give up on the first try always, then on most.
  faults: [{ fault: 'error-after-commit', tool: 'place_order', when: { first: 1, probability: 0.85 }, commitMs: 80, replyAfterMs: 30_000, status: 500 }],
  model: {
    persona: 'diligent',
    plan: [{ call: [{ name: 'place_order', input: { sku: 'A1', quantity: 40 } }] }],
    answer: 'Ordered {{place_order.quantity}} cases of {{place_order.sku}}: order {{place_order.order_id}} is confirmed.',
  },
  intent: { effects: [{ service: 'orders', kind: 'order', match: { sku: 'A1', quantity: 40 }, count: 1 }], maxAttemptsPerCall: 3 },
  // Where the service refuses every attempt the limits allow, no agent can place it: an honest stop passes.
  goal: { effects: true, orStop: [{ failed: 'place_order' }] },
  checks: ['exactly-once', 'bounded-retries'],
  primaryCheck: 'exactly-once',
});
