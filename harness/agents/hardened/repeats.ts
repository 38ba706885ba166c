import { intentKey } from './gateway.ts';
import type { GatewayResult } from './gateway.ts';

/**
 * Detects identical repeated calls (seed 003 mode 1): once the same tool with the same arguments
 * has succeeded `maxIdentical` times, running it again cannot tell the model anything new — the
 * model is looping (a page it keeps re-reading). The call is refused instead of executed.
 * Failed calls do not count: retrying those is the retry policy's business.
 */
export class RepeatGuard {
  readonly #succeeded = new Map<string, number>();

  constructor(private readonly maxIdentical: number) {}

  /** The refusal to send instead of running the call, or null to run it. */
  refusal(name: string, input: unknown): GatewayResult | null {
    const times = this.#succeeded.get(intentKey('repeat', name, input)) ?? 0;
    if (times < this.maxIdentical) return null;
    const body = {
      error: 'repeated_call',
      retryable: false,
      message: `${name} already succeeded ${times} times with exactly these arguments; running it again returns the same result.`,
      hint: 'Do not repeat this call. Answer with what you have, or say what is missing.',
    };
    return { ok: false, effectful: false, content: JSON.stringify(body) };
  }

  record(name: string, input: unknown, result: GatewayResult): void {
    if (!result.ok) return;
    const key = intentKey('repeat', name, input);
    this.#succeeded.set(key, (this.#succeeded.get(key) ?? 0) + 1);
  }
}
