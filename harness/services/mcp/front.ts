import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { CallToolRequestSchema, ErrorCode, ListToolsRequestSchema, McpError, type Tool } from '@modelcontextprotocol/sdk/types.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import type { ToolSpec } from '../../agents/types.ts';
import { aimsAt, type ToolFault } from '../../faults/types.ts';
import type { World } from '../../world.ts';
import type { ServedRoute } from '../serve.ts';
import type { Service } from '../types.ts';
import { callTool, IDEMPOTENCY_META, type Interrupt } from './call.ts';

type Session = { server: Server; transport: WebStandardStreamableHTTPServerTransport };

// A Server validates with it only what it asks a client for (elicitation, which these servers never
// do), yet builds one of its own by default: an Ajv instance with its formats, about 0.8 ms, was
// the largest part of opening a session. It holds no state of a session: one per process.
const validator = new AjvJsonSchemaValidator();

/**
 * The MCP server (Streamable HTTP) of one simulated service, from its definition: `tools/list`
 * shows the scenario's tools that reach the service, and a `tools/call` becomes a request on the
 * tool's route (`callTool`), so the request log, the ledger, principals, idempotency and every tool
 * fault apply as to an HTTP call. One SDK `Server` and transport per session, served from a
 * web-standard Request with no socket; session ids come from the run's seed.
 */
export function mcpFront(world: World, service: Service, tools: ToolSpec[], routes: ServedRoute[], faults: ToolFault[]): (request: Request) => Promise<Response> {
  const sessions = new Map<string, Session>();
  const ids = world.rng.child(`mcp/${service.name}/sessions`);
  const listing = (spec: ToolSpec): Tool => {
    const tool: Tool = { name: spec.name, description: spec.description, inputSchema: spec.input_schema as Tool['inputSchema'], annotations: annotationsOf(spec) };
    const keyed = keyedOf(service, spec);
    if (keyed) tool._meta = { [IDEMPOTENCY_KEYED]: keyed };
    // Only what a reply body can carry as structuredContent (an object) is declared as its output.
    if ((spec.responseSchema as { type?: unknown } | undefined)?.type === 'object') tool.outputSchema = spec.responseSchema as Tool['outputSchema'];
    return tool;
  };
  const note = (session: string, event: 'initialize' | 'cancelled' | 'session-expired', detail: string) => world.history.add({ type: 'mcp', service: service.name, session, event, detail });

  const open = async (): Promise<Session> => {
    const server = new Server({ name: service.name, version: '1.0.0' }, { capabilities: { tools: {} }, instructions: instructionsOf(service, tools), jsonSchemaValidator: validator });
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: () => ids.id('mcp_', 24),
      enableJsonResponse: true,
      // A keep-alive interval would tick through the run's virtual time for nothing.
      keepAliveMs: 0,
      onsessioninitialized: (id) => void sessions.set(id, session),
    });
    const session = { server, transport };
    server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: tools.map(listing) }));
    server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
      const spec = tools.find((t) => t.name === request.params.name);
      if (!spec) throw new McpError(ErrorCode.InvalidParams, `Unknown tool: ${request.params.name}`);
      const interrupt = interrupts.get(`${extra.sessionId} ${String(extra.requestId)}`);
      const args = request.params.arguments ?? {};
      const session = extra.sessionId ?? '';
      // Each fault's schedule is asked once per call (no short cut), as on the route.
      const ending = faults.filter((f) => aimsAt(f, spec.name)).filter((f) => f.endsSession?.({ input: args, strike: (detail) => world.history.add({ type: 'fault', fault: f.name, target: session, detail }) }));
      if (ending.length && extra.sessionId) {
        // The session is gone before the call reaches the route: the service never sees it.
        sessions.delete(extra.sessionId);
        note(extra.sessionId, 'session-expired', `the session ended under tools/call ${spec.name}: 404 until the client initializes again`);
        interrupt?.(sessionGone());
        return new Promise<never>(() => {});
      }
      const outcome = await callTool(spec, request.params, extra, routes, service.idempotency);
      if (outcome.kind === 'result') return outcome.result;
      if (outcome.kind === 'jsonrpc-error') throw new McpError(outcome.code, outcome.message);
      // The HTTP exchange itself fails (a reset): no JSON-RPC reply is sent.
      interrupt?.(Response.error());
      return new Promise<never>(() => {});
    });
    await server.connect(transport);
    // What the client says without asking (cancellations), seen before the SDK acts on it.
    const receive = transport.onmessage;
    transport.onmessage = (message, extra) => {
      const m = message as { method?: string; params?: { requestId?: unknown; reason?: unknown; clientInfo?: { name?: string } } };
      if (m.method === 'notifications/cancelled') note(transport.sessionId ?? '', 'cancelled', `request ${String(m.params?.requestId)} cancelled${m.params?.reason ? `: ${String(m.params.reason)}` : ''}`);
      receive?.(message, extra);
      if (m.method === 'initialize') note(transport.sessionId ?? '', 'initialize', `client ${m.params?.clientInfo?.name ?? 'unnamed'}`);
    };
    return session;
  };

  // A tools/call that must end its HTTP exchange without a JSON-RPC reply answers through here.
  const interrupts = new Map<string, Interrupt>();

  return async (request) => {
    const sessionId = request.headers.get('mcp-session-id');
    let body: unknown;
    if (request.method === 'POST') {
      try {
        body = await request.json();
      } catch {
        return rpcError(400, ErrorCode.ParseError, 'Parse error: the body is not JSON');
      }
    }
    if (!sessionId) {
      if (isInitialize(body)) return (await open()).transport.handleRequest(request, { parsedBody: body });
      // No stream outside a session: a client that opens one first is told this endpoint has none yet.
      if (request.method === 'GET') return new Response(null, { status: 405, headers: { allow: 'POST' } });
      return rpcError(400, ErrorCode.InvalidRequest, 'Bad Request: Mcp-Session-Id header is required');
    }
    const session = sessions.get(sessionId);
    if (!session) return sessionGone();
    const calls = callIds(body);
    if (!calls.length) return session.transport.handleRequest(request, { parsedBody: body });
    return new Promise<Response>((resolve, reject) => {
      const keys = calls.map((id) => `${sessionId} ${String(id)}`);
      for (const key of keys) interrupts.set(key, resolve);
      session.transport.handleRequest(request, { parsedBody: body }).then(resolve, reject);
    }).finally(() => {
      for (const id of calls) interrupts.delete(`${sessionId} ${String(id)}`);
    });
  };
}

