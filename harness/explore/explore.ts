import fc from 'fast-check';
import { ChecksFailed, everyCheckPasses } from '../../evals/properties/every-check-passes.ts';
import type { Scenario } from '../../scenarios/schema.ts';
import type { Agent } from '../agents/types.ts';
import type { RunRecord } from '../runner/record.ts';
import { spaceIsTrivial, type ExploreCase } from './fault-space.ts';

export type ExploreOptions = {
  scenario: Scenario;
  agent: Agent;
  agentRef: string;
  /** Cases to try (fast-check's numRuns); skipped cases do not count. */
  runs: number;
  /** fast-check's seed, and the world's seed of every run. */
  seed: number;
  personas?: boolean;
  /** Called after every run, shrinking included. */
  onRun?(c: ExploreCase, record: RunRecord): void;
};

type Counts = {
  /** Cases judged before the outcome (fast-check's numRuns). */
  cases: number;
  /** Cases skipped because a check could not judge them and none failed. */
  skipped: number;
  /** Runs executed in all, shrinking included. */
  executed: number;
};

/** How an exploration ended, like fast-check's RunDetails: a discriminated union on `outcome`. */
export type ExploreResult = ({ outcome: 'held' } & Counts) | ({ outcome: 'counterexample'; case: ExploreCase; record: RunRecord; seed: number; path: string; shrinks: number } & Counts) | ({ outcome: 'inconclusive' } & Counts);

/**
 * Explores a scenario's fault space against one agent: fast-check generates cases from the seed,
 * each is one run in this process, and the first whose checks fail is shrunk to a minimal one.
 * The same seed gives the same cases in the same order, and the same counterexample.
 *
 * @example
 * const result = await explore({ scenario, agent: naive, agentRef: 'naive', runs: 100, seed: 42 });
 * if (result.outcome === 'counterexample') console.log(JSON.stringify(result.case.faults));
 */
export async function explore(options: ExploreOptions): Promise<ExploreResult> {
  let executed = 0;
  const property = everyCheckPasses({
    ...options,
    onRun: (c, record) => {
      executed++;
      options.onRun?.(c, record);
    },
  });
  // A space of one case needs one run, not `runs` identical ones.
  const numRuns = spaceIsTrivial(options.scenario, options) ? 1 : options.runs;
  const details = await fc.check(property, { seed: options.seed, numRuns });
  const counts = { cases: details.numRuns, skipped: details.numSkips, executed };
  if (!details.failed) return { outcome: 'held', ...counts };
  if (details.counterexample === null) return { outcome: 'inconclusive', ...counts };
  // Anything but a failed check is the harness breaking, not a finding about the agent.
  if (!(details.errorInstance instanceof ChecksFailed)) throw details.errorInstance;
  const [c] = details.counterexample;
  return {
    outcome: 'counterexample',
    case: c,
    record: details.errorInstance.record,
    seed: details.seed,
    path: details.counterexamplePath ?? '',
    shrinks: details.numShrinks,
    ...counts,
  };
}
