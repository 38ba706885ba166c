import type { ToolSpec } from '../../agents/types.ts';
import type { World } from '../../world.ts';
import { routeOf, type ServedRoute } from '../serve.ts';
import type { Service } from '../types.ts';
import { asRealWork } from '../../real-work.ts';
import type { ToolFault } from '../../faults/types.ts';

/** Where a service's MCP server answers, on the service's own host. */
const MCP_PATH = '/mcp';

// The MCP SDK's server takes a second or so to load: only a run whose agent speaks MCP pays for it,
// once per process, on its first MCP request, with virtual time held while it loads.
let front: Promise<typeof import('./front.ts')> | undefined;
const loadFront = () => asRealWork((front ??= import('./front.ts')));

/** One service's MCP server as an agent is told of it (`AgentEnv.mcp`). */
export type McpServerInfo = { name: string; url: string; tools: string[] };

/**
 * The MCP server of every service some tool of the scenario reaches, as routes at
 * `${service.host}/mcp` (POST, GET and DELETE: Streamable HTTP), beside the service's own routes
 * and served the same way (the run's fetch, or MSW); and what the agent is told of them.
 */
export function mcpRoutes(world: World, services: Service[], routes: ServedRoute[], tools: readonly ToolSpec[], faults: ToolFault[]): { routes: ServedRoute[]; servers: McpServerInfo[] } {
  const served: ServedRoute[] = [];
  const servers: McpServerInfo[] = [];
  for (const service of services) {
    const own = routes.filter((r) => r.url.startsWith(`${service.host}/`));
    const reaching = tools.filter((t) => routeOf(own, t.endpoint));
    if (!reaching.length) continue;
    const url = `${service.host}${MCP_PATH}`;
    let handle: Promise<(request: Request) => Promise<Response>> | undefined;
    const serve = async (request: Request) => (await (handle ??= loadFront().then((m) => m.mcpFront(world, service, reaching, own, faults))))(request);
    for (const method of ['POST', 'GET', 'DELETE'] as const) served.push({ method, url, handle: serve });
    servers.push({ name: service.name, url, tools: reaching.map((t) => t.name) });
  }
  return { routes: served, servers };
}
