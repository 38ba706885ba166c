import { callKeys } from '../../harness/calls.ts';
import { eventsOf, type HistoryEvent } from '../../harness/history.ts';
import { textOf } from '../../harness/model/types.ts';
import { retryabilityOf } from './meaning.ts';
import { toolExchanges } from './tool-uses.ts';
import { fail, notApplicable, pass, type Checker } from './types.ts';

/**
 * Every failed tool call reaches the model as a failure (seed 003 mode 2): when the last attempt
 * behind a `tool_use` ended `fail` or `info`, its `tool_result` has `is_error: true` and says
 * whether retrying can help — a boolean `retryable` anywhere in a JSON body, words (transient,
 * permanent, do not retry) or the HTTP status it failed with (meaning.ts). An empty string or a
 * bare "Error: Failed to fetch" leaves the model guessing.
 * Failures the runtime retried away (a later attempt ended `ok`) are not judged.
 */
export const errorsReachModel: Checker = {
  id: 'errors-reach-model',
  description: 'every failed tool call reaches the model as is_error saying whether retrying can help',
  check(scenario, events) {
    const callKey = callKeys(scenario.tools);
    const outcome = new Map(eventsOf(events, 'tool-complete').map((c) => [c.id, c.outcome]));
    if (![...outcome.values()].some((o) => o !== 'ok')) return notApplicable('no tool call failed in this run');
    const problems: unknown[] = [];
    let judged = 0;
    for (const { use, at, result } of toolExchanges(events)) {
      const key = callKey(use.name, use.input);
      // A runtime's attempts for this tool_use all happen before it next calls the model.
      const next = events.findIndex((e, i) => i > at && e.type === 'model-request');
      const attempts = events.slice(at, next === -1 ? events.length : next).filter((e): e is Extract<HistoryEvent, { type: 'tool-request' }> => e.type === 'tool-request' && callKey(e.route, e.body) === key);
      const last = attempts.at(-1);
      if (!last || outcome.get(last.id) === 'ok') continue;
      judged++;
      if (!result) {
        if (next !== -1) problems.push({ tool_use_id: use.id, request: last.id, problem: 'the failure never reached the model' });
        continue;
      }
      if (result.is_error !== true) problems.push({ tool_use_id: use.id, request: last.id, problem: 'tool_result lacks is_error: true', content: textOf(result.content).slice(0, 200) });
      else if (retryabilityOf(textOf(result.content)) === undefined) problems.push({ tool_use_id: use.id, request: last.id, problem: 'the error does not say whether retrying can help', content: textOf(result.content).slice(0, 200) });
    }
    if (problems.length) return fail(`${problems.length} of ${judged} failed call(s) reached the model without an is_error result saying whether retrying can help`, problems);
    if (!judged) return notApplicable('every failed attempt was retried away before the model was asked again');
    const absorbed = [...outcome.values()].filter((o) => o !== 'ok').length;
    return pass(`${judged} failed call(s) reached the model as is_error results saying whether retrying can help (${absorbed} failed attempt(s) in all, the others retried away by the runtime)`);
  },
};
