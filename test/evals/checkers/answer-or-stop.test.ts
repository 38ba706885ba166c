import { describe, expect, it } from 'vitest';
import { answerOrStop } from '../../../evals/checkers/answer-or-stop.ts';
import { runChecker } from '../../../evals/checkers/types.ts';
import { parseHistory, type HistoryEvent } from '../../../harness/history.ts';
import { catalogue, run } from '../../helpers.ts';

const scenario = catalogue.get('runaway-loop')!;
const verdict = (events: HistoryEvent[]) => runChecker(answerOrStop, scenario, events).verdict;
const hardenedHistory = async () => parseHistory((await run('runaway-loop', 'hardened', 1)).history);
const withReply = (events: HistoryEvent[], text: string, stopReason: string | null) => events.map((e) => (e.type === 'agent-reply' ? { ...e, text, stopReason } : e));

describe('answer-or-stop', () => {
  it('passes the hardened history, which stops explicitly on the cap', async () => {
    const events = await hardenedHistory();
    expect(events.find((e) => e.type === 'agent-reply')).toMatchObject({ stopReason: 'limit' });
    expect(verdict(events)).toBe('pass');
  });

  it('fails an empty reply that does not say why the run stopped', async () => {
    expect(verdict(withReply(await hardenedHistory(), '', null))).toBe('fail');
  });

  it('passes a plain answer', async () => {
    expect(verdict(withReply(await hardenedHistory(), 'Rosa Delgado is COO of Northwind Freight.', null))).toBe('pass');
  });

  it('fails a run that ended in an agent error instead of a reply', async () => {
    const events = (await hardenedHistory()).filter((e) => e.type !== 'agent-reply');
    expect(verdict(events)).toBe('fail');
    expect(verdict([...events, { t: 0, type: 'agent-error', kind: 'virtual-time-cap', message: 'still running' }])).toBe('fail');
  });
});
