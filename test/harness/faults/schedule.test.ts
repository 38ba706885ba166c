import { describe, expect, it } from 'vitest';
import { reorder } from '../../../harness/faults/reorder.ts';
import { schedule } from '../../../harness/faults/types.ts';
import { Rng } from '../../../harness/rng.ts';

const take = (strikes: () => boolean, n: number) => Array.from({ length: n }, strikes);

describe('fault schedules', () => {
  it('with match, counts and strikes only the requests whose arguments carry those values, compared as text', () => {
    const strikes = schedule({ match: { customer_id: 'C-204', page: 2 }, first: 2 }, new Rng(1));
    const asked = [{ customer_id: 'C-201', page: 2 }, { customer_id: 'C-204', page: '2' }, { customer_id: 'C-204' }, { customer_id: 'C-204', page: 2 }, { customer_id: 'C-204', page: 2 }];
    expect(asked.map((input) => strikes(input))).toEqual([false, true, false, true, false]);
    expect(schedule({ match: { customer_id: 'C-204' } }, new Rng(1))()).toBe(false);
  });

  it('strikes every request when no `when` is given', () => {
    expect(take(schedule({}, new Rng(1)), 5)).toEqual([true, true, true, true, true]);
  });

  it('strikes exactly the first N, with N drawn once from a range', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const pattern = take(schedule({ first: [1, 3] }, new Rng(seed)), 6);
      const n = pattern.indexOf(false);
      expect(n).toBeGreaterThanOrEqual(1);
      expect(n).toBeLessThanOrEqual(3);
      expect(pattern.slice(n).every((s) => !s)).toBe(true);
    }
  });

  it('strikes later requests with the given probability, the same way for the same seed', () => {
    const a = take(schedule({ first: 1, probability: 0.5 }, new Rng(9)), 200);
    expect(a).toEqual(take(schedule({ first: 1, probability: 0.5 }, new Rng(9)), 200));
    const rate = a.slice(1).filter(Boolean).length / 199;
    expect(rate).toBeGreaterThan(0.35);
    expect(rate).toBeLessThan(0.65);
  });
});

describe('reorder', () => {
  it('never answers a batch in the order it was sent', async () => {
    for (let seed = 1; seed <= 50; seed++) {
      const fault = reorder.create(reorder.params.parse({ fault: 'reorder', tool: 't', batch: 6 }), new Rng(seed));
      const slots: number[] = [];
      const world = { sleep: async () => {} } as never;
      for (let i = 0; i < 6; i++) await fault.wrap({ world, request: {} as never, strike: (d) => slots.push(Number(/reply (\d+)/.exec(d)?.[1])) }, async () => ({ status: 200, body: {} }));
      expect(slots).not.toEqual([1, 2, 3, 4, 5, 6]);
      expect([...slots].sort()).toEqual([1, 2, 3, 4, 5, 6]);
    }
  });
});
