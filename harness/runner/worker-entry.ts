import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
/** The file every worker thread starts from; it loads the entry `workerEntry()` gives, as `workerData.entry`. */
export const WORKER_BOOT = new URL('./worker-boot.mjs', import.meta.url);

/** The worker through tsx: always works, but resolving and compiling every module through its hooks costs a second or two of CPU per worker. */
const TSX_ENTRY = new URL('./worker.mjs', import.meta.url);

// Compiled to dist/ (an installed package), this module is JavaScript and so is the worker beside it.
// From the sources it is TypeScript, and so it is in a bundle too (bundle.mjs keeps import.meta.url).
const COMPILED = import.meta.url.endsWith('.js');

let entry: Promise<URL> | undefined;

/** In dist/, the worker bundled at build time (harness/build.mjs), or the compiled modules when a build made none. */
function compiledWorker(): URL {
  const bundled = new URL('../../bundle/worker.js', import.meta.url);
  return existsSync(fileURLToPath(bundled)) ? bundled : new URL('./worker.js', import.meta.url);
}

/**
 * What a worker thread loads: in an installed package, the compiled worker (bundled); from the sources, the
 * worker bundled once per process (ready in about a third of the CPU; tsx is registered in it only
 * when a user module needs it), or, when it cannot be bundled, the worker through tsx.
 */
export function workerEntry(): Promise<URL> {
  if (COMPILED) return (entry ??= Promise.resolve(compiledWorker()));
  return (entry ??= import('../bundle.mjs').then(({ bundle }) => bundle(new URL('./worker.ts', import.meta.url))).then((bundled) => bundled ?? TSX_ENTRY));
}
