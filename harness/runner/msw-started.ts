import type { SetupServer } from 'msw/node';

// Kept apart from msw.ts, which imports MSW (a third of a worker's start): a run asks whether MSW is
// running without loading it.
let started: SetupServer | null = null;

/** The process's MSW server if something started it, else null (a worker that ran only bundled runtimes). */
export const mswServerIfStarted = (): SetupServer | null => started;

export const setMswStarted = (server: SetupServer): void => {
  started = server;
};
