import type { Tool } from '@anthropic-ai/sdk/resources/messages';
import type { ToolSpec } from './types.ts';

export type HttpReply = { status: number; text: string; headers: Headers };

type CallOptions = { credential?: string; idempotencyKey?: string; signal?: AbortSignal };

/**
 * The request a runtime sends for a call of a tool: each `:name` segment of its path filled from the
 * input's `name`, the rest of the input as a JSON body, or as a query string for GET.
 */
export function endpointRequest(spec: ToolSpec, input: unknown, options: CallOptions): { url: string; init: RequestInit } {
  const { method, url } = spec.endpoint;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.credential) headers.authorization = `Bearer ${options.credential}`;
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  const { path, rest } = fillPath(url, (input ?? {}) as Record<string, unknown>);
  if (method === 'GET') return { url: `${path}?${new URLSearchParams(Object.entries(rest).map(([k, v]) => [k, String(v)]))}`, init: { method, headers, signal: options.signal ?? null } };
  headers['content-type'] = 'application/json';
  return { url: path, init: { method, headers, body: JSON.stringify(rest), signal: options.signal ?? null } };
}

/** Calls a tool's endpoint (`endpointRequest`) with the global fetch. */
export async function callEndpoint(spec: ToolSpec, input: unknown, options: CallOptions): Promise<HttpReply> {
  const { url, init } = endpointRequest(spec, input, options);
  const response = await fetch(url, init);
  return { status: response.status, text: await response.text(), headers: response.headers };
}

/** `url` with its `:name` path segments taken from `input`, and the input left for the query or body. */
function fillPath(url: string, input: Record<string, unknown>): { path: string; rest: Record<string, unknown> } {
  if (!url.includes('/:')) return { path: url, rest: input };
  const rest = { ...input };
  const path = url.replace(/\/:([A-Za-z_][\w]*)/g, (_, name: string) => {
    const value = rest[name];
    delete rest[name];
    return `/${encodeURIComponent(String(value ?? ''))}`;
  });
  return { path, rest };
}

/** The tool definitions to send the API: the spec less what only the runtime needs. */
export function apiTools(specs: ToolSpec[]): Tool[] {
  return specs.map(({ name, description, input_schema, strict }) => ({ name, description, input_schema, ...(strict ? { strict } : {}) }) as Tool);
}
