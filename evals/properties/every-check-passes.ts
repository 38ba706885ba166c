import fc from 'fast-check';
import type { Agent } from '../../harness/agents/types.ts';
import { caseScenario, scenarioSpace, type ExploreCase } from '../../harness/explore/fault-space.ts';
import type { RunRecord } from '../../harness/runner/record.ts';
import { runOne } from '../../harness/runner/run-one.ts';
import type { Scenario } from '../../scenarios/schema.ts';

export type EveryCheckPassesSpec = {
  scenario: Scenario;
  agent: Agent;
  agentRef: string;
  /** The world's seed for every case: the case decides the faults, the seed everything else. */
  seed: number;
  /** Also vary the model's persona among those that fit the scenario. */
  personas?: boolean;
  /** Called after every run, shrinking included, with the case and its record. */
  onRun?(c: ExploreCase, record: RunRecord): void;
};

/** Thrown by the property when a check failed: carries the run, so the counterexample comes with its evidence. */
export class ChecksFailed extends Error {
  constructor(readonly record: RunRecord) {
    const failed = record.checks.filter((c) => c.verdict === 'fail');
    super(failed.map((c) => `${c.id}: ${c.message}`).join('; '));
    this.name = 'ChecksFailed';
  }
}

/**
 * The property `faultline explore` checks: whatever the scenario's faults do within their space,
 * no check of the scenario fails. A case in which a check cannot judge (`unknown`: the fault never
 * bit where that check looks, e.g. no call timed out) and none fails is skipped, not counted as a
 * pass or a failure.
 *
 * @example
 * const details = await fc.check(everyCheckPasses({ scenario, agent: hardened, agentRef: 'hardened', seed: 1 }), { seed: 1, numRuns: 50 });
 */
export function everyCheckPasses(spec: EveryCheckPassesSpec): fc.IAsyncPropertyWithHooks<[ExploreCase]> {
  return fc.asyncProperty(scenarioSpace(spec.scenario, spec), async (c) => {
    const record = await runOne({ scenario: caseScenario(spec.scenario, c), agent: spec.agent, agentRef: spec.agentRef, seed: spec.seed, trial: 1 });
    spec.onRun?.(c, record);
    if (record.checks.some((check) => check.verdict === 'fail')) throw new ChecksFailed(record);
    fc.pre(record.checks.every((check) => check.verdict === 'pass'));
  });
}
