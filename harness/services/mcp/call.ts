import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { endpointRequest } from '../../agents/http.ts';
import { jsonOrText } from '../../json-or-text.ts';
import { requestView } from '../../runner/request-view.ts';
import type { ToolSpec } from '../../agents/types.ts';
import { matchRoute } from '../route-match.ts';
import { routeOf, type ServedRoute } from '../serve.ts';
import { NO_BODY } from '../json-response.ts';
import { replyMark, VIA_HEADER, VIA_MCP } from './markers.ts';

/** Ends a tools/call's HTTP exchange with this response instead of a JSON-RPC reply. */
export type Interrupt = (response: Response) => void;

/** What the client is to get for one tools/call. */
export type CallOutcome = { kind: 'result'; result: CallToolResult } | { kind: 'jsonrpc-error'; code: number; message: string } | { kind: 'reset' };

/**
 * The per-call metadata key a client puts an idempotency key under: the front sends it where the
 * service reads its key, the header it names or the field of the arguments (`Service.idempotency`).
 */
export const IDEMPOTENCY_META = 'io.faultline/idempotency-key';

/** Where a service reads a repeated request's key, as `callTool` needs it. */
type KeyedOn = { header: string } | { field: string } | null;

type CallParams = { name: string; arguments?: Record<string, unknown>; _meta?: Record<string, unknown> };
type CallExtra = { signal: AbortSignal; requestInfo?: { headers: Record<string, string | string[] | undefined> } };

/**
 * One tools/call as a request on the tool's route, built as an HTTP runtime would send it
 * (`endpointRequest`) with the MCP request's bearer token, so it takes the path of every tool call:
 * the request log, the tool faults, the ledger. The reply is translated as it is: a 2xx is the
 * tool's content (and its structuredContent, when an object), anything else a result with
 * `isError: true`. A reply that never comes leaves the call unanswered; a cancellation
 * (`notifications/cancelled`) aborts the request, as a client's abort ends an HTTP call.
 */
export async function callTool(spec: ToolSpec, params: CallParams, extra: CallExtra, routes: ServedRoute[], keyedOn: KeyedOn = null): Promise<CallOutcome> {
  const authorization = header(extra, 'authorization');
  const key = params._meta?.[IDEMPOTENCY_META];
  const args = withKeyField(spec, params.arguments ?? {}, typeof key === 'string' ? key : undefined, keyedOn);
  if ('refused' in args) return { kind: 'jsonrpc-error', code: -32602, message: args.refused };
  const { url, init } = endpointRequest(spec, args.args, { signal: extra.signal });
  const headers = new Headers(init.headers);
  if (authorization) headers.set('authorization', authorization);
  if (typeof key === 'string') headers.set(keyedOn && 'header' in keyedOn ? keyedOn.header : 'idempotency-key', key);
  headers.set(VIA_HEADER, VIA_MCP);
  const route = routeOf(routes, spec.endpoint);
  if (!route?.reply) return { kind: 'jsonrpc-error', code: -32603, message: `no route serves ${spec.endpoint.method} ${spec.endpoint.url}` };
  // endpointRequest's body is text, which a view always reads.
  const request = requestView(url, { ...init, headers, signal: extra.signal }) as Request;
  const reply = await route.reply(request, matchRoute(route.url, url) ?? {});
  if (reply === 'reset') return { kind: 'reset' };
  // The text an HTTP client reads from the same reply (jsonResponse): none for a status without a body.
  const text = reply.body === undefined || NO_BODY.has(reply.status) ? '' : JSON.stringify(reply.body);
  // Its headers as an HTTP client reads them (jsonResponse builds them so): any letter case, a value as text, trimmed.
  const replyHeaders = new Headers(reply.headers);
  const mark = replyMark((name) => replyHeaders.get(name));
  if (mark?.kind === 'jsonrpc-error') return { kind: 'jsonrpc-error', code: mark.code, message: `Internal error: ${text}` };
  return { kind: 'result', result: toolResult(reply.status, text, replyHeaders.get('retry-after')) };
}

/**
 * The arguments as sent to a service keyed on a field of them: a `_meta` key goes in that field when
 * the arguments leave it out, and a key the field already carries otherwise is refused (the
 * service could honour only one of the two; silently dropping the other would hide it).
 */
function withKeyField(spec: ToolSpec, args: Record<string, unknown>, key: string | undefined, keyedOn: KeyedOn): { args: Record<string, unknown> } | { refused: string } {
  if (key === undefined || !keyedOn || !('field' in keyedOn) || spec.endpoint.method === 'GET') return { args };
  const given = args[keyedOn.field];
  if (given === undefined) return { args: { ...args, [keyedOn.field]: key } };
  if (given === key) return { args };
  return { refused: `Invalid params: ${spec.name} reads its idempotency key from the argument ${keyedOn.field} (${JSON.stringify(given)}), and _meta['${IDEMPOTENCY_META}'] says ${JSON.stringify(key)}: send one, or both the same` };
}

/** Where a failed call's result carries the HTTP status and the `Retry-After` (seconds) the service answered with. */
const STATUS_META = 'io.faultline/http-status';
export const RETRY_AFTER_META = 'io.faultline/retry-after-s';

/**
 * A reply as a tool result. A failure says its status, and any `Retry-After` the service asked for,
 * both in its text (`HTTP 429 (Retry-After: 2): …`, what a model reads) and in its `_meta` (what a
 * client acts on), since an MCP result has no headers to carry them.
 */
function toolResult(status: number, text: string, retryAfter: string | null): CallToolResult {
  if (status >= 300) {
    const seconds = retryAfter !== null && /^\d+$/.test(retryAfter.trim()) ? Number(retryAfter) : undefined;
    const after = retryAfter === null ? '' : ` (Retry-After: ${retryAfter})`;
    const _meta = { [STATUS_META]: status, ...(seconds === undefined ? {} : { [RETRY_AFTER_META]: seconds }) };
    return { content: [{ type: 'text', text: `HTTP ${status}${after}: ${text}` }], isError: true, _meta };
  }
  const body = jsonOrText(text);
  const structured = typeof body === 'object' && body !== null && !Array.isArray(body) ? { structuredContent: body as Record<string, unknown> } : {};
  return { content: [{ type: 'text', text }], ...structured };
}

function header(extra: CallExtra, name: string): string | undefined {
  const value = extra.requestInfo?.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
