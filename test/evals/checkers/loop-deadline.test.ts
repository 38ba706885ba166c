import { describe, expect, it } from 'vitest';
import { loopDeadline } from '../../../evals/checkers/loop-deadline.ts';
import { runChecker } from '../../../evals/checkers/types.ts';
import { parseHistory, type HistoryEvent } from '../../../harness/history.ts';
import { catalogue, run } from '../../helpers.ts';

const scenario = catalogue.get('slow-tool')!;
const verdict = (events: HistoryEvent[]) => runChecker(loopDeadline, scenario, events).verdict;
// Seed 3 holds six requests: five timeouts in a row open the hardened gateway's circuit (seed
// 004), so the sixth fails fast and the loop answers just inside its 60 s deadline.
const hardenedHistory = async () => parseHistory((await run('slow-tool', 'hardened', 3)).history);

describe('loop-deadline', () => {
  it('passes the hardened history, which ends just inside its deadline', async () => {
    const events = await hardenedHistory();
    const reply = events.find((e) => e.type === 'agent-reply')!;
    expect(reply.t).toBeGreaterThan(50_000);
    expect(reply.t).toBeLessThanOrEqual(60_000);
    expect(verdict(events)).toBe('pass');
  });

  it('fails a reply that comes after the deadline', async () => {
    const events = (await hardenedHistory()).map((e) => (e.type === 'agent-reply' ? { ...e, t: 60_001 } : e));
    expect(verdict(events)).toBe('fail');
  });

  it('fails a run that hit the virtual-time cap, and cannot judge a run that never ended', async () => {
    const events = (await hardenedHistory()).filter((e) => e.type !== 'agent-reply');
    expect(verdict([...events, { t: 3_600_000, type: 'agent-error', kind: 'virtual-time-cap', message: 'still running' }])).toBe('fail');
    expect(verdict(events)).toBe('unknown');
  });
});
