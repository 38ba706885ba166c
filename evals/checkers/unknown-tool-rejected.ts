import { textOf } from '../../harness/model/types.ts';
import { saysNotAgain } from './meaning.ts';
import { toolExchanges } from './tool-uses.ts';
import { fail, notApplicable, pass, type Checker } from './types.ts';

/**
 * Every call to a tool the scenario does not define is answered with an error that tells the model
 * not to call it again (seed 002 case 3), in any words ("do not retry", "don't call it again",
 * "this will not succeed"): a bare "not registered" reads as transient.
 */
export const unknownToolRejected: Checker = {
  id: 'unknown-tool-rejected',
  description: 'an invented tool is rejected as an error that says not to call it again',
  check(scenario, events) {
    const registered = new Set(scenario.tools.map((t) => t.name));
    const answered = toolExchanges(events).filter((x) => !registered.has(x.use.name) && x.result);
    if (!answered.length) return notApplicable('the model never got an answer for an unregistered tool');
    const weak = answered.filter((x) => !x.result?.is_error || !saysNotAgain(textOf(x.result.content)));
    if (weak.length) {
      const first = weak[0]?.result;
      return fail(`${weak.length} of ${answered.length} rejections of ${weak[0]?.use.name} were not an is_error saying not to call it again: ${JSON.stringify(textOf(first?.content).slice(0, 120))}`, weak);
    }
    return pass(`all ${answered.length} calls to unregistered tools were rejected as errors saying not to call them again`);
  },
};
