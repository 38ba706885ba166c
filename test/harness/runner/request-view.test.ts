import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requestView } from '../../../harness/runner/request-view.ts';

/** What the simulated API reads of a request: the same from a view as from the Request fetch would build. */
async function read(request: Request) {
  return { url: request.url, method: request.method, headers: [...request.headers], text: await request.text() };
}

describe('requestView', () => {
  it('reads as new Request(input, init) reads: URL, method, headers and body text', async () => {
    const text = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.constantFrom('\ufeff{"a":1}', '\ud800', 'a\udc00b', '\ufeff\ufeff', '\ufeff\ufeff\ufeffx', 'a\ufeff', ''));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('https://api.anthropic.com/v1/messages', 'https://API.anthropic.com:443/v1/./messages?beta=true#x', 'https://api.anthropic.com/v1/models'),
        fc.constantFrom('post', 'POST', 'Post', 'get', 'patch', undefined),
        fc.dictionary(fc.constantFrom('x-api-key', 'Content-Type', 'anthropic-version', 'ACCEPT'), fc.string({ unit: fc.constantFrom('a', 'Z', '1', ' ', '-', '/') })),
        fc.option(text, { nil: undefined }),
        async (url, method, headers, body) => {
          const init: RequestInit = { ...(method ? { method } : {}), headers, ...(body === undefined || ['GET', 'get'].includes(method ?? 'GET') ? {} : { body }) };
          const view = requestView(url, init);
          expect(view).toBeDefined();
          expect(await read(view as Request)).toEqual(await read(new Request(url, init)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives way to a Request when only one will do: a Request as input, a body that is not text', () => {
    expect(requestView(new Request('https://api.anthropic.com/v1/messages'), undefined)).toBeUndefined();
    expect(requestView('https://api.anthropic.com/v1/messages', { method: 'POST', body: new Uint8Array([123, 125]) })).toBeUndefined();
    expect(requestView('https://api.anthropic.com/v1/messages', { method: 'POST', body: new URLSearchParams('a=1') })).toBeUndefined();
  });
});
