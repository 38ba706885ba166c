import { apiErrorFault } from './api-error.ts';
import { connectionReset } from './connection-reset.ts';
import { dropReply } from './drop-reply.ts';
import { errorAfterCommit } from './error-after-commit.ts';
import { errorStatus } from './error-status.ts';
import { injectInstructions } from './inject-instructions.ts';
import { latency } from './latency.ts';
import { mcpError } from './mcp-error.ts';
import { mcpHang } from './mcp-hang.ts';
import { mcpLostResponse } from './mcp-lost-response.ts';
import { mcpSessionExpired } from './mcp-session-expired.ts';
import { mcpToolsChanged } from './mcp-tools-changed.ts';
import { reorder } from './reorder.ts';
import { shapeChange } from './shape-change.ts';
import { slowReply } from './slow-reply.ts';
import { reusedToolId } from './reused-tool-id.ts';
import { sseCut } from './sse-cut.ts';
import { stopSequence } from './stop-sequence.ts';
import { streamError } from './stream-error.ts';
import { stripData } from './strip-data.ts';
import { verboseReply } from './verbose-reply.ts';
import type { ToolFaultPackage } from './types.ts';

/** Every tool-service fault package, by name. Adding a fault is adding one file and one entry. */
export const toolFaults = {
  'connection-reset': connectionReset,
  'drop-reply': dropReply,
  'error-after-commit': errorAfterCommit,
  'error-status': errorStatus,
  'inject-instructions': injectInstructions,
  latency,
  'mcp-error': mcpError,
  'mcp-hang': mcpHang,
  'mcp-lost-response': mcpLostResponse,
  'mcp-session-expired': mcpSessionExpired,
  'mcp-tools-changed': mcpToolsChanged,
  reorder,
  'shape-change': shapeChange,
  'slow-reply': slowReply,
  'strip-data': stripData,
  'verbose-reply': verboseReply,
  // biome-ignore lint/suspicious/noExplicitAny: each package takes its own parameters; a function of them is no function of unknown.
} satisfies Record<string, ToolFaultPackage<any>>;

/** Every Messages API fault package, by name. */
export const apiFaults = {
  'api-error': apiErrorFault,
  'reused-tool-id': reusedToolId,
  'sse-cut': sseCut,
  'stop-sequence': stopSequence,
  'stream-error': streamError,
  // biome-ignore lint/suspicious/noExplicitAny: as toolFaults above.
} satisfies Record<string, import('./types.ts').ApiFaultPackage<any>>;
