import { describe, expect, it } from 'vitest';
import { onBehalfOf } from '../../../evals/checkers/on-behalf-of.ts';
import { runChecker } from '../../../evals/checkers/types.ts';
import { parseHistory, type HistoryEvent } from '../../../harness/history.ts';
import { catalogue, run } from '../../helpers.ts';

const scenario = catalogue.get('confused-deputy')!;
const verdict = (events: HistoryEvent[]) => runChecker(onBehalfOf, scenario, events).verdict;
const hardenedHistory = async () => parseHistory((await run('confused-deputy', 'hardened', 1)).history);

describe('on-behalf-of', () => {
  it('passes the hardened history, where every lookup carries the user token', async () => {
    expect(verdict(await hardenedHistory())).toBe('pass');
  });

  it('fails once one request ran as the service account', async () => {
    let swapped = false;
    const events = (await hardenedHistory()).map((e) => (e.type === 'tool-request' && !swapped && (swapped = true) ? { ...e, principal: 'service:directory-agent' } : e));
    expect(verdict(events)).toBe('fail');
  });

  it('fails a request with no token at all', async () => {
    const events = (await hardenedHistory()).map((e) => (e.type === 'tool-request' ? { ...e, principal: 'anonymous' } : e));
    expect(verdict(events)).toBe('fail');
  });

  it('has nothing to judge in a run in which no tool was called', async () => {
    expect(verdict((await hardenedHistory()).filter((e) => e.type !== 'tool-request'))).toBe('not-applicable');
  });
});
