/**
 * A request to an endpoint of the harness's own (the simulated Messages API, a service route the MCP
 * front calls), as it reads one: its URL, method, headers, signal and body text, with no undici
 * Request behind it. Building a Request encodes
 * the body into bytes, wraps them in a stream and ties a signal of its own; reading it back decodes
 * them: on a 100-turn conversation that was an encode and a decode of the whole conversation per
 * turn. Each field is what `new Request(input, init)` gives (the body's text as fetch reads it,
 * a text body's default content-type). Undefined when only a Request will
 * do: a Request given as input, or a body that is not text.
 */
export function requestView(input: RequestInfo | URL, init: RequestInit | undefined): Request | undefined {
  const body = init?.body;
  if (input instanceof Request || (body != null && typeof body !== 'string')) return undefined;
  const text = typeof body === 'string' ? readAsFetchDoes(body) : '';
  const headers = new Headers(init?.headers);
  // As a Request types a text body its caller left untyped.
  if (typeof body === 'string' && !headers.has('content-type')) headers.set('content-type', 'text/plain;charset=UTF-8');
  const view = {
    url: new URL(String(input)).href,
    method: methodOf(input, init),
    headers,
    signal: init?.signal ?? null,
    text: async () => text,
    json: async () => JSON.parse(text) as unknown,
  };
  return view as unknown as Request;
}

/**
 * A string body as this Node's fetch reads it back: encoded as UTF-8 (a lone surrogate becomes
 * U+FFFD), then decoded with up to two leading byte-order marks dropped (undici drops one, then its
 * TextDecoder another).
 */
const readAsFetchDoes = (body: string): string => {
  // Node 20 has both (ES2024); the project's TypeScript lib does not name them yet.
  const checked = body as string & { isWellFormed(): boolean; toWellFormed(): string };
  const text = checked.isWellFormed() ? body : checked.toWellFormed();
  return text.replace(/^\ufeff{1,2}/, '');
};

// As fetch normalizes a method: only these are case-insensitive (`patch` stays `patch`).
const NORMALIZED = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']);

/** The method of a request as fetch names it. */
export const methodOf = (input: RequestInfo | URL, init?: RequestInit): string => {
  const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
  return NORMALIZED.has(method.toUpperCase()) ? method.toUpperCase() : method;
};
