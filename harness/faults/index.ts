import { apiErrorFault } from './api-error.ts';
import { dropReply } from './drop-reply.ts';
import { errorAfterCommit } from './error-after-commit.ts';
import { errorStatus } from './error-status.ts';
import { latency } from './latency.ts';
import { reorder } from './reorder.ts';
import { shapeChange } from './shape-change.ts';
import { slowReply } from './slow-reply.ts';
import type { ToolFaultPackage } from './types.ts';

/** Every tool-service fault package, by name. Adding a fault is adding one file and one entry. */
export const toolFaults = {
  'drop-reply': dropReply,
  'error-after-commit': errorAfterCommit,
  'error-status': errorStatus,
  latency,
  reorder,
  'shape-change': shapeChange,
  'slow-reply': slowReply,
} satisfies Record<string, ToolFaultPackage<any>>;

/** Every Messages API fault package, by name. */
export const apiFaults = { 'api-error': apiErrorFault } satisfies Record<string, import('./types.ts').ApiFaultPackage<any>>;
