/** SIGINT or SIGTERM arrived while faultline was working: the command stops and exits 128 + the signal's number. */
export class Interrupted extends Error {
  readonly exitCode: number;
  constructor(readonly signal: 'SIGINT' | 'SIGTERM') {
    super(`[faultline] interrupted (${signal})`);
    this.exitCode = signal === 'SIGINT' ? 130 : 143;
  }
}

const controller = new AbortController();

/** Aborted, with an `Interrupted` as its reason, on the first SIGINT or SIGTERM once `catchInterrupts` listens. */
export const interruption: AbortSignal = controller.signal;

/**
 * From now on the first SIGINT or SIGTERM aborts `interruption` (running suites end their workers
 * and write nothing) instead of killing the process mid-write; a second one exits at once.
 */
export function catchInterrupts(): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (controller.signal.aborted) process.exit(new Interrupted(signal).exitCode);
      controller.abort(new Interrupted(signal));
    });
  }
}
