import { defineScenario } from './define.ts';
import { tools } from './tools.ts';

const ids = ['C-101', 'C-102', 'C-103', 'C-104', 'C-105', 'C-106', 'C-107', 'C-108'];
const plans = ['premium', 'basic', 'team'];
const customers = ids.map((customer_id, i) => ({ customer_id, name: `Holder ${i + 1}`, plan: plans[i % plans.length] as string, open_tickets: i % 3, balance: 100 + 25 * i }));

export default defineScenario({
  id: 'token-budget',
  title: 'Verbose lookups grow the context every turn until the token budget is gone',
  source: { seed: '003', case: 'failure mode 3 (token budget exhaustion when chaining 5+ tools; and seed 001 pattern 5)' },
  task: `Review accounts ${ids.join(', ')} one by one and list each one's plan and balance.`,
  system: 'You are a support assistant. Use lookup_customer to read account details, one account at a time.',
  tools: [tools.lookup_customer],
  services: {
    crm: { customers },
  },
  // Each record comes with ~16,000 characters of raw activity log: over 3,000 tokens more input
  // per turn, the growth seed 003 says to look for.
  faults: [{ fault: 'verbose-reply', tool: 'lookup_customer', extraChars: 16_000 }],
  model: {
    persona: 'diligent',
    plan: ids.map((customer_id) => ({ call: [{ name: 'lookup_customer', input: { customer_id } }] })),
    answer: '{{#each lookup_customer}}{{result.customer_id}}: {{result.plan}}, balance {{result.balance}}. {{/each}}',
  },
  // Seed 001 pattern 5's max_tokens_total: input plus output over the whole run.
  intent: { tokenBudget: 100_000 },
  // Eight verbose records do not fit the token budget: stopping at it, and saying so, is honest.
  goal: { says: customers.map((c) => `${c.customer_id}: ${c.plan}, balance ${c.balance}`), orStop: ['token-budget'] },
  checks: ['token-budget', 'answer-or-stop'],
  primaryCheck: 'token-budget',
});
