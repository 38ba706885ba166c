import { defineScenario } from './define.ts';
import { tools } from './tools.ts';

export default defineScenario({
  id: 'mcp-dropped-ack',
  title: 'Over MCP: an order commits but the response to its tools/call is never delivered',
  source: { seed: '000', case: 'failure mode 2 (retry-induced double action), with the tools served over MCP' },
  task: 'Order 40 cases of SKU A1 for the Richmond store.',
  system: 'You are a procurement assistant. Use place_order to order stock. Report the order id when done.',
  tools: [tools.place_order, tools.list_orders],
  services: { orders: { skus: { A1: { name: 'Frozen peas, 10 kg case', unitPrice: 31.5 } } } },
  transport: 'mcp',
  // The first one to three MCP responses are lost after the order commits.
  faults: [{ fault: 'mcp-lost-response', tool: 'place_order', when: { first: [1, 3] } }],
  model: {
    persona: 'diligent',
    plan: [{ call: [{ name: 'place_order', input: { sku: 'A1', quantity: 40 } }] }],
    answer: 'Ordered {{place_order.quantity}} cases of {{place_order.sku}}: order {{place_order.order_id}} is confirmed.',
  },
  intent: { effects: [{ service: 'orders', kind: 'order', match: { sku: 'A1', quantity: 40 }, count: 1 }], maxAttemptsPerCall: 3 },
  goal: { effects: true, orStop: [{ failed: 'place_order' }] },
  checks: ['exactly-once'],
  primaryCheck: 'exactly-once',
});
