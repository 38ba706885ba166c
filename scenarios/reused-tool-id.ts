import { defineScenario } from './define.ts';
import { tools } from './tools.ts';

export default defineScenario({
  id: 'reused-tool-id',
  title: "A later reply's tool call arrives under the id of an earlier call",
  source: { seed: '002', case: 'case 2 (results correlated by tool_use_id): the ids themselves repeat, as a gateway that numbers calls per response sends them' },
  task: 'Order 40 cases of SKU A1 for the Richmond store, unless an order for them is already open.',
  system: 'You are a procurement assistant. Use list_orders to check open orders and place_order to order stock. Report the order id when done.',
  tools: [tools.place_order, tools.list_orders],
  services: { orders: { skus: { A1: { name: 'Frozen peas, 10 kg case', unitPrice: 31.5 } } } },
  // The place_order call of the second reply carries the id of the first reply's list_orders call.
  // It is a new call all the same: it must run, and be answered under an id the conversation does
  // not already hold (the API refuses a request with one id on two calls).
  faults: [{ fault: 'reused-tool-id' }],
  model: {
    persona: 'diligent',
    plan: [{ call: [{ name: 'list_orders', input: { sku: 'A1' } }] }, { call: [{ name: 'place_order', input: { sku: 'A1', quantity: 40 } }] }],
    answer: 'Ordered {{place_order.quantity}} cases of {{place_order.sku}}: order {{place_order.order_id}} is confirmed.',
  },
  intent: { effects: [{ service: 'orders', kind: 'order', match: { sku: 'A1', quantity: 40 }, count: 1 }] },
  goal: { effects: true },
  checks: ['tool-results-complete', 'results-correlated', 'exactly-once'],
  primaryCheck: 'tool-results-complete',
});
