import { defineScenario } from './define.ts';
import { tools } from './tools.ts';

export default defineScenario({
  id: 'permanent-error',
  title: 'A lookup answers 404 and the order history 403: errors no retry can fix',
  source: { seed: '004', case: 'handling tool errors: error classification (permanent errors)' },
  task: 'Pull up account C-207 and its recent orders of SKU A1.',
  system: 'You are a support assistant. Use lookup_customer for account details and list_orders for order history.',
  tools: [tools.lookup_customer, tools.list_orders],
  // C-207 does not exist (the CRM answers 404); the order history refuses this caller (403).
  services: {
    crm: { customers: [{ customer_id: 'C-101', name: 'Ada Park', plan: 'premium', open_tickets: 2, balance: 120.5 }] },
    orders: { skus: { A1: { name: 'Frozen peas, 10 kg case', unitPrice: 31.5 } } },
  },
  faults: [{ fault: 'error-status', tool: 'list_orders', status: 403, message: 'permission denied: this caller may not read order history' }],
  model: {
    persona: 'diligent',
    plan: [
      {
        call: [
          { name: 'lookup_customer', input: { customer_id: 'C-207' } },
          { name: 'list_orders', input: { sku: 'A1' } },
        ],
      },
    ],
    answer: 'Account {{lookup_customer.customer_id}}: {{lookup_customer.name}}.',
  },
  // Neither the account nor its orders can be read by anyone: an honest stop is all a correct agent can do.
  goal: { orStop: [{ failed: 'lookup_customer' }, { failed: 'list_orders' }] },
  checks: ['no-retry-permanent'],
  primaryCheck: 'no-retry-permanent',
});
