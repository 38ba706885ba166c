/**
 * How the MCP front of a service and the MCP faults speak to each other through the request path
 * every tool call takes (serve.ts): the front marks the requests it sends, and an MCP fault marks the
 * reply it wants the front to turn into something HTTP cannot say (a JSON-RPC error). Headers only: neither reaches the history.
 */

/** On a request the MCP front sent for a `tools/call`: what MCP faults strike, and nothing else does. */
export const VIA_HEADER = 'x-faultline-via';
export const VIA_MCP = 'mcp';

/** On a reply an MCP fault made: what the MCP front answers instead of a tool result. */
const MCP_REPLY_HEADER = 'x-faultline-mcp-reply';

export type McpReplyMark = { kind: 'jsonrpc-error'; code: number };

export const markReply = (mark: McpReplyMark): Record<string, string> => ({ [MCP_REPLY_HEADER]: `${mark.kind} ${mark.code}` });

/** The mark on a reply, from its headers (`header` reads one by its lower-case name). */
export function replyMark(header: (name: string) => string | null): McpReplyMark | undefined {
  const value = header(MCP_REPLY_HEADER);
  if (!value) return undefined;
  const [kind, code] = value.split(' ');
  return kind === 'jsonrpc-error' ? { kind, code: Number(code) } : undefined;
}
