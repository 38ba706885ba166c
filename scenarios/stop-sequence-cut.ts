import { defineScenario } from './define.ts';
import { tools } from './tools.ts';

export default defineScenario({
  id: 'stop-sequence-cut',
  title: 'A stop sequence a gateway added ends the reply before the tool call it was leading up to',
  source: { seed: '004', case: "layer 2's loop returns whatever did not stop on tool_use (003 mode 3: a cut reply does not throw); the API's stop_reason stop_sequence" },
  task: 'Order 40 cases of SKU A1 for the Richmond store, unless an order for them is already open.',
  system: 'You are a procurement assistant. Use list_orders to check open orders and place_order to order stock. Report the order id when done.',
  tools: [tools.place_order, tools.list_orders],
  services: { orders: { skus: { A1: { name: 'Frozen peas, 10 kg case', unitPrice: 31.5 } } } },
  // The gateway in front of the API adds `\nObservation:` to every request's stop sequences (the
  // ReAct loop it served before stopped the model there). After the check, the model recaps it on
  // an Observation line before ordering: the API stops there, so the reply holds the first line
  // only, and the place_order call after it never arrives.
  faults: [{ fault: 'stop-sequence', sequence: '\nObservation:' }],
  model: {
    persona: 'diligent',
    plan: [
      { call: [{ name: 'list_orders', input: { sku: 'A1' } }] },
      { say: 'Checked the open orders: none for A1.\nObservation: the store still needs all 40 cases, so I am placing the order now.', call: [{ name: 'place_order', input: { sku: 'A1', quantity: 40 } }] },
    ],
    answer: 'Ordered {{place_order.quantity}} cases of {{place_order.sku}}: order {{place_order.order_id}} is confirmed.',
  },
  intent: { effects: [{ service: 'orders', kind: 'order', match: { sku: 'A1', quantity: 40 }, count: 1 }] },
  // No runtime can make the model finish past the gateway's stop: an honest stop passes.
  goal: { effects: true, orStop: ['stop-sequence'] },
  // No complete-reply-only: the reply is whole (a 200 to its message_stop), and the call it cut never arrived.
  checks: ['truncation-not-final', 'exactly-once'],
  primaryCheck: 'truncation-not-final',
});
