import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Scenario } from '../../scenarios/schema.ts';
import type { AgentErrorKind } from '../history.ts';
import type { ModelMode } from '../live/session.ts';
import { lanesFor, othersBusy, sampleCpu } from './lanes.ts';
import { lostRunRecord } from './lost-run.ts';
import { RunPicker } from './affinity.ts';
import { longestFirst } from './schedule.ts';
import { WORKER_BOOT, workerEntry } from './worker-entry.ts';
import type { RunRecord } from './record.ts';

/** `scenario` is what the user gave `--scenario`: a built-in id or the path of a user's scenario file. */
export type RunRequest = { scenario: string; agent: string; seed: number; trial: number };

type Options = {
  wallTimeoutMs: number;
  /** Paths of user scenario files among the requests' `scenario`s; each worker loads them itself. */
  scenarioFiles?: string[];
  /** Paths of a team's service files every scenario file may name services from (a config's `services`). */
  serviceFiles?: string[];
  onRecord?: (record: RunRecord, done: number) => void;
  /**
   * Runs in flight at once, each in its own worker. Default: one, and another each time the machine
   * has a core to spare (other processes' load, sampled every quarter second), up to one per core
   * and one per 100 runs.
   */
  concurrency?: number;
  /** The machine as the default lanes see it (tests): its cores, and how many of them other processes keep busy now. */
  load?: { cores: number; othersBusy: () => number };
  /** Told each time a lane (a worker and its successors) starts, with the number of lanes. */
  onLanes?: (lanes: number) => void;
  /** Which model answers (default: the scenario's scripted one). */
  model?: ModelMode;
  /** Aborted (SIGINT, SIGTERM): every worker is ended and runIsolated rejects with the signal's reason. */
  signal?: AbortSignal;
  /**
   * The out folder: each worker writes the histories of its runs there itself (redacted, under
   * histories/) and sends back only their records, as results.json stores them (`historyFile` set,
   * `history` empty). A run the runner lost, or a budget cut short, comes back whole as ever.
   */
  historiesTo?: string;
};

/** What a worker says: it is ready, a run's record, or that it could not run one (a harness failure). */
export type WorkerMessage = { ready: true } | { index: number; record: RunRecord; retire?: boolean } | { index: number; failure: string; retire?: boolean };

// A worker takes about half a second to start, and more to load each runtime's libraries: a second
// lane pays off only with enough runs to share.
const RUNS_PER_LANE = 100;
// How often the default lanes look at the machine's load, and the runs left that make another lane worth starting.
const LANE_CHECK_MS = 250;
const RUNS_LEFT_FOR_A_LANE = RUNS_PER_LANE / 2;

// What agents print goes to stderr (stdout is faultline's own), up to this much per worker.
const AGENT_OUTPUT_MAX_BYTES = 256 * 1024;

type Queue = {
  requests: RunRequest[];
  /** The next run for a lane whose agents are `owned` (affinity.ts). */
  take(owned: Set<string>): number | undefined;
  /** A request a worker was sent but never started (it ended first): the next of its agent's to be taken. */
  putBack(index: number): void;
  /** Runs not yet taken, 0 once the suite stops taking any (a failure, the budget, an interruption). */
  left(): number;
  accept(index: number, record: RunRecord): void;
  /** Records the run at `index` as one the runner did not finish (lost-run.ts). */
  lose(index: number, kind: AgentErrorKind, message: string, options?: Parameters<typeof lostRunRecord>[4]): void;
  /** Every worker in flight, so a failure in one lane can end the others (a live run bills each request). */
  workers: Set<Worker>;
  /** Why the suite cannot go on (a worker that fails before it is ready): what is left is not run. */
  fail(cause: string): void;
  failure(): string | undefined;
};

/**
 * Runs every request in worker threads, `concurrency` at a time (the longest expected first,
 * schedule.ts, each lane keeping to the runtimes it has run, affinity.ts), and returns a record
 * for every request, in request order: a run is never lost. An agent that spins synchronously blocks only its
 * worker: past `wallTimeoutMs` of wall time the worker is ended, the run is recorded as a spin, and
 * a fresh worker takes the next request. A worker that dies mid-run (a native crash, an exit the
 * containment did not catch) leaves an `error` record naming the cause, and a fresh worker goes on.
 * A worker that cannot start fails the suite: every run not done is an `error` record saying so.
 * Only a run the budget interrupted leaves runs out on purpose: what was not started is not run.
 * `catalogue` holds each request's scenario by its `scenario` (id or file path).
 */
