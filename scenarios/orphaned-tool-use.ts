import { defineScenario } from './define.ts';
import { tools } from './tools.ts';

const customers = [
  { customer_id: 'C-201', name: 'Greta Lund', plan: 'business', open_tickets: 1, balance: 1250 },
  { customer_id: 'C-202', name: 'Hamid Rahimi', plan: 'premium', open_tickets: 0, balance: 0 },
  { customer_id: 'C-203', name: 'Ines Duarte', plan: 'basic', open_tickets: 2, balance: 89.9 },
  { customer_id: 'C-204', name: 'Jonas Weber', plan: 'business', open_tickets: 4, balance: 4310 },
  { customer_id: 'C-205', name: 'Keiko Mori', plan: 'premium', open_tickets: 0, balance: 415.5 },
  { customer_id: 'C-206', name: 'Luca Bianchi', plan: 'basic', open_tickets: 1, balance: 22 },
];

const balances = customers.map((c) => `${c.customer_id} (${c.name}): ${c.balance}`);

export default defineScenario({
  id: 'orphaned-tool-use',
  title: 'Parallel lookups hang; the runtime gives up on one of them for good',
  source: { seed: 'API contract', case: 'every tool_use needs a tool_result in the next message; the parallel batch of seed 002 case 2' },
  task: `Before Monday's renewal calls, pull up accounts ${customers.map((c) => c.customer_id).join(', ')} and list each account's balance.`,
  system: 'You are a support assistant. Look up every account with lookup_customer, all at once, then list the balances.',
  tools: [tools.lookup_customer],
  services: { crm: { customers } },
  faults: [
    // C-204's partition is rebuilding: its first three lookups hang, more than a runtime's own three
    // attempts, so the call fails and its result must still go back; asked again, it answers.
    { fault: 'slow-reply', tool: 'lookup_customer', when: { match: { customer_id: 'C-204' }, first: 3 }, delayMs: 10 * 60_000 },
    // The CRM's other first requests of the morning hang behind a cold cache; asked again, they answer.
    { fault: 'slow-reply', tool: 'lookup_customer', when: { first: [1, 3] }, delayMs: 10 * 60_000 },
  ],
  model: {
    persona: 'diligent',
    plan: [{ call: customers.map((c) => ({ name: 'lookup_customer', input: { customer_id: c.customer_id } })) }],
    answer: 'Balances:\n{{#each lookup_customer}}- {{input.customer_id}} ({{result.name}}): {{result.balance}}\n{{/each}}',
  },
  // 10 s per call, so a runtime's three attempts at C-204 fit the 60 s run with room for the model's re-ask.
  intent: { answer: { includes: balances, excludes: [] }, toolTimeoutMs: 10_000 },
  goal: { says: balances },
  checks: ['tool-results-complete', 'known-answer'],
  primaryCheck: 'tool-results-complete',
});
