import { callKeys } from '../../harness/calls.ts';
import { eventsOf, type EventOf, type HistoryEvent } from '../../harness/history.ts';
import { toolExchanges } from './tool-uses.ts';
import { fail, notApplicable, pass, type Checker } from './types.ts';
import { limitsOf } from '../../scenarios/limits.ts';

/**
 * A call that got no reply within `task.limits.toolTimeoutMs` reaches the model as an error (seed 001
 * pattern 3, seed 004): its `tool_result` carries `is_error: true`, whatever the runtime did
 * meanwhile. The call's last request before the result is the one judged.
 */
export const timeoutIsError: Checker = {
  id: 'timeout-is-error',
  description: 'a tool call that timed out reaches the model as an is_error tool_result',
  check(scenario, events) {
    const timeoutMs = limitsOf(scenario).toolTimeoutMs;
    const callKey = callKeys(scenario.tools);
    const silent: unknown[] = [];
    let judged = 0;
    for (const { use, result, resultAt } of toolExchanges(events)) {
      if (!result || resultAt === undefined || !timedOut(events, callKey(use.name, use.input), callKey, resultAt, timeoutMs)) continue;
      judged++;
      if (result.is_error !== true) silent.push({ tool_use_id: result.tool_use_id, tool: use.name, input: use.input, content: result.content });
    }
    if (!judged) return notApplicable('no timed-out tool call reached the model');
    if (!silent.length) return pass(`${judged} timed-out call(s) each reached the model as is_error`);
    return fail(`${silent.length} timed-out call(s) reached the model without is_error`, silent);
  },
};

/** Whether the last request of this call sent before `at` had no reply delivered within `timeoutMs`. */
function timedOut(events: readonly HistoryEvent[], call: string, callKey: (tool: string, args: unknown) => string, at: number, timeoutMs: number): boolean {
  const request = eventsOf(events, 'tool-request')
    .filter((r) => r.t <= at && callKey(r.route, r.body) === call)
    .at(-1);
  if (!request) return false;
  const done = events.find((e): e is EventOf<'tool-complete'> => e.type === 'tool-complete' && e.id === request.id && e.t <= at);
  return !done || done.status === null || done.t - request.t > timeoutMs;
}
