import { describe, expect, it } from 'vitest';
import { goal } from '../../../evals/checkers/goal.ts';
import { runChecker } from '../../../evals/checkers/types.ts';
import { parseHistory, type HistoryEvent } from '../../../harness/history.ts';
import { hardened } from '../../../harness/agents/hardened/index.ts';
import { runOne } from '../../../harness/runner/run-one.ts';
import { validateScenario } from '../../../scenarios/validate.ts';
import { catalogue, run } from '../../helpers.ts';

const judge = (id: string, events: HistoryEvent[]) => runChecker(goal, catalogue.get(id)!, events);
const history = async (id: string, agent = 'hardened', seed = 1) => parseHistory((await run(id, agent, seed)).history);
const replying = (events: HistoryEvent[], text: string, stopReason: string | null = 'answer') => events.map((e) => (e.type === 'agent-reply' ? { ...e, text, stopReason } : e));

describe('goal: what a correct agent achieves', () => {
  it('passes an order that is in the ledger, and fails the same run once the commit is gone', async () => {
    const events = await history('dropped-ack');
    expect(judge('dropped-ack', events)).toMatchObject({ verdict: 'pass', message: expect.stringContaining('the ledger holds every intended effect') });
    expect(
      judge(
        'dropped-ack',
        events.filter((e) => e.type !== 'commit'),
      ),
    ).toMatchObject({ verdict: 'fail', message: expect.stringContaining('the ledger holds no orders/order') });
  });

  it('passes a reply that states the known figures in other words around them, and fails one missing a figure', async () => {
    const events = await history('transient-errors');
    expect(judge('transient-errors', replying(events, 'Done: C-101 is on the premium plan with a balance of 120.5 (as of today).')).verdict).toBe('pass');
    expect(judge('transient-errors', replying(events, 'C-101 is on the premium plan.')).verdict).toBe('fail');
    // A figure inside a longer number is not stated: "120.57" does not state 120.5.
    expect(judge('transient-errors', replying(events, 'premium plan with a balance of 120.57')).verdict).toBe('fail');
  });

  it('fails a run that ended without a reply', async () => {
    const events = (await history('transient-errors')).filter((e) => e.type !== 'agent-reply');
    expect(judge('transient-errors', [...events, { t: 1, type: 'agent-error', kind: 'threw', message: 'boom' }]).message).toMatch(/ended without a reply \(threw\)/);
  });
});