/** The tool `_meta` entry that says a tool deduplicates repeated calls, and how a client sends its key. */
const IDEMPOTENCY_KEYED = 'io.faultline/idempotency';

/** How a call of `spec` carries an idempotency key, if the service deduplicates it (never a GET). */
function keyedOf(service: Service, spec: ToolSpec): { key: string; field?: string } | undefined {
  if (!service.idempotency || spec.endpoint.method === 'GET') return undefined;
  return { key: IDEMPOTENCY_META, ...('field' in service.idempotency ? { field: service.idempotency.field } : {}) };
}

/**
 * The MCP tool annotations the tool's `effect` says: a read is read-only; anything else changes the
 * world, destructively only when it is `destructive` (an order, a charge or a message adds), and is
 * not idempotent by its arguments (a repeat is a second effect unless it carries the same key).
 */
const annotationsOf = (spec: ToolSpec): NonNullable<Tool['annotations']> => (spec.effect === 'read' ? { readOnlyHint: true } : { readOnlyHint: false, destructiveHint: spec.effect === 'destructive', idempotentHint: false });

/** What the initialize result tells a client of this server: how to send an idempotency key, when its tools take one. */
function instructionsOf(service: Service, tools: ToolSpec[]): string {
  const keyed = tools.filter((t) => keyedOf(service, t)).map((t) => t.name);
  if (!keyed.length) return `The tools of ${service.name}. None deduplicates a repeated call: a call sent again is run again.`;
  const field = service.idempotency && 'field' in service.idempotency ? ` (it reaches the service as the argument ${service.idempotency.field}, when the arguments leave it out)` : '';
  return (
    `The tools of ${service.name}. ${keyed.join(', ')} deduplicate${keyed.length === 1 ? 's' : ''} a repeated call by its idempotency key: send one in the tools/call params as _meta: { '${IDEMPOTENCY_META}': '<key>' }${field}, ` +
    `the same key when you send the same call again (after a timeout or a lost response), a new key for a new call. A repeat with a key already used answers the first call's result and has no second effect. ` +
    `Each such tool says so in its _meta['${IDEMPOTENCY_KEYED}'].`
  );
}

const isInitialize = (body: unknown): boolean => (Array.isArray(body) ? body : [body]).some((m) => (m as { method?: unknown } | null)?.method === 'initialize');

/** The JSON-RPC ids of the `tools/call` requests in a POST body. */
function callIds(body: unknown): Array<string | number> {
  return (Array.isArray(body) ? body : [body]).flatMap((m) => {
    const message = m as { method?: unknown; id?: unknown } | null;
    return message?.method === 'tools/call' && (typeof message.id === 'string' || typeof message.id === 'number') ? [message.id] : [];
  });
}

const rpcError = (status: number, code: number, message: string): Response => new Response(JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null }), { status, headers: { 'content-type': 'application/json' } });

/** What the Streamable HTTP spec says a server answers for a session it no longer knows: 404, and the client must initialize again. */
const sessionGone = (): Response => rpcError(404, -32001, 'Session not found');
