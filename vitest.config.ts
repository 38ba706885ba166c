import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Runs install fake timers process-wide; files run in separate forks so they never share a clock.
    pool: 'forks',
    testTimeout: 60_000,
    // Some files run a small suite once in beforeAll; on a loaded 2-core machine that outlasts 10 s.
    hookTimeout: 120_000,
  },
});
