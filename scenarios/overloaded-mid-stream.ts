import { defineScenario } from './define.ts';
import { tools } from './tools.ts';

export default defineScenario({
  id: 'overloaded-mid-stream',
  title: 'The reply stream breaks off with an overloaded_error after it began',
  source: { seed: '004', case: 'transient errors retried; an error event after the 200, which the SDK does not retry' },
  task: 'Order 40 cases of SKU A1 for the Richmond store.',
  system: 'You are a procurement assistant. Use place_order to order stock. Report the order id when done.',
  tools: [tools.place_order, tools.list_orders],
  services: { orders: { skus: { A1: { name: 'Frozen peas, 10 kg case', unitPrice: 31.5 } } } },
  // The first streamed reply starts (status 200, message_start, perhaps part of the tool call), then
  // an `event: error` of type overloaded_error ends it. The SDK throws; asking again succeeds.
  faults: [{ fault: 'stream-error', when: { first: 1 } }],
  model: {
    persona: 'diligent',
    plan: [{ call: [{ name: 'place_order', input: { sku: 'A1', quantity: 40 } }] }],
    answer: 'Ordered {{place_order.quantity}} cases of {{place_order.sku}}: order {{place_order.order_id}} is confirmed.',
  },
  intent: { effects: [{ service: 'orders', kind: 'order', match: { sku: 'A1', quantity: 40 }, count: 1 }] },
  goal: { effects: true, orStop: ['model-failed'] },
  checks: ['complete-reply-only', 'exactly-once'],
  primaryCheck: 'goal',
});
