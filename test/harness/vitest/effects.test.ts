import { describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../../../harness/history.ts';
import { effectProblems, runScenario } from '../../../harness/vitest/index.ts';
import { catalogue } from '../../helpers.ts';
import { failureOf } from './helpers.ts';

const scenario = catalogue.get('dropped-ack')!;
const noIntent = { ...scenario, intent: { effects: [] } };

/** A request and its commit, as the services record them. */
function commit(id: string, t: number, body: Record<string, unknown>, service: string, kind: string, effect: Record<string, unknown>): HistoryEvent[] {
  return [
    { t, type: 'tool-request', id, service, route: 'tool', method: 'POST', url: `https://${service}.sim/x`, principal: 'user:requester', idempotencyKey: null, body },
    { t, type: 'commit', id, service, kind, effect },
  ];
}
const order = (id: string, t: number, orderId: string) => commit(id, t, { sku: 'A1', quantity: 40 }, 'orders', 'order', { order_id: orderId, sku: 'A1', quantity: 40 });
const deletion = (id: string, volume: string) => commit(id, 1, { volume_id: volume }, 'infra', 'volume-deleted', { volume_id: volume });

describe('effectProblems', () => {
  it('counts the intended effects with the exactly-once checker', () => {
    expect(effectProblems(scenario, [...order('req_1', 5, 'ord_a')])).toEqual([]);
    expect(effectProblems(scenario, [])).toEqual(['orders/order {"sku":"A1","quantity":40} committed 0 times, intended 1']);
    expect(effectProblems(scenario, [...order('req_1', 5, 'ord_a'), ...order('req_2', 9, 'ord_b')])).toEqual(['orders/order {"sku":"A1","quantity":40} committed 2 times, intended 1 (req_1 at 5 ms, req_2 at 9 ms)']);
  });

  it('with no intent, finds any effect committed twice, setting aside the ids the service generated', () => {
    expect(effectProblems(noIntent, [...order('req_1', 5, 'ord_a'), ...order('req_2', 9, 'ord_b')])).toEqual(['orders/order {"sku":"A1","quantity":40} committed 2 times (req_1 at 5 ms, req_2 at 9 ms)']);
  });

  it('keeps an id the caller sent: deleting two volumes is two effects, deleting one twice is a duplicate', () => {
    expect(effectProblems(noIntent, [...deletion('req_1', 'vol-a'), ...deletion('req_2', 'vol-b')])).toEqual([]);
    expect(effectProblems(noIntent, [...deletion('req_1', 'vol-a'), ...deletion('req_2', 'vol-a')])).toEqual(['infra/volume-deleted {"volume_id":"vol-a"} committed 2 times (req_1 at 1 ms, req_2 at 1 ms)']);
  });

  it('an intent that means an effect twice allows it twice', () => {
    const twice = { ...scenario, intent: { effects: [{ ...scenario.intent.effects[0]!, count: 2 }] } };
    expect(effectProblems(twice, [...order('req_1', 5, 'ord_a'), ...order('req_2', 9, 'ord_b')])).toEqual([]);
  });
});

describe('toHaveEffectsExactlyOnce on a scenario that declares no intent', () => {
  it('still catches the naive double order from the ledger alone', async () => {
    const data = { ...noIntent, id: 'dropped-ack-no-intent', goal: { says: ['Ordered 40 cases of A1'] }, checks: ['agent-completes'], primaryCheck: 'agent-completes' };
    expect(await runScenario(data, 'hardened')).toHaveEffectsExactlyOnce();
    const naive = await runScenario(data, 'naive');
    expect(naive).toPass();
    expect(failureOf(() => expect(naive).toHaveEffectsExactlyOnce())).toMatch(
      /✗ orders\/order \{"sku":"A1","quantity":40,"owner":"user:requester"\} committed 2 times \(req_1 at \d+ ms, req_2 at \d+ ms\)\nreplay: npx faultline run --scenario dropped-ack-no-intent --agent naive --seed 1$/,
    );
  });
});
