import { defineScenario } from './define.ts';
import { tools } from './tools.ts';

export default defineScenario({
  id: 'dropped-ack',
  title: 'An order commits but its reply is lost; the client times out',
  source: { seed: '000', case: 'failure mode 2 (retry-induced double action)' },
  task: 'Order 40 cases of SKU A1 for the Richmond store.',
  system: 'You are a procurement assistant. Use place_order to order stock. Report the order id when done.',
  tools: [tools.place_order, tools.list_orders],
  services: { orders: { skus: { A1: { name: 'Frozen peas, 10 kg case', unitPrice: 31.5 } } } },
  // The first one to three replies are dropped after the order commits.
  faults: [{ fault: 'drop-reply', tool: 'place_order', when: { first: [1, 3] } }],
  model: {
    persona: 'diligent',
    plan: [{ call: [{ name: 'place_order', input: { sku: 'A1', quantity: 40 } }] }],
    answer: 'Ordered {{place_order.quantity}} cases of {{place_order.sku}}: order {{place_order.order_id}} is confirmed.',
  },
  // At most 3 attempts per call (seed 004): if the service commits none of them, exactly-once
  // excuses the missing order — no runtime could place it without breaking the bound.
  intent: { effects: [{ service: 'orders', kind: 'order', match: { sku: 'A1', quantity: 40 }, count: 1 }], maxAttemptsPerCall: 3 },
  // Where the service refuses every attempt the limits allow, no agent can place it: an honest stop passes.
  goal: { effects: true, orStop: [{ failed: 'place_order' }] },
  checks: ['exactly-once'],
  primaryCheck: 'exactly-once',
});
