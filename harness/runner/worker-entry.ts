import { bundle } from '../bundle.mjs';

/** The file every worker thread starts from; it loads the entry `workerEntry()` gives, as `workerData.entry`. */
export const WORKER_BOOT = new URL('./worker-boot.mjs', import.meta.url);

/** The worker through tsx: always works, but resolving and compiling every module through its hooks costs a second or two of CPU per worker. */
const TSX_ENTRY = new URL('./worker.mjs', import.meta.url);

let entry: Promise<URL> | undefined;

/**
 * What a worker thread loads: the worker bundled once per process (ready in about a third of the
 * CPU; tsx is registered in it only when a user module needs it), or, when it cannot be bundled,
 * the worker through tsx.
 */
export function workerEntry(): Promise<URL> {
  return (entry ??= bundle(new URL('./worker.ts', import.meta.url)).then((bundled) => bundled ?? TSX_ENTRY));
}
