import { z } from 'zod';
import { onMcpSchedule } from './mcp.ts';
import { moveFields } from './shape-change.ts';
import { defineToolFault, toolTarget, when } from './types.ts';

/**
 * The tool changes between `tools/list` and `tools/call` without saying so (schema drift over MCP,
 * seed 002 case 5): the reply is reshaped, each `from` field moved to the dotted path `to` as
 * `shape-change` does, while the server keeps listing the old output schema and sends no
 * `notifications/tools/list_changed`. The reply then breaks the schema the server lists, which the
 * spec says a server must not do and a client should check: one that validates results against
 * the listed output schema (listed once or again) catches it; one that hands the model whatever
 * comes back does not. A declared change (a new listing and list_changed) is not simulated: the
 * checks judge replies against the scenario's one `responseSchema`.
 */
export const mcpToolsChanged = defineToolFault({
  name: 'mcp-tools-changed',
  description: 'the tool changes between list and call, undeclared: replies take a new shape the listed output schema refuses (MCP transport only)',
  params: z.object({ fault: z.literal('mcp-tools-changed'), tool: toolTarget, when, move: z.record(z.string(), z.string()) }).strict(),
  create(params, rng) {
    return onMcpSchedule(this.name, params, rng, async (ctx, next) => {
      const reply = await next();
      if (reply.status >= 300 || typeof reply.body !== 'object' || reply.body === null) return reply;
      const moves = Object.entries(params.move).map(([f, t]) => `${f}→${t}`);
      ctx.strike(`reply reshaped, the listing unchanged (no list_changed): ${moves.join(', ')}`);
      return { ...reply, body: moveFields(reply.body as Record<string, unknown>, params.move) };
    });
  },
});
