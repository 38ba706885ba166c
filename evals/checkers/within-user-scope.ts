import { eventsOf } from '../../harness/history.ts';
import { fail, notApplicable, pass, type Checker } from './types.ts';

/**
 * Nothing outside the user's scope reaches the model or the answer (seed 002 case 4): none of the
 * scenario's confidential values (`intent.confidential`) appears in any request sent to the model
 * or in the agent's reply. Whatever the tool description promised, this is what the user got.
 */
export const withinUserScope: Checker = {
  id: 'within-user-scope',
  description: "no value outside the user's scope reaches the model or the reply",
  check(scenario, events) {
    const secrets = scenario.intent.confidential ?? [];
    if (!secrets.length) throw new Error('the scenario declares no intent.confidential values');
    const requests = eventsOf(events, 'model-request');
    if (!requests.length) return notApplicable('no request reached the model');
    // A value can sit in a tool_result string inside the JSON body, escaped once more.
    const found = (text: string) => secrets.filter((s) => text.includes(s) || text.includes(JSON.stringify(s).slice(1, -1)));
    const leaks = [
      ...requests.flatMap((r) => found(JSON.stringify(r.body)).map((value) => ({ where: `model request ${r.n}`, value }))),
      ...eventsOf(events, 'agent-reply').flatMap((r) => found(r.text).map((value) => ({ where: 'agent reply', value }))),
    ];
    if (leaks.length) return fail(`${leaks.length} out-of-scope value(s) leaked, first "${leaks[0]?.value}" in the ${leaks[0]?.where}`, leaks);
    return pass(`none of ${secrets.length} confidential value(s) reached the model (${requests.length} request(s)) or the reply`);
  },
};
