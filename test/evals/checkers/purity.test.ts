import { describe, expect, it } from 'vitest';
import { checkers } from '../../../evals/checkers/index.ts';
import type { CheckResult } from '../../../evals/checkers/types.ts';
import { parseHistory, type HistoryEvent } from '../../../harness/history.ts';
import { catalogue, run } from '../../helpers.ts';

// Checkers are pure functions of the scenario and the recorded history (Jepsen's `check`): one
// table over every registered checker and every catalogue history that it judges.
const AGENTS = ['naive', 'hardened'] as const;
const SEEDS = [1, 2, 3];

const histories = new Map<string, Promise<readonly HistoryEvent[]>>();
/** Each (scenario, agent, seed) runs once per file, however many checkers judge it; its events are frozen, so no checker can alter them for the next. */
function frozenHistory(scenario: string, agent: string, seed: number): Promise<readonly HistoryEvent[]> {
  const key = `${scenario} ${agent} ${seed}`;
  if (!histories.has(key))
    histories.set(
      key,
      run(scenario, agent, seed).then((r) => deepFreeze(parseHistory(r.history))),
    );
  return histories.get(key)!;
}

function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
  return value;
}

const table = Object.values(checkers).map((checker) => ({
  checker,
  scenarios: [...catalogue.values()].filter((s) => s.checks.includes(checker.id)),
}));

describe.each(table)('$checker.id', ({ checker, scenarios }) => {
  it('judges at least one catalogue scenario', () => {
    expect(scenarios.map((s) => s.id)).not.toEqual([]);
  });

  it.each(scenarios.map((s) => [s.id, s] as const))('is pure on the naive and hardened histories of %s, seeds 1..3', async (_, scenario) => {
    for (const agent of AGENTS)
      for (const seed of SEEDS) {
        const at = `${scenario.id} ${agent} seed ${seed}`;
        const frozen = await frozenHistory(scenario.id, agent, seed);
        const frozenScenario = deepFreeze(structuredClone(scenario));
        let first: CheckResult | undefined;
        expect(() => (first = checker.check(frozenScenario, frozen)), `${at}: threw on frozen input (does it write to the history?)`).not.toThrow();
        expect(checker.check(frozenScenario, frozen), `${at}: a second run differs`).toStrictEqual(first);
        expect(checker.check(structuredClone(scenario), structuredClone(frozen)), `${at}: a structuredClone is judged differently`).toStrictEqual(first);
        expect(['pass', 'fail', 'not-applicable'], `${at}: ${first?.message}`).toContain(first?.verdict);
      }
  });
});
