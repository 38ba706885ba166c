import { createServer, type IncomingHttpHeaders } from 'node:http';
import { afterEach, beforeEach, vi } from 'vitest';
import type { AddressInfo } from 'node:net';
import { encodeSse, sseEvents } from '../../../harness/model/sse.ts';
import type { ApiMessage } from '../../../harness/model/types.ts';

export type StandIn = {
  /** What to give ANTHROPIC_BASE_URL. */
  url: string;
  requests: Array<{ headers: IncomingHttpHeaders; body: string }>;
  /** Tokens billed, as the usage of every answer adds up. */
  billed(): number;
  /** When each request arrived and, for a 429, when it was refused (Date.now()). */
  arrivals: number[];
  rateLimitedAt: number[];
  /** The most requests it held unanswered at once. */
  peakInFlight(): number;
  /**
   * The most tokens committed at any arrival: billed so far plus the worst case of every request
   * held (its input at one token per 3 bytes plus its max_tokens: what the harness reserves).
   * The budget holds only if this never passed the limit.
   */
  peakCommitted(): number;
  close(): Promise<void>;
};

type Options = { key: string; rateLimited?: number; slowFirstMs?: number; slowMs?: number; wrongFirst?: number; inputTokens?: number };

/**
 * A stand-in for the Messages API on 127.0.0.1, for tests of live mode (no network here). It plays
 * one conversation: the first turn orders 40 cases of A1 (41 in the first `wrongFirst`
 * conversations, a wrong order), the next reports the order id the tool returned. It answers JSON
 * or SSE as asked, bills `inputTokens` (100) input and 20 output tokens per answer, refuses any key but `key`,
 * answers the first `rateLimited` requests 429 (retry-after 1 s), holds its first answer back
 * `slowFirstMs` and every answer `slowMs`.
 */
async function startStandIn({ key, rateLimited = 0, slowFirstMs = 0, slowMs = 0, wrongFirst = 0, inputTokens = 100 }: Options): Promise<StandIn> {
  const requests: StandIn['requests'] = [];
  const [arrivals, rateLimitedAt] = [[] as number[], [] as number[]];
  const held = new Map<number, number>();
  let [answers, limited, billed, conversations, peakInFlight, peakCommitted] = [0, 0, 0, 0, 0, 0];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk));
    req.on('end', () => {
      requests.push({ headers: req.headers, body });
      arrivals.push(Date.now());
      const id = requests.length;
      held.set(id, Math.ceil(Buffer.byteLength(body) / 3) + (Number((JSON.parse(body) as { max_tokens?: number }).max_tokens) || 4096));
      peakInFlight = Math.max(peakInFlight, held.size);
      peakCommitted = Math.max(peakCommitted, billed + [...held.values()].reduce((a, b) => a + b, 0));
      res.on('finish', () => held.delete(id));
      const json = (status: number, value: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(value));
      };
      if (req.headers['x-api-key'] !== key) return json(401, { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } });
      if (limited < rateLimited) return (limited++, rateLimitedAt.push(Date.now()), json(429, { type: 'error', error: { type: 'rate_limit_error', message: 'slow down' } }, { 'retry-after': '1' }));
      const request = JSON.parse(body) as Request & { stream?: boolean };
      const n = ++answers;
      const first = isFirstTurn(request);
      const message = answer(request, n, first && ++conversations <= wrongFirst ? 41 : 40, inputTokens);
      setTimeout(
        () => {
          billed += inputTokens + 20;
          if (!request.stream) return json(200, message, { 'request-id': `req_standin_${n}` });
          res.writeHead(200, { 'content-type': 'text/event-stream', 'request-id': `req_standin_${n}` });
          res.end(encodeSse(sseEvents(message)));
        },
        n === 1 ? slowFirstMs : slowMs,
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    billed: () => answers * (inputTokens + 20),
    arrivals,
    rateLimitedAt,
    peakInFlight: () => peakInFlight,
    peakCommitted: () => peakCommitted,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

type Request = { model: string; thread?: { type: string }; messages: Array<{ role: string; content: unknown }> };

// A server-held thread (the SDK's tool runner) sends only what is new: that is never the first turn.
const isFirstTurn = (request: Request) => request.messages.length === 1 && request.thread?.type !== 'continue';

function answer(request: Request, n: number, quantity: number, inputTokens: number): ApiMessage {
  const base = {
    id: `msg_standin_${n}`,
    type: 'message' as const,
    role: 'assistant' as const,
    model: request.model,
    stop_sequence: null,
    usage: { input_tokens: inputTokens, output_tokens: 20, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
  };
  if (isFirstTurn(request)) {
    return { ...base, stop_reason: 'tool_use', content: [{ type: 'tool_use', id: `toolu_standin_${n}`, name: 'place_order', input: { sku: 'A1', quantity } }] };
  }
  const orderId = /"order_id"\s*:\s*"([^"]+)"/.exec(JSON.stringify(request.messages.at(-1)?.content).replace(/\\"/g, '"'))?.[1] ?? 'unknown';
  return { ...base, stop_reason: 'end_turn', content: [{ type: 'text', text: `Ordered 40 cases of A1: order ${orderId} is confirmed.` }] };
}

/** The API key the live tests give faultline: the stand-in accepts only it, and no file may hold it. */
export const LIVE_KEY = 'sk-ant-api03-LiveKeyForTests0123456789abcdef';

/**
 * A stand-in per test, as the live test files use it: `live()` starts one and points
 * ANTHROPIC_API_KEY and ANTHROPIC_BASE_URL at it; `offline()` stops it and takes the key away (a
 * replay must need neither); each test ends with the stand-in closed and the environment restored.
 */
export function standInPerTest() {
  let standIn: StandIn | undefined;
  beforeEach(() => vi.stubEnv('CI', 'true'));
  const offline = async () => {
    await standIn?.close();
    standIn = undefined;
    vi.stubEnv('ANTHROPIC_API_KEY', '');
  };
  afterEach(async () => {
    await offline();
    vi.unstubAllEnvs();
  });
  const live = async (options: Omit<Options, 'key'> = {}) => {
    standIn = await startStandIn({ key: LIVE_KEY, ...options });
    vi.stubEnv('ANTHROPIC_API_KEY', LIVE_KEY);
    vi.stubEnv('ANTHROPIC_BASE_URL', standIn.url);
    return standIn;
  };
  return { live, offline };
}