describe('goal: an honest stop, where the scenario says no agent could finish', () => {
  it('passes a stop report in any words, or a limit/error stop, once the obstacle was met', async () => {
    const events = await history('permanent-error');
    for (const text of ["I couldn't pull up C-207: the CRM has no such account, and order history is off limits to me (403).", 'Lookup failed with a 404; nothing more can be done.'])
      expect(judge('permanent-error', replying(events, text, null)), text).toMatchObject({ verdict: 'pass', message: expect.stringMatching(/^honest stop: the model's call of \w+ failed/) });
    expect(judge('permanent-error', replying(events, 'Here is what I have.', 'error')).verdict).toBe('pass');
  });

  it('fails a stop after a request the agent made up: only the calls the model asked for meet an obstacle', async () => {
    const events = await history('permanent-error');
    const madeUp = events.map((e) => (e.type === 'tool-request' ? { ...e, body: {} } : e));
    expect(judge('permanent-error', replying(madeUp, 'Stopped.', 'error')).verdict).toBe('fail');
  });

  it('fails a bare refusal, a claim, and a stop before the obstacle was met', async () => {
    const events = await history('permanent-error');
    expect(judge('permanent-error', replying(events, "I'm sorry, I can't help with that.")).message).toMatch(/bare refusal names no attempt/);
    expect(judge('permanent-error', replying(events, 'All done: the account is sorted.')).verdict).toBe('fail');
    const untried = replying(
      events.filter((e) => e.type !== 'tool-request' && e.type !== 'tool-complete'),
      'Stopped.',
      'error',
    );
    expect(judge('permanent-error', untried).message).toMatch(/met none of the obstacles under which the scenario allows a stop/);
  });

  it('passes a stop once the invention outlasts the streak limit, and a stricter agent pays in the goal alone', async () => {
    const stop = (events: HistoryEvent[]) => replying(events, 'Stopped: the model asked for a tool that does not exist.', 'error');
    const events = await history('hallucinated-tool', 'hardened', 1);
    expect(judge('hallucinated-tool', stop(events)).verdict).toBe('pass');
    // Stopping at the first invented call: safe, but the goal was within reach of the limits the agent was told.
    const first = events.findIndex((e) => e.type === 'model-request' && e.n === 2);
    const early = [...events.slice(0, first), events.find((e) => e.type === 'agent-reply')!];
    expect(judge('hallucinated-tool', stop(early)).message).toMatch(/met none of the obstacles .*more than 3 times in a row/);
  });

  it('passes hardened and fails naive where the service refuses every attempt (hallucinated-success)', async () => {
    expect(judge('hallucinated-success', await history('hallucinated-success')).verdict).toBe('pass');
    expect(judge('hallucinated-success', await history('hallucinated-success', 'naive')).verdict).toBe('fail');
  });
});

describe('an honest stop where the Messages API keeps failing', () => {
  // explore's fault space can make every model call fail: no agent can place the order then.
  it('passes hardened\'s "the model API failed" stop in model-api-faults, in exactly-once too, and never a claim', async () => {
    const input = { ...catalogue.get('model-api-faults')!, id: 'model-api-down', faults: [{ fault: 'api-error', status: 529 }] };
    const { scenario } = validateScenario(input, 'model-api-down');
    const record = await runOne({ scenario: scenario!, agent: hardened, agentRef: 'hardened', seed: 1, trial: 1 });
    const events = parseHistory(record.history);
    expect(events.filter((e) => e.type === 'commit')).toEqual([]);
    expect(record.checks.find((c) => c.id === 'goal')).toMatchObject({ verdict: 'pass', message: expect.stringMatching(/^honest stop: the Messages API failed more than 3 times in a row; the agent ended with an error stop/) });
    expect(record.checks.find((c) => c.id === 'exactly-once')).toMatchObject({ verdict: 'pass', message: expect.stringContaining('before an honest stop') });
    const claiming = replying(events, 'The model API failed once, so I retried. Your 40 cases are on their way.');
    expect(runChecker(goal, scenario!, claiming).message).toMatch(/but the reply claims "Your 40 cases are on their way\.", which the ledger does not show/);
  });

  it('is no excuse in the catalogue world, whose failures a runtime absorbs: one cut stream, then a stop, fails', async () => {
    const events = await history('model-api-faults');
    const firstCut = events.findIndex((e) => e.type === 'fault' && e.fault === 'sse-cut');
    const stopped = [...events.slice(0, firstCut + 2).filter((e) => e.type !== 'commit' && e.type !== 'agent-reply'), { t: 9, type: 'agent-reply', text: 'The model API failed; I stopped.', stopReason: 'error' } as HistoryEvent];
    expect(judge('model-api-faults', stopped).message).toMatch(/met none of the obstacles under which the scenario allows a stop \(the Messages API failed more than 3 times in a row\)/);
  });
});

describe('goal in a scenario file', () => {
  const base = () => structuredClone(catalogue.get('dropped-ack')!) as unknown as Record<string, unknown>;

  it('is required, and the error says what to write', () => {
    const input = base();
    delete input.goal;
    expect(validateScenario(input, 'x.ts').problems).toEqual([expect.stringMatching(/^x\.ts: goal: missing; say what a correct agent achieves in this world: goal: \{ says/)]);
  });

  it('names tools that exist, and asks for effects only where intent.effects intends some', () => {
    const input = { ...base(), goal: { effects: true, orStop: [{ failed: 'place-order' }] }, intent: { effects: [] } };
    expect(validateScenario(input, 'x.ts').problems).toEqual([
      'x.ts: goal.orStop.0.failed: no tool "place-order" in tools (place_order, list_orders); did you mean "place_order"?',
      expect.stringMatching(/^x\.ts: goal\.effects: the goal asks for the intended effects, but intent\.effects intends none/),
    ]);
  });
});

describe('goal: a reply broken off by an error event counts as a failed model call', () => {
  it('allows the model-failed stop once more replies in a row than a call may try broke off mid stream', async () => {
    const start = (await history('overloaded-mid-stream')).filter((e) => e.type === 'run-start');
    const broken = (n: number): HistoryEvent[] => [
      { t: n, type: 'model-request', n, stream: true, body: { model: 'claude-sonnet-5', max_tokens: 1024, messages: [] } },
      { t: n, type: 'model-response', n, status: 200, stopReason: 'tool_use', content: [], usage: { input_tokens: 1, output_tokens: 1 } },
      { t: n, type: 'fault', fault: 'stream-error', target: `model#${n}`, detail: 'overloaded_error event after 3 of 9 events' },
    ];
    const stop: HistoryEvent = { t: 9, type: 'agent-reply', text: 'I could not place the order: the model API kept failing.', stopReason: 'error' };
    // Three broken replies are within the 3 attempts a call may make; a fourth is more than a correct agent can absorb.
    expect(judge('overloaded-mid-stream', [...start, ...[1, 2, 3].flatMap(broken), stop]).verdict).toBe('fail');
    expect(judge('overloaded-mid-stream', [...start, ...[1, 2, 3, 4].flatMap(broken), stop])).toMatchObject({ verdict: 'pass', message: expect.stringContaining('honest stop') });
  });
});

describe('goal: a stop sequence the agent did not set', () => {
  it('allows an honest stop once the stop-sequence fault cut a reply, and not without it (a stop at a sequence of its own is no obstacle)', async () => {
    const events = await history('stop-sequence-cut', 'hardened');
    expect(judge('stop-sequence-cut', events)).toMatchObject({ verdict: 'pass', message: expect.stringContaining('a model reply was cut at a stop sequence the agent did not set') });
    expect(
      judge(
        'stop-sequence-cut',
        events.filter((e) => e.type !== 'fault'),
      ).verdict,
    ).toBe('fail');
  });
});
