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
