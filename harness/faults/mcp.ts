import { VIA_HEADER, VIA_MCP } from '../services/mcp/markers.ts';
import type { Rng } from '../rng.ts';
import { schedule, type ToolFault, type When } from './types.ts';

/**
 * A fault of the MCP transport: it strikes on its `when` schedule among the tool's calls that came
 * over MCP (a `tools/call` at the service's MCP server), and lets every other request through
 * untouched, so an agent calling the same tool over plain HTTP meets none of it (its run has the
 * fault never struck: its primary check is not-applicable).
 */
export function onMcpSchedule(name: string, params: { tool: string; when: When }, rng: Rng, strike: ToolFault['wrap']): ToolFault {
  const strikes = schedule(params.when, rng);
  return { name, tool: params.tool, wrap: (ctx, next) => (ctx.request.headers.get(VIA_HEADER) === VIA_MCP && strikes(ctx.request.input) ? strike(ctx, next) : next()) };
}
