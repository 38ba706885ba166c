import { describe, expect, it } from 'vitest';
import { toolTimeout } from '../../../evals/checkers/tool-timeout.ts';
import { runChecker } from '../../../evals/checkers/types.ts';
import { parseHistory, type HistoryEvent } from '../../../harness/history.ts';
import { catalogue, run } from '../../helpers.ts';

const scenario = catalogue.get('slow-tool')!;
const verdict = (events: HistoryEvent[]) => runChecker(toolTimeout, scenario, events).verdict;
const hardenedHistory = async () => parseHistory((await run('slow-tool', 'hardened', 1)).history);

describe('tool-timeout', () => {
  it('passes the hardened history, which gives up on each slow request after 10 s', async () => {
    const events = await hardenedHistory();
    expect(events.some((e) => e.type === 'fault' && e.fault === 'slow-reply')).toBe(true);
    expect(verdict(events)).toBe('pass');
  });

  it('fails a client that waits for the slow reply past 30 s', async () => {
    const events = (await hardenedHistory()).map((e) => (e.type === 'tool-complete' && e.id === 'req_1' ? { ...e, t: e.t + 25_000 } : e));
    expect(verdict(events)).toBe('fail');
  });

  it('counts a request never ended as open until the end of the run', async () => {
    const events = (await hardenedHistory()).filter((e) => !(e.type === 'tool-complete' && e.id === 'req_1'));
    expect(verdict(events)).toBe('fail');
  });
});
