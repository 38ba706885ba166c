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
    const events = parseHistory((await run('hallucinated-tool', 'hardened', 1)).history);
    const tight = { ...catalogue.get('hallucinated-tool')!, intent: { effects: [], budget: { toolCalls: 1, modelTurns: 13 } } };
    expect(verdict(events, tight)).toBe('fail');
    expect(verdict(events, { ...tight, intent: { effects: [], budget: { toolCalls: 2, modelTurns: 13 } } })).toBe('pass');
  });

  it('cannot judge a scenario with no budget', async () => {
    expect(verdict(await hardenedHistory(), { ...scenario, intent: { effects: [] } })).toBe('unknown');
  });
});
