import { toolExchanges } from './tool-uses.ts';
import { fail, notApplicable, pass, type Checker } from './types.ts';
import { limitsOf } from '../../scenarios/limits.ts';

/**
 * The run ends once the model has called unregistered tools more than `task.limits.unknownToolStreak`
 * times in a row (seed 002 case 3): the call that crosses the line is the last one it makes.
 */
export const unknownToolStreak: Checker = {
  id: 'unknown-tool-streak',
  description: 'the run aborts after more than N unregistered-tool calls in a row',
  check(scenario, events) {
    const max = limitsOf(scenario).unknownToolStreak;
    const registered = new Set(scenario.tools.map((t) => t.name));
    let streak = 0;
    let longest = 0;
    for (const { use } of toolExchanges(events)) {
      streak = registered.has(use.name) ? 0 : streak + 1;
      longest = Math.max(longest, streak);
    }
    if (!longest) return notApplicable('the model never called an unregistered tool');
    if (longest > max + 1) return fail(`the model called unregistered tools ${longest} times in a row; the run should have ended at ${max + 1}`, { longest, max });
    return pass(`longest run of unregistered-tool calls: ${longest} (abort after more than ${max})`, { longest, max });
  },
};
