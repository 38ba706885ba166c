import { defineScenario } from './define.ts';
import { tools } from './tools.ts';

export default defineScenario({
  id: 'string-coercion',
  title: 'The model passes "10" for an integer; the legacy backend reads it as 1',
  source: { seed: '002', case: 'case 7 (the out-of-bound argument)' },
  task: 'Ten stores run a 23-day promotion selling 10 units a day each. How many case packs do we need?',
  system: 'You are a logistics assistant. Use compute_inventory for every inventory figure.',
  tools: [tools.compute_inventory],
  services: { inventory: { legacyCoercion: true } },
  model: {
    persona: 'coercer',
    plan: [{ call: [{ name: 'compute_inventory', input: { stores: 10, days: 23, daily_units: 10 } }] }],
    answer: 'You need {{compute_inventory.case_packs|number}} case packs.',
    coerceFields: ['daily_units'],
  },
  intent: { answer: { includes: ['2,300 case packs'], excludes: ['230 case packs'] } },
  goal: { says: ['2,300 case packs'] },
  checks: ['valid-arguments', 'known-answer'],
  primaryCheck: 'valid-arguments',
});
