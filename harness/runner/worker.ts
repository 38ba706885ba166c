import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { storeRecord } from '../../reports/json.ts';
import { builtInScenario, parsedCatalogue } from '../../scenarios/built-in.ts';
import type { Scenario } from '../../scenarios/schema.ts';
import { loadAgent } from '../agents/load.ts';
import { isBundledAgent } from '../agents/names.ts';
import { countRealWork } from '../real-work.ts';
import type { Agent } from '../agents/types.ts';
import type { ModelMode } from '../live/session.ts';
import { containAgentFaults, firstLines } from './containment.ts';
import { restoreGlobals, snapshotGlobals } from './globals.ts';
import { writeAtomic } from '../cli/files.ts';
import type { RunRecord } from './record.ts';
import { runOne } from './run-one.ts';
import { closeSandbox } from './sandbox.ts';
import type { RunRequest, WorkerMessage } from './supervisor.ts';

/**
 * Runs what the supervisor sends, one at a time, and answers each with its record. Scenarios are
 * found by what the user gave --scenario: built-ins by id, user scenario files (`workerData.scenarioFiles`)
 * by path, loaded and validated here the same way the CLI did. Whatever an agent does to the
 * process stays in its run: exits and escaped errors are its verdict (containment.ts), sockets and
 * processes are refused (sandbox.ts, except live runs), and globals it replaced are put back.
 */
const { scenarioFiles = [], serviceFiles = [], model, historiesTo } = (workerData ?? {}) as { scenarioFiles?: string[]; serviceFiles?: string[]; model?: ModelMode; historiesTo?: string };
// A user's scenario files are loaded and validated here, with the validator (Ajv): the built-ins,
// which the supervisor's process validated, are only parsed, each when a run first needs it.
const userScenarios = scenarioFiles.length ? await (await import('../../scenarios/load-file.ts')).resolveScenarios(scenarioFiles, parsedCatalogue(), serviceFiles) : new Map<string, Scenario>();
if (model?.kind !== 'live') closeSandbox();
// Before any agent is imported, so one that keeps fs or crypto functions of its own keeps counted ones.
countRealWork();
// MSW patches fetch, http and https (and wraps Headers, Request and Response, which every run pays
// for) at its start, so it starts only for what needs it: a live run's forwarder (it passes MSW with
// bypass()), or an agent module that is not a bundled runtime, which may use node:https or keep a
// fetch of its own; it starts before that module is imported, as before the snapshot, or the first
// restore would undo it. The bundled runtimes use only the run's fetch and client.
const live = model?.kind === 'live';
if (live) (await import('./msw.ts')).mswServer();
const agents = new Map<string, Agent>();
let globals = snapshotGlobals();

/** An agent's module is imported once; what its import set on globals is part of the clean state. */
async function agentOf(ref: string): Promise<Agent> {
  let agent = agents.get(ref);
  if (!agent) {
    if (!isBundledAgent(ref)) (await import('./msw.ts')).mswServer();
    agents.set(ref, (agent = await loadAgent(ref)));
    globals = snapshotGlobals();
  }
  return agent;
}

const post = (message: WorkerMessage) => parentPort?.postMessage(message);
// The supervisor sends the next run before this one ends (supervisor.ts): runs are taken one after
// another, and none after a run that leaves this worker to be retired (the supervisor gives it to a fresh one).
let retiring = false;
let runs = Promise.resolve();
parentPort?.on('message', (message: { index: number; request: RunRequest }) => {
  runs = runs.then(() => (retiring ? undefined : runRequest(message)));
});
async function runRequest({ index, request }: { index: number; request: RunRequest }): Promise<void> {
  try {
    const scenario = userScenarios.get(request.scenario) ?? builtInScenario(request.scenario);
    if (!scenario) throw new Error(`unknown scenario ${request.scenario}`);
    const agent = await agentOf(request.agent);
    const intercept = live || !isBundledAgent(request.agent);
    const spec = { scenario, scenarioRef: request.scenario, agent, agentRef: request.agent, seed: request.seed, trial: request.trial, serviceFiles, intercept, ...(model ? { model } : {}) };
    // A run that replaced globals or escaped its containment may have left more behind than can be
    // put back (a listener removed, a timer of its own): the supervisor gives the next run a fresh worker.
    const afterAgent = ({ faulted }: { faulted: boolean }) => void (retiring = restoreGlobals(globals).length > 0 || faulted);
    const record = await runOne({ ...spec, afterAgent });
    post({ index, record: historiesTo === undefined || record.interrupted ? record : stored(record, historiesTo), ...(retiring ? { retire: true } : {}) });
  } catch (error) {
    // A run that set `retiring` and then failed (its history could not be written) retires this
    // worker all the same: told nothing, the supervisor would wait on the run sent after it, which never starts.
    post({ index, failure: firstLines(error), ...(retiring ? { retire: true } : {}) });
  }
}
/** The record as results.json stores it, its history written to its file under `out` here: the main thread gets no history text. */
function stored(record: RunRecord, out: string): RunRecord {
  const { run, text } = storeRecord(record);
  writeAtomic(join(out, run.historyFile), text);
  return { ...run, history: '' };
}

// Last: a failure while starting must still end the worker, and the supervisor says why.
containAgentFaults();
post({ ready: true });
