import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { markReply } from '../services/mcp/markers.ts';
import { onMcpSchedule } from './mcp.ts';
import { moveFields } from './shape-change.ts';
import { defineToolFault, toolTarget, when } from './types.ts';

/**
 * The tool changes between `tools/list` and `tools/call` (schema drift over MCP, seed 002 case 5):
 * when it strikes, the server's listing of the tool changes (its output schema follows `move`), it
 * sends `notifications/tools/list_changed`, and the reply is reshaped: each `from` field moves to
 * the dotted path `to`, as `shape-change` does. A client that validates against the schema it
 * listed, or re-lists and notices, can tell; one that hands the model whatever comes back cannot.
 */
export const mcpToolsChanged = defineToolFault({
  name: 'mcp-tools-changed',
  description: 'the tool list changes between list and call (list_changed sent); replies take the new shape (MCP transport only)',
  params: z.object({ fault: z.literal('mcp-tools-changed'), tool: toolTarget, when, move: z.record(z.string(), z.string()) }).strict(),
  create(params, rng) {
    const fault = onMcpSchedule(this.name, params, rng, async (ctx, next) => {
      const reply = await next();
      if (reply.status >= 300 || typeof reply.body !== 'object' || reply.body === null) return reply;
      const moves = Object.entries(params.move).map(([f, t]) => `${f}→${t}`);
      ctx.strike(`tools/list changed (list_changed sent); reply reshaped: ${moves.join(', ')}`);
      return { ...reply, body: moveFields(reply.body as Record<string, unknown>, params.move), headers: { ...reply.headers, ...markReply({ kind: 'tools-changed' }) } };
    });
    return { ...fault, listed: (tool: Tool): Tool => ({ ...tool, ...(tool.outputSchema ? { outputSchema: movedSchema(tool.outputSchema, params.move) } : {}) }) };
  },
});

/** The output schema after `move`: the moved fields gone, each destination's top field present (an array for an index path). */
function movedSchema(schema: NonNullable<Tool['outputSchema']>, move: Record<string, string>): NonNullable<Tool['outputSchema']> {
  const properties: Record<string, object> = { ...(schema.properties as Record<string, object> | undefined) };
  const moved = new Set(Object.keys(move));
  for (const from of moved) delete properties[from];
  for (const to of Object.values(move)) {
    const [top, index] = to.split('.');
    if (top) properties[top] = /^\d+$/.test(index ?? '') ? { type: 'array' } : { type: 'object' };
  }
  const required = (schema.required ?? []).filter((r) => !moved.has(r));
  return { ...schema, properties, required };
}
