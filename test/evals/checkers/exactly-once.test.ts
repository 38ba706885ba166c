import { describe, expect, it } from 'vitest';
import { exactlyOnce } from '../../../evals/checkers/exactly-once.ts';
import { runChecker } from '../../../evals/checkers/types.ts';
import { eventsOf, parseHistory, type EventOf, type HistoryEvent } from '../../../harness/history.ts';
import type { RunRecord } from '../../../harness/runner/record.ts';
import { catalogue, run } from '../../helpers.ts';

const scenario = catalogue.get('dropped-ack')!;
const judge = (events: HistoryEvent[], s = scenario) => runChecker(exactlyOnce, s, events);
let hardenedRun: Promise<RunRecord> | undefined;
/** The hardened run's history, parsed afresh each call (the run itself happens once per file). */
const hardenedHistory = async () => parseHistory((await (hardenedRun ??= run('dropped-ack', 'hardened', 1))).history);
const commitOf = (events: HistoryEvent[]) => eventsOf(events, 'commit')[0]!;

/** The retry commits again, as if the service ignored its Idempotency-Key. */
function withDuplicateCommit(events: HistoryEvent[]): HistoryEvent[] {
  const retry = eventsOf(events, 'tool-request')[1]!;
  const commit: EventOf<'commit'> = { ...commitOf(events), t: retry.t, id: retry.id, effect: { ...commitOf(events).effect, order_id: 'ord_duplicate' } };
  return events.flatMap((e) => (e === retry ? [e, commit] : [e]));
}

describe('exactly-once', () => {
  it('passes the hardened history, whose retry of the dropped ack reuses its Idempotency-Key', async () => {
    const events = await hardenedHistory();
    expect(eventsOf(events, 'tool-request')).toHaveLength(2);
    expect(eventsOf(events, 'commit')).toHaveLength(1);
    expect(judge(events).verdict).toBe('pass');
  });

  it('fails once the retry commits a second order', async () => {
    const result = judge(withDuplicateCommit(await hardenedHistory()));
    expect(result).toMatchObject({ verdict: 'fail', message: 'orders/order {"sku":"A1","quantity":40} committed 2 times, intended 1' });
    expect((result.evidence as Array<{ commits: unknown[] }>)[0]?.commits).toHaveLength(2);
  });

  it('fails a ledger in which the order never committed', async () => {
    const result = judge((await hardenedHistory()).filter((e) => e.type !== 'commit'));
    expect(result).toMatchObject({ verdict: 'fail', message: expect.stringContaining('committed 0 times, intended 1') });
  });

  it('fails an order committed with another quantity than intended', async () => {
    const events = (await hardenedHistory()).map((e) => (e.type === 'commit' ? { ...e, effect: { ...e.effect, quantity: 4 } } : e));
    expect(judge(events).message).toContain('committed 0 times, intended 1');
  });

  it('cannot judge a scenario that declares no intended effect', async () => {
    expect(judge(await hardenedHistory(), { ...scenario, intent: { ...scenario.intent, effects: [] } }).verdict).toBe('unknown');
  });

  it('fails the naive control, which retries the dropped ack without a key and orders twice (seed 1)', async () => {
    const result = judge(parseHistory((await run('dropped-ack', 'naive', 1)).history));
    expect(result).toMatchObject({ verdict: 'fail', message: 'orders/order {"sku":"A1","quantity":40} committed 2 times, intended 1' });
  });
});
