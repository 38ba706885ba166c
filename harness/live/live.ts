import { retryAfterMs } from '../retry-after.ts';
import type { Budget, Usage } from './budget.ts';
import { messageOf, RunStop, type Upstream, type UpstreamCall, type UpstreamReply } from './upstream.ts';

/** Where live requests go and with which key; the key is the user's, the agent never sees it. */
export type LiveTarget = { apiKey: string; baseURL: string; maxRetries: number };

// Headers of the agent's request that change what the API does; its key is replaced by the real one.
const FORWARDED = ['anthropic-version', 'anthropic-beta', 'content-type', 'accept'];

/**
 * The real Messages API behind the run's endpoint. Each request first reserves its worst case from
 * the suite's budget; a 429 or 529 is waited out here (its `retry-after`, else 1-2-4-8 s, shared by
 * every lane) so rate limits do not become the agent's verdict. `claim` takes the request's place
 * in the recording when it is sent, so the recording keeps the order the agent sent in, even for a
 * request the agent gave up on; the answer the agent finally gets fills that place.
 */
export function liveUpstream(target: LiveTarget, budget: Budget, claim: (call: Omit<UpstreamCall, 'headers'>) => (reply: UpstreamReply, durationMs: number) => void, stop: (error: RunStop) => RunStop): Upstream {
  return async ({ method, path, body, headers }) => {
    const reserved = worstCase(body);
    if (!(await budget.reserve(reserved))) {
      const spent = budget.spent();
      throw stop(new RunStop('budget', `budget reached (${spent.tokens} tokens, $${spent.costUsd.toFixed(4)} spent): this request could use ${reserved.input + reserved.output} more tokens`));
    }
    const started = performance.now();
    const fill = claim({ method, path, body });
    // Until an answer says otherwise, the request cost what was reserved: an error must not lift the cap.
    let used: Usage = reserved;
    try {
      const forwarded = new Headers(FORWARDED.flatMap((name) => (headers.has(name) ? [[name, headers.get(name) as string]] : [])));
      forwarded.set('x-api-key', target.apiKey);
      for (let attempt = 0; ; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, budget.pausedFor()));
        // bypass(): MSW's hermetic handler would otherwise answer this request as a dead network.
        // Loaded here, in a live run only: every other command starts without msw.
        const { bypass } = await import('msw');
        const response = await fetch(bypass(new Request(`${target.baseURL.replace(/\/$/, '')}${path}`, { method, headers: forwarded, body })));
        const reply = { status: response.status, headers: response.headers, body: await response.text() };
        if ((reply.status === 429 || reply.status === 529) && attempt < target.maxRetries) {
          budget.pauseUntil(Date.now() + (retryAfterMs(reply.headers) ?? 1000 * 2 ** attempt));
          continue;
        }
        used = usageOf(reply) ?? reserved;
        fill(reply, performance.now() - started);
        return reply;
      }
    } finally {
      budget.settle(reserved, used);
    }
  };
}

/** A request's most: its input at one token per 3 bytes (JSON tokenizes densely) plus all of `max_tokens`. */
function worstCase(body: string): Usage {
  let maxTokens = 4096;
  try {
    maxTokens = Number((JSON.parse(body) as { max_tokens?: number }).max_tokens) || maxTokens;
  } catch {
    // not JSON: the API will refuse it, reserve the default
  }
  return { input: Math.ceil(Buffer.byteLength(body) / 3), output: maxTokens };
}

type ApiUsage = { input_tokens?: number; output_tokens?: number; cache_creation_input_tokens?: number; cache_read_input_tokens?: number };

/** What an answer says it used (cache writes and reads count as input); undefined when it cannot be read. */
function usageOf(reply: UpstreamReply): Usage | undefined {
  if (reply.status !== 200) return { input: 0, output: 0 };
  const usage = messageOf(reply)?.usage as ApiUsage | undefined;
  if (!usage) return undefined;
  return { input: (usage.input_tokens ?? 0) + (usage.cache_creation_input_tokens ?? 0) + (usage.cache_read_input_tokens ?? 0), output: usage.output_tokens ?? 0 };
}
