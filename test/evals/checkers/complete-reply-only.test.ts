import { describe, expect, it } from 'vitest';
import { completeReplyOnly } from '../../../evals/checkers/complete-reply-only.ts';
import { runChecker } from '../../../evals/checkers/types.ts';
import { parseHistory, type HistoryEvent } from '../../../harness/history.ts';
import { catalogue, run } from '../../helpers.ts';

const scenario = catalogue.get('model-api-faults')!;
const verdict = (events: HistoryEvent[]) => runChecker(completeReplyOnly, scenario, events).verdict;
const hardenedHistory = async () => parseHistory((await run('model-api-faults', 'hardened', 1)).history);

/** The history with the first tool request moved to just after the cut, as if the half-read call had run. */
function executedFromCut(events: HistoryEvent[]): HistoryEvent[] {
  const request = events.find((e) => e.type === 'tool-request') as Extract<HistoryEvent, { type: 'tool-request' }>;
  const rest = events.filter((e) => e !== request);
  const cut = rest.findIndex((e) => e.type === 'fault' && e.fault === 'sse-cut');
  return [...rest.slice(0, cut + 1), { ...request, body: { sku: 'A1' } }, ...rest.slice(cut + 1)];
}

describe('complete-reply-only', () => {
  it('passes the hardened history, which asks again after the broken stream', async () => {
    const events = await hardenedHistory();
    expect(events.some((e) => e.type === 'fault' && e.fault === 'sse-cut')).toBe(true);
    expect(verdict(events)).toBe('pass');
  });

  it('fails when a tool request follows the broken reply before any new model request', async () => {
    expect(verdict(executedFromCut(await hardenedHistory()))).toBe('fail');
  });

  it('has nothing to judge in a run in which no reply was cut', async () => {
    const events = (await hardenedHistory()).filter((e) => !(e.type === 'fault' && e.fault === 'sse-cut'));
    expect(verdict(events)).toBe('not-applicable');
  });
});

describe('complete-reply-only on the other ways a reply breaks', () => {
  const sendPartial: HistoryEvent = {
    t: 0,
    type: 'tool-request',
    id: 'req_x',
    service: 'helpdesk',
    route: 'send_email',
    method: 'POST',
    url: 'https://helpdesk.sim/emails',
    principal: 'user:requester',
    idempotencyKey: null,
    body: { to: 'li.wei@example.com', subject: 'Incident report INC-2291' },
  };
  /** The history with `request` put just after the first event `broken` finds: as if the partial call had run. */
  const movedAfter = (events: HistoryEvent[], broken: (e: HistoryEvent) => boolean, request: HistoryEvent) => {
    const at = events.findIndex(broken);
    expect(at).toBeGreaterThanOrEqual(0);
    return [...events.slice(0, at + 1), request, ...events.slice(at + 1)];
  };
  const judge = (id: string, events: HistoryEvent[]) => runChecker(completeReplyOnly, catalogue.get(id)!, events).verdict;

  it('a reply cut at max_tokens inside a tool call: passes the runtime that stops, fails one that runs the partial call', async () => {
    const events = parseHistory((await run('truncated-tool-call', 'hardened', 1)).history);
    const cut = (e: HistoryEvent) => e.type === 'model-response' && e.stopReason === 'max_tokens';
    expect(judge('truncated-tool-call', events)).toBe('pass');
    expect(judge('truncated-tool-call', movedAfter(events, cut, sendPartial))).toBe('fail');
  });

  it('a reply broken off by an error event mid stream: passes asking again, fails running what arrived', async () => {
    const events = parseHistory((await run('overloaded-mid-stream', 'hardened', 1)).history);
    const broken = (e: HistoryEvent) => e.type === 'fault' && e.fault === 'stream-error';
    const order = { ...sendPartial, service: 'orders', route: 'place_order', url: 'https://orders.sim/orders', body: { sku: 'A1' } } as HistoryEvent;
    expect(judge('overloaded-mid-stream', events)).toBe('pass');
    expect(judge('overloaded-mid-stream', movedAfter(events, broken, order))).toBe('fail');
  });
});
