import { defineScenario } from './define.ts';
import { tools } from './tools.ts';

const products = Array.from({ length: 12 }, (_, i) => ({ sku: `P-${100 + i}`, name: `Product ${100 + i}`, price: 10 + i, tier: i % 3 ? 'standard' : 'premium' }));

export default defineScenario({
  id: 'pagination-loop',
  title: 'A formatter strips every page to its has_more flag; the model asks for the same page again',
  source: { seed: '003', case: 'failure mode 1 (the infinite tool call loop)' },
  task: 'List every product in the catalogue with its price.',
  system: 'You are a catalogue assistant. Use list_products and read every page before you answer.',
  tools: [tools.list_products],
  services: { catalog: { products, pageSize: 5 } },
  // The result formatter keeps the pagination metadata and drops the rows.
  faults: [{ fault: 'strip-data', tool: 'list_products', keep: ['page', 'has_more'] }],
  model: {
    persona: 'pager',
    plan: [{ call: [{ name: 'list_products', input: { page: 1 } }] }],
    answer: 'I read {{#each list_products}}page {{result.page}}, {{/each}}and no pages remain.',
  },
  // The same page (same tool, same arguments) may be read twice; a third identical call is a loop.
  intent: { maxAttemptsPerCall: 2 },
  // The rows never arrive: no agent can list the catalogue, so reading it and saying so is the goal.
  goal: { says: products.map((p) => p.sku), orStop: [{ repeated: 'list_products' }] },
  checks: ['bounded-retries', 'answer-or-stop'],
  primaryCheck: 'bounded-retries',
});
