import { callKeys } from '../../harness/calls.ts';
import { limitsOf } from '../../scenarios/limits.ts';
import { completions } from './tool-uses.ts';
import { fail, notApplicable, pass, type Checker } from './types.ts';

type Count = { attempts: number; lastFailed: boolean; lastAt: number };

/**
 * No logical call (same tool, same arguments) is sent more often than the attempts per call the
 * agent was told (`task.limits.attemptsPerCall`), counted as the contract counts them: a call with
 * an effect counts every send of the run; a read counts its sends in a row, and starts again only
 * when the model, told that the last one failed, asks for it again — a read that keeps succeeding
 * and is asked for again is a loop, and every send counts.
 */
export const boundedRetries: Checker = {
  id: 'bounded-retries',
  description: 'attempts per logical tool call stay within the limit the agent was told',
  check(scenario, events) {
    const callKey = callKeys(scenario.tools);
    const max = limitsOf(scenario).attemptsPerCall;
    const reads = new Set(scenario.tools.filter((t) => t.effect === 'read').map((t) => t.name));
    const done = completions(events);
    const counts = new Map<string, Count>();
    const over: Array<{ call: string; attempts: number; request: string }> = [];
    let modelAskedAt = -1;
    let most = 0;
    events.forEach((e, i) => {
      if (e.type === 'model-request') modelAskedAt = i;
      if (e.type !== 'tool-request') return;
      const key = callKey(e.route, e.body);
      const seen = counts.get(key);
      // A read the model asks for again after it was told the last send failed starts a new count.
      const fresh = !seen || (reads.has(e.route) && seen.lastFailed && modelAskedAt > seen.lastAt);
      const attempts = fresh ? 1 : seen.attempts + 1;
      counts.set(key, { attempts, lastFailed: done.get(e.id)?.outcome !== 'ok', lastAt: i });
      most = Math.max(most, attempts);
      if (attempts > max) over.push({ call: `${e.route} ${JSON.stringify(e.body)}`, attempts, request: e.id });
    });
    if (!counts.size) return notApplicable('no tool request was made');
    if (!over.length) return pass(`at most ${most} attempts per call (bound ${max})`);
    const first = over[0] as (typeof over)[number];
    return fail(`${first.call} was attempted ${Math.max(...over.filter((o) => o.call === first.call).map((o) => o.attempts))} times (bound ${max})`, over);
  },
};
