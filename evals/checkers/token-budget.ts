import { eventsOf } from '../../harness/history.ts';
import { fail, notApplicable, pass, type Checker } from './types.ts';
import { limitsOf } from '../../scenarios/limits.ts';

/**
 * The run's token spend stays within its budget (seed 001 pattern 5, seed 003 mode 3): the
 * `usage` of every answered model turn, input plus output, summed, is at most
 * `task.limits.tokenBudget`. Verbose tool results make each turn's input larger than the last, so a
 * loop that only counts turns overruns it.
 */
export const tokenBudget: Checker = {
  id: 'token-budget',
  description: 'input plus output tokens over all model turns stay within the scenario budget',
  check(scenario, events) {
    const budget = limitsOf(scenario).tokenBudget;
    const turns = eventsOf(events, 'model-response').filter((r) => r.status === 200);
    if (!turns.length) return notApplicable('no model turn was answered');
    let spent = 0;
    for (const turn of turns) {
      if (!turn.usage) throw new Error(`model turn ${turn.n} has no usage`);
      spent += turn.usage.input_tokens + turn.usage.output_tokens;
      if (spent > budget) return fail(`${spent} tokens spent by model turn ${turn.n} of ${turns.length} (budget ${budget})`, { spent, budget, turn: turn.n, turns: turns.length });
    }
    return pass(`${spent} tokens over ${turns.length} model turns (budget ${budget})`, { spent, budget, turns: turns.length });
  },
};
