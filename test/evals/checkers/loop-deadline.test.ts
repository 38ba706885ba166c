import { describe, expect, it } from 'vitest';
import { loopDeadline } from '../../../evals/checkers/loop-deadline.ts';
import { runChecker } from '../../../evals/checkers/types.ts';
import { parseHistory, type HistoryEvent } from '../../../harness/history.ts';
import minimal from '../../../examples/minimal-agent.ts';
import type { Agent } from '../../../harness/agents/types.ts';
import { catalogue, check, run, SEEDS } from '../../helpers.ts';

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

  // The world shows a missing deadline to any runtime that uses the per-call timeout it is told
  // (30 s): two timed-out attempts already take the run past 60 s.
  it('fails, on every seed, a runtime with no whole-loop deadline (minimal, told none); passes minimal', async () => {
    const noDeadline: Agent = { name: 'no-deadline', run: (task, env) => minimal.run({ ...task, limits: { ...task.limits, deadlineMs: 3_600_000 } }, env) };
    for (const seed of SEEDS) {
      expect(check(await run('slow-tool', noDeadline, seed), 'loop-deadline')?.verdict, `seed ${seed}`).toBe('fail');
      expect(check(await run('slow-tool', minimal, seed), 'loop-deadline')?.verdict, `seed ${seed}`).toBe('pass');
    }
  });
});
