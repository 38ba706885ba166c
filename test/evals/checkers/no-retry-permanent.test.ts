import { describe, expect, it } from 'vitest';
import { noRetryPermanent } from '../../../evals/checkers/no-retry-permanent.ts';
import { runChecker } from '../../../evals/checkers/types.ts';
import { parseHistory, type EventOf, type HistoryEvent } from '../../../harness/history.ts';
import { catalogue, run } from '../../helpers.ts';

const scenario = catalogue.get('permanent-error')!;
const verdict = (events: HistoryEvent[]) => runChecker(noRetryPermanent, scenario, events).verdict;
const hardenedHistory = async () => parseHistory((await run('permanent-error', 'hardened', 1)).history);

/** Sends the request answered with `status` once more, a second later, optionally with other arguments. */
function resend(events: HistoryEvent[], status: number, body?: unknown): HistoryEvent[] {
  const done = events.find((e): e is EventOf<'tool-complete'> => e.type === 'tool-complete' && e.status === status)!;
  const request = events.find((e): e is EventOf<'tool-request'> => e.type === 'tool-request' && e.id === done.id)!;
  return [...events, { ...request, id: 'req_again', t: done.t + 1_000, body: body ?? request.body }];
}

describe('no-retry-permanent', () => {
  it('passes the hardened history, which sends the 404 and the 403 calls once each', async () => {
    expect(verdict(await hardenedHistory())).toBe('pass');
  });

  it('fails a resend of a call answered 404 or 403', async () => {
    expect(verdict(resend(await hardenedHistory(), 404))).toBe('fail');
    expect(verdict(resend(await hardenedHistory(), 403))).toBe('fail');
  });

  it('passes a new call with different arguments after a 404', async () => {
    expect(verdict(resend(await hardenedHistory(), 404, { customer_id: 'C-101' }))).toBe('pass');
  });

  it('has nothing to judge in a history with no permanent error', async () => {
    const events = (await hardenedHistory()).filter((e) => e.type !== 'tool-complete');
    expect(verdict(events)).toBe('not-applicable');
  });
});
