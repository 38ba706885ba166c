import { z } from 'zod';
import { timerMs } from '../timer-ms.ts';
import { onMcpSchedule } from './mcp.ts';
import { defineToolFault, toolTarget, when } from './types.ts';

/**
 * A tools/call hangs before the tool runs: for `delayMs`, then it runs, or (no `delayMs`) until the
 * client gives up. A client that gives up should say so with `notifications/cancelled`, which the
 * server records (an `mcp` event) and which aborts the request on the tool's route; a held call
 * cancelled meanwhile is not run when the hold ends (the spec: a receiver of a cancellation
 * SHOULD stop processing it), so nothing commits after the client gave up.
 */
export const mcpHang = defineToolFault({
  name: 'mcp-hang',
  description: 'an MCP tools/call hangs until the client cancels it (MCP transport only; seed 004 over MCP)',
  params: z.object({ fault: z.literal('mcp-hang'), tool: toolTarget, when, delayMs: timerMs().optional() }).strict(),
  create(params, rng) {
    return onMcpSchedule(this.name, params, rng, async (ctx, next) => {
      if (params.delayMs === undefined) {
        ctx.strike('tools/call hung; no reply until the client cancels');
        return { drop: true };
      }
      ctx.strike(`tools/call held for ${params.delayMs} ms`);
      await ctx.world.sleep(params.delayMs);
      // Cancelled while held: the request already ended (indeterminate) for the client; the tool never runs.
      if (ctx.request.signal?.aborted) return { drop: true };
      return next();
    });
  },
});
