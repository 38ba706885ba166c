import { createMCPClient } from '@ai-sdk/mcp';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { CallToolRequestSchema, LATEST_PROTOCOL_VERSION } from '@modelcontextprotocol/sdk/types.js';
import { endpointRequest } from '../agents/http.ts';
import { VirtualClock } from '../clock.ts';
import { Rng } from '../rng.ts';
import { directFetch } from '../runner/direct-fetch.ts';
import { instantiate } from '../services/instantiate.ts';
import { mcpRoutes } from '../services/mcp/routes.ts';
import { ordersService } from '../services/orders.ts';
import { serviceRoutes } from '../services/serve.ts';
import { REQUESTER, World } from '../world.ts';
import { tools } from '../../scenarios/tools.ts';

const ARGS = { sku: 'A1', quantity: 2 };

/**
 * Microseconds per tool call, client included, through the run's own fetch (as an agent makes it):
 * a plain HTTP call of place_order (`endpointRequest` + fetch + the body read), and the same call
 * over MCP with the session already open: as a bare JSON-RPC POST (what the MCP server adds), by the
 * MCP SDK's Client, and by the AI SDK's MCP client (mcp-agent's). Each call is a request on the orders route with a commit. Rounds alternate; medians.
 * `sdkServerAlone` is the floor under any MCP server built on the SDK: its server and transport
 * answering a tools/call whose handler returns a fixed result, with no fetch, no Request and no
 * service behind it.
 */
export async function mcpCallCosts(rounds: number, calls: number): Promise<Record<'http' | 'mcpJsonRpc' | 'mcpSdkClient' | 'aiSdkMcpClient' | 'sdkServerAlone', number>> {
  const paths = {
    http: async (fetch: typeof globalThis.fetch, credential: string) => {
      const { url, init } = endpointRequest(tools.place_order, ARGS, { credential });
      return async () => void (await (await fetch(url, init)).text());
    },
    // The same tools/call as a bare JSON-RPC POST in an open session: what the MCP server itself adds, no client library.
    mcpJsonRpc: async (fetch: typeof globalThis.fetch, credential: string) => {
      const client = new Client({ name: 'bench', version: '1.0.0' });
      const transport = new StreamableHTTPClientTransport(new URL('https://orders.sim/mcp'), { fetch, requestInit: { headers: { authorization: `Bearer ${credential}` } } });
      await client.connect(transport);
      const headers = {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        'mcp-session-id': transport.sessionId ?? '',
        'mcp-protocol-version': transport.protocolVersion ?? '',
        authorization: `Bearer ${credential}`,
      };
      let id = 0;
      const body = () => JSON.stringify({ jsonrpc: '2.0', id: ++id, method: 'tools/call', params: { name: 'place_order', arguments: ARGS } });
      return async () => void (await (await fetch('https://orders.sim/mcp', { method: 'POST', headers, body: body() })).text());
    },
    mcpSdkClient: async (fetch: typeof globalThis.fetch, credential: string) => {
      const client = new Client({ name: 'bench', version: '1.0.0' });
      await client.connect(new StreamableHTTPClientTransport(new URL('https://orders.sim/mcp'), { fetch, requestInit: { headers: { authorization: `Bearer ${credential}` } } }));
      return async () => void (await client.callTool({ name: 'place_order', arguments: ARGS }));
    },
    aiSdkMcpClient: async (fetch: typeof globalThis.fetch, credential: string) => {
      const client = await createMCPClient({ transport: { type: 'http', url: 'https://orders.sim/mcp', headers: { authorization: `Bearer ${credential}` }, fetch } });
      const placeOrder = (await client.tools()).place_order as unknown as { execute(input: unknown, options: unknown): Promise<unknown> };
      return async () => void (await placeOrder.execute(ARGS, { toolCallId: 'bench', messages: [] }));
    },
    sdkServerAlone: async () => sdkServerAlone(),
  };
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(paths).map((k) => [k, []]));
  for (let round = 0; round < rounds + 1; round++) {
    for (const [name, open] of Object.entries(paths)) {
      const world = new World(new Rng(round), new VirtualClock(), REQUESTER);
      const services = [instantiate(ordersService, { skus: { A1: { name: 'peas', unitPrice: 1 } } })];
      const routes = serviceRoutes(world, services, [], [tools.place_order]);
      const fetch = directFetch([...routes, ...mcpRoutes(world, services, routes, [tools.place_order], []).routes], () => Promise.reject(new Error('bench: unserved request')));
      const call = await open(fetch, world.userToken);
      const start = performance.now();
      for (let i = 0; i < calls; i++) await call();
      // Round 0 warms up.
      if (round) times[name]?.push(((performance.now() - start) * 1000) / calls);
    }
  }
  const median = (t: number[]) => [...t].sort((a, b) => a - b)[t.length >> 1] as number;
  return Object.fromEntries(Object.entries(times).map(([k, t]) => [k, median(t)])) as Awaited<ReturnType<typeof mcpCallCosts>>;
}

/** A tools/call answered by the MCP SDK's server alone, in an open session: the reply place_order gives, as a fixed result. */
async function sdkServerAlone(): Promise<() => Promise<void>> {
  const server = new Server({ name: 'bench', version: '1.0.0' }, { capabilities: { tools: {} } });
  const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: () => 'bench', enableJsonResponse: true });
  const order = { order_id: 'ord_1', sku: 'A1', quantity: 2, total: 2, status: 'placed' };
  server.setRequestHandler(CallToolRequestSchema, () => ({ content: [{ type: 'text', text: JSON.stringify(order) }], structuredContent: { ...order } }));
  await server.connect(transport);
  // Only what the transport reads of a request (its method, URL and headers): no undici Request to build.
  const post = (headers: Record<string, string>, body: unknown) =>
    transport.handleRequest({ method: 'POST', url: 'https://orders.sim/mcp', headers: new Headers({ 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers }) } as Request, { parsedBody: body });
  await (await post({}, { jsonrpc: '2.0', id: 0, method: 'initialize', params: { protocolVersion: LATEST_PROTOCOL_VERSION, capabilities: {}, clientInfo: { name: 'bench', version: '1.0.0' } } })).text();
  const session = { 'mcp-session-id': 'bench', 'mcp-protocol-version': LATEST_PROTOCOL_VERSION };
  await post(session, { jsonrpc: '2.0', method: 'notifications/initialized' });
  let id = 0;
  return async () => void (await (await post(session, { jsonrpc: '2.0', id: ++id, method: 'tools/call', params: { name: 'place_order', arguments: ARGS } })).text());
}
