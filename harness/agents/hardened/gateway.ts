import { createHash } from 'node:crypto';
import { z } from 'zod';
import { callEndpoint } from '../http.ts';
import type { AgentEnv, ToolSpec } from '../types.ts';
import { refusal } from './consent.ts';
import { callKey } from '../../calls.ts';
import { canonical } from '../../canonical.ts';
import { isPermanentStatus, isRetryableStatus, isUnwellStatus } from '../../status.ts';
import { CircuitBreaker, type BreakerLimits } from './breaker.ts';
import { retryAfterMs } from '../../retry-after.ts';
import { valueAt } from '../../value-at.ts';

export type GatewayLimits = { toolTimeoutMs: number; attempts: number; backoffMs: number; retryAfterMaxMs: number; breaker: BreakerLimits };

/** The outcome of one tool call as the gateway reports it to the loop. */
export type GatewayResult = { ok: boolean; content: string; effectful: boolean; indeterminate?: boolean };

/** What the run remembers of one call (same tool, same canonical input). */
type CallRecord = { sent: number; last: string; succeeded?: boolean; rejected?: { status: number; message: string } };

/**
 * The production tool gateway of seed 000 and 002: every call is validated at the boundary (no
 * coercion), side-effectful calls carry one idempotency key through every retry, only retryable
 * failures are retried — with growing backoff and `Retry-After` honoured — and every failure
 * reaches the model as a structured `is_error` result, a reply that breaks its tool's declared
 * response schema included (seed 002 case 5). An effect aimed at a target no trusted text names,
 * or a destructive one the user has not confirmed, is never sent (./consent.ts).
 */
// Built once per schema object: scenarios share their tool specs across runs.
const validators = new WeakMap<object, z.ZodType>();

export class ToolGateway {
  readonly #breaker: CircuitBreaker;
  readonly #calls = new Map<string, CallRecord>();

  constructor(
    private readonly tools: ToolSpec[],
    private readonly credential: string,
    private readonly limits: GatewayLimits,
    private readonly scope: string,
    /** The task and system prompt: the only text that may name an effect's target. */
    private readonly trustedText = '',
    private readonly confirm?: AgentEnv['confirm'],
  ) {
    this.#breaker = new CircuitBreaker(limits.breaker);
  }

  has(name: string): boolean {
    return this.tools.some((t) => t.name === name);
  }

  async call(name: string, input: unknown, signal: AbortSignal): Promise<GatewayResult> {
    const spec = this.tools.find((t) => t.name === name);
    if (!spec) return { ok: false, effectful: false, content: `FATAL: tool '${name}' is not registered. Do not retry. Use only the tools listed in your tool definitions.` };
    const effectful = spec.effect !== 'read';
    const invalid = this.#validate(spec, input);
    if (invalid) return failure(effectful, { error: 'invalid_arguments', retryable: false, message: invalid, hint: 'Fix the arguments to match the input schema exactly; numbers must be JSON numbers, not strings.' });
    const refused = await refusal(spec, input, this.trustedText, this.confirm);
    if (refused) return failure(effectful, { error: 'refused', retryable: false, message: `Not sent: ${refused}`, hint: 'Do not retry or work around this; tell the user what was not done and why.' });

    // A call that got a permanent error is never sent again in this run (seed 004), and an effect's
    // attempts are counted over the whole run, not per invocation: the model asking again in a
    // later turn is a retry too, and the gateway's retries times the model's re-asks is the cascade
    // of seed 002 case 1. A read asked for again gets a fresh set of attempts: repeating it is
    // harmless, and the breaker, the repeat guard and the call cap bound one that keeps failing.
    const call = this.#record(name, input);
    const remembered = this.#remembered(name, call, effectful);
    if (remembered) return remembered;
    const before = call.sent;
    const limit = effectful ? this.limits.attempts : before + this.limits.attempts;
    // One key per intended effect: the same call in this task, however often retried, is one effect.
    const idempotencyKey = effectful ? intentKey(this.scope, name, input) : undefined;
    for (let attempt = 1; call.sent < limit; attempt++) {
      let waitMs = this.limits.backoffMs * 2 ** (attempt - 1);
      // A tool that keeps failing is not called at all until its cool-down is over (seed 004).
      const openMs = this.#breaker.acquire(name);
      // Sent before, in this invocation or an earlier one: an effect's outcome is then unknown.
      if (openMs > 0) return circuitOpen(name, openMs, effectful, call.sent > 0);
      call.sent++;
      try {
        const reply = await callEndpoint(spec, input, { credential: this.credential, idempotencyKey, signal: AbortSignal.any([signal, AbortSignal.timeout(this.limits.toolTimeoutMs)]) });
        this.#breaker.record(name, !isUnwellStatus(reply.status));
        if (reply.status < 300) {
          call.succeeded = true;
          return this.#breach(spec, reply.text, effectful) ?? { ok: true, effectful, content: reply.text };
        }
        call.last = `HTTP ${reply.status}: ${reply.text.slice(0, 300)}`;
        if (isPermanentStatus(reply.status)) call.rejected = { status: reply.status, message: call.last };
        if (!isRetryableStatus(reply.status)) return failure(effectful, { error: 'rejected', status: reply.status, retryable: false, message: call.last });
        const askedMs = retryAfterMs(reply.headers) ?? 0;
        // A wait longer than the runtime will hold a call is not waited out early: the model hears now.
        if (askedMs > this.limits.retryAfterMaxMs)
          return failure(effectful, { error: 'unavailable', status: reply.status, retryable: true, retry_after_s: Math.ceil(askedMs / 1000), message: `${call.last} (retry after ${Math.ceil(askedMs / 1000)} s)` }, effectful);
        waitMs = Math.max(waitMs, askedMs);
      } catch (error) {
        if (signal.aborted) throw error;
        this.#breaker.record(name, false);
        call.last = (error as Error).name === 'TimeoutError' ? `no reply within ${this.limits.toolTimeoutMs} ms` : `network error: ${(error as Error).message}`;
      }
      if (call.sent < limit) await sleep(waitMs, signal);
    }
    return failure(
      effectful,
      {
        error: effectful ? 'outcome_unknown' : 'unavailable',
        retryable: !effectful,
        message: `${name} failed after ${effectful ? call.sent : call.sent - before} attempts (${call.last}).`,
        hint: effectful ? 'The action may or may not have happened. Do not assume success; tell the user it is unconfirmed.' : 'Try again later.',
      },
      effectful,
    );
  }

