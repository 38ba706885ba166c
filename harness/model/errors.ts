/** The error `type`s of the real Messages API, by HTTP status. */
const TYPE_BY_STATUS: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  529: 'overloaded_error',
};

export type ApiErrorInit = { status: number; message: string; requestId: string; headers?: Record<string, string>; details?: unknown };

/** An error response in the real API's shape: `{type:'error', error:{type,message}, request_id}` plus a `request-id` header. */
export function apiError({ status, message, requestId, headers, details }: ApiErrorInit): Response {
  const error: Record<string, unknown> = { type: TYPE_BY_STATUS[status] ?? 'api_error', message };
  if (details !== undefined) error.details = details;
  return new Response(JSON.stringify({ type: 'error', error, request_id: requestId }), {
    status,
    headers: { 'content-type': 'application/json', 'request-id': requestId, ...headers },
  });
}

export class ContractError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}
