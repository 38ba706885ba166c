import { builtInFile } from '../../scenarios/built-in.ts';
import { loadCatalogue } from '../../scenarios/index.ts';
import { defineScenario } from '../../scenarios/define.ts';
import { isScenarioFile, loadScenarioFile } from '../../scenarios/load-file.ts';
import type { Scenario, ScenarioInput } from '../../scenarios/schema.ts';
import { registryOf } from '../../scenarios/services.ts';
import { validateScenario } from '../../scenarios/validate.ts';
import { builtInRegistry, loadServices } from '../services/registry.ts';
import { loadAgent } from '../agents/load.ts';
import type { Agent } from '../agents/types.ts';
import { UsageError } from '../errors.ts';
import { parseHistory, type HistoryEvent } from '../history.ts';
import type { RunRecord } from '../runner/record.ts';
import { runOne } from '../runner/run-one.ts';

/** A scenario as `runScenario` takes it: a built-in id, a scenario file's path, or the data itself. */
export type ScenarioRef = string | Scenario | ScenarioInput;
/** An agent as `runScenario` takes it: a bundled runtime's name, an agent module's path, or the Agent itself. */
export type AgentRef = string | Agent;
/** `services`: files of a team's own services (defineService), from the current folder, besides a scenario's own `serviceFiles`. */
export type RunScenarioOptions = { seed?: number; trial?: number; services?: string[] };

/** One judged run (a `results.json` record, history included) with the scenario it ran and its parsed events. */
export type ScenarioRun = RunRecord & { definition: Scenario; events: readonly HistoryEvent[] };

let catalogueCache: Map<string, Scenario> | undefined;
/** The built-in catalogue, validated once per test file. */
export const builtInCatalogue = (): Map<string, Scenario> => (catalogueCache ??= loadCatalogue());

/**
 * Runs one scenario against one agent with one seed, in this process and in virtual time, and
 * judges it: the same record `faultline run` writes, with the history's events parsed.
 * Bad input (an unknown scenario or agent, a scenario that does not validate) throws a `[faultline]`
 * error naming what is wrong; the agent failing is a verdict, never an exception.
 * The replay command names the scenario and agent as given, so ids and paths replay; a scenario or
 * agent passed as an object is named by its id or name.
 *
 * @example
 * const run = await runScenario('dropped-ack', 'hardened', { seed: 3 });
 * expect(run).toPass();
 */
export async function runScenario(scenario: ScenarioRef, agent: AgentRef, { seed = 1, trial = 1, services = [] }: RunScenarioOptions = {}): Promise<ScenarioRun> {
  if (!Number.isInteger(seed)) throw new UsageError(`runScenario: seed ${String(seed)} is not an integer`);
  if (!Number.isInteger(trial) || trial < 1) throw new UsageError(`runScenario: trial ${String(trial)} is not an integer ≥ 1`);
  const [resolved, runner] = [await resolveScenario(scenario, services), await resolveAgent(agent)];
  const spec = { ...resolved, agent: runner.agent, agentRef: runner.ref, seed, trial };
  // runOne makes concurrent runs (test.concurrent) take turns.
  const record = await runOne(spec);
  return { ...record, definition: resolved.scenario, events: parseHistory(record.history) };
}

async function resolveScenario(ref: ScenarioRef, services: readonly string[]): Promise<{ scenario: Scenario; scenarioRef: string }> {
  if (typeof ref !== 'string') {
    // Data names its services' files from the current folder; a scenario already loaded knows where its services are.
    const own = (ref as { serviceFiles?: unknown }).serviceFiles;
    const loaded = await loadServices([...services, ...(Array.isArray(own) ? own.filter((f): f is string => typeof f === 'string') : [])]);
    if (loaded.problems.length) throw new UsageError(`runScenario: a service of the scenario does not load:\n  ${loaded.problems.join('\n  ')}`);
    const known = registryOf(ref as Scenario);
    const { scenario, problems } = validateScenario(defineScenario(ref as ScenarioInput), 'runScenario: scenario', known === builtInRegistry ? loaded.registry : known);
    if (!scenario) throw new UsageError(`runScenario: the scenario does not validate:\n  ${problems.join('\n  ')}`);
    return { scenario, scenarioRef: scenario.id };
  }
  const catalogue = builtInCatalogue();
  if (!isScenarioFile(ref)) {
    const scenario = catalogue.get(ref);
    if (!scenario) throw new UsageError(`runScenario: unknown scenario "${ref}". Known: ${[...catalogue.keys()].join(', ')}; or give a path to a .ts, .mts, .js or .mjs scenario file`);
    return { scenario, scenarioRef: ref };
  }
  const { scenario, problems } = await loadScenarioFile(ref, services);
  if (!scenario) throw new UsageError(`runScenario: the scenario file does not validate:\n  ${problems.join('\n  ')}`);
  if (catalogue.has(scenario.id)) throw new UsageError(`runScenario: ${ref}: id: "${scenario.id}" clashes with the built-in scenario (${builtInFile(scenario.id) ?? 'the catalogue'}); give your scenario another id`);
  return { scenario, scenarioRef: ref };
}

async function resolveAgent(ref: AgentRef): Promise<{ agent: Agent; ref: string }> {
  if (typeof ref !== 'string') {
    if (typeof ref?.run !== 'function') throw new UsageError('runScenario: agent must be a bundled runtime name, a module path, or an Agent (an object with run(task, env))');
    return { agent: ref, ref: ref.name };
  }
  try {
    return { agent: await loadAgent(ref), ref };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    throw new UsageError(error.message.replace('[faultline] --agent: ', 'runScenario: agent: '));
  }
}
