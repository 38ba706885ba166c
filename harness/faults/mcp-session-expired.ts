import { z } from 'zod';
import { markReply } from '../services/mcp/markers.ts';
import { onMcpSchedule } from './mcp.ts';
import { defineToolFault, toolTarget, when } from './types.ts';

/**
 * The MCP session ends under a tools/call: the server answers it 404, as the Streamable HTTP spec
 * says for a session it no longer knows, before the tool runs (the request log shows it refused,
 * 404, nothing committed). Every later request on that session is 404 too; a client must send a
 * new `initialize` and call again.
 */
export const mcpSessionExpired = defineToolFault({
  name: 'mcp-session-expired',
  description: 'the MCP session expires: a tools/call is answered 404 and the client must initialize again (MCP transport only)',
  params: z.object({ fault: z.literal('mcp-session-expired'), tool: toolTarget, when }).strict(),
  create(params, rng) {
    return onMcpSchedule(this.name, params, rng, async (ctx) => {
      ctx.strike('session expired: tools/call answered 404 before the tool ran');
      return { status: 404, body: { error: 'session_not_found', message: 'Session not found' }, headers: markReply({ kind: 'session-expired' }) };
    });
  },
});
