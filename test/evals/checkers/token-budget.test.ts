import { describe, expect, it } from 'vitest';
import { tokenBudget } from '../../../evals/checkers/token-budget.ts';
import { runChecker } from '../../../evals/checkers/types.ts';
import { eventsOf, parseHistory, type HistoryEvent } from '../../../harness/history.ts';
import { catalogue, run } from '../../helpers.ts';

const scenario = catalogue.get('token-budget')!;
const verdict = (events: HistoryEvent[], s = scenario) => runChecker(tokenBudget, s, events).verdict;
const hardenedHistory = async () => parseHistory((await run('token-budget', 'hardened', 1)).history);
const spent = (events: HistoryEvent[]) => eventsOf(events, 'model-response').reduce((n, r) => n + (r.usage ? r.usage.input_tokens + r.usage.output_tokens : 0), 0);

describe('token-budget', () => {
  it('passes the hardened history, which stopped short of the 100,000-token budget', async () => {
    const events = await hardenedHistory();
    expect(spent(events)).toBeLessThanOrEqual(100_000);
    expect(eventsOf(events, 'agent-reply').at(-1)?.stopReason).toBe('limit');
    expect(verdict(events)).toBe('pass');
  });

  it('fails once one more turn takes the total past the budget', async () => {
    const events = await hardenedHistory();
    const last = eventsOf(events, 'model-response').at(-1)!;
    const over = 100_000 - spent(events) + 1;
    const turn = { ...last, n: 99, usage: { input_tokens: over, output_tokens: 0 } };
    expect(verdict([...events, turn])).toBe('fail');
    expect(verdict([...events, { ...turn, usage: { input_tokens: over - 1, output_tokens: 0 } }])).toBe('pass');
  });

  it('counts output tokens too', async () => {
    const events = await hardenedHistory();
    const last = eventsOf(events, 'model-response').at(-1)!;
    expect(verdict([...events, { ...last, n: 99, usage: { input_tokens: 0, output_tokens: 100_000 - spent(events) + 1 } }])).toBe('fail');
  });

  it("judges by the contract's budget when the scenario declares none; cannot judge without usage; nothing to judge without a model turn", async () => {
    const events = await hardenedHistory();
    expect(verdict(events, { ...scenario, intent: { effects: [] } })).toBe('pass');
    expect(verdict(events.filter((e) => e.type !== 'model-response'))).toBe('not-applicable');
    expect(verdict(events.map((e) => (e.type === 'model-response' ? { ...e, usage: undefined } : e)))).toBe('unknown');
  });
});
