import fc from 'fast-check';
import type { Agent } from '../../harness/agents/types.ts';
import { permutation } from '../../harness/explore/fault-space.ts';
import type { RunRecord } from '../../harness/runner/record.ts';
import { runOne } from '../../harness/runner/run-one.ts';
import reorderedParallel, { customers } from '../../scenarios/reordered-parallel.ts';
import type { Scenario } from '../../scenarios/schema.ts';
import { validateScenario } from '../../scenarios/validate.ts';

/** The scenario's six account holders and two more, each with a record no other shares, so a misplaced result always shows. */
const people = [...customers, { customer_id: 'C-107', name: 'Greta Holm', plan: 'basic', open_tickets: 4, balance: 7.5 }, { customer_id: 'C-108', name: 'Hiro Tanaka', plan: 'premium', open_tickets: 1, balance: 2_048 }];

const BATCH_MIN = 2;
const BATCH_MAX = people.length;

/** One randomized batch: the arrival order of `order.length` parallel lookups, and the world's seed. */
export type ReorderedBatch = { order: number[]; seed: number };

/** Batches of 2..8 parallel lookups in any arrival order (the identity included), and any world seed. */
export const reorderedBatches: fc.Arbitrary<ReorderedBatch> = fc.record({
  order: fc.integer({ min: BATCH_MIN, max: BATCH_MAX }).chain(permutation),
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
});

const bases = new Map<number, Scenario>();

/**
 * The reordered-parallel scenario of seed 002 case 2, with `order.length` lookups in one parallel
 * batch whose replies arrive in `order` (request numbers, 1 = sent first).
 */
export function reorderedBatchScenario(order: number[]): Scenario {
  const base = bases.get(order.length) ?? validBase(order.length);
  bases.set(order.length, base);
  return { ...base, faults: [{ fault: 'reorder', tool: 'lookup_customer', batch: order.length, spacingMs: 40, order }] };
}

function validBase(n: number): Scenario {
  const customers = people.slice(0, n);
  const cards = customers.map((c) => `${c.customer_id}: ${c.name}, ${c.plan}`);
  const input = {
    ...reorderedParallel,
    id: `reordered-parallel-${n}`,
    task: `Build profile cards for accounts ${customers.map((c) => c.customer_id).join(', ')}: name and plan for each.`,
    services: { crm: { customers } },
    faults: [],
    model: { ...reorderedParallel.model, plan: [{ call: customers.map((c) => ({ name: 'lookup_customer', input: { customer_id: c.customer_id } })) }] },
    intent: { answer: { includes: cards, excludes: [] } },
    goal: { says: cards },
  };
  const { scenario, problems } = validateScenario(input, `reordered-parallel (batch of ${n})`);
  if (!scenario) throw new Error(`[faultline] ${problems.join('; ')}`);
  return scenario;
}

export const isIdentity = (order: number[]) => order.every((request, i) => request === i + 1);

async function runBatch(agent: Agent, agentRef: string, batch: ReorderedBatch): Promise<RunRecord> {
  return runOne({ scenario: reorderedBatchScenario(batch.order), agent, agentRef, seed: batch.seed, trial: 1 });
}

const verdictOf = (record: RunRecord, id: string) => record.checks.find((c) => c.id === id)?.verdict;
const failure = (record: RunRecord, batch: ReorderedBatch, expected: string) =>
  new Error(`${record.agent}, arrival order [${batch.order}], seed ${batch.seed}: ${expected}; checks: ${record.checks.map((c) => `${c.id} ${c.verdict}: ${c.message}`).join(' | ')}`);

/**
 * A runtime that correlates results by `tool_use_id` (hardened, the SDK's tool runner) passes every
 * check, `results-correlated` first, whatever order the replies of a parallel batch arrive in.
 */
export function correlatedInAnyOrder(agent: Agent, agentRef: string): fc.IAsyncPropertyWithHooks<[ReorderedBatch]> {
  return fc.asyncProperty(reorderedBatches, async (batch) => {
    const record = await runBatch(agent, agentRef, batch);
    if (record.verdict !== 'pass') throw failure(record, batch, 'expected every check to pass');
  });
}

/**
 * A runtime that attaches results in arrival order (naive) keeps them correlated exactly when the
 * replies arrive in the order the calls were sent: `results-correlated` fails for every other order.
 */
export function correlatedOnlyInSendOrder(agent: Agent, agentRef: string): fc.IAsyncPropertyWithHooks<[ReorderedBatch]> {
  return fc.asyncProperty(reorderedBatches, async (batch) => {
    const record = await runBatch(agent, agentRef, batch);
    const expected = isIdentity(batch.order) ? 'pass' : 'fail';
    if (verdictOf(record, 'results-correlated') !== expected) throw failure(record, batch, `expected results-correlated to ${expected}`);
  });
}
