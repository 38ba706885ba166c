import { z } from 'zod';
import { onMcpSchedule } from './mcp.ts';
import { defineToolFault, toolTarget, when } from './types.ts';

/** The tool commits and the JSON-RPC response to the tools/call is never delivered: the client can only time out (and cancel). */
export const mcpLostResponse = defineToolFault({
  name: 'mcp-lost-response',
  description: 'an MCP tools/call commits and its response is never delivered (MCP transport only; seed 000 mode 2 over MCP)',
  params: z.object({ fault: z.literal('mcp-lost-response'), tool: toolTarget, when, commit: z.boolean().default(true) }).strict(),
  create(params, rng) {
    return onMcpSchedule(this.name, params, rng, async (ctx, next) => {
      if (params.commit) await next();
      ctx.strike(params.commit ? 'committed; MCP response lost' : 'tools/call swallowed; no MCP response');
      return { drop: true };
    });
  },
});
