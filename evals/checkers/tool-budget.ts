import { eventsOf } from '../../harness/history.ts';
import { toolCallsSpent } from './tool-uses.ts';
import { fail, pass, type Checker } from './types.ts';
import { limitsOf } from '../../scenarios/limits.ts';

/**
 * The run stays within its budget (seed 002 cases 3 and 6): the tool calls it spent (every request
 * that reached a service, retries included, and every answered call to an unregistered tool) and
 * its model turns are at most the budget the agent was told (`task.limits.toolCalls`, `task.limits.modelTurns`).
 */
export const toolBudget: Checker = {
  id: 'tool-budget',
  description: 'tool calls and model turns stay within the scenario budget',
  check(scenario, events) {
    const limits = limitsOf(scenario);
    const budget = { toolCalls: limits.toolCalls, modelTurns: limits.modelTurns };
    const toolCalls = toolCallsSpent(scenario, events);
    const modelTurns = eventsOf(events, 'model-response').filter((r) => r.status === 200).length;
    const spent = { toolCalls, modelTurns };
    if (toolCalls > budget.toolCalls) return fail(`${toolCalls} tool calls spent (budget ${budget.toolCalls})`, { spent, budget });
    if (modelTurns > budget.modelTurns) return fail(`${modelTurns} model turns (budget ${budget.modelTurns})`, { spent, budget });
    return pass(`${toolCalls} tool calls, ${modelTurns} model turns (budget ${budget.toolCalls} / ${budget.modelTurns})`, { spent, budget });
  },
};
