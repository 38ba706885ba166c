/**
 * Makes the user's modules loadable in this thread: agents, scenario files and configs in
 * TypeScript, and JavaScript ones that import TypeScript (`faultline/scenarios/define.ts`). Only the
 * bundled harness (bundle.mjs, which defines FAULTLINE_BUNDLED) needs it: running from the sources
 * means a TypeScript loader (tsx, vitest) is already in place.
 */
export async function loadTypeScript(): Promise<void> {
  if (process.env.FAULTLINE_BUNDLED !== '1' || registered) return;
  registered = true;
  (await import('tsx/esm/api')).register();
}

let registered = false;
