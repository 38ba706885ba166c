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

// The commands that end their suite on `interruption` (runWithProgress), or whose writing is short
// and synchronous. The others (explore's search, lint, list) keep Node's own handling: they stop at once.
const HONOURED = new Set(['run', 'gate', 'catalogue', 'report', 'merge']);

/**
 * For `command`, from now on the first SIGINT or SIGTERM aborts `interruption` (running suites end
 * their workers and write nothing) instead of killing the process mid-write; a second one exits at once.
 */
export function catchInterrupts(command: string | undefined): void {
  if (!command || !HONOURED.has(command)) return;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (controller.signal.aborted) process.exit(new Interrupted(signal).exitCode);
      controller.abort(new Interrupted(signal));
    });
  }
}
