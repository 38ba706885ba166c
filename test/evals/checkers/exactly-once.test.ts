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

/**
 * The hardened history as if the service had committed none of its attempts, with `attempts`
 * requests of the order in all (its retry copied, or dropped), each ending unanswered.
 */
function refused(events: HistoryEvent[], attempts: number, body: unknown = { sku: 'A1', quantity: 40 }): HistoryEvent[] {
  const requests = eventsOf(events, 'tool-request');
  const last = events.at(-1)!;
  const extra = Array.from({ length: Math.max(0, attempts - requests.length) }, (_, i): HistoryEvent[] => [
    { ...requests.at(-1)!, id: `req_more${i}`, t: last.t + 1, body },
    { type: 'tool-complete', id: `req_more${i}`, outcome: 'info', status: null, t: last.t + 1 },
  ]).flat();
  const kept = new Set(requests.slice(0, attempts).map((r) => r.id));
  const base = events.filter((e) => e.type !== 'commit' && (e.type !== 'tool-request' || kept.has(e.id)));
  return [...base.slice(0, -1), ...extra, base.at(-1)!];
}

/** Adds a commit of the intended order for each request id in `ids`. */
function committedBy(events: HistoryEvent[], ids: string[], template: EventOf<'commit'>): HistoryEvent[] {
  return events.flatMap((e) => (e.type === 'tool-request' && ids.includes(e.id) ? [e, { ...template, id: e.id, t: e.t, effect: { ...template.effect, order_id: `ord_${e.id}` } }] : [e]));
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

describe('exactly-once under a bound on attempts (intent.maxAttemptsPerCall 3)', () => {
  const bounded = { ...scenario, intent: { ...scenario.intent, maxAttemptsPerCall: 3 } };
  const unbounded = { ...scenario, intent: { ...scenario.intent, maxAttemptsPerCall: undefined } };

  it('passes a runtime that sent all 3 attempts the bound allows when the service committed none', async () => {
    const events = refused(await hardenedHistory(), 3);
    expect(eventsOf(events, 'tool-request')).toHaveLength(3);
    expect(judge(events, bounded)).toMatchObject({
      verdict: 'pass',
      message: 'orders/order {"sku":"A1","quantity":40} not committed: all 3 attempts the bound allows were refused by the service',
    });
  });

  it('still fails a runtime that gave up before the bound (1 or 2 attempts, none committed)', async () => {
    for (const attempts of [1, 2]) {
      const events = refused(await hardenedHistory(), attempts);
      expect(eventsOf(events, 'tool-request')).toHaveLength(attempts);
      expect(judge(events, bounded)).toMatchObject({ verdict: 'fail', message: 'orders/order {"sku":"A1","quantity":40} committed 0 times, intended 1' });
    }
  });

  it('counts only attempts at the intended effect: orders of another quantity do not reach the bound', async () => {
    const events = refused(await hardenedHistory(), 3, { sku: 'A1', quantity: 4 });
    expect(judge(events, bounded).verdict).toBe('fail');
  });

  it("judges by the contract's attempts per call (3) when the scenario declares none", async () => {
    expect(judge(refused(await hardenedHistory(), 3), unbounded).verdict).toBe('pass');
    expect(judge(refused(await hardenedHistory(), 2), unbounded).verdict).toBe('fail');
  });

  it('excuses the shortfall of an honest stop the goal allows, never of a reply that claims the order', async () => {
    const allowing = { ...bounded, goal: { ...bounded.goal, orStop: [{ failed: 'place_order' }] } };
    const events = refused(await hardenedHistory(), 1);
    expect(judge(events, allowing).verdict).toBe('fail');
    const honest = events.map((e) => (e.type === 'agent-reply' ? { ...e, text: 'I could not place the order: the service refused it (HTTP 409).', stopReason: 'error' } : e));
    expect(judge(honest, allowing)).toMatchObject({ verdict: 'pass', message: expect.stringContaining('before an honest stop') });
  });

  it('fails any over-commit, however many attempts were refused', async () => {
    const template = commitOf(await hardenedHistory());
    const events = refused(await hardenedHistory(), 3);
    const ids = eventsOf(events, 'tool-request').map((r) => r.id);
    for (const committed of [ids.slice(0, 2), ids]) {
      const result = judge(committedBy(events, committed, template), bounded);
      expect(result).toMatchObject({ verdict: 'fail', message: `orders/order {"sku":"A1","quantity":40} committed ${committed.length} times, intended 1` });
    }
    expect(judge(committedBy(events, ids.slice(2), template), bounded).verdict).toBe('pass');
  });
});
