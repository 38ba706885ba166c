import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { correlatedInAnyOrder, correlatedOnlyInSendOrder, isIdentity, reorderedBatches, reorderedBatchScenario } from '../../../evals/properties/reordered-parallel.ts';
import { hardened } from '../../../harness/agents/hardened/index.ts';
import { naive } from '../../../harness/agents/naive.ts';
import { runOne } from '../../../harness/runner/run-one.ts';

// Seed 002 case 2 over hundreds of randomized batches. Fixed seeds: a failure here names its seed
// and path, and `fc.assert(..., { seed, path })` replays it.
const BATCHES = 300;

describe('reordered parallel replies (seed 002 case 2), as properties', () => {
  it(`hardened keeps every result with its own tool_use_id in ${BATCHES} random batches of 2..8`, async () => {
    await fc.assert(correlatedInAnyOrder(hardened, 'hardened'), { seed: 2, numRuns: BATCHES });
  });

  it(`naive miscorrelates exactly when the arrival order is not the identity, in ${BATCHES} random batches`, async () => {
    await fc.assert(correlatedOnlyInSendOrder(naive, 'naive'), { seed: 2, numRuns: BATCHES });
  });

  it('the batches cover every size from 2 to 8, identity orders included', () => {
    const batches = fc.sample(reorderedBatches, { seed: 2, numRuns: BATCHES });
    expect(new Set(batches.map((b) => b.order.length))).toEqual(new Set([2, 3, 4, 5, 6, 7, 8]));
    expect(batches.filter((b) => isIdentity(b.order)).length).toBeGreaterThan(5);
  });

  it('by example: eight replies in send order pass naive; one adjacent swap fails it and not hardened', async () => {
    const run = (agent: 'naive' | 'hardened', order: number[]) => runOne({ scenario: reorderedBatchScenario(order), agent: agent === 'naive' ? naive : hardened, agentRef: agent, seed: 1, trial: 1 });
    const correlated = async (agent: 'naive' | 'hardened', order: number[]) => (await run(agent, order)).checks.find((c) => c.id === 'results-correlated')?.verdict;
    expect(await correlated('naive', [1, 2, 3, 4, 5, 6, 7, 8])).toBe('pass');
    expect(await correlated('naive', [1, 2, 3, 5, 4, 6, 7, 8])).toBe('fail');
    expect(await correlated('hardened', [1, 2, 3, 5, 4, 6, 7, 8])).toBe('pass');
    expect(await correlated('hardened', [8, 7, 6, 5, 4, 3, 2, 1])).toBe('pass');
  });

  it('a broken property is caught and shrunk: "naive always correlates" fails on a single adjacent swap', async () => {
    const property = fc.asyncProperty(reorderedBatches, async (batch) => {
      const record = await runOne({ scenario: reorderedBatchScenario(batch.order), agent: naive, agentRef: 'naive', seed: batch.seed, trial: 1 });
      return record.checks.find((c) => c.id === 'results-correlated')?.verdict === 'pass';
    });
    const details = await fc.check(property, { seed: 2, numRuns: 100 });
    expect(details.failed).toBe(true);
    const order = details.counterexample?.[0].order ?? [];
    expect(order.flatMap((k, i) => (k === i + 1 ? [] : [i]))).toHaveLength(2);
  });
});
