import { ContractError } from './errors.ts';
import type { MessagesRequest } from './types.ts';
import { type Passed, validateMessages } from './validate-messages.ts';
import { validateToolChoice, validateTools } from './validate-tools.ts';

/** The `anthropic-version` values the API answers; the SDK sends the newest. */
export const API_VERSIONS = ['2023-06-01', '2026-10-21'] as const;
export type ApiVersion = (typeof API_VERSIONS)[number];
const LATEST_VERSION: ApiVersion = '2026-10-21';

// The body fields of a Messages request (the SDK's MessageCreateParams, beta ones included);
// `user_profile_id`, `workspace_id` and `betas` travel as headers.
const FIELDS = new Set([
  'model',
  'max_tokens',
  'messages',
  'system',
  'tools',
  'tool_choice',
  'stop_sequences',
  'stream',
  'metadata',
  'thinking',
  'output_config',
  'output_format',
  'service_tier',
  'speed',
  'inference_geo',
  'cache_control',
  'container',
  'context_management',
  'diagnostics',
  'mcp_servers',
  'thread',
  'compaction',
  'fallbacks',
  'fallback_credit_token',
  'billing_policy',
]);
// A count request (the SDK's MessageCountTokensParams) has what shapes the input, nothing about the output.
const COUNT_FIELDS = new Set(['model', 'messages', 'system', 'tools', 'tool_choice', 'thinking', 'output_config', 'output_format', 'speed', 'cache_control', 'context_management', 'mcp_servers', 'compaction', 'billing_policy']);
// API version 2026-10-21 removed the sampling parameters; 2023-06-01 still takes them, within range.
const SAMPLING = { temperature: [0, 1], top_p: [0, 1], top_k: [0, Infinity] } as const;

/**
 * Checks a request body against the API's contract and throws the 400 the real API would send, so
 * a runtime bug (a `tool_use` left without its `tool_result`) fails here the way it does in production.
 * A threaded request is checked after its thread's stored messages are put in front of it. A count
 * request (`POST /v1/messages/count_tokens`) has no `max_tokens` and no `stream`. `passed`: the
 * conversation's last request that passed, so the messages it shares are not checked again.
 */
export function validateRequest(body: unknown, version: ApiVersion = LATEST_VERSION, kind: 'create' | 'count' = 'create', passed?: Passed): asserts body is MessagesRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ContractError(400, 'The request body is not a JSON object.');
  const req = body as Record<string, unknown>;
  for (const key of Object.keys(req)) {
    const sampling = kind === 'create' && key in SAMPLING && version === '2023-06-01';
    if (!(kind === 'create' ? FIELDS : COUNT_FIELDS).has(key) && !sampling) throw new ContractError(400, `${key}: Extra inputs are not permitted`);
  }
  if (typeof req.model !== 'string' || !req.model) throw new ContractError(400, 'model: Field required');
  if (kind === 'create' && (!Number.isInteger(req.max_tokens) || (req.max_tokens as number) < 1)) throw new ContractError(400, 'max_tokens: Field required');
  if (!Array.isArray(req.messages)) throw new ContractError(400, 'messages: Field required');
  validateSampling(req);
  if (req.stop_sequences !== undefined && !(Array.isArray(req.stop_sequences) && req.stop_sequences.every((s) => typeof s === 'string'))) throw new ContractError(400, 'stop_sequences: Input should be a valid list of strings');
  validateTools(req.tools);
  validateToolChoice(req.tool_choice, req.tools as MessagesRequest['tools']);
  validateMessages(req.messages as MessagesRequest['messages'], passed);
}

function validateSampling(req: Record<string, unknown>): void {
  for (const [key, [min, max]] of Object.entries(SAMPLING)) {
    const value = req[key];
    if (value === undefined) continue;
    if (typeof value !== 'number' || (key === 'top_k' && !Number.isInteger(value))) throw new ContractError(400, `${key}: Input should be a valid ${key === 'top_k' ? 'integer' : 'number'}`);
    if (value < min) throw new ContractError(400, `${key}: Input should be greater than or equal to ${min}`);
    if (value > max) throw new ContractError(400, `${key}: Input should be less than or equal to ${max}`);
  }
}
