import { defineScenario } from './define.ts';
import { tools } from './tools.ts';

const customers = [
  { customer_id: 'C-201', name: 'Ines Moreau', plan: 'business', open_tickets: 4, balance: 1250 },
  { customer_id: 'C-202', name: 'Tomasz Nowak', plan: 'premium', open_tickets: 1, balance: 89.9 },
  { customer_id: 'C-203', name: 'Aroha Ngata', plan: 'basic', open_tickets: 0, balance: 0 },
  { customer_id: 'C-204', name: 'Kenji Watanabe', plan: 'business', open_tickets: 7, balance: 4320.75 },
  { customer_id: 'C-205', name: 'Lucia Ferraro', plan: 'premium', open_tickets: 2, balance: 410 },
  { customer_id: 'C-206', name: 'Samuel Osei', plan: 'basic', open_tickets: 3, balance: 56.2 },
];

// One section per account: long enough that six of them overrun the 1,024-token default.
const section = [
  '## {{input.customer_id}}: {{result.name}}',
  'Plan: {{result.plan}}. Open support tickets: {{result.open_tickets}}. Outstanding balance: {{result.balance}}.',
  'Assessment: the account has been reviewed against its plan entitlements, its support history over the quarter and the',
  'state of its invoices. Ticket volume is compared with the median for the plan, and any balance older than thirty days',
  'is flagged for the collections desk before the renewal conversation, so that the account manager does not discover it',
  'in the middle of a negotiation. Usage of the plan features is checked against what the customer pays for, which is',
  'where most upgrade and downgrade conversations start, and where most avoidable churn is first visible.',
  'Next step: the account manager books a call within ten working days, walks through every open ticket with the customer,',
  'confirms the billing contact, and records the outcome in the CRM so that next quarter starts from a known position.',
].join('\n');

export default defineScenario({
  id: 'max-tokens',
  title: 'After a chain of six lookups the final write-up runs past max_tokens',
  source: { seed: '003', case: 'failure mode 3 (token budget exhaustion when chaining 5+ tools)' },
  task: `Write the quarterly account review for ${customers.map((c) => c.customer_id).join(', ')}: plan, tickets, balance and the next step for each.`,
  system: 'You are an account-management assistant. Look each account up with lookup_customer, one after another, then write the full review.',
  tools: [tools.lookup_customer],
  services: { crm: { customers } },
  model: {
    persona: 'diligent',
    plan: customers.map((c) => ({ call: [{ name: 'lookup_customer', input: { customer_id: c.customer_id } }] })),
    answer: `# Quarterly account review\n\n{{#each lookup_customer}}${section}\n\n{{/each}}All six accounts are reviewed; calls are to be booked this week.`,
  },
  // The common default the seed names: enough for the tool calls, not for the synthesis.
  limits: { maxTokens: 1024 },
  // A reply cut at max_tokens cannot be the review; stopping and saying so is honest.
  goal: { says: customers.map((c) => c.name), orStop: ['truncated'] },
  checks: ['truncation-not-final'],
  primaryCheck: 'truncation-not-final',
});
