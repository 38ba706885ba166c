import { Worker } from 'node:worker_threads';
import type { Scenario } from '../../scenarios/schema.ts';
import { History } from '../history.ts';
import { judge } from './run-one.ts';
import { verdictOf, type RunRecord } from './record.ts';

/** `scenario` is what the user gave `--scenario`: a built-in id or the path of a user's scenario file. */
export type RunRequest = { scenario: string; agent: string; seed: number; trial: number };

type Options = {
  wallTimeoutMs: number;
  /** Paths of user scenario files among the requests' `scenario`s; each worker loads them itself. */
  scenarioFiles?: string[];
  onRecord?: (record: RunRecord, done: number) => void;
};

const WORKER = new URL('./worker.mjs', import.meta.url);

/**
 * Runs every request in a worker thread, in order. An agent that spins synchronously blocks only
 * the worker: past `wallTimeoutMs` of wall time the worker is ended, the run is recorded as a
 * spin, and a fresh worker takes the rest. `catalogue` holds each request's scenario by its
 * `scenario` (id or file path).
 */
export async function runIsolated(
  requests: RunRequest[],
  catalogue: Map<string, Scenario>,
  options: Options,
): Promise<RunRecord[]> {
  const records: RunRecord[] = [];
  let next = 0;
  while (next < requests.length) {
    next = await runBatch(requests, next, records, catalogue, options);
  }
  return records;
}

function runBatch(
  requests: RunRequest[],
  start: number,
  records: RunRecord[],
  catalogue: Map<string, Scenario>,
  options: Options,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { stdout: false, workerData: { scenarioFiles: options.scenarioFiles ?? [] } });
    let index = start;
    let watchdog: NodeJS.Timeout | undefined;
    const finish = (next: number) => {
      clearTimeout(watchdog);
      void worker.terminate();
      resolve(next);
    };
    const send = () => {
      if (index >= requests.length) return finish(index);
      worker.postMessage({ index, request: requests[index] });
      watchdog = setTimeout(() => {
        const record = spinRecord(requests[index] as RunRequest, catalogue, options.wallTimeoutMs);
        records.push(record);
        options.onRecord?.(record, records.length);
        finish(index + 1);
      }, options.wallTimeoutMs);
    };
    worker.on('message', (message: { ready?: boolean; index?: number; record?: RunRecord }) => {
      if (message.ready) return send();
      clearTimeout(watchdog);
      records.push(message.record as RunRecord);
      options.onRecord?.(message.record as RunRecord, records.length);
      index++;
      send();
    });
    worker.on('error', (error) => (clearTimeout(watchdog), reject(error)));
  });
}

/** The record of a run whose agent blocked the event loop: agent-completes fails, nothing else can be judged. */
function spinRecord(request: RunRequest, catalogue: Map<string, Scenario>, wallTimeoutMs: number): RunRecord {
  const scenario = catalogue.get(request.scenario) as Scenario;
  const history = new History(() => 0);
  history.add({ type: 'run-start', scenario: scenario.id, agent: request.agent, seed: request.seed, trial: request.trial });
  history.add({ type: 'agent-error', kind: 'spin', message: `the agent blocked the process for more than ${wallTimeoutMs} ms of wall time (a synchronous loop); the run was ended` });
  const record = judge(scenario, request.agent, request.seed, request.trial, history.events, history.serialize(), 0, wallTimeoutMs, request.scenario);
  const checks = record.checks.map((c) => (c.id === 'agent-completes' ? c : { id: c.id, verdict: 'unknown' as const, message: 'not judged: the run was ended by the spin watchdog' }));
  return { ...record, checks, verdict: verdictOf(checks) };
}
