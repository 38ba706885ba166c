import { z } from 'zod';
import { markReply } from '../services/mcp/markers.ts';
import { onMcpSchedule } from './mcp.ts';
import { defineToolFault, toolTarget, when } from './types.ts';

/**
 * A tools/call fails at the MCP server: as a JSON-RPC error (`as: 'jsonrpc'`, the protocol's own
 * error, which a client raises instead of handing the model a tool result) or as a tool result with
 * `isError: true` (`as: 'tool'`). With `commit: true` the tool has already committed.
 */
export const mcpError = defineToolFault({
  name: 'mcp-error',
  description: 'an MCP tools/call fails: a JSON-RPC error, or a tool result with isError (MCP transport only)',
  params: z
    .object({
      fault: z.literal('mcp-error'),
      tool: toolTarget,
      when,
      as: z.enum(['jsonrpc', 'tool']).default('jsonrpc'),
      code: z.number().int().default(-32603),
      commit: z.boolean().default(false),
    })
    .strict(),
  create(params, rng) {
    return onMcpSchedule(this.name, params, rng, async (ctx, next) => {
      if (params.commit) await next();
      const committed = params.commit ? 'committed; ' : '';
      const body = { error: 'internal_error', message: 'the tool failed inside the MCP server' };
      if (params.as === 'tool') {
        ctx.strike(`${committed}answered a tool result with isError`);
        return { status: 500, body };
      }
      ctx.strike(`${committed}answered JSON-RPC error ${params.code}`);
      // 502: the client got no tool result at all, so the call's outcome is indeterminate.
      return { status: 502, body, headers: markReply({ kind: 'jsonrpc-error', code: params.code }) };
    });
  },
});
