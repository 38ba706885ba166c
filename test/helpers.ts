import { loadAgent } from '../harness/agents/load.ts';
import type { Agent } from '../harness/agents/types.ts';
import { runOne } from '../harness/runner/run-one.ts';
import type { RunRecord } from '../harness/runner/record.ts';
import { loadCatalogue } from '../scenarios/index.ts';

export const catalogue = loadCatalogue();
export const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);

// Same scenario, bundled agent, seed and trial: the same history (the determinism tests prove it),
// so a file asks for each such run once however many of its tests judge it.
const runs = new Map<string, Promise<RunRecord>>();

/** One run of a catalogue scenario, in this process; a bundled agent's run is made once per test file unless `fresh` (a determinism test). */
export function run(scenarioId: string, agent: string | Agent, seed = 1, trial = 1, fresh = false): Promise<RunRecord> {
  const scenario = catalogue.get(scenarioId);
  if (!scenario) throw new Error(`no scenario ${scenarioId}`);
  if (typeof agent !== 'string') return runOne({ scenario, agent, agentRef: agent.name, seed, trial });
  const runWith = async () => runOne({ scenario, agent: await loadAgent(agent), agentRef: agent, seed, trial });
  if (fresh) return runWith();
  const key = `${scenarioId}/${agent}/${seed}/${trial}`;
  const cached = runs.get(key) ?? runWith();
  runs.set(key, cached);
  return cached;
}

export const check = (record: RunRecord, id: string) => record.checks.find((c) => c.id === id);
