import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Runs install fake timers process-wide; files run in separate forks so they never share a clock.
    pool: 'forks',
    // vitest's default leaves a core idle; most files wait on worker threads and child processes,
    // so two files at once on 2 cores finish sooner for the same CPU (341 s → 262 s, issue 16).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 60_000,
    // Some files run a small suite once in beforeAll; on a loaded 2-core machine that outlasts 10 s.
    hookTimeout: 120_000,
  },
});
