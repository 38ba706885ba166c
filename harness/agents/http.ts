import type { Tool } from '@anthropic-ai/sdk/resources/messages';
import type { ToolSpec } from './types.ts';

export type HttpReply = { status: number; text: string; headers: Headers };

/** Calls a tool's endpoint: JSON body, or the input as a query string for GET. */
export async function callEndpoint(
  spec: ToolSpec,
  input: unknown,
  options: { credential?: string; idempotencyKey?: string; signal?: AbortSignal },
): Promise<HttpReply> {
  const { method, url } = spec.endpoint;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.credential) headers.authorization = `Bearer ${options.credential}`;
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  let target = url;
  let body: string | undefined;
  if (method === 'GET') {
    const query = new URLSearchParams(Object.entries((input ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
    target = `${url}?${query}`;
  } else {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(input ?? {});
  }
  const response = await fetch(target, { method, headers, body, signal: options.signal });
  return { status: response.status, text: await response.text(), headers: response.headers };
}

/** The tool definitions to send the API: the spec less what only the runtime needs. */
export function apiTools(specs: ToolSpec[]): Tool[] {
  return specs.map(({ name, description, input_schema, strict }) => ({ name, description, input_schema, ...(strict ? { strict } : {}) }) as Tool);
}
