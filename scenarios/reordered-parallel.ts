import { defineScenario } from './define.ts';
import { tools } from './tools.ts';

export const customers = [
  { customer_id: 'C-101', name: 'Ada Park', plan: 'premium', open_tickets: 2, balance: 120.5 },
  { customer_id: 'C-102', name: 'Bo Lindqvist', plan: 'basic', open_tickets: 0, balance: 0 },
  { customer_id: 'C-103', name: 'Chidi Okafor', plan: 'business', open_tickets: 5, balance: 980 },
  { customer_id: 'C-104', name: 'Dana Reyes', plan: 'basic', open_tickets: 1, balance: 15.25 },
  { customer_id: 'C-105', name: 'Eun-ji Seo', plan: 'premium', open_tickets: 3, balance: 44 },
  { customer_id: 'C-106', name: 'Farid Haddad', plan: 'business', open_tickets: 0, balance: 310 },
];

const cards = customers.map((c) => `${c.customer_id}: ${c.name}, ${c.plan}`);

export default defineScenario({
  id: 'reordered-parallel',
  title: 'Six parallel lookups come back in a different order',
  source: { seed: '002', case: 'case 2 (the out-of-order parallel)' },
  task: `Build profile cards for accounts ${customers.map((c) => c.customer_id).join(', ')}: name and plan for each.`,
  system: 'You are a support assistant. Look up every account with lookup_customer, all at once, then list each card.',
  tools: [tools.lookup_customer],
  services: { crm: { customers } },
  faults: [{ fault: 'reorder', tool: 'lookup_customer', batch: 6, spacingMs: 40 }],
  model: {
    persona: 'diligent',
    plan: [{ call: customers.map((c) => ({ name: 'lookup_customer', input: { customer_id: c.customer_id } })) }],
    answer: 'Profile cards:\n{{#each lookup_customer}}- {{input.customer_id}}: {{result.name}}, {{result.plan}}\n{{/each}}',
  },
  intent: { answer: { includes: cards, excludes: [] } },
  goal: { says: cards },
  checks: ['results-correlated', 'known-answer'],
  primaryCheck: 'results-correlated',
});
