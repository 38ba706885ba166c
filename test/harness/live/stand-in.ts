import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { encodeSse, sseEvents } from '../../../harness/model/sse.ts';
import type { ApiMessage } from '../../../harness/model/types.ts';

export type StandIn = {
  /** What to give ANTHROPIC_BASE_URL. */
  url: string;
  requests: Array<{ headers: IncomingHttpHeaders; body: string }>;
  /** Tokens billed, as the usage of every answer adds up. */
  billed(): number;
  close(): Promise<void>;
};

/**
 * A stand-in for the Messages API on 127.0.0.1, for tests of live mode (no network here). It plays
 * one conversation: the first turn orders 40 cases of A1, the next reports the order id the tool
 * returned. It answers JSON or SSE as asked, bills 100 input and 20 output tokens per answer,
 * refuses any key but `key`, answers the first `rateLimited` requests 429 (retry-after 1 s), and
 * holds its first answer back `slowFirstMs`.
 */
export async function startStandIn({ key, rateLimited = 0, slowFirstMs = 0 }: { key: string; rateLimited?: number; slowFirstMs?: number }): Promise<StandIn> {
  const requests: StandIn['requests'] = [];
  let answers = 0;
  let limited = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk));
    req.on('end', () => {
      requests.push({ headers: req.headers, body });
      const json = (status: number, value: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(value));
      };
      if (req.headers['x-api-key'] !== key) return json(401, { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } });
      if (limited < rateLimited) return (limited++, json(429, { type: 'error', error: { type: 'rate_limit_error', message: 'slow down' } }, { 'retry-after': '1' }));
      const request = JSON.parse(body) as Request & { stream?: boolean };
      const n = ++answers;
      const message = answer(request, n);
      setTimeout(() => {
        if (!request.stream) return json(200, message, { 'request-id': `req_standin_${n}` });
        res.writeHead(200, { 'content-type': 'text/event-stream', 'request-id': `req_standin_${n}` });
        res.end(encodeSse(sseEvents(message)));
      }, n === 1 ? slowFirstMs : 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    billed: () => answers * 120,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

type Request = { model: string; thread?: { type: string }; messages: Array<{ role: string; content: unknown }> };

function answer(request: Request, n: number): ApiMessage {
  const base = { id: `msg_standin_${n}`, type: 'message' as const, role: 'assistant' as const, model: request.model, stop_sequence: null, usage: { input_tokens: 100, output_tokens: 20, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 } };
  // A server-held thread (the SDK's tool runner) sends only what is new: that is never the first turn.
  if (request.messages.length === 1 && request.thread?.type !== 'continue') {
    return { ...base, stop_reason: 'tool_use', content: [{ type: 'tool_use', id: `toolu_standin_${n}`, name: 'place_order', input: { sku: 'A1', quantity: 40 } }] };
  }
  const orderId = /"order_id"\s*:\s*"([^"]+)"/.exec(JSON.stringify(request.messages.at(-1)?.content).replace(/\\"/g, '"'))?.[1] ?? 'unknown';
  return { ...base, stop_reason: 'end_turn', content: [{ type: 'text', text: `Ordered 40 cases of A1: order ${orderId} is confirmed.` }] };
}