export async function runIsolated(requests: RunRequest[], catalogue: Map<string, Scenario>, options: Options): Promise<RunRecord[]> {
  const unknown = requests.find((r) => !catalogue.has(r.scenario));
  if (unknown) throw new Error(`[faultline] runIsolated: unknown scenario ${unknown.scenario}: resolve every scenario before running`);
  const records: Array<RunRecord | undefined> = [];
  // Simulated runs longest first, each lane keeping to the runtimes it has run (affinity.ts); live
  // runs in request order (a budget that runs out leaves the last ones).
  const live = options.model?.kind === 'live';
  const picker = new RunPicker(live ? requests.map((_, i) => i) : longestFirst(requests, catalogue), live ? () => '' : (index) => (requests[index] as RunRequest).agent);
  let done = 0;
  let budgetHalt = false;
  let failure: string | undefined;
  const queue: Queue = {
    requests,
    take: (owned) => (queue.left() ? picker.take(owned) : undefined),
    putBack: (index) => picker.putBack(index),
    left: () => (budgetHalt || failure !== undefined || options.signal?.aborted ? 0 : picker.size),
    accept: (index, record) => {
      if (records[index]) return;
      records[index] = record;
      if (record.interrupted) budgetHalt = true;
      options.onRecord?.(record, ++done);
    },
    lose: (index, kind, message, more) => {
      const request = requests[index] as RunRequest;
      queue.accept(index, lostRunRecord(request, catalogue.get(request.scenario) as Scenario, kind, message, more));
    },
    workers: new Set(),
    fail: (cause) => {
      failure ??= cause;
      for (const worker of queue.workers) void worker.terminate();
    },
    failure: () => failure,
  };
  const entry = (await workerEntry()).href;
  const onAbort = () => queue.fail('interrupted');
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const load = options.load ?? machineLoad();
  const most = Math.max(1, Math.min(options.concurrency ?? Math.min(load.cores, Math.ceil(requests.length / RUNS_PER_LANE)), requests.length));
  const lanes: Array<Promise<void>> = [];
  const lane = async () => {
    // The lane's agents outlive its workers: a fresh worker goes on with the runtimes its lane had.
    const owned = new Set<string>();
    while (await runWorker(queue, entry, options, owned));
  };
  const addLane = () => {
    const running = lane();
    // Awaited in turn below, maybe long after it failed: without a handler now, its failure would be
    // an unhandled rejection, which ends the process (the await below still throws it).
    running.catch(() => {});
    lanes.push(running);
    options.onLanes?.(lanes.length);
  };
  // --concurrency N is N lanes. Otherwise a lane more only while a core is free for it: on a machine
  // another job keeps busy, a second worker made the suite slower than one (lanes.ts).
  for (let i = 0; i < (options.concurrency === undefined ? 1 : most); i++) addLane();
  const watch =
    lanes.length < most
      ? setInterval(() => {
          const want = lanesFor(load.othersBusy(), load.cores, most);
          while (lanes.length < want && queue.left() >= RUNS_LEFT_FOR_A_LANE) addLane();
          if (lanes.length >= most || !queue.left()) clearInterval(watch);
        }, LANE_CHECK_MS).unref()
      : undefined;
  try {
    // Lanes added while waiting are waited for too.
    for (let i = 0; i < lanes.length; i++) await lanes[i];
  } finally {
    clearInterval(watch);
    options.signal?.removeEventListener('abort', onAbort);
  }
  if (options.signal?.aborted) throw options.signal.reason;
  if (budgetHalt) return records.filter((r): r is RunRecord => r !== undefined);
  // Every run asked for has a record: one never run says why.
  requests.forEach((_, index) => records[index] ?? queue.lose(index, 'lost', `not run: ${failure ?? 'no record came back for it'}`));
  return records as RunRecord[];
}

/** The machine's cores and, since the previous call, how many of them other processes kept busy (lanes.ts). */
function machineLoad(): { cores: number; othersBusy: () => number } {
  let previous = sampleCpu();
  const cores = availableParallelism();
  return {
    cores,
    othersBusy: () => {
      const now = sampleCpu();
      // On Linux the counters are of the CPUs it may run on (lanes.ts); elsewhere, a process held to some of the machine's CPUs sees every CPU's: their load, spread evenly, on its own.
      const busy = now.cores ? (othersBusy(previous, now) * cores) / now.cores : 0;
      previous = now;
      return busy;
    },
  };
}

