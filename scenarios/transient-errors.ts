import { defineScenario } from './define.ts';
import { tools } from './tools.ts';

export default defineScenario({
  id: 'transient-errors',
  title: 'The CRM sheds load: 429 then 503, each with Retry-After',
  source: { seed: '004', case: 'retry with exponential backoff; error classification (and seed 001 pattern 4)' },
  task: 'What plan is account C-101 on, and what is its balance?',
  system: 'You are a support assistant. Use lookup_customer to read account details.',
  tools: [tools.lookup_customer],
  services: { crm: { customers: [{ customer_id: 'C-101', name: 'Ada Park', plan: 'premium', open_tickets: 2, balance: 120.5 }] } },
  // A rate limit always answers the first lookup; an overloaded replica sometimes answers the next.
  // Two failures at most, so three attempts (seed 004's retry_count < 3) always get through.
  faults: [
    { fault: 'error-status', tool: 'lookup_customer', when: { first: 1 }, status: 429, retryAfterS: 2, message: 'rate limit exceeded' },
    { fault: 'error-status', tool: 'lookup_customer', when: { first: [0, 1] }, status: 503, retryAfterS: 4, message: 'service unavailable' },
  ],
  model: {
    persona: 'diligent',
    plan: [{ call: [{ name: 'lookup_customer', input: { customer_id: 'C-101' } }] }],
    answer: 'Account {{lookup_customer.customer_id}} is on the {{lookup_customer.plan}} plan with a balance of {{lookup_customer.balance}}.',
  },
  // Backoff starts at 1 s and doubles (1-2-4-8 s); at most 3 attempts per call (seeds 004 and 001).
  intent: { maxAttemptsPerCall: 3, backoffMsMin: 1_000, answer: { includes: ['premium plan with a balance of 120.5'], excludes: [] } },
  goal: { says: ['premium plan with a balance of 120.5'] },
  checks: ['retry-backoff', 'bounded-retries', 'known-answer'],
  primaryCheck: 'retry-backoff',
});
