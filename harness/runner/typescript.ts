// Set by whichever registration came first (worker.mjs starts a worker through tsx already).
const REGISTERED = Symbol.for('faultline.tsx-registered');

/**
 * Makes the user's modules loadable in this thread: agents and scenario files in TypeScript, and
 * JavaScript ones that import TypeScript (`faultline/scenarios/define.ts`). A worker started from the
 * bundle has no TypeScript loader until a user module needs one.
 */
export async function loadTypeScript(): Promise<void> {
  const marks = globalThis as unknown as Record<symbol, boolean>;
  if (marks[REGISTERED]) return;
  marks[REGISTERED] = true;
  (await import('tsx/esm/api')).register();
}
