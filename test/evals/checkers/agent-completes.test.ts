import { describe, expect, it } from 'vitest';
import { agentCompletes } from '../../../evals/checkers/agent-completes.ts';
import { runChecker } from '../../../evals/checkers/types.ts';
import type { Agent } from '../../../harness/agents/types.ts';
import { parseHistory, type AgentErrorKind, type HistoryEvent } from '../../../harness/history.ts';
import type { RunRecord } from '../../../harness/runner/record.ts';
import { catalogue, run } from '../../helpers.ts';

const scenario = catalogue.get('dropped-ack')!;
const judge = (events: HistoryEvent[]) => runChecker(agentCompletes, scenario, events);
let hardenedRun: Promise<RunRecord> | undefined;
/** The hardened run's history, parsed afresh each call (the run itself happens once per file). */
const hardenedHistory = async () => parseHistory((await (hardenedRun ??= run('dropped-ack', 'hardened', 1))).history);

/** The run ends in an agent error where the agent had replied. */
const withError = (events: HistoryEvent[], kind: AgentErrorKind, message: string) => events.map((e): HistoryEvent => (e.type === 'agent-reply' ? { t: e.t, type: 'agent-error', kind, message } : e));

describe('agent-completes', () => {
  it('passes the hardened history, which ends with its answer', async () => {
    expect(judge(await hardenedHistory())).toMatchObject({ verdict: 'pass', message: 'agent replied (answer)' });
  });

  it.each([
    ['threw', 'Error: agent exploded'],
    ['deadlock', 'the agent is waiting on something that can never happen'],
    ['virtual-time-cap', 'still running after 3600000 ms of virtual time'],
    ['spin', 'the agent blocked the process for more than 10000 ms of wall time (a synchronous loop); the run was ended'],
  ] as const)('fails a run whose reply became an agent error of kind %s', async (kind, message) => {
    expect(judge(withError(await hardenedHistory(), kind, message))).toMatchObject({ verdict: 'fail', message: `agent ${kind}: ${message}` });
  });

  it('fails a run that ended with no reply and no error recorded', async () => {
    const result = judge((await hardenedHistory()).filter((e) => e.type !== 'agent-reply'));
    expect(result).toMatchObject({ verdict: 'fail', message: 'the run ended with no reply recorded' });
  });

  // No catalogue scenario has agent-completes as its primary check: the naive control completes every
  // one of them. Its known-bad runtime is one that throws.
  it('passes the naive control of dropped-ack and fails a runtime that throws', async () => {
    expect(judge(parseHistory((await run('dropped-ack', 'naive', 1)).history)).verdict).toBe('pass');
    const throws: Agent = { name: 'throws', run: async () => Promise.reject(new Error('agent exploded')) };
    const result = judge(parseHistory((await run('dropped-ack', throws, 1)).history));
    expect(result).toMatchObject({ verdict: 'fail', message: expect.stringMatching(/^agent threw: Error: agent exploded/) });
  });
});
