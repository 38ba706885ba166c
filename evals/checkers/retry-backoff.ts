import { callKeys } from '../../harness/calls.ts';
import { eventsOf, type EventOf, type HistoryEvent } from '../../harness/history.ts';
import { isRetryableStatus } from '../../harness/status.ts';
import type { Scenario } from '../../scenarios/schema.ts';
import { fail, notApplicable, pass, type Checker } from './types.ts';
import { limitsOf } from '../../scenarios/limits.ts';

/**
 * Retries of a retryable failure back off (seed 004, seed 001 pattern 4): the runtime's own k-th
 * retry of one call (same tool, same arguments) waits at least `task.limits.backoffMs · 2^(k-1)`
 * after the failed reply, and any resend — the model asking for the call again included — waits
 * at least the `Retry-After` that reply carried (the service asked for it, whoever resends).
 */
export const retryBackoff: Checker = {
  id: 'retry-backoff',
  description: 'each retry of a retryable failure waits a doubling backoff and any Retry-After',
  check(scenario, events) {
    const baseMs = limitsOf(scenario).backoffMs;
    const completes = new Map(eventsOf(events, 'tool-complete').map((c) => [c.id, c]));
    const retryAfterMs = retryAfterByRequest(scenario, events);
    const early: unknown[] = [];
    let judged = 0;
    const askedAt = eventsOf(events, 'model-request').map((r) => r.t);
    for (const [call, attempts] of attemptsByCall(events, callKeys(scenario.tools))) {
      let retry = 0;
      for (let i = 1; i < attempts.length; i++) {
        const failed = completes.get((attempts[i - 1] as EventOf<'tool-request'>).id);
        const next = attempts[i] as EventOf<'tool-request'>;
        // Only a retry that follows a retryable reply the client had already received is judged.
        if (!failed || !isRetryableStatus(failed.status) || failed.t > next.t) {
          retry = 0;
          continue;
        }
        // The model, told of the failure, asked again: a new call as far as the runtime's backoff goes.
        const reasked = askedAt.some((t) => t >= failed.t && t <= next.t);
        retry = reasked ? 0 : retry + 1;
        judged++;
        const neededMs = Math.max(reasked ? 0 : baseMs * 2 ** (retry - 1), retryAfterMs.get(failed.id) ?? 0);
        const waitedMs = next.t - failed.t;
        if (waitedMs < neededMs) early.push({ call, retry, status: failed.status, waitedMs, neededMs, request: next.id });
      }
    }
    if (!judged) return notApplicable('no retryable failure was retried');
    if (!early.length) return pass(`${judged} retr${judged > 1 ? 'ies' : 'y'} each waited out backoff and Retry-After`);
    const first = early[0] as { call: string; retry: number; status: number; waitedMs: number; neededMs: number };
    return fail(`retry ${first.retry} of ${first.call} after a ${first.status} came ${first.waitedMs} ms later; it had to wait ${first.neededMs} ms`, early);
  },
};

/** Requests of one logical call (tool + arguments), in the order the services saw them. */
function attemptsByCall(events: readonly HistoryEvent[], callKey: (tool: string, args: unknown) => string): Map<string, EventOf<'tool-request'>[]> {
  const calls = new Map<string, EventOf<'tool-request'>[]>();
  for (const r of eventsOf(events, 'tool-request')) {
    const key = callKey(r.route, r.body);
    calls.set(key, [...(calls.get(key) ?? []), r]);
  }
  return calls;
}

/** The Retry-After (ms) each struck request was answered with, from the error-status fault that struck it. */
function retryAfterByRequest(scenario: Scenario, events: readonly HistoryEvent[]): Map<string, number> {
  const routes = new Map(eventsOf(events, 'tool-request').map((r) => [r.id, r.route]));
  const statuses = new Map(eventsOf(events, 'tool-complete').map((c) => [c.id, c.status]));
  const out = new Map<string, number>();
  for (const strike of eventsOf(events, 'fault').filter((f) => f.fault === 'error-status')) {
    const route = routes.get(strike.target);
    const status = statuses.get(strike.target);
    const specs = scenario.faults.filter((f) => f.fault === 'error-status' && (f.tool === route || f.tool === '*') && f.status === status) as Array<{ retryAfterS?: number }>;
    const values = new Set(specs.map((s) => s.retryAfterS ?? 0));
    if (values.size > 1) throw new Error(`several ${status} error-status faults with different Retry-After aim at ${route}; cannot tell which struck ${strike.target}`);
    out.set(strike.target, ([...values][0] ?? 0) * 1000);
  }
  return out;
}
