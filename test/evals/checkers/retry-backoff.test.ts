import { describe, expect, it } from 'vitest';
import { retryBackoff } from '../../../evals/checkers/retry-backoff.ts';
import { runChecker } from '../../../evals/checkers/types.ts';
import { parseHistory, type EventOf, type HistoryEvent } from '../../../harness/history.ts';
import { catalogue, run } from '../../helpers.ts';

const scenario = catalogue.get('transient-errors')!;
const verdict = (events: HistoryEvent[], s = scenario) => runChecker(retryBackoff, s, events).verdict;
const hardenedHistory = async () => parseHistory((await run('transient-errors', 'hardened', 1)).history);

/** Moves the first retry to `afterMs` after the 429 it follows. */
function retryAfter(events: HistoryEvent[], afterMs: number): HistoryEvent[] {
  const failed = events.find((e): e is EventOf<'tool-complete'> => e.type === 'tool-complete' && e.status === 429)!;
  const retry = events.filter((e): e is EventOf<'tool-request'> => e.type === 'tool-request')[1]!;
  return events.map((e) => (e === retry ? { ...e, t: failed.t + afterMs } : e));
}

describe('retry-backoff', () => {
  it('passes the hardened history, which waits out the 2 s Retry-After of the 429', async () => {
    const events = await hardenedHistory();
    expect(events.filter((e) => e.type === 'tool-request').length).toBeGreaterThan(1);
    expect(verdict(events)).toBe('pass');
  });

  it('fails an immediate retry', async () => {
    expect(verdict(retryAfter(await hardenedHistory(), 0))).toBe('fail');
  });

  it("holds a resend the model asked for to the Retry-After only, not to the runtime's own backoff", async () => {
    const events = await hardenedHistory();
    const failed = events.find((e): e is EventOf<'tool-complete'> => e.type === 'tool-complete' && e.status === 429)!;
    const asked = { t: failed.t + 1_500, type: 'model-request', n: 99, stream: false, body: null } as HistoryEvent;
    // The model asks again 1.5 s after the 429 (Retry-After 2 s), and the runtime sends at once.
    const reasked = (afterMs: number) => {
      const moved = retryAfter(events, afterMs);
      const at = moved.findIndex((e) => e.type === 'tool-request' && e.t === failed.t + afterMs);
      return [...moved.slice(0, at), asked, ...moved.slice(at)];
    };
    expect(verdict(reasked(2_000))).toBe('pass');
    expect(verdict(reasked(1_600))).toBe('fail');
  });

  it('fails a retry that waits the backoff but not the Retry-After', async () => {
    expect(verdict(retryAfter(await hardenedHistory(), 1_500))).toBe('fail');
    expect(verdict(retryAfter(await hardenedHistory(), 2_000))).toBe('pass');
  });

  it("judges by the contract's backoff (1 s) when the scenario declares none; nothing to judge without a retry", async () => {
    const events = await hardenedHistory();
    expect(verdict(events, { ...scenario, intent: { ...scenario.intent, backoffMsMin: undefined } })).toBe('pass');
    expect(verdict(events.filter((e) => e.type !== 'tool-request' || e.id === 'req_1'))).toBe('not-applicable');
  });
});
