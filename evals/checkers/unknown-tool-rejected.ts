import { textOf } from '../../harness/model/types.ts';
import { toolExchanges } from './tool-uses.ts';
import { fail, pass, type Checker } from './types.ts';

const EMPHATIC = /do not retry/i;

/**
 * Every call to a tool the scenario does not define is answered with an error that tells the model,
 * emphatically, not to retry (seed 002 case 3): a bare "not registered" reads as transient.
 */
export const unknownToolRejected: Checker = {
  id: 'unknown-tool-rejected',
  description: 'an invented tool is rejected as an error that says do not retry',
  check(scenario, events) {
    const registered = new Set(scenario.tools.map((t) => t.name));
    const answered = toolExchanges(events).filter((x) => !registered.has(x.use.name) && x.result);
    if (!answered.length) throw new Error('the model never got an answer for an unregistered tool, so there is no rejection to judge');
    const weak = answered.filter((x) => !x.result?.is_error || !EMPHATIC.test(textOf(x.result.content)));
    if (weak.length) {
      const first = weak[0]?.result;
      return fail(`${weak.length} of ${answered.length} rejections of ${weak[0]?.use.name} were not an is_error saying do not retry: ${JSON.stringify(textOf(first?.content).slice(0, 120))}`, weak);
    }
    return pass(`all ${answered.length} calls to unregistered tools were rejected with do-not-retry`);
  },
};
