import { describe, expect, it } from 'vitest';
import { loadAgent } from '../../../harness/agents/load.ts';
import { digest, parseHistory } from '../../../harness/history.ts';
import { judge } from '../../../harness/runner/judge.ts';
import type { RunRecord } from '../../../harness/runner/record.ts';
import { runOne } from '../../../harness/runner/run-one.ts';
import type { Scenario } from '../../../scenarios/schema.ts';
import { validateScenario } from '../../../scenarios/validate.ts';
import { catalogue, check, run } from '../../helpers.ts';

const droppedAck = catalogue.get('dropped-ack')!;
/** dropped-ack with its faults replaced (as parsed: every default filled in), run as given: no validation on the way. */
const withFaults = (faults: unknown[], id = 'dropped-ack-refaulted'): Scenario => ({ ...droppedAck, id, faults: faults as Scenario['faults'] });
const runWith = async (scenario: Scenario, agent: string, seed = 1): Promise<RunRecord> => runOne({ scenario, agent: await loadAgent(agent), agentRef: agent, seed, trial: 1 });
const faultEvents = (record: RunRecord) => parseHistory(record.history).filter((e) => e.type === 'fault');

// A fault aimed at a call no plan makes: `strike: [1]` of the requests carrying sku Z9, of which there are none.
const neverStrikes = withFaults([{ fault: 'drop-reply', tool: 'place_order', when: { strike: [1], match: { sku: 'Z9' } }, commit: true }]);

describe('faultsStruck: how many of the declared faults struck in a run', () => {
  it('a run whose only fault never struck is marked 0 of 1, and its primary check says not-applicable, for either control', async () => {
    // Validation refuses this schedule; a scenario object handed to runOne is not validated.
    expect(validateScenario(neverStrikes, 'x.ts').problems).toEqual([expect.stringContaining('x.ts: faults.0.when.match: no call of place_order meets {"sku":"Z9"}')]);
    for (const agent of ['naive', 'hardened']) {
      const record = await runWith(neverStrikes, agent);
      expect(faultEvents(record)).toEqual([]);
      expect(record.faultsStruck).toEqual({ struck: 0, declared: 1 });
      expect(check(record, 'exactly-once')).toEqual({ id: 'exactly-once', verdict: 'not-applicable', message: "nothing to judge: the scenario's one fault never struck in this run" });
      // The other checks judge the run as ever: the world was simply not faulted.
      expect(check(record, 'goal')?.verdict).toBe('pass');
      expect(record.verdict).toBe('pass');
    }
  });

  it('names how many faults none of which struck', async () => {
    const two = withFaults([
      { fault: 'drop-reply', tool: 'place_order', when: { strike: [1], match: { sku: 'Z9' } }, commit: true },
      { fault: 'api-error', status: 529, when: { strike: [99] } },
    ]);
    const record = await runWith(two, 'naive');
    expect(record.faultsStruck).toEqual({ struck: 0, declared: 2 });
    expect(check(record, 'exactly-once')?.message).toBe("nothing to judge: none of the scenario's 2 faults struck in this run");
  });

  it('a run whose fault struck is counted and judged as ever: the naive control still fails the primary check', async () => {
    const naive = await run('dropped-ack', 'naive', 1);
    expect(faultEvents(naive).length).toBeGreaterThan(0);
    expect(naive.faultsStruck).toEqual({ struck: 1, declared: 1 });
    expect(check(naive, 'exactly-once')?.verdict).toBe('fail');
    const hardened = await run('dropped-ack', 'hardened', 1);
    expect(hardened.faultsStruck).toEqual({ struck: 1, declared: 1 });
    expect(check(hardened, 'exactly-once')?.verdict).toBe('pass');
  });

  it('counts each declared entry once however often it struck, tool and Messages API faults alike; a partial strike changes no verdict', async () => {
    // transient-errors seed 1: the 429 strikes, the 503 (first: [0, 1]) drew 0.
    const partial = await run('transient-errors', 'hardened', 1);
    expect(partial.faultsStruck).toEqual({ struck: 1, declared: 2 });
    expect(check(partial, 'retry-backoff')?.verdict).toBe('pass');
    expect(check(await run('transient-errors', 'naive', 1), 'retry-backoff')?.verdict).toBe('fail');
    // model-api-faults seed 3: the 529, the 500 and the cut stream all struck, each a Messages API fault.
    const api = await run('model-api-faults', 'hardened', 3);
    expect(new Set(faultEvents(api).map((e) => (e as { fault: string }).fault))).toEqual(new Set(['api-error', 'sse-cut']));
    expect(api.faultsStruck).toEqual({ struck: 3, declared: 3 });
    // A struck reorder records one event per reply: still one entry struck.
    const reordered = await run('reordered-parallel', 'hardened', 1);
    expect(faultEvents(reordered).length).toBeGreaterThan(1);
    expect(reordered.faultsStruck).toEqual({ struck: 1, declared: 1 });
  });

  it('a scenario that declares no fault has no faultsStruck', async () => {
    expect(catalogue.get('max-tokens')?.faults).toEqual([]);
    expect(await run('max-tokens', 'hardened', 1)).not.toHaveProperty('faultsStruck');
  });

  it('counting strikes leaves the history as it was: a fault that never strikes gives the history of no fault', async () => {
    const none = await runWith(withFaults([]), 'hardened');
    const never = await runWith(neverStrikes, 'hardened');
    expect(never.history.replace(/"scenario":"[^"]+"/, '')).toBe(none.history.replace(/"scenario":"[^"]+"/, ''));
    expect(none).not.toHaveProperty('faultsStruck');
  });
});

