import { describe, expect, it } from 'vitest';
import { circuitBreaker } from '../../../evals/checkers/circuit-breaker.ts';
import { runChecker } from '../../../evals/checkers/types.ts';
import { eventsOf, parseHistory, type HistoryEvent } from '../../../harness/history.ts';
import { catalogue, run } from '../../helpers.ts';

const scenario = catalogue.get('persistent-outage')!;
const verdict = (events: HistoryEvent[], s = scenario) => runChecker(circuitBreaker, s, events).verdict;
const hardenedHistory = async () => parseHistory((await run('persistent-outage', 'hardened', 1)).history);

/** Appends one more request to the failing tool, `afterMs` after the last failure, answered with `status`. */
function oneMore(events: HistoryEvent[], afterMs: number, status: number, id = 'req_extra'): HistoryEvent[] {
  const last = eventsOf(events, 'tool-complete').at(-1)!;
  const request = { ...eventsOf(events, 'tool-request').at(-1)!, id, t: last.t + afterMs };
  return [...events, request, { type: 'tool-complete', id, outcome: status < 300 ? 'ok' : 'info', status, t: request.t + 5 }];
}

describe('circuit-breaker', () => {
  it('passes the hardened history, which stops calling after the fifth 503', async () => {
    const events = await hardenedHistory();
    expect(eventsOf(events, 'tool-request')).toHaveLength(5);
    expect(verdict(events)).toBe('pass');
  });

  it('fails a sixth request sent while the circuit is open', async () => {
    expect(verdict(oneMore(await hardenedHistory(), 0, 503))).toBe('fail');
    expect(verdict(oneMore(await hardenedHistory(), 59_999, 503))).toBe('fail');
  });

  it('passes one half-open probe after the cool-down, and reopens when it fails', async () => {
    const probed = oneMore(await hardenedHistory(), 60_000, 503, 'req_probe');
    expect(verdict(probed)).toBe('pass');
    // The failed probe opens the circuit again for a full cool-down.
    expect(verdict(oneMore(probed, 1_000, 200, 'req_early'))).toBe('fail');
    expect(verdict(oneMore(probed, 60_000, 200, 'req_late'))).toBe('pass');
  });

  it('fails a second request while the half-open probe is in flight', async () => {
    const events = await hardenedHistory();
    const last = eventsOf(events, 'tool-complete').at(-1)!;
    const template = eventsOf(events, 'tool-request').at(-1)!;
    const at = last.t + 60_000;
    const probes: HistoryEvent[] = [
      { ...template, id: 'req_p1', t: at },
      { ...template, id: 'req_p2', t: at + 1 },
      { type: 'tool-complete', id: 'req_p1', outcome: 'ok', status: 200, t: at + 10 },
      { type: 'tool-complete', id: 'req_p2', outcome: 'ok', status: 200, t: at + 11 },
    ];
    expect(verdict([...events, ...probes])).toBe('fail');
  });

  it('counts only failures that say the service is unwell: a 404 in the run resets it', async () => {
    const events = await hardenedHistory();
    const third = eventsOf(events, 'tool-complete')[2]!;
    const mended = events.map((e) => (e === third ? { ...third, outcome: 'fail' as const, status: 404 } : e));
    expect(verdict(oneMore(mended, 0, 503))).toBe('not-applicable');
  });

  it("judges by the contract's breaker (5 failures, 60 s) when the scenario declares none; nothing to judge without a request", async () => {
    const events = await hardenedHistory();
    expect(verdict(events, { ...scenario, intent: { effects: [] } })).toBe(verdict(events));
    expect(verdict(events.filter((e) => e.type !== 'tool-request'))).toBe('not-applicable');
  });
});
