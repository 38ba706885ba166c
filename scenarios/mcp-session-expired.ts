import { defineScenario } from './define.ts';
import { tools } from './tools.ts';

export default defineScenario({
  id: 'mcp-session-expired',
  title: 'Over MCP: the session expires under the order; the server answers 404 until the client initializes again',
  source: { seed: '004', case: 'transient failures a client can recover from, at the MCP transport: Streamable HTTP session expiry (404 on Mcp-Session-Id)' },
  task: 'Order 40 cases of SKU A1 for the Richmond store.',
  system: 'You are a procurement assistant. Use place_order to order stock. Report the order id when done.',
  tools: [tools.place_order, tools.list_orders],
  services: { orders: { skus: { A1: { name: 'Frozen peas, 10 kg case', unitPrice: 31.5 } } } },
  transport: 'mcp',
  // The session ends under the first order call: refused (404) before anything committed.
  faults: [{ fault: 'mcp-session-expired', tool: 'place_order', when: { first: 1 } }],
  model: {
    persona: 'diligent',
    plan: [{ call: [{ name: 'place_order', input: { sku: 'A1', quantity: 40 } }] }],
    answer: 'Ordered {{place_order.quantity}} cases of {{place_order.sku}}: order {{place_order.order_id}} is confirmed.',
  },
  intent: { effects: [{ service: 'orders', kind: 'order', match: { sku: 'A1', quantity: 40 }, count: 1 }], maxAttemptsPerCall: 3 },
  // Nothing stands in the way of a client that initializes again: the order must be placed, once.
  goal: { effects: true },
  checks: ['goal', 'exactly-once'],
  primaryCheck: 'goal',
});
