import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Scenario } from '../../scenarios/schema.ts';
import { History } from '../history.ts';
import type { ModelMode } from '../live/session.ts';
import { judge } from './run-one.ts';
import { verdictOf, type RunRecord } from './record.ts';

/** `scenario` is what the user gave `--scenario`: a built-in id or the path of a user's scenario file. */
export type RunRequest = { scenario: string; agent: string; seed: number; trial: number };

type Options = {
  wallTimeoutMs: number;
  /** Paths of user scenario files among the requests' `scenario`s; each worker loads them itself. */
  scenarioFiles?: string[];
  onRecord?: (record: RunRecord, done: number) => void;
  /** Runs in flight at once, each in its own worker (default: one per core, one per 100 runs at most). */
  concurrency?: number;
  /** Which model answers (default: the scenario's scripted one). */
  model?: ModelMode;
};

const WORKER = new URL('./worker.mjs', import.meta.url);

// A worker takes a second or two to start (the TypeScript loader, the catalogue): a second lane
// pays off only with enough runs to share (1 680 runs: 1.4× on 2 cores; 210 runs: none).
const RUNS_PER_LANE = 100;

type Queue = {
  take(): number | undefined;
  accept(index: number, record: RunRecord): void;
  /** Every worker in flight, so a failure in one lane can end the others (a live run bills each request). */
  workers: Set<Worker>;
  fail(): void;
};

/**
 * Runs every request in worker threads, `concurrency` at a time, and returns the records in request
 * order. An agent that spins synchronously blocks only its worker: past `wallTimeoutMs` of wall
 * time the worker is ended, the run is recorded as a spin, and a fresh worker takes the next
 * request. A run the budget interrupted stops the queue: what was not started is not run.
 * `catalogue` holds each request's scenario by its `scenario` (id or file path).
 */
export async function runIsolated(requests: RunRequest[], catalogue: Map<string, Scenario>, options: Options): Promise<RunRecord[]> {
  const records: Array<RunRecord | undefined> = [];
  let next = 0;
  let done = 0;
  let halted = false;
  const queue: Queue = {
    take: () => (halted || next >= requests.length ? undefined : next++),
    accept: (index, record) => {
      records[index] = record;
      if (record.interrupted) halted = true;
      options.onRecord?.(record, ++done);
    },
    workers: new Set(),
    fail: () => {
      halted = true;
      for (const worker of queue.workers) void worker.terminate();
    },
  };
  const lanes = Math.max(1, Math.min(options.concurrency ?? Math.min(availableParallelism(), Math.ceil(requests.length / RUNS_PER_LANE)), requests.length));
  await Promise.all(Array.from({ length: lanes }, async () => {
    while (await runWorker(requests, queue, catalogue, options));
  }));
  return records.filter((r): r is RunRecord => r !== undefined);
}

/** One worker taking requests from the queue until it is empty (false) or a spin ended the worker (true). */
function runWorker(requests: RunRequest[], queue: Queue, catalogue: Map<string, Scenario>, options: Options): Promise<boolean> {
  return new Promise((resolve, reject) => {
    // The live key travels in workerData to the one module that uses it; agent code sees neither
    // it nor a base URL that would take its own client past the run's endpoint.
    const { ANTHROPIC_API_KEY: _key, ANTHROPIC_BASE_URL: _url, ...env } = process.env;
    const worker = new Worker(WORKER, { stdout: false, env, workerData: { scenarioFiles: options.scenarioFiles ?? [], model: options.model } });
    queue.workers.add(worker);
    let watchdog: NodeJS.Timeout | undefined;
    let ended = false;
    const finish = (more: boolean) => {
      ended = true;
      clearTimeout(watchdog);
      queue.workers.delete(worker);
      void worker.terminate();
      resolve(more);
    };
    const send = () => {
      const index = queue.take();
      if (index === undefined) return finish(false);
      const request = requests[index] as RunRequest;
      worker.postMessage({ index, request });
      watchdog = setTimeout(() => {
        queue.accept(index, spinRecord(request, catalogue, options.wallTimeoutMs));
        finish(true);
      }, options.wallTimeoutMs);
    };
    worker.on('message', (message: { ready?: boolean; index?: number; record?: RunRecord }) => {
      // A record that arrives after the watchdog gave up on its run was already counted as a spin.
      if (ended) return;
      if (message.ready) return send();
      clearTimeout(watchdog);
      queue.accept(message.index as number, message.record as RunRecord);
      send();
    });
    worker.on('error', (error) => {
      ended = true;
      clearTimeout(watchdog);
      queue.workers.delete(worker);
      queue.fail();
      reject(error);
    });
    // Ended by another lane's failure: this lane stops too.
    worker.on('exit', () => ended || finish(false));
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
