import type { ToolSpec } from '../harness/agents/types.ts';
import { defineScenario } from './define.ts';

const person = { name: 'Rosa Delgado', title: 'Chief Operating Officer', employer: 'Northwind Freight', milestone: 'led the 2019 merger with Bayline Logistics' };

// The research chain of the case; each takes a name and, optionally, a reference from an earlier result.
const research = (name: string, path: string, what: string): ToolSpec => ({
  name,
  description: `Look up ${what} for a person by full name. follow_up: a see_also reference from an earlier result.`,
  input_schema: { type: 'object', properties: { name: { type: 'string' }, follow_up: { type: 'string' } }, required: ['name'], additionalProperties: false },
  endpoint: { method: 'GET', url: `https://research.sim${path}` },
  effect: 'read',
});
const chain = [
  research('lookup_person', '/people', 'the current title and employer'),
  research('lookup_employer_history', '/employers', 'the employer history'),
  research('lookup_filing', '/filings', 'regulatory filings'),
  research('lookup_publication', '/publications', 'publications'),
  research('lookup_award', '/awards', 'awards'),
];

export default defineScenario({
  id: 'runaway-loop',
  title: 'Every result suggests another call and the prompt never says when to stop',
  source: { seed: '002', case: 'case 6 (the runaway loop that never terminates)' },
  task: `Write a one-paragraph executive biography of ${person.name} for a sales-enablement card.`,
  // The deployed prompt: thoroughness with no termination criterion.
  system: 'You are a research assistant. Use the available tools to research the question fully before composing your answer.',
  tools: chain,
  services: { research: { person } },
  model: {
    persona: 'researcher',
    plan: chain.map((tool) => ({ call: [{ name: tool.name, input: { name: person.name } }] })),
    answer: '{{lookup_person.name}} is {{lookup_person.title}} at {{lookup_person.employer}}; she {{lookup_person.milestone}}.',
  },
  // The resolution's runtime cap: 12 tool calls; 12 tool turns and one answer turn.
  intent: { budget: { toolCalls: 12, modelTurns: 13 } },
  // The model never stops asking for more: within the budget an agent can only stop and say so.
  goal: { says: [person.title, person.employer], orStop: ['tool-budget'] },
  checks: ['tool-budget', 'answer-or-stop'],
  primaryCheck: 'tool-budget',
});
