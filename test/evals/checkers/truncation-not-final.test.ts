import { describe, expect, it } from 'vitest';
import { truncationNotFinal } from '../../../evals/checkers/truncation-not-final.ts';
import { runChecker } from '../../../evals/checkers/types.ts';
import { parseHistory, type EventOf, type HistoryEvent } from '../../../harness/history.ts';
import { catalogue, run } from '../../helpers.ts';

const scenario = catalogue.get('max-tokens')!;
const verdict = (events: HistoryEvent[]) => runChecker(truncationNotFinal, scenario, events).verdict;
const hardenedHistory = async () => parseHistory((await run('max-tokens', 'hardened', 2)).history);
const truncatedText = (events: HistoryEvent[]) =>
  ((events.filter((e): e is EventOf<'model-response'> => e.type === 'model-response').at(-1)?.content ?? []) as Array<{ text: string }>)[0]!.text;

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
    const mutated = events.map((e) =>
      e.type === 'agent-reply' ? { ...e, text, stopReason: 'answer' } : e.type === 'model-response' && e.stopReason === 'max_tokens' ? { ...e, stopReason: 'end_turn' } : e,
    );
    expect(verdict(mutated)).toBe('not-applicable');
  });

  it('has nothing to judge in a run with no model response', async () => {
    expect(verdict((await hardenedHistory()).filter((e) => e.type !== 'model-response'))).toBe('not-applicable');
  });
});
