import { createMCPClient, type MCPClient } from '@ai-sdk/mcp';
import type { ToolSet } from 'ai';
import { generateWithTools } from './ai-sdk.ts';
import type { Agent } from './types.ts';

/**
 * The Vercel AI SDK's own MCP client (`@ai-sdk/mcp`'s `createMCPClient` with its HTTP transport),
 * as its docs show it: one client per MCP server of the run, their tools (listed over MCP) handed
 * to `generateText`, every tool call made over MCP, the clients closed at the end. Nothing is
 * hardened beyond the library's defaults (no call timeout, no retries): its verdicts are reported
 * as found. It speaks only MCP: without `env.mcp` it has no tools to call.
 */
export const mcpAgent: Agent = {
  name: 'mcp-agent',
  async run(task, env) {
    const clients: MCPClient[] = [];
    try {
      for (const server of env.mcp?.servers ?? []) {
        clients.push(await createMCPClient({ transport: { type: 'http', url: server.url, headers: { authorization: `Bearer ${env.credential}` } } }));
      }
      const tools: ToolSet = {};
      for (const client of clients) Object.assign(tools, await client.tools());
      return await generateWithTools(task, env, tools);
    } finally {
      await Promise.all(clients.map((c) => c.close()));
    }
  },
};