/** One worker taking requests from the queue until it is empty (false), or it ended and a fresh one must go on (true). */
function runWorker(queue: Queue, entry: string, options: Options, owned: Set<string>): Promise<boolean> {
  return new Promise((resolve) => {
    // The live key travels in workerData to the one module that uses it; agent code sees neither
    // it nor a base URL that would take its own client past the run's endpoint.
    const { ANTHROPIC_API_KEY: _key, ANTHROPIC_BASE_URL: _url, ...env } = process.env;
    const workerData = { entry, scenarioFiles: options.scenarioFiles ?? [], serviceFiles: options.serviceFiles ?? [], model: options.model, historiesTo: options.historiesTo };
    const worker = new Worker(WORKER_BOOT, { stdout: true, stderr: true, env, workerData });
    queue.workers.add(worker);
    forwardOutput(worker);
    let watchdog: NodeJS.Timeout | undefined;
    let ended = false;
    let ready = false;
    // The run the worker is on, then the one it takes next: sent ahead so that the worker never
    // waits for this thread between runs (a live run is not: one sent ahead would spend past a
    // budget that ran out).
    const inFlight: number[] = [];
    const depth = options.model?.kind === 'live' ? 1 : 2;
    const finish = (more: boolean) => {
      ended = true;
      clearTimeout(watchdog);
      // Sent but never started: another worker takes it.
      for (const index of inFlight.splice(0)) queue.putBack(index);
      queue.workers.delete(worker);
      void worker.terminate();
      resolve(more);
    };
    /** The worker is gone: the run it was on is recorded as lost; before it was ready, the suite cannot go on. */
    const died = (cause: string) => {
      if (ended) return;
      if (!ready) {
        queue.fail(`a worker failed to start: ${cause}`);
        return finish(false);
      }
      const running = inFlight.shift();
      if (running !== undefined) queue.lose(running, 'lost', queue.failure() === undefined ? `the worker running it died: ${cause}` : `not finished: ${queue.failure()}`);
      // Ended by the suite's failure or an interruption: no fresh worker, nothing more will be taken.
      finish(queue.failure() === undefined);
    };
    /** Keeps `depth` runs sent, and the wall-time watchdog on the one the worker is on. */
    const send = () => {
      while (inFlight.length < depth) {
        // A run sent ahead waits behind the one before it: only while there are runs enough for
        // every worker, or a worker started for --concurrency (or the last runs of a suite) sits idle.
        if (inFlight.length > 0 && queue.left() < queue.workers.size) break;
        const index = queue.take(owned);
        if (index === undefined) break;
        inFlight.push(index);
        worker.postMessage({ index, request: queue.requests[index] as RunRequest });
      }
      const running = inFlight[0];
      if (running === undefined) return finish(false);
      clearTimeout(watchdog);
      // Due, the timer may come before a record the worker sent in time (this thread was busy: a
      // timer is looked at before the messages that came meanwhile). The messages go first (an
      // immediate runs after them): the run ended in time is not a spin, and the one the worker
      // started after it is not put back to be run a second time by another worker.
      watchdog = setTimeout(
        () =>
          setImmediate(() => {
            if (ended || inFlight[0] !== running) return;
            const message = `the agent blocked the process for more than ${options.wallTimeoutMs} ms of wall time (a synchronous loop); the run was ended`;
            inFlight.shift();
            queue.lose(running, 'spin', message, { judged: 'agent-completes', wallMs: options.wallTimeoutMs });
            finish(true);
          }),
        options.wallTimeoutMs,
      );
    };
    worker.on('message', (message: WorkerMessage) => {
      // A record that arrives after the watchdog gave up on its run was already counted as a spin.
      if (ended) return;
      // Agent code can post on its worker's port too (node:worker_threads' parentPort): a second
      // `ready` (it would re-arm the watchdog of a spin for good) and an answer for any run but the
      // one the worker is on (records come back in the order the runs were sent) are not the worker's.
      if (typeof message !== 'object' || message === null) return;
      if ('ready' in message) return void (ready || ((ready = true), send()));
      if (message.index !== inFlight[0]) return;
      inFlight.shift();
      if ('record' in message) queue.accept(message.index, message.record);
      else queue.lose(message.index, 'lost', `faultline could not run it: ${message.failure}`);
      // The run left its worker unclean (globals replaced, an escaped error): the next run gets a fresh one.
      if ('retire' in message && message.retire) return finish(true);
      send();
    });
    worker.on('error', (error) => died(`${error.name}: ${error.message}`));
    // An exit nobody asked for (the containment turns process.exit into the run's own verdict).
    worker.on('exit', (code) => died(`the worker exited with code ${code}`));
  });
}

/** Agents' console output reaches stderr, never stdout (faultline's own, which `--json` readers parse), and only so much of it. */
function forwardOutput(worker: Worker): void {
  let left = AGENT_OUTPUT_MAX_BYTES;
  const forward = (chunk: Buffer) => {
    if (left <= 0) return;
    left -= chunk.length;
    process.stderr.write(left > 0 ? chunk : `${chunk.subarray(0, chunk.length + left)}\n[faultline] agent output beyond ${AGENT_OUTPUT_MAX_BYTES} bytes in this worker is dropped\n`);
  };
  worker.stdout.on('data', forward);
  worker.stderr.on('data', forward);
}
