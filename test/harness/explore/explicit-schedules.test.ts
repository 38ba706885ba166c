import { describe, expect, it } from 'vitest';
import { reorder } from '../../../harness/faults/reorder.ts';
import { schedule, when } from '../../../harness/faults/types.ts';
import { Rng } from '../../../harness/rng.ts';
import { validateScenario } from '../../../scenarios/validate.ts';
import { catalogue } from '../../helpers.ts';

const take = (strikes: () => boolean, n: number) => Array.from({ length: n }, strikes);

/** The arrival slot (1-based) of each request of one batch, in the order sent. */
async function arrivalSlots(params: Record<string, unknown>, seed = 1): Promise<number[]> {
  const fault = reorder.create(reorder.params.parse({ fault: 'reorder', tool: 't', ...params }), new Rng(seed));
  const slots: number[] = [];
  const world = { sleep: async () => {} } as never;
  const batch = Number(params.batch);
  for (let i = 0; i < batch; i++) await fault.wrap({ world, request: {} as never, strike: (d) => slots.push(Number(/reply (\d+)/.exec(d)?.[1])) }, async () => ({ status: 200, body: {} }));
  return slots;
}

describe('when.strike: an explicit list of request numbers', () => {
  it('strikes exactly the listed requests (1 = the first), whatever the seed', () => {
    for (let seed = 1; seed <= 20; seed++) expect(take(schedule({ strike: [2, 5] }, new Rng(seed)), 7)).toEqual([false, true, false, false, true, false, false]);
  });

  it('strikes nothing when the list is empty (not every request, as an omitted when does)', () => {
    expect(take(schedule({ strike: [] }, new Rng(1)), 4)).toEqual([false, false, false, false]);
    expect(take(schedule({}, new Rng(1)), 4)).toEqual([true, true, true, true]);
  });

  it('adds to `first` and to `probability`', () => {
    expect(take(schedule({ first: 2, strike: [4] }, new Rng(1)), 5)).toEqual([true, true, false, true, false]);
    expect(take(schedule({ strike: [2], probability: 0 }, new Rng(1)), 3)).toEqual([false, true, false]);
    expect(take(schedule({ strike: [2], probability: 1 }, new Rng(1)), 3)).toEqual([true, true, true]);
  });

  it('leaves seeded schedules as they were: a `first` range and a probability draw the same as before', () => {
    // Without `strike` nothing changes, so the existing catalogue histories stay byte-identical.
    const old = (spec: { first: [number, number]; probability: number }, rng: Rng) => {
      const first = rng.int(spec.first[0], spec.first[1]);
      let seen = 0;
      return () => seen++ < first || rng.chance(spec.probability);
    };
    for (let seed = 1; seed <= 10; seed++) expect(take(schedule({ first: [1, 3], probability: 0.3 }, new Rng(seed)), 30)).toEqual(take(old({ first: [1, 3], probability: 0.3 }, new Rng(seed)), 30));
  });

  it('is validated: request numbers are integers from 1', () => {
    expect(when.safeParse({ strike: [1, 3] }).success).toBe(true);
    expect(when.safeParse({ strike: [0] }).success).toBe(false);
    expect(when.safeParse({ strike: [1.5] }).success).toBe(false);
    expect(when.safeParse({ strike: 2 }).success).toBe(false);
  });

  it('is accepted in a scenario file, and a bad one is reported with its path', () => {
    const droppedAck = catalogue.get('dropped-ack');
    const input = { ...droppedAck, id: 'strike-list', faults: [{ fault: 'drop-reply', tool: 'place_order', when: { strike: [2] } }] };
    expect(validateScenario(input, 'x.ts').problems).toEqual([]);
    const bad = validateScenario({ ...input, faults: [{ fault: 'drop-reply', tool: 'place_order', when: { strike: [0] } }] }, 'x.ts');
    expect(bad.problems.join('\n')).toMatch(/^x\.ts: faults\.0\.when\.strike\.0: /m);
  });
});

describe('reorder.order: an explicit arrival order', () => {
  it('delivers the replies of each batch in the listed order (request numbers, 1 = sent first)', async () => {
    // Request 3 arrives first, then request 1, then request 2.
    expect(await arrivalSlots({ batch: 3, order: [3, 1, 2] })).toEqual([2, 3, 1]);
    expect(await arrivalSlots({ batch: 4, order: [2, 1, 4, 3] })).toEqual([2, 1, 4, 3]);
  });

  it('allows the identity, which the seeded order never is', async () => {
    for (let seed = 1; seed <= 5; seed++) expect(await arrivalSlots({ batch: 5, order: [1, 2, 3, 4, 5] }, seed)).toEqual([1, 2, 3, 4, 5]);
    expect(await arrivalSlots({ batch: 5 })).not.toEqual([1, 2, 3, 4, 5]);
  });

  it('must be a permutation of 1..batch', () => {
    for (const order of [[1, 2], [1, 1, 2], [0, 1, 2], [1, 2, 4], []]) {
      const parsed = reorder.params.safeParse({ fault: 'reorder', tool: 't', batch: 3, order });
      expect(parsed.success, JSON.stringify(order)).toBe(false);
      expect(parsed.error?.issues[0]?.path[0]).toBe('order');
    }
    expect(reorder.params.safeParse({ fault: 'reorder', tool: 't', batch: 3, order: [2, 3, 1] }).success).toBe(true);
  });
});
