import { bundledAgents } from '../harness/agents/index.ts';
import type { Agent } from '../harness/agents/types.ts';
import { runOne } from '../harness/runner/run-one.ts';
import type { RunRecord } from '../harness/runner/record.ts';
import { loadCatalogue } from '../scenarios/index.ts';

export const catalogue = loadCatalogue();
export const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);

/** One run of a catalogue scenario, in this process. */
export function run(scenarioId: string, agent: string | Agent, seed = 1, trial = 1): Promise<RunRecord> {
  const scenario = catalogue.get(scenarioId);
  if (!scenario) throw new Error(`no scenario ${scenarioId}`);
  const resolved = typeof agent === 'string' ? bundledAgents[agent] : agent;
  if (!resolved) throw new Error(`no agent ${String(agent)}`);
  return runOne({ scenario, agent: resolved, agentRef: typeof agent === 'string' ? agent : agent.name, seed, trial });
}

export const check = (record: RunRecord, id: string) => record.checks.find((c) => c.id === id);
