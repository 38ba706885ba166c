/**
 * faultline/vitest: scenario runs as vitest tests. Importing this module adds faultline's matchers
 * to vitest's `expect` (`toPass`, `toPassCheck`, `toFailCheck`, `toHaveEffectsExactlyOnce`,
 * `toHaveCalledTool`) and their types.
 *
 * @example
 * import { expect } from 'vitest';
 * import { scenarioTests } from 'faultline/vitest';
 *
 * scenarioTests({ scenarios: ['dropped-ack'], agents: ['hardened'], seeds: 3 }, (run) => {
 *   expect(run).toPass();
 * });
 */
import { expect } from 'vitest';
import { faultlineMatchers } from './matchers.ts';

expect.extend(faultlineMatchers);

export { runScenario, type AgentRef, type RunScenarioOptions, type ScenarioRef, type ScenarioRun } from './run.ts';
export { scenarioCases, scenarioTests, type ScenarioCase, type ScenarioMatrix } from './cases.ts';
export { faultlineMatchers, runName, type FaultlineMatchers } from './matchers.ts';
export { effectProblems } from './effects.ts';
