import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RunPicker } from '../../../harness/runner/affinity.ts';

// Runs 0..7 longest first as listed; the agent of each.
const AGENTS = ['naive', 'hardened', 'naive', 'langchain', 'hardened', 'langchain', 'naive', 'hardened'];
const picker = (order = AGENTS.map((_, i) => i)) => new RunPicker(order, (i) => AGENTS[i] as string);

describe('RunPicker', () => {
  it('gives a lane the runs of the agents it has, then an agent no lane has, by order', () => {
    const runs = picker();
    const [a, b] = [new Set<string>(), new Set<string>()];
    expect([runs.take(a), runs.take(b), runs.take(a), runs.take(b)]).toEqual([0, 1, 2, 4]);
    expect([...a, ...b]).toEqual(['naive', 'hardened']);
    // a's agent has one run left, then a claims langchain, which nobody has yet.
    expect([runs.take(a), runs.take(a)]).toEqual([6, 3]);
    expect(a).toEqual(new Set(['naive', 'langchain']));
  });

  it('once every agent has a lane, a lane with none of its own left takes the first run left of any, and keeps to that agent', () => {
    const runs = picker();
    const [a, b] = [new Set<string>(), new Set<string>()];
    for (const lane of [a, b, a]) runs.take(lane); // a: naive (0, 2); b: hardened (1)
    runs.take(b); // hardened 4
    runs.take(b); // hardened 7
    expect(runs.take(b)).toBe(3); // langchain, unclaimed
    expect(runs.take(a)).toBe(6);
    expect(runs.take(a)).toBe(5); // langchain is b's: a takes it rather than idle
    expect(a.has('langchain')).toBe(true);
    expect([runs.take(a), runs.take(b), runs.size]).toEqual([undefined, undefined, 0]);
  });

  it("puts a run back first among its agent's", () => {
    const runs = picker();
    const a = new Set<string>();
    expect([runs.take(a), runs.take(a)]).toEqual([0, 2]);
    runs.putBack(2);
    runs.putBack(0);
    expect(runs.size).toBe(8);
    expect([runs.take(a), runs.take(a), runs.take(a)]).toEqual([0, 2, 6]);
  });

  it('with one key for every run (live runs) takes them in order, whatever the lanes', () => {
    const runs = new RunPicker([3, 1, 2, 0], () => '');
    const lanes = [new Set<string>(), new Set<string>(), new Set<string>()];
    expect([0, 1, 2, 0].map((l) => runs.take(lanes[l] as Set<string>))).toEqual([3, 1, 2, 0]);
  });

  it('hands out every run exactly once, whatever the lanes, the order and the runs put back', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('naive', 'hardened', 'langchain', 'ai-sdk'), { minLength: 1, maxLength: 40 }), fc.array(fc.tuple(fc.nat(3), fc.boolean()), { maxLength: 120 }), (agents, steps) => {
        const order = agents.map((_, i) => i).reverse();
        const runs = new RunPicker(order, (i) => agents[i] as string);
        const lanes = [0, 1, 2, 3].map(() => new Set<string>());
        const done: number[] = [];
        for (const [lane, putBack] of steps) {
          const index = runs.take(lanes[lane] as Set<string>);
          if (index === undefined) break;
          if (putBack) runs.putBack(index);
          else done.push(index);
        }
        for (let index = runs.take(lanes[0] as Set<string>); index !== undefined; index = runs.take(lanes[0] as Set<string>)) done.push(index);
        expect(done.sort((x, y) => x - y)).toEqual(order.slice().sort((x, y) => x - y));
        expect(runs.size).toBe(0);
      }),
    );
  });
});
