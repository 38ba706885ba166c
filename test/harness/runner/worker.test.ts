import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import type { WorkerMessage } from '../../../harness/runner/supervisor.ts';
import { WORKER_BOOT, workerEntry } from '../../../harness/runner/worker-entry.ts';

let worker: Worker | undefined;
afterEach(() => worker?.terminate());

const COUNTS = 'test/fixtures/agents/counts-runs.mjs';
const request = (agent: string) => ({ scenario: 'dropped-ack', agent, seed: 1, trial: 1 });

describe('a worker', () => {
  it('takes no run after one that leaves it to be retired, though it was sent already', async () => {
    // The supervisor sends each worker its next run before the current one ends. Here nobody ends
    // the worker after the retiring run, so a run it started anyway would append a line and answer.
    const file = join(mkdtempSync(join(tmpdir(), 'faultline-worker-')), 'count');
    worker = new Worker(WORKER_BOOT, { stdout: true, stderr: true, env: { ...process.env, COUNT_FILE: file }, workerData: { entry: (await workerEntry()).href } });
    const messages: WorkerMessage[] = [];
    worker.on('message', (message: WorkerMessage) => messages.push(message));
    const until = async (done: () => boolean) => {
      while (!done()) await new Promise((resolve) => setTimeout(resolve, 20));
    };
    await until(() => messages.length >= 1);
    // The counting agent runs first, so that its module is loaded when the run sent after the retiring one could start.
    for (const [index, agent] of [COUNTS, 'test/fixtures/hostile/mutates-globals.mjs', COUNTS].entries()) worker.postMessage({ index, request: request(agent) });
    await until(() => messages.length >= 3);
    // Long enough for a cheap run (tens of milliseconds) to finish many times over.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(messages.map((m) => ('index' in m ? [m.index, 'retire' in m && m.retire === true] : 'ready'))).toEqual(['ready', [0, false], [1, true]]);
    expect(existsSync(file) && readFileSync(file, 'utf8')).toBe('ran\n');
  });
});
