import { describe, expect, it } from 'vitest';
import { runChecker } from '../../../evals/checkers/types.ts';
import { unknownToolStreak } from '../../../evals/checkers/unknown-tool-streak.ts';
import { parseHistory, type HistoryEvent } from '../../../harness/history.ts';
import { hardened } from '../../../harness/agents/hardened/index.ts';
import type { Agent, AgentTask } from '../../../harness/agents/types.ts';
import { catalogue, run } from '../../helpers.ts';

const scenario = catalogue.get('hallucinated-tool')!;
const verdict = (events: HistoryEvent[], s = scenario) => runChecker(unknownToolStreak, s, events).verdict;
// Seed 4: the model gives up its invention after the first rejection (on seed 1 it never does).
const hardenedHistory = async () => parseHistory((await run('hallucinated-tool', 'hardened', 4)).history);

/** Inserts `count` more model replies calling the invented tool right after the first one. */
function moreInventedCalls(events: HistoryEvent[], count: number): HistoryEvent[] {
  const first = events.findIndex((e) => e.type === 'model-response');
  const extra = Array.from(
    { length: count },
    (_, i) =>
      ({
        t: events[first]!.t,
        type: 'model-response',
        n: 100 + i,
        status: 200,
        stopReason: 'tool_use',
        content: [{ type: 'tool_use', id: `toolu_extra${i}`, name: 'fetch_vendor_pricing_v2', input: { sku: 'KX-200', variant: `v${i}` } }],
      }) as HistoryEvent,
  );
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

  it("judges by the contract's streak (3) when the scenario declares none", async () => {
    expect(verdict(moreInventedCalls(await hardenedHistory(), 4), { ...scenario, intent: { effects: [] } })).toBe('fail');
  });

  it('passes hardened where the model never gives up its invention (seed 1): the run ends on the fourth call in a row', async () => {
    const events = parseHistory((await run('hallucinated-tool', 'hardened', 1)).history);
    expect(runChecker(unknownToolStreak, scenario, events).message).toContain('longest run of unregistered-tool calls: 4');
  });

  it('fails a runtime that ignores the streak where the model never gives up (seed 1): told no streak, hardened goes on to its call budget', async () => {
    const told = (task: AgentTask) => ({ ...task, limits: { ...task.limits, unknownToolStreak: 1_000 } });
    const ignoring: Agent = { name: 'no-streak', run: (task, env) => hardened.run(told(task), env) };
    expect(verdict(parseHistory((await run('hallucinated-tool', ignoring, 1)).history))).toBe('fail');
  });
});
