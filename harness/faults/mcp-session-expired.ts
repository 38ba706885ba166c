import { z } from 'zod';
import { defineToolFault, schedule, toolTarget, when } from './types.ts';

/**
 * The MCP session ends under a tools/call: the MCP server answers it 404, as the Streamable HTTP
 * spec says for a session it no longer knows, before the call reaches the tool's route (the
 * service never sees it: no `tool-request`, nothing committed; an `mcp` event `session-expired`).
 * Every later request on that session is 404 too; a client must send a new `initialize` and call
 * again. The MCP server asks `endsSession` of each call; on the route the fault lets all through.
 */
export const mcpSessionExpired = defineToolFault({
  name: 'mcp-session-expired',
  description: 'the MCP session expires: a tools/call is answered 404 and the client must initialize again (MCP transport only)',
  params: z.object({ fault: z.literal('mcp-session-expired'), tool: toolTarget, when }).strict(),
  create(params, rng) {
    const strikes = schedule(params.when, rng);
    return {
      name: this.name,
      tool: params.tool,
      wrap: (_ctx, next) => next(),
      endsSession: ({ input, strike }) => strikes(input) && (strike('session expired under the tools/call: answered 404 before it reached the tool'), true),
    };
  },
});