  #record(name: string, input: unknown): CallRecord {
    const key = callKey(name, input);
    let call = this.#calls.get(key);
    if (!call) this.#calls.set(key, (call = { sent: 0, last: '' }));
    return call;
  }

  /**
   * The answer from memory to a call that must not be sent again: one a permanent error already
   * refused, or an effect whose attempts this run has used up. It is an error the model can act on —
   * it says why, and that asking again cannot help — so a model that keeps asking can stop.
   */
  #remembered(name: string, call: CallRecord, effectful: boolean): GatewayResult | null {
    if (call.rejected)
      return failure(effectful, {
        error: 'rejected_before',
        status: call.rejected.status,
        retryable: false,
        message: `Not sent: ${name} with exactly these arguments was already rejected in this run with a permanent error (${call.rejected.message}).`,
        hint: 'Do not retry this call; it will fail the same way. Fix the arguments if they were wrong, or tell the user what failed.',
      });
    if (!effectful || call.sent < this.limits.attempts) return null;
    if (call.succeeded)
      return failure(effectful, {
        error: 'attempts_exhausted',
        retryable: false,
        message: `Not sent: ${name} with exactly these arguments was already sent ${call.sent} times in this run, the most allowed for one call; it succeeded earlier and that result still stands.`,
        hint: 'Do not repeat this call; use the earlier result.',
      });
    return failure(
      effectful,
      {
        error: 'attempts_exhausted',
        retryable: false,
        message: `Not sent: ${name} with exactly these arguments was already sent ${call.sent} times in this run, the most allowed for one call${call.last ? ` (last: ${call.last})` : ''}.`,
        hint: 'An earlier attempt may or may not have taken effect. Do not retry; tell the user it is unconfirmed.',
      },
      true,
    );
  }

  /**
   * The response contract (seed 002 case 5): a successful reply that does not match the tool's
   * declared `responseSchema` has drifted, and reaches the model as an error, never as data.
   */
  #breach(spec: ToolSpec, text: string, effectful: boolean): GatewayResult | null {
    if (!spec.responseSchema) return null;
    let schema = validators.get(spec.responseSchema);
    if (!schema) validators.set(spec.responseSchema, (schema = z.fromJSONSchema(spec.responseSchema as never)));
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
    const parsed = schema.safeParse(body);
    if (parsed.success) return null;
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(response)'}: ${i.message}`).join('; ');
    return failure(effectful, {
      error: 'contract_violation',
      retryable: false,
      message: `${spec.name} answered in a shape its declared response schema does not allow (${issues}); the service's response format has changed.`,
      hint: `Do not guess what the fields mean; tell the user the data could not be read reliably.${effectful ? ' The call itself went through.' : ''}`,
    });
  }

  #validate(spec: ToolSpec, input: unknown): string | null {
    let schema = validators.get(spec.input_schema);
    if (!schema) validators.set(spec.input_schema, (schema = z.fromJSONSchema(spec.input_schema as never)));
    const parsed = schema.safeParse(input);
    if (parsed.success) return null;
    return parsed.error.issues.map((i) => `${i.path.join('.') || '(input)'}: ${i.message} (got ${JSON.stringify(valueAt(input, i.path))})`).join('; ');
  }
}

function failure(effectful: boolean, body: Record<string, unknown>, indeterminate = false): GatewayResult {
  return { ok: false, effectful, indeterminate, content: JSON.stringify(body) };
}

/** The fail-fast answer of an open circuit: nothing was sent this time (earlier attempts may have been). */
function circuitOpen(name: string, openMs: number, effectful: boolean, triedBefore: boolean): GatewayResult {
  const unknown = effectful && triedBefore;
  return failure(
    effectful,
    {
      error: 'circuit_open',
      retryable: false,
      retry_after_s: Math.ceil(openMs / 1000),
      message: `${name} keeps failing, so calls to it are suspended for ${Math.ceil(openMs / 1000)} s; this call was not sent.`,
      hint: unknown ? 'An earlier attempt may or may not have taken effect; tell the user it is unconfirmed.' : 'Do not retry now; tell the user the service is unavailable and to try again later.',
    },
    unknown,
  );
}

export function intentKey(scope: string, name: string, input: unknown): string {
  return createHash('sha256')
    .update(`${scope}\u0000${name}\u0000${canonical(input)}`)
    .digest('hex')
    .slice(0, 32);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });
}
