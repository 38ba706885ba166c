import { expect, test, type TestContext } from 'vitest';
import { BUNDLED_AGENT_NAMES, isBundledAgent } from '../agents/names.ts';
import { UsageError } from '../errors.ts';
import { isScenarioFile } from '../../scenarios/load-file.ts';
import { runName } from './matchers.ts';
import { builtInCatalogue, runScenario, type AgentRef, type ScenarioRef, type ScenarioRun } from './run.ts';

/** Which runs to make: every scenario × agent × seed. `seeds: N` is seeds 1..N (as `--seeds N`); default 1. */
export type ScenarioMatrix = {
  scenarios: ScenarioRef | readonly ScenarioRef[];
  agents: AgentRef | readonly AgentRef[];
  seeds?: number | readonly number[];
  trial?: number;
};

/** One run of the matrix, named as its test is: `dropped-ack × hardened × seed 3`. */
export type ScenarioCase = { name: string; scenario: ScenarioRef; agent: AgentRef; seed: number; trial: number };

/**
 * Every scenario × agent × seed of the matrix, in that order, each with its test name: for
 * `test.each` / `describe.each` when `scenarioTests` does not fit. Unknown scenario ids and agent
 * names throw at once (files are loaded when they run).
 *
 * @example
 * test.each(scenarioCases({ scenarios: ['dropped-ack'], agents: ['hardened'], seeds: 3 }))('$name', async ({ scenario, agent, seed }) => {
 *   expect(await runScenario(scenario, agent, { seed })).toPass();
 * });
 */
export function scenarioCases({ scenarios, agents, seeds = 1, trial = 1 }: ScenarioMatrix): ScenarioCase[] {
  const scenarioList = listOf(scenarios, 'scenarios');
  const agentList = listOf(agents, 'agents');
  const seedList = typeof seeds === 'number' ? range(seeds) : [...seeds];
  if (!seedList.length || !seedList.every(Number.isInteger)) throw new UsageError(`scenarioCases: seeds must be an integer N ≥ 1 (seeds 1..N) or a non-empty list of integers, got ${JSON.stringify(seeds)}`);
  if (!Number.isInteger(trial) || trial < 1) throw new UsageError(`scenarioCases: trial must be an integer ≥ 1, got ${String(trial)}`);
  scenarioList.forEach(checkScenario);
  agentList.forEach(checkAgent);
  return scenarioList.flatMap((scenario) =>
    agentList.flatMap((agent) => seedList.map((seed) => ({ name: runName({ scenario: nameOf(scenario), agent: typeof agent === 'string' ? agent : agent.name, seed, trial }), scenario, agent, seed, trial }))),
  );
}

/**
 * Declares one vitest test per scenario × agent × seed, named `dropped-ack × hardened × seed 3`;
 * each runs its scenario with `runScenario` and hands the run to `body` (default: `expect(run).toPass()`).
 * Call it where you would call `test`: at the top of a file or inside a `describe`.
 *
 * @example
 * scenarioTests({ scenarios: ['dropped-ack', 'string-coercion'], agents: ['hardened'], seeds: 3 }, (run) => {
 *   expect(run).toPass();
 *   expect(run).toHaveEffectsExactlyOnce();
 * });
 */
export function scenarioTests(matrix: ScenarioMatrix, body: (run: ScenarioRun, context: TestContext) => unknown = (run) => expect(run).toPass()): void {
  for (const c of scenarioCases(matrix))
    test(c.name, async (context) => {
      await body(await runScenario(c.scenario, c.agent, { seed: c.seed, trial: c.trial }), context);
    });
}

function checkScenario(ref: ScenarioRef): void {
  if (typeof ref !== 'string') {
    if (typeof (ref as { id?: unknown })?.id !== 'string') throw new UsageError('scenarioCases: a scenario must be an id, a file path, or scenario data with an id');
    return;
  }
  const catalogue = builtInCatalogue();
  if (!isScenarioFile(ref) && !catalogue.has(ref)) throw new UsageError(`scenarioCases: unknown scenario "${ref}". Known: ${[...catalogue.keys()].join(', ')}; or give a path to a .ts, .mts, .js or .mjs scenario file`);
}

function checkAgent(ref: AgentRef): void {
  if (typeof ref !== 'string') {
    if (typeof ref?.run !== 'function') throw new UsageError('scenarioCases: an agent must be a bundled runtime name, a module path, or an Agent (an object with run(task, env))');
    return;
  }
  if (!isBundledAgent(ref) && !/\.(m?js|ts|mts)$/.test(ref)) throw new UsageError(`scenarioCases: unknown agent "${ref}". Use one of ${BUNDLED_AGENT_NAMES.join(', ')}, or a path to a .ts, .js or .mjs module`);
}

function listOf<T>(value: T | readonly T[], field: string): T[] {
  const list = Array.isArray(value) ? [...(value as readonly T[])] : [value as T];
  if (!list.length) throw new UsageError(`scenarioCases: ${field} is empty`);
  return list;
}

const nameOf = (ref: ScenarioRef): string => (typeof ref === 'string' ? ref : String((ref as { id: string }).id));
const range = (n: number): number[] => (Number.isInteger(n) && n >= 1 ? Array.from({ length: n }, (_, i) => i + 1) : []);
