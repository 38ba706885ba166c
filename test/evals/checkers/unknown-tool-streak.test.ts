import { describe, expect, it } from 'vitest';
import { runChecker } from '../../../evals/checkers/types.ts';
import { unknownToolStreak } from '../../../evals/checkers/unknown-tool-streak.ts';
import { parseHistory, type HistoryEvent } from '../../../harness/history.ts';
import { catalogue, run } from '../../helpers.ts';

const scenario = catalogue.get('hallucinated-tool')!;
const verdict = (events: HistoryEvent[], s = scenario) => runChecker(unknownToolStreak, s, events).verdict;
const hardenedHistory = async () => parseHistory((await run('hallucinated-tool', 'hardened', 1)).history);

/** Inserts `count` more model replies calling the invented tool right after the first one. */
function moreInventedCalls(events: HistoryEvent[], count: number): HistoryEvent[] {
  const first = events.findIndex((e) => e.type === 'model-response');
  const extra = Array.from({ length: count }, (_, i) => ({
    t: events[first]!.t, type: 'model-response', n: 100 + i, status: 200, stopReason: 'tool_use',
    content: [{ type: 'tool_use', id: `toolu_extra${i}`, name: 'fetch_vendor_pricing_v2', input: { sku: 'KX-200', variant: `v${i}` } }],
  }) as HistoryEvent);
  return [...events.slice(0, first + 1), ...extra, ...events.slice(first + 1)];
}

describe('unknown-tool-streak', () => {
  it('passes the hardened history (one invented call, then the real tool)', async () => {
    expect(verdict(await hardenedHistory())).toBe('pass');
  });

  it('passes a run that ends on the fourth invented call in a row', async () => {
    expect(verdict(moreInventedCalls(await hardenedHistory(), 3))).toBe('pass');
  });

  it('fails a run that goes on to a fifth invented call in a row', async () => {
    expect(verdict(moreInventedCalls(await hardenedHistory(), 4))).toBe('fail');
  });

  it('cannot judge a scenario with no streak bound', async () => {
    expect(verdict(await hardenedHistory(), { ...scenario, intent: { effects: [] } })).toBe('unknown');
  });
});
