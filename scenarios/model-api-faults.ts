import { defineScenario } from './define.ts';
import { tools } from './tools.ts';

export default defineScenario({
  id: 'model-api-faults',
  title: 'The Messages API is overloaded, then its reply stream breaks mid tool call',
  source: { seed: '004', case: 'transient errors retried with backoff; the API side of the call (SDK retries, streaming)' },
  task: 'Order 40 cases of SKU A1 for the Richmond store.',
  system: 'You are a procurement assistant. Use place_order to order stock. Report the order id when done.',
  tools: [tools.place_order, tools.list_orders],
  services: { orders: { skus: { A1: { name: 'Frozen peas, 10 kg case', unitPrice: 31.5 } } } },
  // The first model call meets a 529, sometimes a 500 after it: at most two failures, which the
  // SDK's own retries (two, with backoff) absorb. Then the first reply carrying a tool call breaks
  // off mid `input_json_delta`: `{"sku":"A1","quantity":4` with the 0 never sent.
  faults: [
    { fault: 'api-error', status: 529, when: { first: 1 } },
    { fault: 'api-error', status: 500, when: { first: [0, 1] } },
    { fault: 'sse-cut', when: { first: 1 } },
  ],
  model: {
    persona: 'diligent',
    plan: [{ call: [{ name: 'place_order', input: { sku: 'A1', quantity: 40 } }] }],
    answer: 'Ordered {{place_order.quantity}} cases of {{place_order.sku}}: order {{place_order.order_id}} is confirmed.',
  },
  intent: { effects: [{ service: 'orders', kind: 'order', match: { sku: 'A1', quantity: 40 }, count: 1 }] },
  goal: { effects: true, orStop: ['model-failed'] },
  checks: ['complete-reply-only', 'exactly-once'],
  primaryCheck: 'complete-reply-only',
});
