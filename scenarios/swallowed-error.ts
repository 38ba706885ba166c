import { defineScenario } from './define.ts';
import { tools } from './tools.ts';

const customers = [
  { customer_id: 'C-301', name: 'Mei Lin', plan: 'premium', open_tickets: 1, balance: 72.4 },
  { customer_id: 'C-302', name: 'Olu Adeyemi', plan: 'business', open_tickets: 6, balance: 1875 },
  { customer_id: 'C-303', name: 'Greta Holm', plan: 'basic', open_tickets: 0, balance: 0 },
];

const statuses = customers.map((c) => `${c.customer_id}: ${c.name}, ${c.plan}, ${c.open_tickets} open tickets`);

export default defineScenario({
  id: 'swallowed-error',
  title: 'A lookup fails with a reset connection; the runtime hands the model an empty string',
  source: { seed: '003', case: 'failure mode 2 (broken error recovery: the empty-string tool result)' },
  task: `Give me a status line for accounts ${customers.map((c) => c.customer_id).join(', ')}: holder, plan and open tickets.`,
  system: 'You are a support assistant. Look each account up with lookup_customer, one after another, then list them.',
  tools: [tools.lookup_customer],
  services: { crm: { customers } },
  // The downstream API drops the first three or four connections, then recovers: more than a runtime's
  // own three attempts absorb, so the failure reaches the model on every seed, and fewer than open a breaker.
  faults: [{ fault: 'connection-reset', tool: 'lookup_customer', when: { first: [3, 4] } }],
  model: {
    persona: 'diligent',
    plan: customers.map((c) => ({ call: [{ name: 'lookup_customer', input: { customer_id: c.customer_id } }] })),
    answer: 'Account status:\n{{#each lookup_customer}}- {{input.customer_id}}: {{result.name}}, {{result.plan}}, {{result.open_tickets}} open tickets\n{{/each}}',
  },
  intent: { answer: { includes: statuses, excludes: ['(unknown)'] } },
  goal: { says: statuses },
  checks: ['errors-reach-model', 'known-answer'],
  primaryCheck: 'errors-reach-model',
});
