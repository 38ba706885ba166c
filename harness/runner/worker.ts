import { parentPort, workerData } from 'node:worker_threads';
import { loadCatalogue } from '../../scenarios/index.ts';
import { resolveScenarios } from '../../scenarios/load-file.ts';
import { loadAgent } from '../agents/load.ts';
import type { ModelMode } from '../live/session.ts';
import { runOne } from './run-one.ts';
import type { RunRequest } from './supervisor.ts';

/**
 * Runs what the supervisor sends, one at a time, and answers each with its record. Scenarios are
 * found by what the user gave --scenario: built-ins by id, user scenario files (`workerData.scenarioFiles`)
 * by path, loaded and validated here the same way the CLI did.
 */
const builtIns = loadCatalogue();
const { scenarioFiles = [], model } = (workerData ?? {}) as { scenarioFiles?: string[]; model?: ModelMode };
const catalogue = new Map([...builtIns, ...(await resolveScenarios(scenarioFiles, builtIns))]);
parentPort?.on('message', async ({ index, request }: { index: number; request: RunRequest }) => {
  const scenario = catalogue.get(request.scenario);
  if (!scenario) throw new Error(`unknown scenario ${request.scenario}`);
  const agent = await loadAgent(request.agent);
  parentPort?.postMessage({ index, record: await runOne({ scenario, scenarioRef: request.scenario, agent, agentRef: request.agent, seed: request.seed, trial: request.trial, ...(model ? { model } : {}) }) });
});
parentPort?.postMessage({ ready: true });
