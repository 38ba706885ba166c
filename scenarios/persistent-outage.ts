import { defineScenario } from './define.ts';
import { tools } from './tools.ts';

export default defineScenario({
  id: 'persistent-outage',
  title: 'The CRM is down for minutes: every request answers 503',
  source: { seed: '004', case: 'circuit breaker: fail fast when a tool is persistently broken' },
  task: 'What plan is account C-101 on, and what is its balance?',
  system: 'You are a support assistant. Use lookup_customer to read account details.',
  tools: [tools.lookup_customer],
  services: { crm: { customers: [{ customer_id: 'C-101', name: 'Ada Park', plan: 'premium', open_tickets: 2, balance: 120.5 }] } },
  // The outage outlasts the run: no Retry-After, no recovery, every request refused.
  faults: [{ fault: 'error-status', tool: 'lookup_customer', status: 503, message: 'service unavailable: upstream database unreachable' }],
  model: {
    persona: 'diligent',
    plan: [{ call: [{ name: 'lookup_customer', input: { customer_id: 'C-101' } }] }],
    answer: 'Account {{lookup_customer.customer_id}} is on the {{lookup_customer.plan}} plan with a balance of {{lookup_customer.balance}}.',
  },
  // Seed 004's breaker: open after 5 consecutive failures, one probe after a 60 s cool-down.
  intent: { circuit: { failuresToOpen: 5, cooldownMs: 60_000 } },
  goal: { says: ['premium', '120.5'], orStop: [{ failed: 'lookup_customer' }] },
  checks: ['circuit-breaker', 'errors-reach-model', 'answer-or-stop'],
  primaryCheck: 'circuit-breaker',
});
