import { canonical } from '../../harness/canonical.ts';
import { eventsOf, type EventOf, type HistoryEvent } from '../../harness/history.ts';
import { textOf } from '../../harness/model/types.ts';
import { toolExchanges } from './tool-uses.ts';
import { fail, pass, type Checker } from './types.ts';

/**
 * Each `tool_result` the model received carries what the service answered for its own
 * `tool_use_id` (seed 002 case 2): matched through the call's arguments to the request the
 * service saw, never by position.
 */
export const resultsCorrelated: Checker = {
  id: 'results-correlated',
  description: 'every tool_result carries the result of its own tool_use_id',
  check(scenario, events) {
    const delivered = deliveredBodies(events);
    const viaQuery = new Set(scenario.tools.filter((t) => t.endpoint.method === 'GET').map((t) => t.name));
    const mismatches: unknown[] = [];
    let compared = 0;
    for (const { use, result } of toolExchanges(events)) {
      const expected = delivered.get(callKey(use.name, use.input, viaQuery.has(use.name)));
      if (!result || result.is_error || expected === undefined) continue;
      compared++;
      if (textOf(result.content) !== expected) mismatches.push({ tool_use_id: result.tool_use_id, input: use.input, got: textOf(result.content), expected });
    }
    if (mismatches.length) return fail(`${mismatches.length} tool_result(s) carried another call's result`, mismatches);
    if (!compared) throw new Error('no tool_result could be matched to a delivered reply');
    return pass(`${compared} tool_result(s) each carried their own call's result`);
  },
};

/**
 * A call as the service saw it: arguments in canonical key order, and for a GET tool as the query
 * string carries them (every value a string), so a runtime's key order or a number never hides a call.
 */
function callKey(tool: string, input: unknown, viaQuery: boolean): string {
  const args = viaQuery && input && typeof input === 'object' ? Object.fromEntries(Object.entries(input).map(([k, v]) => [k, String(v)])) : input;
  return `${tool} ${canonical(args)}`;
}

/** The JSON text each call (tool + arguments) was answered with, keyed like the tool_use. */
function deliveredBodies(events: readonly HistoryEvent[]): Map<string, string> {
  const requests = new Map<string, EventOf<'tool-request'>>(eventsOf(events, 'tool-request').map((r) => [r.id, r]));
  const out = new Map<string, string>();
  for (const done of eventsOf(events, 'tool-complete')) {
    const request = requests.get(done.id);
    if (!request || done.outcome !== 'ok') continue;
    out.set(callKey(request.route, request.body, false), JSON.stringify(done.body));
  }
  return out;
}
