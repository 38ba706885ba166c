import { defineScenario } from '../../scenarios/define.ts';
import type { Scenario } from '../../scenarios/schema.ts';
import { tools } from '../../scenarios/tools.ts';
import { validateScenario } from '../../scenarios/validate.ts';

/**
 * The benchmark's canonical loop: two sequential steps of one tool call each, no faults, so the
 * agent makes 3 model turns (call, call, answer) and 2 tool calls. The model keeps its default
 * virtual latency ([300, 900] ms per turn) so the run also exercises virtual time.
 */
const canonicalInput = defineScenario({
  id: 'bench-canonical',
  title: 'Canonical loop: look up a customer, then list their orders',
  source: { seed: 'bench', case: 'canonical 3-turn, 2-tool loop' },
  task: 'Look up customer C-101, then list their orders of SKU A1.',
  system: 'You are a support assistant. Use lookup_customer, then list_orders, then answer.',
  tools: [tools.lookup_customer, tools.list_orders],
  services: {
    crm: { customers: [{ customer_id: 'C-101', name: 'Ada Park', plan: 'premium', open_tickets: 2, balance: 120.5 }] },
    orders: { skus: { A1: { name: 'Frozen peas, 10 kg case', unitPrice: 31.5 } } },
  },
  model: {
    persona: 'diligent',
    plan: [{ call: [{ name: 'lookup_customer', input: { customer_id: 'C-101' } }] }, { call: [{ name: 'list_orders', input: { sku: 'A1' } }] }],
    answer: '{{lookup_customer.name}} ({{lookup_customer.plan}}) has no open orders of A1: {{list_orders.orders.length}} found.',
  },
  intent: { answer: { includes: ['Ada Park (premium)', '0 found'], excludes: [] } },
  goal: { says: ['Ada Park (premium)'] },
  checks: ['known-answer'],
  primaryCheck: 'known-answer',
});

/** The canonical scenario, validated exactly as the catalogue validates its own. */
export function canonicalScenario(): Scenario {
  const { scenario, problems } = validateScenario(canonicalInput, 'harness/bench/canonical.ts');
  if (!scenario) throw new Error(`invalid canonical scenario:\n  ${problems.join('\n  ')}`);
  return scenario;
}
