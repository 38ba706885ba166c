import { bundle } from '../harness/bundle.mjs';

// Builds the CLI's and the workers' bundles once, before any test file starts: otherwise, on a
// fresh checkout, the first CLI processes the test files start all build them at the same time.
export default async function setup(): Promise<void> {
  await bundle(new URL('../harness/cli/main.ts', import.meta.url));
  await bundle(new URL('../harness/runner/worker.ts', import.meta.url));
}
