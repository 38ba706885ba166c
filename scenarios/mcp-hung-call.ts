import { defineScenario } from './define.ts';
import { tools } from './tools.ts';

export default defineScenario({
  id: 'mcp-hung-call',
  title: 'Over MCP: a tools/call hangs until the client gives up and cancels it',
  source: { seed: '004', case: 'timeout hierarchy: per-call timeout and whole-loop timeout, over MCP (notifications/cancelled)' },
  task: 'Ten stores run a 23-day promotion selling 10 units a day each. How many case packs do we need?',
  system: 'You are a logistics assistant. Use compute_inventory for every inventory figure.',
  tools: [tools.compute_inventory],
  services: { inventory: { legacyCoercion: false } },
  transport: 'mcp',
  // The first one to three calls hang for good; then the engine answers.
  faults: [{ fault: 'mcp-hang', tool: 'compute_inventory', when: { first: [1, 3] } }],
  model: {
    persona: 'diligent',
    plan: [{ call: [{ name: 'compute_inventory', input: { stores: 10, days: 23, daily_units: 10 } }] }],
    answer: 'You need {{compute_inventory.case_packs|number}} case packs.',
  },
  intent: { toolTimeoutMs: 30_000, deadlineMs: 120_000 },
  goal: { says: ['2,300 case packs'], orStop: [{ failed: 'compute_inventory' }] },
  checks: ['timeout-is-error', 'tool-timeout', 'loop-deadline'],
  primaryCheck: 'timeout-is-error',
});
