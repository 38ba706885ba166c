import { parentPort } from 'node:worker_threads';
import { loadCatalogue } from '../../scenarios/index.ts';
import { loadAgent } from '../agents/load.ts';
import { runOne } from './run-one.ts';
import type { RunRequest } from './supervisor.ts';

/** Runs what the supervisor sends, one at a time, and answers each with its record. */
const catalogue = loadCatalogue();
parentPort?.on('message', async ({ index, request }: { index: number; request: RunRequest }) => {
  const scenario = catalogue.get(request.scenario);
  if (!scenario) throw new Error(`unknown scenario ${request.scenario}`);
  const agent = await loadAgent(request.agent);
  parentPort?.postMessage({ index, record: await runOne({ scenario, agent, agentRef: request.agent, seed: request.seed, trial: request.trial }) });
});
parentPort?.postMessage({ ready: true });
