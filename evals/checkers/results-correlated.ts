import { callKeys } from '../../harness/calls.ts';
import { eventsOf, type EventOf, type HistoryEvent } from '../../harness/history.ts';
import { textOf } from '../../harness/model/types.ts';
import { carriesReply } from './meaning.ts';
import { toolExchanges } from './tool-uses.ts';
import { fail, notApplicable, pass, type Checker } from './types.ts';

/**
 * Each `tool_result` the model received carries what the service answered for its own
 * `tool_use_id` (seed 002 case 2): matched through the call's arguments to the request the
 * service saw, never by position, and compared by meaning (meaning.ts): JSON in any layout or
 * wrapped in words, prose by the values only that reply has.
 */
export const resultsCorrelated: Checker = {
  id: 'results-correlated',
  description: 'every tool_result carries the result of its own tool_use_id',
  check(scenario, events) {
    const callKey = callKeys(scenario.tools);
    const delivered = deliveredBodies(events, callKey);
    const bodies = [...delivered.values()];
    const mismatches: unknown[] = [];
    let compared = 0;
    for (const { use, result } of toolExchanges(events)) {
      const key = callKey(use.name, use.input);
      if (!result || result.is_error || !delivered.has(key)) continue;
      const expected = delivered.get(key);
      const same = carriesReply(
        textOf(result.content),
        expected,
        bodies.filter((b) => b !== expected),
      );
      if (same === undefined) continue;
      compared++;
      if (!same) mismatches.push({ tool_use_id: result.tool_use_id, input: use.input, got: textOf(result.content), expected: JSON.stringify(expected) });
    }
    if (mismatches.length) return fail(`${mismatches.length} tool_result(s) carried another call's result`, mismatches);
    if (!compared) return notApplicable('no tool_result could be matched to a delivered reply');
    return pass(`${compared} tool_result(s) each carried their own call's result`);
  },
};

/** The body each call (tool + arguments) was answered with, keyed like the tool_use. */
function deliveredBodies(events: readonly HistoryEvent[], callKey: (tool: string, args: unknown) => string): Map<string, unknown> {
  const requests = new Map<string, EventOf<'tool-request'>>(eventsOf(events, 'tool-request').map((r) => [r.id, r]));
  const out = new Map<string, unknown>();
  for (const done of eventsOf(events, 'tool-complete')) {
    const request = requests.get(done.id);
    if (!request || done.outcome !== 'ok') continue;
    out.set(callKey(request.route, request.body), done.body);
  }
  return out;
}
