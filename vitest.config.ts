import { availableParallelism } from 'node:os';
import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// Files that replace a module (vi.mock) or patch Node process-wide for good (countRealWork) get a
// fresh process each: in a shared one their mocks and patches would reach the files that follow.
const ISOLATED = ['test/harness/bundle.test.ts', 'test/harness/cli/files.test.ts', 'test/harness/cli/gate.test.ts', 'test/harness/runner/worker-entry.test.ts', 'test/harness/real-work.test.ts', 'test/harness/runner/intercept.test.ts'];

// `faultline` imported in this repository (test fixtures) is the sources, never a dist/ that may be
// stale (package.json exports them under "faultline-source"): for vite's resolver (ssr: tests run in
// Node), and for Node's own in the test processes and the worker threads they start (execArgv).
const SOURCE = 'faultline-source';

export default defineConfig({
  ssr: { resolve: { conditions: [SOURCE, ...defaultServerConditions] } },
  test: {
    execArgv: [`--conditions=${SOURCE}`],
    globalSetup: ['test/global-setup.ts'],
    // Runs install fake timers process-wide; files run in separate forks so two never share a clock
    // at once (one fork runs its files one after another; each run uninstalls its clock).
    pool: 'forks',
    // vitest's default leaves a core idle; most files wait on worker threads and child processes,
    // so two files at once on 2 cores finish sooner for the same CPU (341 s → 262 s, issue 16).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 60_000,
    // Some files run a small suite once in beforeAll; on a loaded 2-core machine that outlasts 10 s.
    hookTimeout: 120_000,
    projects: [
      { extends: true, test: { name: 'isolated', include: ISOLATED, isolate: true } },
      // The rest share each fork's loaded modules from file to file: importing the harness (the SDK,
      // msw, ai) anew for every file was 140 s of a 320 s suite on 2 cores.
      { extends: true, test: { name: 'shared', include: ['test/**/*.test.ts'], exclude: ISOLATED, isolate: false } },
    ],
  },
});
