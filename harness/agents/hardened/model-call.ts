import type Anthropic from '@anthropic-ai/sdk';
import { AnthropicError, APIError } from '@anthropic-ai/sdk';
import type { Message, MessageCreateParamsBase } from '@anthropic-ai/sdk/resources/messages';

/** Turn-level retries on top of the SDK's own per-request retries (seed 004: bounded, growing waits). */
export type ModelCallLimits = { attempts: number; backoffMs: number };

/** The model could not be reached for a whole turn, after the SDK's retries and ours. */
export class ModelUnavailable extends Error {
  constructor(
    readonly attempts: number,
    override readonly cause: unknown,
  ) {
    super(`the model API failed ${attempts} times in a row (last: ${(cause as Error)?.message ?? String(cause)})`);
  }
}

/**
 * One model turn, acted on only once it is complete: the reply is streamed and taken from
 * `finalMessage()`, which the SDK resolves only after `message_stop`. A stream that breaks off mid
 * reply, or an overload the SDK's retries did not absorb, is asked again whole after a growing
 * pause — nothing of the broken reply is kept, so no tool can run on half its input.
 */
export async function completeReply(client: Anthropic, params: MessageCreateParamsBase, signal: AbortSignal, limits: ModelCallLimits): Promise<Message> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await client.messages.stream(params, { signal }).finalMessage();
    } catch (error) {
      if (signal.aborted || !retryable(error)) throw error;
      if (attempt >= limits.attempts) throw new ModelUnavailable(attempt, error);
    }
    await sleep(limits.backoffMs * 2 ** (attempt - 1), signal);
  }
}

/** Retry what is transient: a broken stream or connection, rate limits, overloads and server errors. */
function retryable(error: unknown): boolean {
  if (error instanceof APIError) return error.status === undefined || error.status === 408 || error.status === 429 || error.status >= 500;
  return error instanceof AnthropicError || error instanceof SyntaxError;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });
}