describe('judge with faultsStruck', () => {
  const events = async () => parseHistory((await run('dropped-ack', 'naive', 1)).history);
  const judged = async (faultsStruck?: { struck: number; declared: number }, events_?: Awaited<ReturnType<typeof events>>) => {
    const e = events_ ?? (await events());
    const history = e.map((x) => JSON.stringify(x)).join('\n');
    return judge(droppedAck, 'naive', 1, 1, e, history, 0, 0, 'dropped-ack', faultsStruck);
  };

  it('only a pass of the primary check, in a run in which none struck, is set aside; a failure stays one, and the other checks are judged', async () => {
    expect(check(await judged({ struck: 1, declared: 1 }), 'exactly-once')?.verdict).toBe('fail');
    // A double order is a double order, whether or not the fault that should have caused it struck.
    expect(check(await judged({ struck: 0, declared: 1 }), 'exactly-once')?.verdict).toBe('fail');
    const passing = parseHistory((await run('dropped-ack', 'hardened', 1)).history);
    expect(check(await judged({ struck: 1, declared: 1 }, passing), 'exactly-once')?.verdict).toBe('pass');
    const unstruck = await judged({ struck: 0, declared: 1 }, passing);
    expect(check(unstruck, 'exactly-once')).toMatchObject({ verdict: 'not-applicable', message: "nothing to judge: the scenario's one fault never struck in this run" });
    expect(unstruck.checks.filter((c) => c.id !== 'exactly-once')).toEqual((await judged(undefined, passing)).checks.filter((c) => c.id !== 'exactly-once'));
    expect(unstruck.faultsStruck).toEqual({ struck: 0, declared: 1 });
    expect(await judged({ struck: 0, declared: 0 })).not.toHaveProperty('faultsStruck');
  });

  it('a run that was stopped short stays not judged (unknown), struck or not', async () => {
    const stopped = [...(await events()), { t: 1, type: 'run-stopped' as const, reason: 'budget' as const, message: 'budget reached' }];
    const record = await judged({ struck: 0, declared: 1 }, stopped as never);
    expect(check(record, 'exactly-once')).toMatchObject({ verdict: 'unknown', message: 'not judged: budget reached' });
    expect(record.historyDigest).toBe(digest(stopped.map((x) => JSON.stringify(x)).join('\n')));
  });
});
