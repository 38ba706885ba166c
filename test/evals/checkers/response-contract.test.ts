import { describe, expect, it } from 'vitest';
import { responseContract } from '../../../evals/checkers/response-contract.ts';
import { runChecker } from '../../../evals/checkers/types.ts';
import { eventsOf, parseHistory, type HistoryEvent } from '../../../harness/history.ts';
import { catalogue, run } from '../../helpers.ts';
import { isError, rewriteToolResults } from './helpers.ts';

const scenario = catalogue.get('schema-drift')!;
const verdict = (events: HistoryEvent[]) => runChecker(responseContract, scenario, events).verdict;
const hardenedHistory = async () => parseHistory((await run('schema-drift', 'hardened', 1)).history);

/** Replaces every is_error tool_result the model received with the drifted body, unflagged: the drift passed through. */
function passDriftThrough(events: HistoryEvent[]): HistoryEvent[] {
  const drifted = JSON.stringify(eventsOf(events, 'tool-complete')[0]?.body);
  return rewriteToolResults(events, (b) => ({ type: 'tool_result', tool_use_id: b.tool_use_id, content: drifted }), isError);
}

describe('response-contract', () => {
  it('passes the hardened history, where the drifted reply arrives as a contract violation', async () => {
    expect(verdict(await hardenedHistory())).toBe('pass');
  });

  it('fails once the drifted reply reaches the model as a success', async () => {
    expect(verdict(passDriftThrough(await hardenedHistory()))).toBe('fail');
  });

  it('has nothing to judge in a run in which every reply kept the contract', async () => {
    const v1 = { episode_id: 'EP-212', title: 'Leading through a reorg', primary: 'Mara Quist', secondary: 'Dev Anand' };
    const events = (await hardenedHistory()).map((e) => (e.type === 'tool-complete' ? { ...e, body: v1 } : e));
    expect(verdict(events)).toBe('not-applicable');
  });
});
