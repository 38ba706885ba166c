import { isUnwellStatus } from '../../harness/status.ts';
import { eventsOf } from '../../harness/history.ts';
import { fail, notApplicable, pass, type Checker } from './types.ts';
import { limitsOf } from '../../scenarios/limits.ts';

type Circuit = { failures: number; lastFailureT: number; probe: string | null };

/**
 * A tool that keeps failing is left alone (seed 004's circuit breaker). Walking the history in
 * order, per tool: once `task.limits.circuit.failuresToOpen` requests in a row have failed as an
 * unwell service fails (5xx, 408, 429, no reply), no request may reach it for `cooldownMs` after
 * the last of them (fail fast); after that, one probe at a time (half-open) until one succeeds.
 * A 4xx is the service answering, so it ends the run of failures like a success.
 */
export const circuitBreaker: Checker = {
  id: 'circuit-breaker',
  description: 'after K failures in a row a tool gets no requests for the cool-down, then one probe at a time',
  check(scenario, events) {
    const limits = limitsOf(scenario).circuit;
    const requests = eventsOf(events, 'tool-request');
    if (!requests.length) return notApplicable('no request reached a tool service');
    const routeOf = new Map(requests.map((r) => [r.id, r.route]));
    const circuits = new Map<string, Circuit>();
    const circuit = (route: string) => circuits.get(route) ?? (circuits.set(route, { failures: 0, lastFailureT: 0, probe: null }).get(route) as Circuit);
    const breaches: unknown[] = [];
    let opened = 0;
    for (const e of events) {
      if (e.type === 'tool-request') {
        const c = circuit(e.route);
        if (c.failures < limits.failuresToOpen) continue;
        const sinceMs = e.t - c.lastFailureT;
        if (sinceMs < limits.cooldownMs) breaches.push({ request: e.id, tool: e.route, problem: 'sent while the circuit was open', failuresInARow: c.failures, sinceLastFailureMs: sinceMs });
        else if (c.probe) breaches.push({ request: e.id, tool: e.route, problem: 'a second request while the half-open probe was in flight', probe: c.probe });
        else c.probe = e.id;
      } else if (e.type === 'tool-complete') {
        const route = routeOf.get(e.id);
        if (route === undefined) continue;
        const c = circuit(route);
        if (c.probe === e.id) c.probe = null;
        if (!isUnwellStatus(e.status)) c.failures = 0;
        else if (++c.failures === limits.failuresToOpen) opened++;
        if (isUnwellStatus(e.status)) c.lastFailureT = e.t;
      }
    }
    const rule = `${limits.failuresToOpen} failures in a row, ${limits.cooldownMs} ms cool-down`;
    if (breaches.length) {
      const first = breaches[0] as { request: string; tool: string; problem: string };
      return fail(`${breaches.length} request(s) breached the circuit (${rule}); first: ${first.request} to ${first.tool}, ${first.problem}`, breaches);
    }
    const worst = Math.max(0, ...[...circuits.values()].map((c) => c.failures));
    if (!opened) return notApplicable(`no tool failed ${limits.failuresToOpen} times in a row, so no circuit had to open (${rule})`);
    return pass(`${opened} circuit(s) opened after ${limits.failuresToOpen} failures in a row and no request reached the tool while open (${rule}; ${worst} failures in a row at the end)`);
  },
};
