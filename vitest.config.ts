import { availableParallelism } from 'node:os';
import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

// Files that replace a module (vi.mock, vi.resetModules) or patch Node process-wide for good
// (countRealWork) get a fresh process each: in a shared one their mocks and patches would reach the
// files that follow, and after a resetModules those files load a second copy of every module, the
// process's MSW server included (two servers answering one request).
const ISOLATED = [
  'test/harness/bundle.test.ts',
  'test/harness/cli/files.test.ts',
  'test/harness/cli/gate.test.ts',
  'test/harness/runner/worker-entry.test.ts',
  'test/harness/real-work.test.ts',
  'test/harness/runner/intercept.test.ts',
  'test/harness/runner/supervisor.test.ts',
];

// The files that take longest (tens of seconds: they start CLI processes and worker threads, or run
// the catalogue on every seed), started first so that both forks finish together. Without timings
// from an earlier run (a fresh clone in CI) vitest starts the largest files first, and these are
// small: started last, the slowest of them ran alone at the end.
const SLOWEST = [
  'test/package/pack.test.ts',
  'test/harness/live/live-mode.test.ts',
  'test/harness/cli/fail-closed.test.ts',
  'test/scenarios/other-runtimes.test.ts',
  'test/harness/live/live-gate.test.ts',
  'test/harness/cli/scenario-files.test.ts',
  'test/harness/cli/run.test.ts',
  'test/harness/cli/catalogue.test.ts',
];

class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (spec: TestSpecification) => {
      const i = SLOWEST.findIndex((f) => spec.moduleId.endsWith(f));
      return i < 0 ? SLOWEST.length : i;
    };
    // Project by project, as vitest orders them; a stable sort keeps its order (the longest or largest first) among the rest.
    const sorted = await super.sort(files);
    const projects = [...new Set(sorted.map((s) => s.project.name))];
    return projects.flatMap((name) => sorted.filter((s) => s.project.name === name).sort((a, b) => rank(a) - rank(b)));
  }
}

// `faultline` imported in this repository (test fixtures) is the sources, never a dist/ that may be
// stale (package.json exports them under "faultline-source"): for vite's resolver (ssr: tests run in
// Node), and for Node's own in the test processes and the worker threads they start (execArgv).
const SOURCE = 'faultline-source';

export default defineConfig({
  ssr: { resolve: { conditions: [SOURCE, ...defaultServerConditions] } },
  test: {
    execArgv: [`--conditions=${SOURCE}`],
    globalSetup: ['test/global-setup.ts'],
    sequence: { sequencer: SlowestFirst },
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
