import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPermanentStatus as isPermanent } from '../../../harness/status.ts';
import { caseScenario, describeSpace, faultSpace, HORIZON, permutation, scenarioSpace, type FaultSpec } from '../../../harness/explore/fault-space.ts';
import { apiFaults, toolFaults } from '../../../harness/faults/index.ts';
import { validateScenario } from '../../../scenarios/validate.ts';
import { catalogue } from '../../helpers.ts';

const packages: Record<string, { params: { safeParse(x: unknown): { success: boolean; error?: unknown } } }> = { ...toolFaults, ...apiFaults };
const sample = (declared: FaultSpec, n = 200) => fc.sample(faultSpace(declared).arbitrary, { seed: 3, numRuns: n });
const strikesOf = (f: FaultSpec) => (f.when as { strike?: number[] }).strike;

describe('the fault space of a scenario', () => {
  it('generates only faults their package accepts, and scenarios that validate, for every catalogue scenario', () => {
    for (const scenario of catalogue.values()) {
      const cases = fc.sample(scenarioSpace(scenario, { personas: true }), { seed: 1, numRuns: 40 });
      for (const c of cases) {
        expect(c.faults).toHaveLength(scenario.faults.length);
        for (const f of c.faults) expect(packages[f.fault]?.params.safeParse(f).success, `${scenario.id}: ${JSON.stringify(f)}`).toBe(true);
      }
      for (const c of cases.slice(0, 5)) expect(validateScenario(caseScenario(scenario, c), scenario.id).problems).toEqual([]);
    }
  });

  it('never strikes more than the declared schedule could', () => {
    const within = (declared: FaultSpec, allowed: number[]) => {
      for (const f of sample(declared))
        expect(
          strikesOf(f)?.every((n) => allowed.includes(n)),
          JSON.stringify(f),
        ).toBe(true);
    };
    within({ fault: 'drop-reply', tool: 't', when: { first: [1, 3] }, commit: true }, [1, 2, 3]);
    within({ fault: 'drop-reply', tool: 't', when: { first: 2 }, commit: true }, [1, 2]);
    within({ fault: 'drop-reply', tool: 't', when: { strike: [2, 5] }, commit: true }, [2, 5]);
    within(
      { fault: 'error-after-commit', tool: 't', when: { first: 1, probability: 0.85 }, commitMs: 80, replyAfterMs: 30_000, status: 500 },
      [...Array(HORIZON).keys()].map((i) => i + 1),
    );
    expect(sample({ fault: 'drop-reply', tool: 't', when: { first: 0 }, commit: true }).every((f) => strikesOf(f)?.length === 0)).toBe(true);
  });

  it('covers runs of the first requests, intermittent subsets, and (where declared) every request', () => {
    const declared = { fault: 'error-status', tool: 't', when: {}, status: 503, message: 'down' };
    const whens = sample(declared, 400).map((f) => JSON.stringify(f.when));
    expect(whens).toContain('{}');
    expect(whens).toContain('{"strike":[]}');
    expect(whens).toContain('{"strike":[1,2,3]}');
    expect(whens.some((w) => /"strike":\[2(,|\])/.test(w))).toBe(true);
    const bounded = sample({ fault: 'slow-reply', tool: 't', when: { first: [3, 6] }, delayMs: 300_000 }, 400).map((f) => JSON.stringify(f.when));
    expect(bounded).not.toContain('{}');
  });

  it('keeps a status in its declared retry class, and Retry-After within sane bounds', () => {
    const transient = sample({ fault: 'error-status', tool: 't', when: { first: 1 }, status: 429, retryAfterS: 2, message: 'slow down' });
    expect(transient.every((f) => !isPermanent(f.status as number))).toBe(true);
    expect(new Set(transient.map((f) => f.status)).size).toBeGreaterThan(2);
    expect(transient.some((f) => !('retryAfterS' in f))).toBe(true);
    expect(transient.every((f) => f.retryAfterS === undefined || ((f.retryAfterS as number) >= 0 && (f.retryAfterS as number) <= 10))).toBe(true);
    const permanent = sample({ fault: 'error-status', tool: 't', when: {}, status: 403, message: 'no' });
    expect(permanent.every((f) => isPermanent(f.status as number) && !('retryAfterS' in f))).toBe(true);
    const balancer = sample({ fault: 'error-after-commit', tool: 't', when: { first: 1 }, commitMs: 80, replyAfterMs: 30_000, status: 500 });
    expect(balancer.every((f) => [500, 502, 503, 504].includes(f.status as number) && (f.replyAfterMs as number) <= 60_000)).toBe(true);
  });

  it('varies whether a lost call committed, delays up to twice the declared, and any arrival order', () => {
    expect(new Set(sample({ fault: 'drop-reply', tool: 't', when: { first: 1 }, commit: true }).map((f) => f.commit))).toEqual(new Set([true, false]));
    const delays = sample({ fault: 'slow-reply', tool: 't', when: { first: 1 }, delayMs: 300_000 }).map((f) => f.delayMs as number);
    expect(Math.max(...delays)).toBeLessThanOrEqual(600_000);
    expect(Math.min(...delays)).toBeLessThan(30_000);
    const orders = sample({ fault: 'reorder', tool: 't', batch: 3, spacingMs: 40 }).map((f) => String(f.order));
    expect(new Set(orders)).toEqual(new Set(['1,2,3', '1,3,2', '2,1,3', '2,3,1', '3,1,2', '3,2,1']));
  });

  it('never draws a delay past what a timer holds, however large the declared one', () => {
    const max = 2 ** 31 - 1;
    const slow = { fault: 'slow-reply', tool: 't', when: { first: 1 }, delayMs: max };
    const slowDrawn = sample(slow);
    expect(Math.max(...slowDrawn.map((f) => f.delayMs as number))).toBeLessThanOrEqual(max);
    expect(faultSpace(slow).text.join(' ')).toContain(`delayMs ∈ [0, ${max}]`);
    const latency = sample({ fault: 'latency', tool: 't', when: {}, minMs: 0, maxMs: 2 ** 30 + 1 });
    for (const f of [...slowDrawn, ...latency]) expect(packages[f.fault]?.params.safeParse(f).success, JSON.stringify(f)).toBe(true);
  });

  it('varies the persona only when asked, and only among those that fit', () => {
    const droppedAck = catalogue.get('dropped-ack');
    const schemaDrift = catalogue.get('schema-drift');
    if (!droppedAck || !schemaDrift) throw new Error('catalogue');
    const personas = (s: typeof droppedAck, on: boolean) => new Set(fc.sample(scenarioSpace(s, { personas: on }), { seed: 1, numRuns: 100 }).map((c) => c.persona));
    expect(personas(droppedAck, false)).toEqual(new Set(['diligent']));
    expect(personas(droppedAck, true)).toEqual(new Set(['diligent', 'retrier']));
    expect(personas(schemaDrift, true)).toEqual(new Set(['example-follower']));
  });

  it('says what it ranges over, one line per fault', () => {
    const slowTool = catalogue.get('slow-tool');
    if (!slowTool) throw new Error('catalogue');
    expect(describeSpace(slowTool)).toEqual(['faults[0] slow-reply on compute_inventory: when.strike ⊆ {1..6} (declared: {"first":[3,6]}); delayMs ∈ [0, 600000]', 'persona: diligent (add --personas to vary it)']);
  });
});

describe('permutation', () => {
  it('draws every permutation of 4, about equally often', () => {
    const counts = new Map<string, number>();
    for (const p of fc.sample(permutation(4), { seed: 5, numRuns: 4_800 })) counts.set(String(p), (counts.get(String(p)) ?? 0) + 1);
    expect(counts.size).toBe(24);
    for (const n of counts.values()) expect(n).toBeGreaterThan(100);
  });

  it('shrinks toward the identity: a counterexample to "is the identity" shrinks to one adjacent swap', () => {
    const details = fc.check(
      fc.property(permutation(7), (p) => p.every((k, i) => k === i + 1)),
      { seed: 11 },
    );
    const [shrunk] = details.counterexample ?? [[]];
    const moved = shrunk.flatMap((k, i) => (k === i + 1 ? [] : [i]));
    expect(moved).toHaveLength(2);
    expect((moved[1] as number) - (moved[0] as number)).toBe(1);
  });
});
