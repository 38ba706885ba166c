import { defineScenario } from './define.ts';
import { tools } from './tools.ts';

export default defineScenario({
  id: 'slow-tool',
  title: 'The inventory engine takes five minutes to answer',
  source: { seed: '004', case: 'timeout hierarchy: per-call timeout and whole-loop timeout (and seed 001 pattern 3)' },
  task: 'Ten stores run a 23-day promotion selling 10 units a day each. How many case packs do we need?',
  system: 'You are a logistics assistant. Use compute_inventory for every inventory figure.',
  tools: [tools.compute_inventory],
  services: { inventory: { legacyCoercion: false } },
  // A long aggregation holds the first three to six requests for minutes, then the engine recovers.
  faults: [{ fault: 'slow-reply', tool: 'compute_inventory', when: { first: [3, 6] }, delayMs: 5 * 60_000 }],
  model: {
    persona: 'diligent',
    plan: [{ call: [{ name: 'compute_inventory', input: { stores: 10, days: 23, daily_units: 10 } }] }],
    answer: 'You need {{compute_inventory.case_packs|number}} case packs.',
  },
  // 30 s for one call, 60 s for the whole interaction (seed 004's layers 1 and 2).
  intent: { toolTimeoutMs: 30_000, deadlineMs: 60_000 },
  goal: { says: ['2,300 case packs'], orStop: [{ failed: 'compute_inventory' }] },
  checks: ['timeout-is-error', 'tool-timeout', 'loop-deadline'],
  primaryCheck: 'timeout-is-error',
});
