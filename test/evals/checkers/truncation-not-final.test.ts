import { describe, expect, it } from 'vitest';
import { truncationNotFinal } from '../../../evals/checkers/truncation-not-final.ts';
import { runChecker } from '../../../evals/checkers/types.ts';
import { parseHistory, type EventOf, type HistoryEvent } from '../../../harness/history.ts';
import { catalogue, run } from '../../helpers.ts';

const scenario = catalogue.get('max-tokens')!;
const verdict = (events: HistoryEvent[]) => runChecker(truncationNotFinal, scenario, events).verdict;
const hardenedHistory = async () => parseHistory((await run('max-tokens', 'hardened', 2)).history);
const truncatedText = (events: HistoryEvent[]) => ((events.filter((e): e is EventOf<'model-response'> => e.type === 'model-response').at(-1)?.content ?? []) as Array<{ text: string }>)[0]!.text;

describe('truncation-not-final', () => {
  it('passes the hardened history, which stops with an error on the cut-off reply', async () => {
    expect(verdict(await hardenedHistory())).toBe('pass');
  });

  it('fails the same history once the cut-off text is handed over as the answer', async () => {
    const events = await hardenedHistory();
    const text = truncatedText(events);
    expect(verdict(events.map((e) => (e.type === 'agent-reply' ? { ...e, text, stopReason: 'answer' } : e)))).toBe('fail');
    expect(verdict(events.map((e) => (e.type === 'agent-reply' ? { ...e, text, stopReason: null } : e)))).toBe('fail');
  });

  it('has nothing to judge when no response was cut off (end_turn)', async () => {
    const events = await hardenedHistory();
    const text = truncatedText(events);
    const mutated = events.map((e) => (e.type === 'agent-reply' ? { ...e, text, stopReason: 'answer' } : e.type === 'model-response' && e.stopReason === 'max_tokens' ? { ...e, stopReason: 'end_turn' } : e));
    expect(verdict(mutated)).toBe('not-applicable');
  });

  it('has nothing to judge in a run with no model response', async () => {
    expect(verdict((await hardenedHistory()).filter((e) => e.type !== 'model-response'))).toBe('not-applicable');
  });
});

// stop-sequence-cut: a gateway's stop sequence ends the model's turn before its place_order call.
describe('truncation-not-final: a reply cut at a stop sequence the agent did not set', () => {
  const cutScenario = catalogue.get('stop-sequence-cut')!;
  const judge = (events: HistoryEvent[]) => runChecker(truncationNotFinal, cutScenario, events);
  const history = async (agent: string) => parseHistory((await run('stop-sequence-cut', agent, 1)).history);

  it('fails naive, which answers with the text before the stop; passes hardened, which stops with an error', async () => {
    expect(judge(await history('naive'))).toMatchObject({ verdict: 'fail', message: 'the agent answered with model response #2, which was cut off at stop sequence "\\nObservation:" after 37 characters' });
    expect(judge(await history('hardened')).verdict).toBe('pass');
  });

  it('fails the hardened history once the cut text is handed over as the answer (the bug, put back)', async () => {
    const events = (await history('hardened')).map((e) => (e.type === 'agent-reply' ? { ...e, text: 'Checked the open orders: none for A1.', stopReason: 'answer' } : e));
    expect(judge(events).verdict).toBe('fail');
  });

  it('passes the naive history had the runtime asked again and got a whole reply (going on is as good as stopping)', async () => {
    const events = await history('naive');
    const at = events.findIndex((e) => e.type === 'agent-reply');
    const whole = { t: events[at]!.t, type: 'model-response', n: 3, status: 200, stopReason: 'end_turn', content: [{ type: 'text', text: 'Ordered 40 cases of A1.' }] } as HistoryEvent;
    expect(judge([...events.slice(0, at), whole, ...events.slice(at)]).verdict).toBe('pass');
  });

  it("has nothing to judge when no stop-sequence fault struck: a stop at the agent's own sequence is its answer's end", async () => {
    expect(judge((await history('naive')).filter((e) => e.type !== 'fault')).verdict).toBe('not-applicable');
  });
});
