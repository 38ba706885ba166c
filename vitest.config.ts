import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Runs install fake timers process-wide; files run in separate forks so they never share a clock.
    pool: 'forks',
    testTimeout: 60_000,
  },
});
