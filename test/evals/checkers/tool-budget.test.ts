import { describe, expect, it } from 'vitest';
import { toolBudget } from '../../../evals/checkers/tool-budget.ts';
import { runChecker } from '../../../evals/checkers/types.ts';
import { eventsOf, parseHistory, type HistoryEvent } from '../../../harness/history.ts';
import { catalogue, run } from '../../helpers.ts';

const scenario = catalogue.get('runaway-loop')!;
const verdict = (events: HistoryEvent[], s = scenario) => runChecker(toolBudget, s, events).verdict;
const hardenedHistory = async () => parseHistory((await run('runaway-loop', 'hardened', 1)).history);

describe('tool-budget', () => {
  it('passes the hardened history, stopped at the 12-call cap', async () => {
    const events = await hardenedHistory();
    expect(eventsOf(events, 'tool-request')).toHaveLength(12);
    expect(verdict(events)).toBe('pass');
  });

  it('fails once one more call reaches a service', async () => {
    const events = await hardenedHistory();
    const extra = { ...eventsOf(events, 'tool-request').at(-1)!, id: 'req_extra' };
    expect(verdict([...events, extra])).toBe('fail');
  });

  it('fails once the run spends one more model turn', async () => {
    const events = await hardenedHistory();
    const turn = { ...eventsOf(events, 'model-response').at(-1)!, n: 99, content: [{ type: 'text', text: 'one more thought' }] };
    expect(verdict([...events, turn])).toBe('fail');
  });

  it('counts answered calls to unregistered tools, which reach no service', async () => {
    // Seed 4: the model gives up its invention after the first rejection.
    const events = parseHistory((await run('hallucinated-tool', 'hardened', 4)).history);
    const tight = { ...catalogue.get('hallucinated-tool')!, intent: { effects: [], budget: { toolCalls: 1, modelTurns: 13 } } };
    expect(verdict(events, tight)).toBe('fail');
    expect(verdict(events, { ...tight, intent: { effects: [], budget: { toolCalls: 2, modelTurns: 13 } } })).toBe('pass');
  });

  it("judges by the contract's budget (12 calls, 16 turns) when the scenario declares none", async () => {
    const events = await hardenedHistory();
    expect(runChecker(toolBudget, { ...scenario, intent: { effects: [] } }, events).message).toContain('(budget 12 / 16)');
  });
});
